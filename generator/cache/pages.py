"""Rendered pages kept between the builds of one `awards serve`, by what made them.

A page is rendered again only when something it depends on changed: its
template folder (one digest of it), its own data, the site settings, and the
HTML of the parts every page of its language shows (navigation, footer). The
shared parts are compared as the HTML they render to, so nothing here needs to
know what they read.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from generator.cache.keys import content_key


@dataclass
class RenderCache:
    """Pages of the previous build: path -> (fingerprint, HTML)."""

    pages: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)
    shared: tuple = ()  # what every page of the latest build depends on (pipeline.page_keys)
    # Digests of the model objects of the latest build (see digest), kept for
    # awards serve's one-page updates: a winner page's year holds every winner
    digests: dict[int, tuple[object, bytes]] = field(default_factory=dict)

    def start(self) -> None:
        self.digests = {}  # a new build: new objects


def fingerprint(parts: tuple, memo: dict[int, tuple[object, bytes]]) -> bytes:
    """The key of a page: a digest of everything it is made from."""
    return digest(parts, memo)


def digest(value: object, memo: dict[int, tuple[object, bytes]]) -> bytes:
    """A key of a value's repr-visible content, each model object hashed once per build.

    The plain repr of every page's data re-spelled the same winners thousands of
    times (most of a no-change rebuild at 2,000 winners). The memo is keyed by
    id and holds the object itself, so that no other object can take its id.
    A plain value is its own spelling: only objects and collections are hashed.
    """
    if isinstance(value, str | int | float | bool | None):
        return b"r" + repr(value).encode("utf-8", "surrogatepass")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        known = memo.get(id(value))
        if known is None:
            parts = [type(value).__name__.encode()] + [
                digest(getattr(value, f.name), memo)
                for f in dataclasses.fields(value) if f.repr
            ]
            known = memo[id(value)] = (value, content_key(b"(", *parts))
        return known[1]
    if isinstance(value, dict):
        return content_key(b"{", *(part for k, v in value.items()
                                   for part in (digest(k, memo), digest(v, memo))))
    if isinstance(value, list | tuple):
        return content_key(b"[", *(digest(item, memo) for item in value))
    if isinstance(value, bytes):
        return content_key(b"b", value)
    return b"r" + repr(value).encode("utf-8", "surrogatepass")
