"""Reading content files: bounded, and only ever a regular file."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from generator.cache.keys import key_of
from generator.load.layout import MAX_FILE_BYTES, ContentFile, kind_of, scan
from generator.problems import Problems


def read_bytes(file: ContentFile | str, limit: int) -> bytes:
    """A regular file's bytes; FileTooLarge beyond `limit`, OSError if it is no
    longer a regular file."""
    with _open_regular(file) as handle:
        size = os.fstat(handle).st_size
        if size > limit:
            raise FileTooLarge(size, limit)
        data = os.read(handle, size + 1)  # all of it, unless it grew meanwhile
        if len(data) <= size:
            return data
        chunks = [data]
        while chunk := os.read(handle, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise FileTooLarge(size, limit)
        return b"".join(chunks)


def read_head(file: ContentFile | str, count: int) -> bytes:
    """The first `count` bytes of a regular file (fewer if it is shorter)."""
    with _open_regular(file) as handle:
        return os.read(handle, count)


@contextlib.contextmanager
def regular_file(file: ContentFile | str) -> Iterator[BinaryIO]:
    """A regular file opened for reading as a binary stream (for Pillow): never a
    FIFO, a device or a link that replaced the file since it was scanned."""
    with _open_regular(file) as handle, os.fdopen(os.dup(handle), "rb") as stream:
        yield stream


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) \
    | getattr(os, "O_BINARY", 0)


@contextlib.contextmanager
def _open_regular(file: ContentFile | str) -> Iterator[int]:
    """Open without following a link and without blocking, then check again: a
    file swapped for a FIFO or a link since it was scanned fails here."""
    path = file.path if isinstance(file, ContentFile) else file
    handle = os.open(path, _READ_FLAGS)
    try:
        mode = os.fstat(handle).st_mode
        if not stat.S_ISREG(mode):
            raise OSError(f"not a regular file ({kind_of(mode)})")
        yield handle
    finally:
        os.close(handle)


class FileTooLarge(OSError):
    def __init__(self, size: int, limit: int):
        super().__init__(f"file is {_size(size)}; the limit is {_size(limit)}")


def _size(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{size / 1024:.0f} KB"


def folder_digest(root: Path) -> bytes:
    """A key of the content files under root, read as a build reads them (never a FIFO
    or /dev/zero), one file at a time; what is wrong with the others is part of it,
    so that a folder with a problem never matches one without."""
    problems = Problems()
    files = scan(root, problems)

    def parts() -> Iterator[str | bytes]:
        for rel, file in files.items():
            try:
                data = read_bytes(file, MAX_FILE_BYTES)
            except OSError as error:  # unreadable now: never equal to a readable past
                data = f"\0unreadable {error}".encode()
            yield rel
            yield data
        yield repr(problems.items)

    return key_of(parts())
