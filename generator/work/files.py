"""Files written whole, and files shared between the caches and the site.

A drawn image is kept in the cache folder, read-only, and handed to the writer
as a SharedFile, which output/ hard-links rather than copies (300 MB at 2,000
winners).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


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


def replace_file(target: Path, data: bytes | Iterable[bytes], mode: int = 0o644) -> None:
    """Write target so that a reader sees its old bytes or the new, never half a file;
    `data` may come in parts, written in turn."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}-")
    try:
        with os.fdopen(handle, "wb") as file:
            if isinstance(data, bytes):
                file.write(data)
            else:
                file.writelines(data)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise
