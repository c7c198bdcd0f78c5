"""Python-Markdown without the processors a text cannot use (issue 26).

Python-Markdown runs every processor of "extra" on every text: each inline pattern
on every stretch of text (a quarter of a conversion), each block processor's test
on every block (a table's splits each paragraph), each tree processor over the
whole tree. A text is converted by a converter without those that cannot change
it, into the same HTML (test_markup_lean), and a site's texts share a handful of
converters.

NEEDS says, for each processor left out, the marks one of which a text must hold
for the processor to do anything; why is beside each, read from Python-Markdown's
code. The text a processor sees is the text's own less what earlier steps took out,
with tabs as spaces and three kinds of additions, none of which holds a mark below
but where said: placeholders (STX, a word, ':', digits, ETX) and escaped characters
(STX, digits, ETX). Python-Markdown drops STX and ETX from a text first, which could
join two halves of a mark: a text holding them keeps every processor.
"""

from __future__ import annotations

import re
from typing import Any

import markdown
from markdown.preprocessors import NormalizeWhitespace
from markdown.util import ETX, STX, Registry

from generator.load import brackets

INLINE_NEEDS = {
    "backtick": ("`",), "escape": ("\\",), "footnote": ("[^",),
    "link": ("[",), "image_link": ("![",),
    # A reference link finds its target among md.references, which only the block
    # processor of reference definitions fills (its pattern holds ']:'); without one,
    # a reference pattern leaves the text as it found it (it answers None).
    "reference": ("]:",), "short_reference": ("]:",),
    "image_reference": ("]:",), "short_image_ref": ("]:",),
    "autolink": ("<",), "automail": ("<",), "html": ("<",), "entity": ("&",),
    "em_strong": ("*", "_"), "linebreak": ("  ", "\t"),
}
NEEDS = {("inline", name): marks for name, marks in INLINE_NEEDS.items()} | {
    # Fenced code: its pattern opens with ``` or ~~~; with no match the lines come
    # back as they went in.
    ("pre", "fenced_code_block"): ("```", "~~~"),
    # md_in_html's raw HTML blocks: without '<' its HTML parser sees no tag, and
    # passes the text through, but for '&#...' (a charref it closes with ';').
    ("pre", "html_block"): ("<", "&"),
    # md_in_html's blocks: a placeholder of an HTML element, made only from a tag.
    ("block", "markdown_block"): ("<",),
    # Definition lists: ':' and a space open a definition (a placeholder's ':' comes
    # before digits); their indented blocks go to a 'dd' or after a 'dl', which only
    # a definition list or raw HTML makes.
    ("block", "deflist"): (": ", ":\t"), ("block", "defindent"): (": ", ":\t", "<"),
    # Tables: a header row with more than one cell, or a border: a '|' either way.
    ("block", "table"): ("|",),
    ("block", "quote"): (">",),
    # Definitions of footnotes, abbreviations and references, by their patterns.
    ("block", "footnote"): ("[^",), ("block", "abbr"): ("*[",), ("block", "reference"): ("]:",),
    # Footnotes' tree and text: all about footnotes defined ('[^'), but for a div of
    # class "footnote" that raw HTML can make.
    ("tree", "footnote"): ("[^",), ("tree", "footnote-duplicate"): ("[^", "<"),
    ("post", "footnote"): ("[^",),
    # Attribute lists: each of their patterns holds '{'.
    ("tree", "attr_list"): ("{",),
    # Abbreviations: nothing to do while none is defined ('*[').
    ("tree", "abbr"): ("*[",),
    # Escaped characters back (STX, digits, ETX): only the escape pattern makes them.
    ("tree", "unescape"): ("\\",),
    # The stash of raw HTML back in place: it holds what fenced code, HTML blocks,
    # inline HTML and entities put there, and nothing otherwise.
    ("post", "raw_html"): ("<", "&", "```", "~~~"),
    # '&' back for the placeholder only an e-mail link makes ('<a@b.org>').
    ("post", "amp_substitute"): ("<",),
}
MARKS = frozenset(mark for marks in NEEDS.values() for mark in marks)
_KEEPS_ALL = ("\x02", "\x03")


def unused(text: str) -> frozenset[tuple[str, str]]:
    """The processors that cannot change a text (NEEDS), as (stage, name)."""
    if any(mark in text for mark in _KEEPS_ALL):
        return frozenset()
    held = {mark for mark in MARKS if mark in text}
    return frozenset(name for name, marks in NEEDS.items() if held.isdisjoint(marks))


def new_converter(left_out: frozenset[tuple[str, str]] = frozenset()) -> markdown.Markdown:
    """A converter of our dialect ("extra", "sane_lists", HTML) without the processors
    left out."""
    converter = markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html")
    stages = {"pre": converter.preprocessors, "block": converter.parser.blockprocessors,
              "inline": converter.inlinePatterns, "tree": converter.treeprocessors,
              "post": converter.postprocessors}
    for stage, name in left_out:
        stages[stage].deregister(name, strict=False)
    brackets.find_brackets_fast(converter)
    converter.preprocessors.register(_Whitespace(converter), "normalize_whitespace", 30)
    for registry in stages.values():
        registry.__class__ = _Settled
    converter.is_block_level = _BlockLevel(  # type: ignore[method-assign]
        converter.block_level_elements).__getitem__
    return converter


class _Settled(Registry):
    """A registry that lists its items in order once, not at every read: the block
    parser reads its processors at every block, the inline processor its patterns
    by index for every stretch of text."""

    _items: list[Any] | None = None

    def register(self, *args: Any) -> None:
        self._items = None
        super().register(*args)

    def deregister(self, *args: Any, **kwargs: Any) -> None:
        self._items = None
        super().deregister(*args, **kwargs)

    def _listed(self) -> list[Any]:
        if self._items is None:
            self._sort()
            self._items = [self._data[name] for name, _ in self._priority]
        return self._items

    def __iter__(self) -> Any:
        return iter(self._listed())

    def __getitem__(self, key: Any) -> Any:
        return self._listed()[key] if isinstance(key, int) else super().__getitem__(key)


class _BlockLevel(dict[Any, bool]):
    """Markdown.is_block_level, remembered: it is asked of each element several times
    (400,000 times for 4,000 write-ups), each a walk down a list of tag names that
    nothing changes once the extensions are loaded."""

    def __init__(self, names: list[str]):
        super().__init__()
        self.names = frozenset(names)

    def __missing__(self, tag: Any) -> bool:
        level = isinstance(tag, str) and tag.lower().rstrip("/") in self.names
        if len(self) < 256:  # raw HTML can name any number of tags
            self[tag] = level
        return level


class _Whitespace(NormalizeWhitespace):
    """Python-Markdown's first step, but for a search of every line for spaces alone (most
    of the step, 3% of a conversion) made only where a line opens with a space."""

    def run(self, lines: list[str]) -> list[str]:
        source = "\n".join(lines).replace(STX, "").replace(ETX, "")
        source = source.replace("\r\n", "\n").replace("\r", "\n") + "\n\n"
        source = source.expandtabs(self.md.tab_length)
        if "\n " in source:
            source = _BLANK.sub("\n", source)
        return source.split("\n")


_BLANK = re.compile(r"(?<=\n) +\n")
