"""A text is converted without the processors it cannot use (load/lean.NEEDS), into
exactly the HTML of the converter with all of them (issue 26)."""

from __future__ import annotations

import os
import random
from pathlib import Path

import markdown
from conftest import CONTENT
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.load import lean, markup
from generator.load.parsing import split_front_matter

# Each processor's marks, near misses (a mark alone, split, escaped, tabbed, after a
# list's or a quote's marker) and Thai text
PIECES = [
    "`code`", "``", "\\*", "\\", "\\[", "[^1]", "[^1]: note", "[^", "[link](https://x.org)",
    "[ref]", "[ref]: https://x.org", "[", "]", "![img](a.png)", "![alt][ref]", "![", "!", "!\t[",
    "<https://x.org>", "<a@b.org>", "<b>bold</b>", "<", ">", "&amp;", "&#8617;", "&", "*em*",
    "**strong**", "_em_", "__", "*", "_", "  \n", " \n", "\t\n", "\t", "  ", "\n\n", "- item",
    "1. item", "# head", "| a | b |\n|---|---|\n| 1 | 2 |", "term\n: definition", "*[HTML]: x",
    "{: .c }", "```\ncode\n```", "    indented", "> quote", "เทศบาลตำบลบ้านใหม่", "ท้องถิ่นดิจิทัล",
    "word", " ", "\x02", "\x03", "\r\n", "\r", "—", "ๆ",
    # processors of blocks and trees, and those after them
    ":", ": ", ":\t", "\n: ", "- : x", "> : x", "    : more", "]:", "[x]: /u", "[x][]", "[x]",
    "[^a]:", "[^a]", "*[", "*[W]: Word", "W", "|", "a | b", "|---|", "{", "}", "{#id}",
    " {: #h }", "\\{", "~~~", "~~~\nx\n~~~", "```py", "&#123 ", "&#123;", "&x", "&amp",
    "<div markdown=\"1\">", "</div>", "<dl markdown=\"1\">\n<dd>", "<div class=\"footnote\">",
    "<p>", "<!-- c -->", "<?php ?>", "\n\n    ", "\n---\n", "\n===\n", ">", "> ",
    "[a][x]", "[x]", "![a][x]", "![x]", "\n\n[x]: /u\n\n", "[^1][^1]", "\n\n[^1]: note\n\n",
]


FULL = markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html")


def full(text: str) -> str:
    try:
        FULL.reset()
        return FULL.convert(text)
    except Exception as error:  # the same error from both is the same answer
        return repr(error)


def lean_html(text: str) -> str:
    try:
        html = markup._convert(text, heading_offset=0)
    except Exception as error:
        markup._converters.clear()
        return repr(error)
    assert isinstance(html, str)
    return html


def writeups(content: Path) -> list[str]:
    return [split_front_matter(path.read_text(encoding="utf-8"))[1]
            for path in sorted(content.glob("entries/*/*.md"))]


def test_a_text_leaves_out_only_processors_it_cannot_use():
    assert lean.unused("plain ภาษาไทย") == frozenset(lean.NEEDS)
    assert ("inline", "link") not in lean.unused("see [this](https://x.org)")
    assert ("inline", "image_link") in lean.unused("see [this](https://x.org)")
    assert ("block", "table") not in lean.unused("a | b")
    assert ("block", "deflist") in lean.unused("see https://x.org")
    assert lean.unused("a\x02b") == frozenset()


def test_mixed_marks_convert_as_with_every_processor():
    rng = random.Random(26)
    texts = ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12))) for _ in range(6000)]
    differ = [text for text in texts if lean_html(text) != full(text)]
    assert differ == []
    assert len(markup._converters) > 20  # the texts did use converters without processors


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", 300)), deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(alphabet=" \t\n:|{}[]^*<>&#!`~\\-=_.1ab",
                                                   max_size=8), max_size=16))
def test_hostile_marks_convert_as_with_every_processor(pieces):
    text = "".join(pieces)
    assert lean_html(text) == full(text)


def test_write_ups_convert_as_with_every_processor(synthetic):
    texts = writeups(CONTENT) + writeups(synthetic)
    assert len(texts) > 100
    assert [text for text in texts if lean_html(text) != full(text)] == []
