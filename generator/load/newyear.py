"""awards new-year BE: a new award file, ready to fill in (contract §5).

It copies what carries over from the latest year (its tiers, the edition count,
the award's name with the year changed) and leaves every fact of the new year
empty, so that `awards check` names each one still missing, with its line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator import languages
from generator.load.layout import AWARD_FILE, AWARDS, SITE
from generator.load.parsing import parse_yaml
from generator.load.schemas import REPOSITORY_FOLDER
from generator.load.webaddress import base_url_problem
from generator.problems import Problems

SCHEMA = "award-year.schema.json"


class Refusal(Exception):
    """Why the file was not written (wrong usage, not a content problem)."""


@dataclass(frozen=True)
class Written:
    path: Path
    latest: int | None


def new_year(be: str, content: Path) -> Written:
    """Write content/awards/<BE>.yaml; never over an existing file."""
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
    text = _text(int(be), latest, data if isinstance(data, dict) else {},
                 _schema_address(content))
    # "x": created here or not at all, even if another program made it meanwhile
    with open(target, "x", encoding="utf-8", newline="\n") as file:
        file.write(text)
    return Written(target, latest)


def _latest(folder: Path, be: int) -> int | None:
    years = [int(match[1]) for name in os.listdir(folder)
             if (match := AWARD_FILE.fullmatch(name)) and int(match[1]) != be]
    return max(years, default=None)


def _read(path: Path) -> Any:
    try:
        return parse_yaml(path.read_text(encoding="utf-8"), path.as_posix(), Problems())
    except (OSError, UnicodeDecodeError):
        return None


def _schema_address(content: Path) -> str:
    """The repository's copy of the schema where there is one beside the content,
    else the copy the site publishes."""
    if (content.resolve().parent / REPOSITORY_FOLDER / SCHEMA).is_file():
        return f"../../{REPOSITORY_FOLDER}/{SCHEMA}"
    site = _read(content / SITE)
    url = site.get("base_url") if isinstance(site, dict) else None
    if isinstance(url, str) and not base_url_problem(url):
        return url.rstrip("/") + f"/schema/{SCHEMA}"
    return f"../../{REPOSITORY_FOLDER}/{SCHEMA}"


def _flow(value: Any) -> str:
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, sort_keys=False,
                          width=10_000).strip().removesuffix("...").strip()


def _name(data: dict, be: int, latest: int | None) -> dict[str, Any]:
    name = data.get("name")
    if not isinstance(name, dict) or latest is None:
        return {"th": None, "en": None}
    years = {"th": (latest, be), "en": (languages.ce(latest), languages.ce(be))}
    return {lang: str(name[lang]).replace(str(old), str(new)) if name.get(lang) else None
            for lang, (old, new) in years.items()}


def _text(be: int, latest: int | None, data: dict, schema: str) -> str:
    ce = languages.ce(be)
    lines = [f"# yaml-language-server: $schema={schema}",
             f"# The {be} ({ce}) award year, written by `awards new-year {be}`"
             + (f" from {latest}.yaml." if latest else "."),
             "# Fill in every empty field and add the winners, then run `awards check`:",
             "# it names each field still missing, with its line.",
             f"year: {be}"]
    edition = data.get("edition")
    if isinstance(edition, int) and not isinstance(edition, bool) and latest \
            and edition + be - latest >= 1:
        lines.append(f"edition: {edition + be - latest}          # {latest} was the "
                     f"{languages.ENGLISH.ordinal(edition)}; correct it if a year was skipped")
    name = _name(data, be, latest)
    lines += ["name:", f"  th: {_flow(name['th']) if name['th'] else ''}",
              f"  en: {_flow(name['en']) if name['en'] else ''}",
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
        lines += [f"  - id: {_flow(tier['id']) if tier['id'] else ''}",
                  f"    name: {_flow(dict(tier['name'])) if tier.get('name') else '{th: , en: }'}",
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
