"""Write-ups: one Markdown file with front matter per winner and language."""

from __future__ import annotations

import posixpath
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from urllib.parse import unquote

from generator.load import markup
from generator.load.fields import Fields
from generator.load.parsing import parse_yaml, split_front_matter
from generator.load.shapes import FRONT_MATTER, LINK
from generator.model import Link, Writeup
from generator.problems import Problems
from generator.shelf import text_of
from generator.text import clean_name

# A long write-up is 20 KB; a limit keeps one file from stalling a build
MAX_WRITEUP_BYTES = 100 * 1024


Parts = tuple[str | None, str, int]  # front matter, body, the body's first line


def split_writeup(text: str, shown: str, problems: Problems) -> Parts | None:
    """The front matter and body of a write-up's text; None, reported, if it has none."""
    try:
        return split_front_matter(text)
    except ValueError as error:
        problems.add(shown, 1, str(error), "close the front matter with a line '---'")
        return None


def validate_writeup(text: str | Parts, lang: str, shown: str, folder: str,
                     assets: Collection[str], problems: Problems) -> Writeup | None:
    """Front matter and body of one write-up: its text, or the text split (split_writeup).

    `folder` is the winner's asset folder as shown in messages, `assets` the
    names of the checked images in it: an image the write-up shows must be one.
    """
    parts = split_writeup(text, shown, problems) if isinstance(text, str) else text
    if parts is None:
        return None
    return with_body(check_front(parts, shown, folder, assets, problems), parts, lang, shown,
                     folder, problems)


@dataclass(frozen=True)
class Front:
    """What a write-up's front matter says, checked."""

    summary: str | None = None
    website: str | None = None
    links: tuple[Link, ...] = ()
    image: str | None = None


def check_front(parts: Parts, shown: str, folder: str, assets: Collection[str],
                problems: Problems) -> Front | None:
    """The first half of validate_writeup, which needs no HTML: the front matter, or
    None where it has a problem (reported)."""
    front = parts[0]
    if front is None or not front.strip():
        return Front()
    count = len(problems)
    data = parse_yaml(front, shown, problems, first_line=2)
    fields = None if len(problems) > count else Fields.of(
        data, shown, problems, FRONT_MATTER, "front matter", 2)
    if fields is None:
        return None
    checked = Front(fields.text("summary"), fields.url("website"), tuple(_links(fields)),
                    _image(fields, folder, assets))
    return None if len(problems) > count else checked


def with_body(front: Front | None, parts: Parts, lang: str, shown: str, folder: str,
              problems: Problems) -> Writeup | None:
    """The second half of validate_writeup: the body's HTML checked, and the write-up,
    unless it or its front matter (None) has a problem."""
    _, body, body_line = parts
    count = len(problems)
    try:
        kept = markup.converted(body)  # as the build keeps it: on a shelf, or in memory
    except markup.MarkupError as error:
        problems.add(shown, None, str(error), "simplify the text")
        return None
    for src in markup.image_sources(text_of(kept)):
        if markup.is_foreign(src):
            line = _line_of(body, src, body_line)
            problems.add(shown, line, f"image '{src}' is on another site",
                         f"every image is served from the site itself: put it in {folder}/ "
                         "and write its file name")
    if front is None or len(problems) > count:
        return None
    return Writeup(lang, shown, kept, front.summary, front.website, front.links, front.image)


def _links(fields: Fields) -> list[Link]:
    links = []
    for index, (item, line) in enumerate(fields.items("links"), start=1):
        link = Fields.of(item, fields.path, fields.problems, LINK, f"link {index}",
                         line)
        if link is None:
            continue
        label, url = link.text("label"), link.url("url")
        if label and url:
            links.append(Link(clean_name(label), url))
    return links


def _image(fields: Fields, folder: str, assets: Collection[str]) -> str | None:
    name = fields.raw_text("image")
    if name is None:
        return None
    path = posixpath.normpath(unicodedata.normalize("NFC", unquote(name).replace("\\", "/")))
    if path.startswith(("/", "../")) or path in ("..", "."):
        fields.problem("image", f"image '{name}' lies outside {folder}/",
                       "put the image in the winner's own folder")
        return None
    if path not in assets:
        fields.problem("image", f"image '{name}' does not exist in {folder}/")
        return None
    return path


def _line_of(body: str, needle: str, first_line: int) -> int | None:
    """The line of the body that holds `needle`, counted in the whole file."""
    at = body.find(needle)
    return None if at < 0 else first_line + body.count("\n", 0, at)
