"""Markdown to safe HTML: one configured converter and one sanitizer."""

from __future__ import annotations

import re
from functools import lru_cache

import markdown
import nh3

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


# Remembered per process: `awards serve` rebuilds re-convert only edited text
@lru_cache(maxsize=50_000)
def to_html(text: str, heading_offset: int = 1) -> str:
    """Render Markdown to sanitized HTML.

    Headings are shifted down by heading_offset so that a write-up's '#'
    never competes with the page's own <h1>.
    """
    _converter.reset()
    html = _converter.convert(text)
    html = HEADING.sub(
        lambda m: f"<{m[1]}h{min(int(m[2]) + heading_offset, 6)}", html
    )
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES)
