"""Publish a staged site in one step, and clean up after builds that were killed.

Linux exchanges two folders atomically (renameat2 with RENAME_EXCHANGE), macOS
too (renamex_np with RENAME_SWAP); elsewhere two renames are the best there is.
Every folder a build leaves beside output/ is marked as ours (a mark while it is
filled, a manifest once complete), and only files of ours are ever deleted.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sys
from pathlib import Path

from generator.build import inside, lock
from generator.build.destination import (
    MANIFEST,
    STAGE_INSIDE,
    STAGE_MARK,
    BadManifest,
    is_stage,
    read_manifest,
    stage_prefix,
)

# An exchange the system or file system does not offer; two renames instead
NO_EXCHANGE = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EPERM}


def exchange(first: str, second: str) -> None:
    """Swap two folders in one step (OSError where the system cannot)."""
    import ctypes  # here: the up-to-date check imports this module and needs no ctypes

    sys.audit("awards.exchange", first, second)  # as os.rename does: for audit hooks, tests
    if not sys.platform.startswith(("linux", "darwin")):  # Windows: no C library to ask
        raise OSError(errno.ENOSYS, "no way to exchange two folders in one step")
    libc = ctypes.CDLL(None, use_errno=True)
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        call = libc.renameat2
        call.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                         ctypes.c_uint]
        at_cwd, rename_exchange = -100, 2
        status = call(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), rename_exchange)
    elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        call = libc.renamex_np
        call.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_uint]
        rename_swap = 2
        status = call(os.fsencode(first), os.fsencode(second), rename_swap)
    else:
        raise OSError(errno.ENOSYS, "no way to exchange two folders in one step")
    if status != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), first)


def remove_leftovers(output: Path) -> None:
    """Clean up after builds that were killed: their stages, and old sites that
    an exchange left behind. Only folders of ours, and in them only our files; never
    the stage of a build that is alive (its mark is locked). Called with output's
    lock held, so no other build is publishing meanwhile."""
    places = [(output.parent, stage_prefix(output)), (output, STAGE_INSIDE)]
    for folder, prefix in places:
        try:
            names = [n for n in os.listdir(folder) if n.startswith(prefix)]
        except OSError:
            continue
        for name in names:
            path = os.path.join(folder, name)
            if os.path.isdir(path) and not os.path.islink(path):
                if lock.in_use(os.path.join(path, STAGE_MARK)):
                    continue
                if is_stage(path, prefix):
                    discard_tree(path)
                else:  # killed before its mark was made, or after its manifest went
                    _remove_empty_folders(path)


def discard_tree(folder: str) -> str | None:
    """Delete a stage or an old site of ours: all of a stage still being filled (it
    holds STAGE_MARK), else only the files its manifest lists. The folder's path
    if anything else was found in it and kept, else None."""
    if os.path.isfile(os.path.join(folder, STAGE_MARK)):
        shutil.rmtree(folder, ignore_errors=True)
        return None
    try:
        listed = read_manifest(Path(folder)) or frozenset()
    except BadManifest:  # not ours after all: nothing in it goes
        return folder
    # the manifest goes last: until then, a build killed here leaves a folder
    # that the next one still knows as its own
    for rel in [*sorted(listed), MANIFEST]:
        inside.unlink(folder, rel)
    _remove_empty_folders(folder)
    return folder if os.path.exists(folder) else None


def _remove_empty_folders(folder: str) -> None:
    """Remove folder and the folders in it, as far as they are empty: no file goes."""
    for parent, _, _ in sorted(os.walk(folder), key=lambda walked: -len(walked[0])):
        with contextlib.suppress(OSError):
            os.rmdir(parent)
