"""Markdown to safe HTML: one configured converter and one sanitizer."""

from __future__ import annotations

import importlib.metadata
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import markdown
import nh3

from generator.parallel import fork_map
from generator.store import Store, content_key

# Only web links survive: javascript:, data: and the like are dropped (contract §2).
URL_SCHEMES = {"http", "https", "mailto"}
TAGS = nh3.ALLOWED_TAGS | {"figure", "figcaption"}
HEADING = re.compile(r"<(/?)h([1-6])\b")
ATTRIBUTES = {
    **nh3.ALLOWED_ATTRIBUTES,
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "*": {"lang", "title"},
}

_converter = markdown.Markdown(
    extensions=["extra", "sane_lists"],
    output_format="html",
)


# What the HTML of a text depends on besides the text: a stored conversion is
# reused only while this module and both libraries are exactly the same.
VERSION = content_key(Path(__file__).read_bytes(), markdown.__version__,
                      importlib.metadata.version("nh3"))

# Remembered per process: `awards serve` rebuilds re-convert only edited text
_memo: dict[str, str] = {}
_conversions = 0


def conversions() -> int:
    """Texts converted by this process so far (in it or in its workers)."""
    return _conversions


def to_html(text: str) -> str:
    """Render Markdown to sanitized HTML (remembered)."""
    html = _memo.get(text)
    if html is None:
        if len(_memo) > 100_000:
            _memo.clear()
        html = _memo[text] = _convert(text)
        global _conversions
        _conversions += 1
    return html


def prepare(texts: Iterable[str], store: Store | None = None,
            meanwhile: Callable[[], None] | None = None) -> int:
    """Convert many texts ahead of to_html: stored ones from the store, the rest
    on every core, while this process runs `meanwhile`. Returns how many had to
    be converted."""
    global _conversions
    keys = {text: content_key(VERSION, text) for text in texts if text not in _memo}
    stored = store.get_many(keys.values()) if store else {}
    todo = [text for text, key in keys.items() if key not in stored]
    converted = dict(zip(todo, fork_map(_convert, todo, least=100, meanwhile=meanwhile),
                         strict=True))
    _memo.update((text, stored[key].decode("utf-8")) for text, key in keys.items() if key in stored)
    _memo.update(converted)
    _conversions += len(todo)
    if store:
        store.put_many({keys[text]: html.encode("utf-8") for text, html in converted.items()})
    return len(todo)


def _convert(text: str, heading_offset: int = 1) -> str:
    """Markdown to sanitized HTML.

    Headings are shifted down by heading_offset so that a write-up's '#'
    never competes with the page's own <h1>.
    """
    _converter.reset()
    html = _converter.convert(text)
    html = HEADING.sub(
        lambda m: f"<{m[1]}h{min(int(m[2]) + heading_offset, 6)}", html
    )
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES)
