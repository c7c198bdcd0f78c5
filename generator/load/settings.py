"""content/site.yaml to the model: the site's title, address and languages."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from PIL import Image, UnidentifiedImageError

from generator.load.fields import Fields
from generator.load.layout import ContentFile
from generator.load.media import asset_problem
from generator.load.shapes import SITE
from generator.load.webaddress import base_url_problem, is_mail_address, is_web_url
from generator.model import LANGUAGES, Attachment, Publisher, Site, Theme
from generator.problems import Problems, visible
from generator.text import clean_name, id_problem

LOGO_FORMATS = (".png", ".webp")  # what a browser shows everywhere; no SVG (media.py)
HOSTNAME = re.compile(r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


def validate_site(data: Any, path: str, problems: Problems, base_url: str | None,
                  files: Mapping[str, ContentFile] | None = None) -> Site | None:
    """site.yaml's settings; `files` are the content's, where the publisher's logo is."""
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
    publisher = _publisher(fields, files or {})
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
        publisher=publisher,
        corrections=corrections,
        originals=bool(originals),
    )


def _publisher(fields: Fields, files: Mapping[str, ContentFile]) -> Publisher | None:
    """`publisher`: name {th, en}, url, and an optional logo, a PNG or WebP file inside
    content/, checked as a write-up's images are (load/media)."""
    publisher = fields.mapping("publisher")
    if publisher is None:
        return None
    name, url = publisher.localized("name"), publisher.url("url")
    logo = None
    rel = publisher.raw_text("logo")
    if rel is not None:
        extension = "." + rel.rsplit(".", 1)[-1].lower() if "." in rel else ""
        file = files.get(rel.removeprefix("./"))
        if extension not in LOGO_FORMATS:
            publisher.problem("logo", f"the logo '{rel}' must be a PNG or WebP image",
                              "save it as logo.png")
        elif file is None:
            publisher.problem("logo", f"the logo '{rel}' is not a file inside the content "
                                      "folder", "give its path from content/, such as "
                                                "publisher/logo.png")
        else:
            found = asset_problem(file) or _unreadable(file)
            if isinstance(found[0], str):
                publisher.problem("logo", *found)
            else:
                logo = Attachment(rel, file.path, *found)
    if name is None or url is None:
        return None
    return Publisher(name, url, logo)


def _unreadable(file: ContentFile) -> tuple[str, str | None] | tuple[int, int]:
    """A logo's (width, height) from its header: asset_problem has already decoded it
    whole; (message, hint) only if it changed since then."""
    try:
        with Image.open(file.path) as image:
            return image.size
    except (OSError, UnidentifiedImageError, ValueError, SyntaxError) as error:
        return f"cannot read the logo ({error})", "save it again as PNG"


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
