"""A page's Thai cut as a walk a tag at a time would cut it (emit/pagewords.py): the one
regular expression that reads a page a stretch at a time reads its tags as TAG does,
whatever they hold (quotes, '>' in attributes, comments, a '<' that starts no tag)."""

from __future__ import annotations

import random
import re

import pytest
from conftest import CONTENT
from markupsafe import Markup, escape

from generator.emit import pagewords
from generator.emit.pagewords import TAG, UNCUT, cut_text
from generator.emit.typography import THAI_RUN, Typesetter
from generator.load.catalog import load_content
from generator.text import THAI_LETTERS

_TEXT = re.compile(f"[{THAI_LETTERS}](?:[^<]*[{THAI_LETTERS}])?")


class Marked:
    """A Typesetter that shows which texts it was given."""

    @staticmethod
    def text_html(text: str) -> str:
        return f"[{text}]"


def walked(html: str) -> str:
    """The page cut a tag or a character at a time: each tag as TAG reads it, the text
    of an UNCUT element (until its end tag at the same depth) left as it is."""
    parts: list[str] = []
    inside, depth, at = None, 0, 0
    while at < len(html):
        tag = TAG.match(html, at) if html[at] == "<" else None
        text = None if tag else _TEXT.match(html, at)
        if text:
            parts.append(text.group() if inside else Marked.text_html(text.group()))
            at = text.end()
            continue
        if not tag:
            parts.append(html[at])
            at += 1
            continue
        parts.append(tag.group())
        at = tag.end()
        name, closing = (tag.group(2) or "").lower(), tag.group(1)
        if name not in UNCUT:
            continue
        if inside is None and not closing and not tag.group().endswith("/>"):
            inside, depth = name, 1
        elif name == inside:
            depth += -1 if closing else 1
            if depth == 0:
                inside = None
    return "".join(parts)


CASES = [
    "", "ไทย", "A ไทย B", "<p>ไทย</p>", "<p title='ไทย'>ไทย</p>",
    '<p title="a > ไทย">ไทย</p>', '<p title="a < ไทย">ไทย</p>', "<p title=ไทย>x</p>",
    "<title>ไทย</title>ไทย", "<TITLE>ไทย</Title>ไทย", "<title/>ไทย", "<code><code>ไทย</code>ไทย</code>ไทย",
    "<code>ไทย<code/>ไทย</code>ไทย</code>ไทย", "</code>ไทย", "<w->ไทย</w->ไทย",
    "<w-><b>ไทย</b></w->ไทย", "<w-><w->ไทย</w->ไทย</w->ไทย", "<b->ไทย</b->ไทย",
    "<!-- ไทย > -->ไทย", "<!-->ไทย", "<!-- ไทย", "<!doctype html>ไทย", "<?xml ไทย?>ไทย",
    "a < ไทย", "a <3 ไทย", "</ ไทย>ไทย", "<p title=\"ไทย>ไทย", "<p title='x\">'>ไทย",
    "<script>if (a<b) 'ไทย'</script>ไทย", "<scripts>ไทย</scripts>", "<svg><text>ไทย</text></svg>ไทย",
    "<svg/>ไทย", "<pre\n>ไทย</pre\n>ไทย", "<pre>ไทย</prex>ไทย</pre>ไทย", "ไทย\n  (ไทย) x",
    "<p a=\"1\" b='2' c=3>ไทย ไทย</p>", "<p a\"b c=\"d>ไทย", "<textarea><a>ไทย</a></textarea>ไทย",
    "<select><option>ไทย</option></select>ไทย", "<style>p > a { content: 'ไทย' }</style>ไทย",
    '<script src="a/">ไทย</script>ไทย', "<script src=a/>ไทย</script>ไทย", "<title/ >ไทย</title>ไทย",
    '<title x="a>b">ไทย</title y=">">ไทย', "<textarea>ไทย</textarea >ไทย",
    "<title>ไทย</titlex>ไทย</title>ไทย",
]


@pytest.mark.parametrize("html", CASES)
def test_a_page_is_cut_as_a_walk_a_tag_at_a_time_cuts_it(html):
    assert cut_text(Marked, html) == walked(html)


def test_any_page_is_cut_as_a_walk_a_tag_at_a_time_cuts_it():
    pieces = ["<", ">", "/", "/>", '"', "'", "=", " ", "\n", "-", "!", "?", "<!--", "-->",
              "a", "p", "w-", "b-", "W-", "code", "CODE", "script", "title", "svg", "pre",
              "ไทย", "ก", "่", "x", "&amp;", "<p>", "</p>", "<w->", "</w->", "<b->", "</b->",
              "<code>", "</code>", '<a title="', "<svg>", "</svg>"]
    draw = random.Random(27)
    for _ in range(20000):
        html = "".join(draw.choices(pieces, k=draw.randint(1, 24)))
        assert cut_text(Marked, html) == walked(html), html


def test_the_walk_reads_an_uncut_name_only_as_a_whole_name():
    assert pagewords._UNCUT_FIRST == "BCOPSTWbcopstw"
    assert cut_text(Marked, "<p>ไทย</p><pr>ไทย</pr><precode>ไทย</precode>") == \
        "<p>[ไทย]</p><pr>[ไทย]</pr><precode>[ไทย]</precode>"


def test_words_escape_what_is_not_thai_and_cut_what_is():
    """The `words` filter: a text escaped whole, then cut, is each run cut between the
    escaped pieces of the rest (escape() writes only ASCII); Markup is not escaped."""
    typesetter = Typesetter(load_content(CONTENT))

    def run_by_run(text: str) -> str:
        made, position = [], 0
        for run in THAI_RUN.finditer(text):
            made += [str(escape(text[position:run.start()])), typesetter.run_html(run.group())]
            position = run.end()
        return "".join(made) + str(escape(text[position:]))

    for text in ["เทศบาลตำบลบวกค้าง <b> & 'ก' \"ข\"", "A<ก>B&ข", Markup("<b>หน่วยงาน</b> & ก"), ""]:
        assert str(typesetter.words(text)) == run_by_run(text)
