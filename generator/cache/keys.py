"""One key function for every cache: what a result was made from, hashed.

The Markdown store, the drawn files, the build record and the page
fingerprints of awards serve all key their entries with content_key, so that
"the same inputs" means the same thing everywhere.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import sys
from collections.abc import Iterable


def content_key(*parts: str | bytes) -> bytes:
    """A 20-byte key of the parts, each length-prefixed so that no two lists of
    parts can run together into the same bytes."""
    return key_of(parts)


def key_of(parts: Iterable[str | bytes]) -> bytes:
    """content_key of parts that are made one at a time (never all held at once)."""
    digest = hashlib.blake2b(digest_size=20)
    _feed(digest, parts)
    return digest.digest()


def prefixed_key(prefix: tuple[str | bytes, ...], *parts: str | bytes) -> bytes:
    """content_key(*prefix, *parts), the prefix hashed once for every key that starts
    with it: a derived product's name and version, before each of 90,000 inputs at
    2,000 winners (a third of the work of keying them, in a part of the build nothing
    else runs beside)."""
    digest = _started(prefix).copy()
    _feed(digest, parts)
    return digest.digest()


@functools.lru_cache(maxsize=64)
def _started(prefix: tuple[str | bytes, ...]) -> hashlib.blake2b:
    digest = hashlib.blake2b(digest_size=20)
    _feed(digest, prefix)
    return digest


def _feed(digest: hashlib.blake2b, parts: Iterable[str | bytes]) -> None:
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)


def hex_key(*parts: str | bytes) -> str:
    """content_key as text, for file names."""
    return content_key(*parts).hex()


def versions(*libraries: str) -> str:
    """The installed versions of these libraries, for a key: what a value made with
    them depends on besides its inputs and our code."""
    return ";".join(f"{name}={version(name)}" for name in libraries)


def version(library: str) -> str:
    """A library's installed version, read from the name of its metadata folder
    (NAME-VERSION.dist-info) where import finds it first: importing importlib.metadata
    to read the same was a third of an up-to-date build's start-up."""
    found = _installed().get(_canonical(library))
    if found is not None:
        return found
    import importlib.metadata  # installed some other way: the slow, sure way

    return importlib.metadata.version(library)


@functools.cache
def _installed() -> dict[str, str]:
    """Every library's version by its metadata folder, the first on sys.path winning,
    as import's does: the folders are listed once, not once a library."""
    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            entries = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in entries:
            match = _METADATA.fullmatch(entry)
            if match:
                found.setdefault(_canonical(match[1]), match[2])
    return found


_METADATA = re.compile(r"([^-]+)-([^-]+)\.(?:dist|egg)-info")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()
