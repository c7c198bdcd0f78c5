"""A large page made a part at a time: the explorer lists every winner, 11 MB of HTML
at 10,000, and a worker that held it whole, as Jinja's pieces, their text, its words
cut and its UTF-8, grew by 150 MB (issue 26: every process of a build counts).

A template marks with `{{ may_split }}` where a part of its page may end: between two
of the explorer's rows. There the page is in its <main>, past its breadcrumbs, in no
tag, no element whose text is left uncut (emit/pagewords.UNCUT), no <pre> or
<textarea>, and a tag follows; and no part holds a <label>, or an attribute that the
page's word list reads. Each part is then cut into words and unindented as the whole
page would have been, and what surrounds the parts is made as a page of its own, with
a slot where they go: the page's bytes are the same as those of Renderer.render.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from generator.emit import pagewords, spacing
from generator.emit.typography import THAI_RUN, Typesetter

# What `may_split` writes when a page is made whole: nothing. Made in parts, Jinja hands
# over this object, which no text a template writes equals, and which ends a part.
NOTHING = markupsafe.Markup("")
MAY_SPLIT = markupsafe.Markup("\x00may split\x00")
# Where the parts go in what surrounds them, made as a page (not a character of HTML)
SLOT = "\x00"
# Characters of HTML in a part: a part and its copies stay small beside a worker
PART = 1 << 18


def whole(typesetter: Typesetter, html: str) -> str:
    """A page's HTML as it is published: its Thai cut into words, its indentation and
    the new lines beside its blocks taken out."""
    return spacing.tightened(spacing.unindented(pagewords.cut_page(typesetter, html)))


def made(template: jinja2.Template, variables: dict[str, Any], typesetter: Typesetter,
         joined: bool = True) -> bytes | list[bytes]:
    """A page's bytes: what whole() makes of template.render(variables), encoded; made a
    part at a time where its template marks where it may split. joined=False: such a page
    as its parts, which Staging.put writes one after the other (the explorer at 10,000
    winners: 11 MB more in its worker, joined)."""
    if not _marks(template):
        return whole(typesetter, template.render(variables)).encode()
    head, parts, tail = _cut(template.generate(variables, may_split=MAY_SPLIT), typesetter)
    if tail is None:  # no mark on this page: it is all head
        return whole(typesetter, head).encode()
    if SLOT in head or SLOT in tail:  # a text no content file can hold: the page whole
        return whole(typesetter, template.render(variables)).encode()
    before, _, after = whole(typesetter, head + SLOT + tail).partition(SLOT)
    made = [before.encode(), *parts, after.encode()]
    del before, after, parts
    return b"".join(made) if joined else made


def _marks(template: jinja2.Template) -> bool:
    """Whether a template's source names may_split (read once a process)."""
    marks = getattr(template, "marks", None)
    if marks is None:
        source = Path(template.filename) if template.filename else None
        marks = template.marks = source is not None and "may_split" in source.read_text("utf-8")
    return marks


def _cut(pieces: Iterator[str], typesetter: Typesetter
         ) -> tuple[str, list[bytes], str | None]:
    """The page's text before its first mark, its parts (each of about PART characters
    between two marks) made and encoded, and its text after the last mark (None: no mark)."""
    # iter(next, MAY_SPLIT) gives the pieces up to the next mark, the mark left out
    head = "".join(iter(pieces.__next__, MAY_SPLIT))
    if pieces.gi_frame is None:  # the page had no mark
        return head, [], None
    parts: list[bytes] = []
    between: list[str] = []
    size = 0
    while True:
        text = "".join(iter(pieces.__next__, MAY_SPLIT))
        if pieces.gi_frame is None:
            break
        between.append(text)
        size += len(text)
        if size >= PART:
            parts.append(_made(typesetter, "".join(between)))
            between, size = [], 0
    if between:
        parts.append(_made(typesetter, "".join(between)))
    return head, parts, text


def _made(typesetter: Typesetter, part: str) -> bytes:
    """A part as whole() makes it within a page: between two marks, tightened() has
    nothing to take out, nor cut_page a word list to fill."""
    if THAI_RUN.search(part):
        part = pagewords.cut_text(typesetter, part)
    return spacing.unindented(part).encode()
