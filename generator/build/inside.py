"""Delete and replace files inside a folder, never outside it (issue 25).

A manifest's entries are checked when it is read (destination.is_inside), but the
folder can change between that check and the moment a file goes: a folder inside
may become a link to somewhere else. So every step here walks from an open handle
of the folder, one name at a time, without following links (the openat family of
calls), and acts on the last name relative to its parent's handle. A link in the
way ends the walk; nothing outside the folder is ever reached.
Where the system has no such calls (Windows), paths are joined and checked by
resolving them, which is what is possible there.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

from generator.build.destination import is_inside
from generator.work.files import make_folders, readable

HANDLES = os.open in os.supports_dir_fd and os.unlink in os.supports_dir_fd
_FOLDER = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
# What opening a name as a folder gives when it is a file or a link
NOT_A_FOLDER = (errno.ENOTDIR, errno.ELOOP)


class Outside(OSError):
    """A path that would leave its folder (a bad entry, or a link in the way)."""


@contextlib.contextmanager
def parent_of(root: str, rel: str, make: bool = False) -> Iterator[tuple[int | None, str]]:
    """(handle of the folder holding root/rel, its last name). With `make`, missing
    folders are made and a file of ours in the way of one is replaced by it."""
    if not is_inside(rel):
        raise Outside(errno.EPERM, "not a path inside the folder", rel)
    *folders, name = rel.split("/")
    if not HANDLES:
        yield None, _checked(root, rel, make)
        return
    handle = os.open(root, _FOLDER)
    try:
        for folder in folders:
            child = _step(handle, folder, make)
            os.close(handle)
            handle = child
        yield handle, name
    finally:
        os.close(handle)


def _step(parent: int, name: str, make: bool) -> int:
    """A handle of the folder `name` in `parent`."""
    try:
        return os.open(name, _FOLDER, dir_fd=parent)
    except FileNotFoundError:
        if not make:
            raise
    except OSError as error:
        if error.errno not in NOT_A_FOLDER:
            raise
        if not make:
            raise Outside(error.errno, "a file or link where a folder should be", name) from None
        os.unlink(name, dir_fd=parent)  # the link itself, never what it points to
    os.mkdir(name, 0o755, dir_fd=parent)
    readable(name, dir_fd=parent)
    return os.open(name, _FOLDER, dir_fd=parent)


def _checked(root: str, rel: str, make: bool) -> str:
    """root/rel, when its folder resolves inside root (systems without handles)."""
    path = Path(root, *rel.split("/"))
    if make:
        make_folders(str(path.parent))
    if not path.parent.resolve().is_relative_to(Path(root).resolve()):
        raise Outside(errno.EPERM, "a link leads outside the folder", rel)
    return str(path)


def unlink(root: str, rel: str) -> bool:
    """Delete the file root/rel (a link itself, not its target); False when it is not
    there, or not reachable without leaving root."""
    try:
        with parent_of(root, rel) as (handle, name):
            os.unlink(name, dir_fd=handle)
        return True
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError, Outside):
        return False


def replace(source: str, root: str, rel: str) -> None:
    """Move the file `source` to root/rel in one step, replacing a file, or a folder
    of ours, that is there."""
    with parent_of(root, rel, make=True) as (handle, name):
        with contextlib.suppress(FileNotFoundError):
            if stat.S_ISDIR(os.stat(name, dir_fd=handle, follow_symlinks=False).st_mode):
                shutil.rmtree(name, dir_fd=handle)  # a folder of ours where a page now goes
        os.replace(source, name, dst_dir_fd=handle)


def prune(root: str, rel: str) -> None:
    """Remove the folders that deleting root/rel left empty, up to root."""
    folders = rel.split("/")[:-1]
    while folders:
        try:
            with parent_of(root, "/".join(folders)) as (handle, name):
                os.rmdir(name, dir_fd=handle)
        except OSError:
            return
        folders.pop()
