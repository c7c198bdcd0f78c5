"""Large texts kept out of a build's memory, read back when a page or file uses them.

Each process a build forks (the workers, the data files' process) starts with the
memory of the one that forked it, and counts it as its own: the write-ups' HTML was
most of the catalog, 73 of its 91 MiB at 10,000 winners (Thai takes two bytes a letter
in a str), held by every process of the build (issue 26). A shelf writes such texts as
UTF-8 into one unnamed temporary file, which forked processes share, and hands out a
small handle for each; reading one back is a read of the file and a decode, far cheaper
than the Markdown conversion it stands for.
"""

from __future__ import annotations

import os
import tempfile
import threading
from typing import IO


class Shelved:
    """A text on a shelf: where it lies in the shelf's file. Equal only to itself: the
    search words' memory is keyed by the catalog's handles, not by texts that every
    lookup would read and compare (site/fulltext.py)."""

    __slots__ = ("_shelf", "_at", "_size")

    def __init__(self, shelf: Shelf, at: int, size: int):
        self._shelf, self._at, self._size = shelf, at, size

    @property
    def data(self) -> bytes:
        """The text as UTF-8."""
        return self._shelf.read(self._at, self._size)

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", "surrogatepass")

    def __repr__(self) -> str:
        # what a page's render fingerprint spells (cache/pages.py): the text, as a str
        # shows it, not where it lies (another build's shelf puts another text there)
        return repr(self.text)


class Shelf:
    """One file of texts, written by the process that made it and read by any that it
    forks. Where no such file can be kept (no pread, as on Windows, or no temporary
    folder), texts stay in memory as they are."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None
        self._end = 0
        self._lock = threading.Lock()
        if hasattr(os, "pread"):
            # unnamed where the system allows: a killed build leaves nothing behind. Open
            # as long as the shelf is: closed when the last text on it is dropped
            try:
                self._file = tempfile.TemporaryFile(prefix="awards-shelf-")  # noqa: SIM115
            except OSError:
                self._file = None

    def put(self, text: str) -> Shelved | str:
        """A handle to read the text back, or the text itself where nothing is shelved."""
        if self._file is None or not text:
            return text
        return self.put_utf8(text.encode("utf-8", "surrogatepass"))

    def put_utf8(self, data: bytes) -> Shelved | str:
        """put() of a text given as UTF-8 (as a store or a worker hands it over)."""
        if self._file is None or not data:
            return data.decode("utf-8", "surrogatepass")
        with self._lock:
            at = self._end
            self._end += len(data)
        try:
            done = 0
            while done < len(data):
                done += os.pwrite(self._file.fileno(), data[done:], at + done)
        except OSError:  # a full temporary folder: this text stays in memory
            return data.decode("utf-8", "surrogatepass")
        return Shelved(self, at, len(data))

    def read(self, at: int, size: int) -> bytes:
        assert self._file is not None
        return os.pread(self._file.fileno(), size, at)


def text_of(kept: Shelved | str) -> str:
    """The text that Shelf.put was given."""
    return kept if isinstance(kept, str) else kept.text
