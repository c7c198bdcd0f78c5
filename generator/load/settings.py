"""content/site.yaml to the model: the site's title, address and languages."""

from __future__ import annotations

import re
from typing import Any

from generator.load.fields import Fields
from generator.load.shapes import SITE
from generator.load.webaddress import base_url_problem, is_mail_address, is_web_url
from generator.model import LANGUAGES, Site, Theme
from generator.problems import Problems, visible
from generator.text import clean_name, id_problem

HOSTNAME = re.compile(r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


def validate_site(data: Any, path: str, problems: Problems, base_url: str | None) -> Site | None:
    fields = Fields.of(data, path, problems, SITE, line=1)
    if fields is None:
        return None
    title = fields.localized("title")
    description = fields.localized("description")
    languages = tuple(fields.text_list("languages")) or LANGUAGES
    for lang in languages:
        if lang not in LANGUAGES:
            fields.problem("languages", f"unsupported language '{lang}'",
                           "the site is built in: " + ", ".join(LANGUAGES))
    if len(set(languages)) != len(languages):
        fields.problem("languages", "a language is listed twice")
    # site.yaml's own base_url is checked even when --base-url overrides it
    url = fields.raw_text("base_url")
    if url is None and base_url is None:
        fields.problem("base_url", "missing required field 'base_url'",
                       "or pass --base-url on the command line")
    for where, value in (("'base_url'", url), ("--base-url", base_url)):
        problem = None if value is None else base_url_problem(value)
        if problem:
            fields.problem("base_url", f"{where} {problem}")
    url = base_url or url
    cname = fields.raw_text("cname")
    if cname is not None and not HOSTNAME.fullmatch(cname):
        fields.problem("cname", f"'cname' must be a domain name like awards.example.org, "
                                f"found '{visible(cname)}'")
    corrections = fields.raw_text("corrections")
    if corrections is not None and not (
            is_mail_address(corrections) or (corrections.startswith("https://")
                                             and is_web_url(corrections))):
        fields.problem("corrections", f"'corrections' must be a mailto: or https:// address, "
                                      f"found '{visible(corrections)}'",
                       "like mailto:awards@example.go.th or https://example.go.th/form")
        corrections = None
    originals = fields.boolean("originals")
    spellings = _spellings(fields)
    themes = _themes(fields)
    if problems or title is None or url is None:
        return None
    return Site(
        spellings=spellings,
        themes=themes,
        title=title,
        description=description or title,
        base_url=url if url.endswith("/") else url + "/",
        languages=languages,
        cname=cname,
        corrections=corrections,
        originals=bool(originals),
    )


def _spellings(fields: Fields) -> tuple[tuple[str, ...], ...]:
    """`spellings`: groups of two or more ways to write one word, for search."""
    groups = []
    for index, (item, line) in enumerate(fields.items("spellings"), start=1):
        if not isinstance(item, list) or len(item) < 2 or not all(
                isinstance(word, str) and word.strip() for word in item):
            fields.problems.add(fields.path, line, f"spellings {index}: expected a list of two "
                                "or more ways to write one word, like [แอป, แอพ]")
            continue
        group = tuple(clean_name(word) for word in item)
        inside = next((word for word in group[1:] if word.lower() in group[0].lower()), None)
        if inside:
            fields.problems.add(fields.path, line, f"spellings {index}: '{inside}' is part of "
                                f"'{group[0]}', so it cannot become it",
                                "list the longer word's own variants in a group of their own")
            continue
        groups.append(group)
    return tuple(groups)


def _themes(fields: Fields) -> tuple[Theme, ...]:
    """`themes`: the vocabulary winners' themes come from, {id: {th: ..., en: ...}}."""
    vocabulary = fields.keyed("themes")
    themes = []
    for theme in vocabulary.data if vocabulary else ():
        problem = id_problem(str(theme))
        if problem:
            vocabulary.problem(theme, f"theme id '{theme}' {problem}")
            continue
        label = vocabulary.localized(theme)
        if label is not None:
            themes.append(Theme(str(theme), label))
    return tuple(themes)
