"""What templates write, as a page carries it: the white space they are written with,
taken out where no reader sees it, and HTML shown as text in a <textarea>."""

from __future__ import annotations

import re

import markupsafe

# The indentation and blank lines that templates are written with: half a kilobyte of
# every page that no reader sees (issue 26). A new line stays, so words stay apart;
# <pre> and <textarea> keep their text as it is.
_KEPT = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.DOTALL)
_INDENT = re.compile(r"\n\s+")


def unindented(html: str) -> str:
    if "<pre" not in html and "<textarea" not in html:
        return _INDENT.sub("\n", html)
    parts = _KEPT.split(html)  # the kept elements at odd places
    return "".join(part if index % 2 else _INDENT.sub("\n", part)
                   for index, part in enumerate(parts))


# A new line beside a tag that starts or ends a block (or one in the <head>) is never
# shown: in what every page has around its content, the head, header, navigation,
# breadcrumbs and footer, it goes (issue 26: 50-60 bytes a page). Between two inline
# tags it stays, as it is a space there.
_BLOCK = r"(?:html|head|body|title|meta|link|script|header|nav|main|footer|div|p|ul|ol|li)"
_AFTER_BLOCK = re.compile(rf"(</?{_BLOCK}\b[^<>]*>)\n(?=<)")
# '>' taken and written again: a pattern that begins with a lookbehind is tried at
# every character of the page, one that begins with ">\n" only where those are
_BEFORE_BLOCK = re.compile(rf">\n(?=</?{_BLOCK}\b)")
_CRUMBS = ('<nav class="breadcrumbs"', "</nav>")


def tightened(html: str) -> str:
    start, end = html.find("<main"), html.rfind("</main>")
    if start < 0 or end < start:
        return _tight(html)
    start += len("<main")
    crumbs = html.find(_CRUMBS[0], start, end)
    middle = html[start:end]
    if crumbs >= 0:
        after = html.index(_CRUMBS[1], crumbs) + len(_CRUMBS[1])
        middle = html[start:crumbs] + _tight_again(html[crumbs:after]) + html[after:end]
    return _tight(html[:start]) + middle + _tight_again(html[end:])


# What follows <main>, the footer, is one of a few on every page (a language's at a depth),
# and a year's winners share their breadcrumbs: each made once, not on every page (issue
# 26: 0.1 CPU-s at 2,000 winners). A bound, as a kit page's breadcrumbs are its own.
_MADE: dict[str, str] = {}


def _tight_again(part: str) -> str:
    made = _MADE.get(part)
    if made is None:
        if len(_MADE) >= 1024:
            _MADE.clear()
        made = _MADE[part] = _tight(part)
    return made


def _tight(part: str) -> str:
    # split() and join() are _AFTER_BLOCK.sub(r"\1") without a call into Python for each
    # of the 45 matches of a page (re expands a group's template in Python: issue 26)
    return _BEFORE_BLOCK.sub(">", "".join(_AFTER_BLOCK.split(part)))


# What alone would end a <textarea> early: its end tag, in any case
_TEXTAREA_END = re.compile(r"<(?=/textarea)", re.IGNORECASE)


def as_text(html: str) -> markupsafe.Markup:
    """HTML shown as its own source, in a <textarea>, whose content is raw text: only
    & needs escaping there, and a < that would end it, not every < (four bytes each)
    nor the quotes that escape() writes as &#34; (five bytes each, issue 26)."""
    return markupsafe.Markup(_TEXTAREA_END.sub("&lt;", str(html).replace("&", "&amp;")))
