"""The text of a draft award file read from an announcement (issue 29).

Written by hand, not dumped, so that it reads like the files editors write:
comments where the editor has something to do, short mappings on one line, and
empty values where a fact is not known, which `awards check` then lists by line.
"""

from __future__ import annotations

from typing import Any

import yaml

from generator import languages
from generator.load.announcement import Announcement
from generator.load.importyear import TierOut

DGA = {"th": "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน) (DGA)",
       "en": "Digital Government Development Agency (Public Organization) (DGA)"}
AWARD_EN = {"รางวัลท้องถิ่นดิจิทัล": "Digital Local Government Awards"}


def flow(value: Any) -> str:
    """A value as YAML on one line; empty for None (YAML's null)."""
    if value is None:
        return ""
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, sort_keys=False,
                          width=10_000).strip().removesuffix("...").strip()


def pair(th: Any, en: Any) -> str:
    return "{th: " + flow(th) + ", en: " + flow(en) + "}"


def draft_text(be: int, schema: str, source: str, found: Announcement, tiers: list[TierOut],
               name: dict[str, str | None], edition: int | None) -> str:
    ce = languages.ce(be)
    award = found.award if found.award and found.year == be else None
    name_th = f"{award} ประจำปี {be}" if award else name["th"]
    # the latest year's English name fits only its own Thai name: 2565's "DGTi Local
    # Government Awards" is not the English of 2566's รางวัลท้องถิ่นดิจิทัล
    carried = name["en"] if name["th"] == name_th else None
    name_en = carried or (f"{AWARD_EN[award]} {ce}" if award in AWARD_EN else None)
    date = found.announced.isoformat() if found.announced else None
    lines = [
        f"# yaml-language-server: $schema={schema}",
        f"# The {be} ({ce}) award year, read by `awards new-year {be} --from` from",
        f"# {source}. Thai names and titles are as the announcement writes them (with",
        "# abbreviated LAO types written out). Fill in each empty field: `awards check`",
        "# lists them by line. A draft is checked but not published: delete `draft: true`",
        "# when the year is ready.",
        f"year: {be}",
        "draft: true",
    ]
    if edition is not None:
        lines.append(f"edition: {edition}")
    lines += ["name:", f"  th: {flow(name_th)}", f"  en: {flow(name_en)}",
              f"announced: {date or ''}" + ("" if date else f"   # not found: as {ce}-10-10")]
    if found.venue:
        lines += ["venue:", f"  th: {flow(found.venue)}", "  en:"]
    if found.submissions is not None:
        if found.submissions_exact:
            lines.append(f"submissions: {found.submissions}")
        else:
            lines.append(f"# submissions: {found.submissions}   # the announcement says more "
                         f"than {found.submissions} (กว่า), not how many")
    if found.applicants is not None:
        lines.append(f"applicants: {found.applicants}")
    lines += ["sources:", "  - title:", f"      th: {flow(found.title)}", "      en:",
              "    publisher:", f"      th: {flow(DGA['th'])}", f"      en: {flow(DGA['en'])}",
              f"    date: {date or ''}"
              + ("   # the ceremony's: correct it if the announcement has its own date"
                 if date else f"   # as {ce}-10-10"),
              "    # url: https://...   # where it is published; leave it out if it is not online",
              "tiers:"]
    for tier in tiers:
        lines.append(f"  - id: {tier.id}" + ("   # a tier no earlier year has: confirm its "
                                             "id and English name" if tier.new else ""))
        lines += [f"    name: {pair(tier.th, tier.en)}", "    winners:"]
        for winner in tier.winners:
            item = winner.item
            lines += [f"      - id: {winner.id}" + ("" if winner.lao_en else
                                                    "   # made without the English name: "
                                                    "choose it with that name"),
                      f"        lao: {pair(item.lao, winner.lao_en)}",
                      f"        type: {item.type.slug}",
                      f"        province: {flow(winner.province)}"]
            if winner.district:
                lines.append(f"        district: {pair(winner.district.th, winner.district.en)}")
            lines += ["        project:", f"          th: {flow(item.project)}", "          en:"]
    return "\n".join(lines) + "\n"
