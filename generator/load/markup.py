"""Markdown to safe HTML: one configured converter and one sanitizer.

Conversion is bounded (issue 12): Python-Markdown's cost grows with the square
of some inputs (30 KB of '[' took two minutes), so a text gets a time budget,
and nesting deep enough to exhaust Python's stack is a reported problem too.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import re
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TypeVar

import markdown
import nh3

from generator.cache.keys import content_key
from generator.cache.store import Store
from generator.work.workers import fork_map_while

T = TypeVar("T")

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
# A write-up converts in milliseconds; a text that takes this long is pathological
BUDGET_SECONDS = 3.0

def _new_converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html")


_converter = _new_converter()
# One configured sanitizer: building ammonia's settings per call was 40% of its cost
_sanitizer = nh3.Cleaner(tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES)


# What the HTML of a text depends on besides the text: a stored conversion is
# reused only while this module and both libraries are exactly the same.
VERSION = content_key(Path(__file__).read_bytes(), markdown.__version__,
                      importlib.metadata.version("nh3"))


@dataclass(frozen=True)
class Failed:
    """A text that could not be converted, and why."""

    reason: str


class MarkupError(ValueError):
    """A text that Markdown conversion gave up on; str() says why."""


# Remembered per process: `awards serve` rebuilds re-convert only edited text
_memo: dict[str, str | Failed] = {}
_conversions = 0


def conversions() -> int:
    """Texts converted by this process so far (in it or in its workers)."""
    return _conversions


def to_html(text: str) -> str:
    """Render Markdown to sanitized HTML (remembered); MarkupError if it cannot be."""
    html = _memo.get(text)
    if html is None:
        if len(_memo) > 100_000:
            _memo.clear()
        html = _memo[text] = _sanitize(_convert(text))
        global _conversions
        _conversions += 1
    if isinstance(html, Failed):
        raise MarkupError(html.reason)
    return html


def prepare(texts: Iterable[str], store: Store | None,
            meanwhile: Callable[[], T] = lambda: None) -> T:
    """Convert many texts ahead of to_html: stored ones from the store, the rest on
    every core, while this process runs meanwhile(); its result is returned.

    A stored conversion that this machine did not seal (a CI cache that other
    workflows can write) is sanitized again: it cannot put unchecked HTML on a page.
    """
    global _conversions
    keys = {text: content_key(VERSION, text) for text in texts if text not in _memo}
    stored = store.get_many(keys.values()) if store else {}
    todo = [text for text, key in keys.items() if key not in stored]
    htmls, other = fork_map_while(_convert_and_sanitize, todo, meanwhile, least=100)
    converted = dict(zip(todo, htmls, strict=True))
    for text, key in keys.items():
        if key in stored:
            html, sealed = stored[key]
            _memo[text] = html.decode("utf-8") if sealed else _sanitizer.clean(
                html.decode("utf-8", "replace"))
    _memo.update(converted)
    _conversions += len(todo)
    if store:
        store.put_many({keys[text]: html.encode("utf-8") for text, html in converted.items()
                        if not isinstance(html, Failed)})
    return other


def _convert_and_sanitize(text: str) -> str | Failed:
    return _sanitize(_convert(text))


def _convert(text: str, heading_offset: int = 1) -> str | Failed:
    """Markdown to HTML, not yet sanitized.

    Headings are shifted down by heading_offset so that a write-up's '#'
    never competes with the page's own <h1>.
    """
    global _converter
    try:
        with _deadline(BUDGET_SECONDS):
            _converter.reset()
            html = _converter.convert(text)
    except (_TooSlow, RecursionError) as error:
        # Interrupted half-way, the converter keeps state that reset() does not
        # clear (it then escapes every later text's HTML): start a new one
        _converter = _new_converter()
        if isinstance(error, RecursionError):
            return Failed("the text is nested too deeply (lists or quotes inside each other)")
        return Failed(f"Markdown conversion gave up after {BUDGET_SECONDS:g} s; the text "
                      "has a pattern that is very slow to convert (thousands of unclosed "
                      "brackets, say)")
    finally:
        _converter.reset()
    return HEADING.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + heading_offset, 6)}", html)


def _sanitize(html: str | Failed) -> str | Failed:
    return html if isinstance(html, Failed) else _sanitizer.clean(html)


class _TooSlow(Exception):
    pass


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise _TooSlow in the block after `seconds` of wall time.

    Python-Markdown's slow paths are Python loops, which a signal interrupts.
    Signals reach only the main thread, and Windows has no interval timer: there
    the size limit on write-ups alone bounds the work.
    """
    if not hasattr(signal, "setitimer") or threading.current_thread() is not \
            threading.main_thread():
        yield
        return

    def expire(*_: object) -> None:
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def image_sources(html: str) -> list[str]:
    """The src of every <img> in sanitized HTML."""
    if "<img" not in html:
        return []
    finder = _Images()
    finder.feed(html)
    finder.close()
    return finder.sources


def is_foreign(src: str) -> bool:
    """True for a URL that another site serves (a scheme, or '//host/...')."""
    return src.startswith("//") or bool(re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", src))


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.sources.extend(value or "" for name, value in attrs if name == "src")
