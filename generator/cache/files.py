"""Files shared between the caches and the site: written whole, linked where they can be.

A drawn image is kept in the cache folder by a key of everything drawn on it,
read-only, and handed to the writer as a SharedFile, which output/ hard-links
rather than copies (300 MB at 2,000 winners).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.cache.keys import hex_key


@dataclass(frozen=True)
class SharedFile:
    """A file that is never written to again (a drawn image in the cache): output/
    may hard-link it instead of copying. It is read-only, so that nothing done to
    output/ can change the cache through the link."""

    path: Path


# Where a read-only file can still be deleted or replaced (not on Windows),
# shared files are linked; elsewhere they are copied and stay writable.
LINKS = os.name == "posix"
SHARED_MODE = 0o444 if LINKS else 0o644


Content = bytes | Path | SharedFile


def replace_file(target: Path, data: bytes, mode: int = 0o644) -> None:
    """Write target so that a reader sees its old bytes or the new, never half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise


class DrawnFiles:
    """Files drawn from content (share images, badges, QR codes), kept on disk by a
    key of everything that went into them: an unchanged winner is not drawn again.
    Without a writable cache folder the drawing itself is handed out.
    """

    def __init__(self, folder: Path):
        self.folder = folder
        self.drawn = 0

    def get(self, kind: str, key: str, make: Callable[[], bytes]) -> SharedFile | bytes:
        cached = self.folder / kind / hex_key(kind, key)
        try:
            if os.stat(cached).st_mode & 0o777 != SHARED_MODE:  # from before caches were read-only
                os.chmod(cached, SHARED_MODE)
            return SharedFile(cached)
        except OSError:  # not drawn yet
            pass
        data = make()
        self.drawn += 1
        try:
            replace_file(cached, data, mode=SHARED_MODE)  # a concurrent build never reads half a file
        except OSError:  # no writable cache folder: the drawing itself
            return data
        return SharedFile(cached)
