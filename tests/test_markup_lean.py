"""A text is converted without the inline patterns it cannot use (load/markup.NEEDS),
into exactly the HTML of the converter with all of them (issue 26)."""

from __future__ import annotations

import random
from pathlib import Path

import markdown
from conftest import CONTENT

from generator.load import markup
from generator.load.catalog import _body

# Each pattern's marks, near misses (a mark alone, split, escaped, tabbed) and Thai text
PIECES = [
    "`code`", "``", "\\*", "\\", "\\[", "[^1]", "[^1]: note", "[^", "[link](https://x.org)",
    "[ref]", "[ref]: https://x.org", "[", "]", "![img](a.png)", "![alt][ref]", "![", "!", "!\t[",
    "<https://x.org>", "<a@b.org>", "<b>bold</b>", "<", ">", "&amp;", "&#8617;", "&", "*em*",
    "**strong**", "_em_", "__", "*", "_", "  \n", " \n", "\t\n", "\t", "  ", "\n\n", "- item",
    "1. item", "# head", "| a | b |\n|---|---|\n| 1 | 2 |", "term\n: definition", "*[HTML]: x",
    "{: .c }", "```\ncode\n```", "    indented", "> quote", "เทศบาลตำบลบ้านใหม่", "ท้องถิ่นดิจิทัล",
    "word", " ", "\x02", "\x03", "\r\n", "\r", "—", "ๆ",
]


FULL = markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html")


def full(text: str) -> str:
    FULL.reset()
    return FULL.convert(text)


def lean(text: str) -> str:
    html = markup._convert(text, heading_offset=0)
    assert isinstance(html, str)
    return html


def writeups(content: Path) -> list[str]:
    return [_body(path.read_text(encoding="utf-8"))
            for path in sorted(content.glob("entries/*/*.md"))]


def test_a_text_leaves_out_only_patterns_it_cannot_use():
    assert markup._unused("plain ภาษาไทย") == frozenset(markup.NEEDS)
    assert "link" not in markup._unused("see [this](https://x.org)")
    assert "image_link" in markup._unused("see [this](https://x.org)")
    assert markup._unused("a\x02b") == frozenset()


def test_mixed_marks_convert_as_with_every_pattern():
    rng = random.Random(26)
    texts = ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12))) for _ in range(4000)]
    differ = [text for text in texts if lean(text) != full(text)]
    assert differ == []
    assert len(markup._converters) > 20  # the texts did use converters without patterns


def test_write_ups_convert_as_with_every_pattern(synthetic):
    texts = writeups(CONTENT) + writeups(synthetic)
    assert len(texts) > 100
    assert [text for text in texts if lean(text) != full(text)] == []
