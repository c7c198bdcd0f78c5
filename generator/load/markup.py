"""Markdown to safe HTML: one configured converter and one sanitizer.

Conversion is bounded (issue 12): Python-Markdown's cost grows with the square
of some inputs (30 KB of '[' took two minutes), so a text gets a time budget,
and nesting deep enough to exhaust Python's stack is a reported problem too.
"""

from __future__ import annotations

import contextlib
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

from generator.cache import derived
from generator.cache.derived import Derived, Product
from generator.cache.keys import content_key, versions
from generator.load import brackets, lean
from generator.shelf import Shelf, Shelved, text_of

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

# One converter for each set of processors left out (load/lean.py): a handful for a site
_converters: dict[frozenset[tuple[str, str]], markdown.Markdown] = {}
# One configured sanitizer: building ammonia's settings per call was 40% of its cost
_sanitizer = nh3.Cleaner(tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES)


# What the HTML of a text depends on besides the text: a stored conversion is
# reused only while this module and both libraries are exactly the same.
VERSION = content_key(*(Path(path).read_bytes() for path in (__file__, brackets.__file__,
                                                             lean.__file__)),
                      versions("markdown", "nh3"))


@dataclass(frozen=True)
class Failed:
    """A text that could not be converted, and why."""

    reason: str


class MarkupError(ValueError):
    """A text that Markdown conversion gave up on; str() says why."""


def to_html(text: str) -> str:
    """Render Markdown to sanitized HTML (remembered); MarkupError if it cannot be."""
    return text_of(converted(text))


def converted(text: str) -> str | Shelved:
    """to_html's HTML as this process keeps it: on a shelf where prepare() had one."""
    html = derived.value(MARKDOWN, text)
    if isinstance(html, Failed):
        raise MarkupError(html.reason)
    return html


def conversions() -> int:
    """Texts converted by this process so far (in it or in its workers)."""
    return derived.made(MARKDOWN)


def prepare(texts: Iterable[str], service: Derived | None,
            meanwhile: Callable[[], T] = lambda: None, shelf: Shelf | None = None) -> T:
    """Convert many texts ahead of to_html, from the build's store or on every core,
    while this process runs meanwhile(); its result is returned. `shelf`: where their
    HTML is kept, as the UTF-8 that the store or a worker hands over (generator/shelf.py):
    never all held in this process at once (issue 26)."""
    global _shelf
    _shelf = shelf
    try:
        return (service or Derived(None)).prepare(MARKDOWN, texts, meanwhile)
    finally:
        _shelf = None


_shelf: Shelf | None = None  # prepare()'s


def _kept(data: bytes) -> str | Shelved:
    return data.decode("utf-8") if _shelf is None else _shelf.put_utf8(data)


def _convert_and_sanitize(text: str) -> str | Failed:
    return _sanitize(_convert(text))


def _encoded(html: str | Failed) -> bytes | None:
    return None if isinstance(html, Failed) else html.encode("utf-8")


def _sanitized_again(data: bytes) -> str:
    """A stored conversion this machine did not seal (a CI cache that other workflows
    can write): sanitized again, so that it cannot put unchecked HTML on a page."""
    return _sanitizer.clean(data.decode("utf-8", "replace"))


MARKDOWN = Product("markdown", VERSION, _convert_and_sanitize, _encoded, _kept,
                   _sanitized_again, least=100)


def _convert(text: str, heading_offset: int = 1) -> str | Failed:
    """Markdown to HTML, not yet sanitized.

    Headings are shifted down by heading_offset so that a write-up's '#'
    never competes with the page's own <h1>.
    """
    unused = lean.unused(text)
    converter = _converters.get(unused)
    if converter is None:
        converter = _converters[unused] = lean.new_converter(unused)
    try:
        # Every converter is new or reset after its last text (finally, below)
        with _deadline(BUDGET_SECONDS):
            html = converter.convert(text)
    except (_TooSlow, RecursionError) as error:
        # Interrupted half-way, the converter keeps state that reset() does not
        # clear (it then escapes every later text's HTML): the next text gets a new one
        del _converters[unused]
        if isinstance(error, RecursionError):
            return Failed("the text is nested too deeply (lists, quotes or HTML blocks inside "
                          "each other)")
        return Failed(f"Markdown conversion gave up after {BUDGET_SECONDS:g} s; the text "
                      "has a pattern that is very slow to convert (thousands of "
                      "abbreviations, say)")
    finally:
        converter.reset()
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
