"""One build at a time into an output folder, and stages that say who owns them (issue 25).

A build holds an exclusive lock (flock) on a file beside output/ from before it
lists output/ until it is done, and one on the mark of its stage while it fills
it. The kernel releases both when the process ends, however it ends: a lock is
never left behind by a kill. A second build into the same folder waits for the
first, saying so; a stage whose mark is still locked belongs to a live build and
is never removed. The lock file is removed by the build that holds it, so that a
finished build leaves nothing beside output/.
Without flock (Windows), or where the lock file cannot be made (a read-only
parent), builds are not serialized, as before this module.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from generator.build.destination import Destination, locate, stage_prefix

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

UNWRITABLE = (errno.EROFS, errno.EACCES, errno.EPERM)
_OPEN = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def lock_path(output: Path) -> Path:
    return output.parent / f"{stage_prefix(output)}lock"


@contextlib.contextmanager
def located(output: Path, content: Path, templates: Path,
            waiting: Callable[[str], None] | None = None) -> Iterator[Destination]:
    """destination.locate(), with the folder's lock held while the block runs. When
    another build held it first, `waiting` is told its owner (a pid) and the folder
    is listed again once that build is done."""
    destination = locate(output, content, templates)  # Refused before anything is written
    with exclusive(destination.path, waiting) as waited:
        yield locate(output, content, templates) if waited else destination


@contextlib.contextmanager
def exclusive(output: Path, waiting: Callable[[str], None] | None = None) -> Iterator[bool]:
    """Hold output's lock while the block runs; True when another build had it first."""
    if fcntl is None:
        yield False
        return
    path = lock_path(output)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, waited = _locked(path, waiting)
    except OSError as error:
        if error.errno not in UNWRITABLE:
            raise
        yield False  # nothing can be staged beside output/; the build says why it fails
        return
    try:
        os.ftruncate(handle, 0)
        os.write(handle, f"{os.getpid()}\n".encode())
        yield waited
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)  # while still holding it: whoever waits on it tries again
        os.close(handle)


def _locked(path: Path, waiting: Callable[[str], None] | None) -> tuple[int, bool]:
    """A handle of the lock file at path, locked; and whether it had to wait."""
    waited = False
    while True:
        handle = os.open(path, _OPEN, 0o644)
        try:
            if not _try_lock(handle):
                if waiting is not None and not waited:
                    waiting(_owner(handle))
                waited = True
                fcntl.flock(handle, fcntl.LOCK_EX)
            if _is_at(handle, path):
                return handle, waited
        except BaseException:
            os.close(handle)
            raise
        os.close(handle)  # its holder removed it meanwhile: lock the file there now


def mark(path: str) -> int | None:
    """Create a stage's mark holding this process's id, locked for as long as the
    handle (returned, to be closed) or a forked worker's copy of it is open."""
    handle = os.open(path, _OPEN | os.O_EXCL, 0o644)
    os.write(handle, f"{os.getpid()}\n".encode())
    if fcntl is not None:
        fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


def in_use(path: str) -> bool:
    """True when the mark at `path` is locked: the build that made it is alive."""
    if fcntl is None:
        return False
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        return not _try_lock(handle)
    finally:
        os.close(handle)


def _try_lock(handle: int) -> bool:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _owner(handle: int) -> str:
    text = os.pread(handle, 32, 0).decode("ascii", "replace").strip()
    return f"process {text}" if text.isdigit() else "another process"


def _is_at(handle: int, path: Path) -> bool:
    """True when the locked file is still the one at path (not removed by its holder)."""
    try:
        here = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    there = os.fstat(handle)
    return (here.st_ino, here.st_dev) == (there.st_ino, there.st_dev)
