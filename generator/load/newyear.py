"""awards new-year BE [--from FILE]: a new award file, a draft (contract §5).

Without an announcement it copies what carries over from the latest year (its
tiers, the edition count, the award's name with the year changed) and leaves
every fact of the new year empty, so that `awards check` names each one still
missing, with its line. With DGA's announcement (importyear.py) it fills in
every fact the announcement gives, and reports what it read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import languages
from generator.load import announcement as announcements
from generator.load.draftfile import draft_text, flow
from generator.load.importyear import Earlier, report, resolve
from generator.load.layout import AWARD_FILE, AWARDS
from generator.load.parsing import parse_yaml
from generator.load.schemas import REPOSITORY_FOLDER, schema_files
from generator.problems import Problems

SCHEMA = "award-year.schema.json"
# Where a content folder without the repository's schema/ beside it keeps its own
# copy: hidden, so that the build never reads it as content
SCHEMA_COPY = ".schema"


class Refusal(Exception):
    """Why the file was not written (wrong usage, not a content problem)."""


@dataclass(frozen=True)
class Written:
    path: Path
    latest: int | None
    report: tuple[str, ...] = ()  # what the announcement gave, line by line


def new_year(be: str, content: Path, source: Path | None = None) -> Written:
    """Write content/awards/<BE>.yaml, a draft; never over an existing file. `source`:
    DGA's announcement, plain text or .docx; one that cannot be read is a Refusal."""
    if not AWARD_FILE.fullmatch(f"{be}.yaml") or not 2500 <= int(be) <= 2800:
        raise Refusal(f"'{be}' is not a year of the Buddhist Era in four digits, like 2567")
    folder = content / AWARDS
    if not folder.is_dir():
        raise Refusal(f"{folder.as_posix()} is not a folder: give the content folder with "
                      "--content")
    target = folder / f"{be}.yaml"
    if target.exists():
        raise Refusal(f"{target.as_posix()} exists; it is left as it is")
    latest = _latest(folder, int(be))
    data = _read(folder / f"{latest}.yaml") if latest else {}
    data = data if isinstance(data, dict) else {}
    lines: list[str] = []
    earlier = Earlier.of([(f"{year}.yaml", _read(folder / f"{year}.yaml"))
                          for year in _others(folder, int(be))])
    if source is None:
        text = _text(int(be), latest, data, _schema_address(content), earlier)
    else:
        text, lines = _from(source, int(be), latest, data, earlier, content)
    # "x": created here or not at all, even if another program made it meanwhile
    with open(target, "x", encoding="utf-8", newline="\n") as file:
        file.write(text)
    return Written(target, latest, tuple(lines))


def _from(source: Path, be: int, latest: int | None, data: dict, earlier: Earlier,
          content: Path) -> tuple[str, list[str]]:
    """The draft's text and the report, from the announcement; read before anything
    is written, so that an unreadable one leaves no file behind."""
    try:
        found = announcements.parse(announcements.read_lines(source))
    except announcements.Unreadable as unreadable:
        raise Refusal(str(unreadable)) from None
    if not any(tier.items for tier in found.tiers):
        raise Refusal(f"{source.as_posix()}: no list of winners found: no line like "
                      "'รางวัล…ประเภทดีเด่น 18 รางวัล' followed by lines like "
                      "'– เทศบาลนครยะลา จังหวัดยะลา ผลงาน …'")
    tiers = resolve(found, earlier)
    edition = found.edition or _edition(data, be, latest)
    text = draft_text(be, _schema_address(content), source.name, found, tiers,
                      _name(data, be, latest), edition)
    lines = report(found, tiers, source.name)
    if found.year is not None and found.year != be:
        lines.append(f"{source.name}: warning: the announcement names the awards of "
                     f"{found.year}, not {be}")
    return text, lines


def _edition(data: dict, be: int, latest: int | None) -> int | None:
    edition = data.get("edition")
    if isinstance(edition, int) and not isinstance(edition, bool) and latest \
            and edition + be - latest >= 1:
        return edition + be - latest
    return None


def _others(folder: Path, be: int) -> list[int]:
    """The other years of the folder, newest first."""
    return sorted((int(match[1]) for name in os.listdir(folder)
                   if (match := AWARD_FILE.fullmatch(name)) and int(match[1]) != be),
                  reverse=True)


def _latest(folder: Path, be: int) -> int | None:
    return next(iter(_others(folder, be)), None)


def _read(path: Path) -> Any:
    try:
        return parse_yaml(path.read_text(encoding="utf-8"), path.as_posix(), Problems())
    except (OSError, UnicodeDecodeError):
        return None


def _schema_address(content: Path) -> str:
    """The schema, relative to the new file, so that the editor finds it offline and
    wherever the content folder lies: the repository's schema/ where the content
    sits in a repository laid out like ours, else a copy in the content folder (the
    site's published one may not be online yet, or not at that address)."""
    if (content.resolve().parent / REPOSITORY_FOLDER / SCHEMA).is_file():
        return f"../../{REPOSITORY_FOLDER}/{SCHEMA}"
    copy = content / SCHEMA_COPY / SCHEMA
    if not copy.exists():  # an older copy is left as it is: it may not be ours
        copy.parent.mkdir(exist_ok=True)
        with open(copy, "xb") as file:
            file.write(schema_files()[SCHEMA])
    return f"../{SCHEMA_COPY}/{SCHEMA}"


def _name(data: dict, be: int, latest: int | None) -> dict[str, Any]:
    name = data.get("name")
    if not isinstance(name, dict) or latest is None:
        return {"th": None, "en": None}
    years = {"th": (latest, be), "en": (languages.ce(latest), languages.ce(be))}
    return {lang: str(name[lang]).replace(str(old), str(new)) if name.get(lang) else None
            for lang, (old, new) in years.items()}


def _text(be: int, latest: int | None, data: dict, schema: str, earlier: Earlier) -> str:
    ce = languages.ce(be)
    lines = [f"# yaml-language-server: $schema={schema}",
             f"# The {be} ({ce}) award year, written by `awards new-year {be}`"
             + (f" from {latest}.yaml." if latest else "."),
             "# Fill in every empty field and add the winners, then run `awards check`:",
             "# it names each field still missing, with its line. A draft is checked but",
             "# not published: delete `draft: true` when the year is ready.",
             f"year: {be}",
             "draft: true"]
    edition = _edition(data, be, latest)
    if edition is not None:
        lines.append(f"edition: {edition}          # {latest} was the "
                     f"{languages.ENGLISH.ordinal(data['edition'])}; correct it if a year "
                     "was skipped")
    name = _name(data, be, latest)
    lines += ["name:", f"  th: {flow(name['th']) if name['th'] else ''}",
              f"  en: {flow(name['en']) if name['en'] else ''}",
              f"announced:                 # the date the results were announced, as {ce}-10-10",
              "# venue: {th: ..., en: ...}",
              "# submissions: 60          # counts as the organizer states them",
              "# applicants: 59",
              "sources:                   # the documents this year's facts come from",
              "  - title: {th: , en: }",
              "    publisher: {th: , en: }",
              f"    date:                   # as {ce}-10-10",
              "    # url: https://...      # leave it out when the document is not online",
              "tiers:                     # in rank order, highest first"]
    tiers = data.get("tiers") if isinstance(data.get("tiers"), list) else []
    copied = [tier for tier in tiers if isinstance(tier, dict) and tier.get("id")]
    for index, tier in enumerate(copied or [{"id": None, "name": None}]):
        thai = tier["name"].get("th") if isinstance(tier.get("name"), dict) else None
        tier_id = earlier.tiers.get(thai, (tier["id"],))[0]  # as most years write it
        lines += [f"  - id: {flow(tier_id) if tier_id else ''}",
                  f"    name: {flow(dict(tier['name'])) if tier.get('name') else '{th: , en: }'}",
                  "    winners:"]
        if index == 0:
            lines += EXAMPLE
    return "\n".join(lines) + "\n"


EXAMPLE = """\
      # One winner; copy these lines for each, without the '# ':
      # - id: example-project           # a-z, 0-9 and '-': the winner page's permalink
      #   lao:
      #     th: เทศบาลตำบลตัวอย่าง
      #     en: Example Subdistrict Municipality
      #   province: Chiang Mai          # Thai name, English name or ISO code (TH-50)
      #   project:
      #     th: ...
      #     en: ...
      #   themes: []                    # optional: ids of site.yaml's themes""".splitlines()
