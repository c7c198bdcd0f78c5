"""Write the site: only the files whose bytes changed, staged before any is placed.

A failed build never touches output/: every changed file is first written to a
stage folder beside it, and only when all of them are on disk are they renamed
into place (renames cannot run out of space). Unchanged files are left alone,
so they keep their inode and mtime: servers, rsync and browsers see them as
not rewritten, and a no-change rebuild costs one comparison per file.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


class UnsafePath(ValueError):
    """A destination that would land outside output/."""


@dataclass(frozen=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int


def check_destination(rel: str) -> str:
    """Reject any destination that could escape the output folder."""
    path = PurePosixPath(rel)
    if (not rel or "\\" in rel or "\x00" in rel or path.is_absolute()
            or any(part in ("", ".", "..") for part in rel.split("/"))):
        raise UnsafePath(f"unsafe output path {rel!r}")
    return rel


def write_site(files: dict[str, bytes | Path], output: Path) -> WriteReport:
    """Make output hold exactly `files` (destination -> bytes or source file)."""
    for rel in files:
        check_destination(rel)
    output = output.absolute()
    if output.exists() and not output.is_dir():
        raise NotADirectoryError(f"{output} exists and is not a folder")
    root = str(output)
    changed = [rel for rel in sorted(files) if not _same(os.path.join(root, rel), files[rel])]
    output.parent.mkdir(parents=True, exist_ok=True)
    stage = tempfile.mkdtemp(prefix=f".{output.name}-stage-", dir=output.parent)
    try:
        staged = _stage(files, changed, stage)
        output.mkdir(exist_ok=True)
        _place(staged, root)
        removed = _remove_stale(root, set(files))
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return WriteReport(len(changed), len(files) - len(changed), removed)


def update_file(output: Path, rel: str, data: bytes) -> None:
    """Make one file of a built site hold `data` (awards serve's in-place updates)."""
    target = output / check_destination(rel)
    if not _same(str(target), data):
        replace_file(target, data)


def replace_file(target: Path, data: bytes) -> None:
    """Write target so that a reader sees its old bytes or the new, never half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise


def _same(previous: str, content: bytes | Path) -> bool:
    """True when the file at `previous` already holds exactly `content`."""
    try:
        info = os.lstat(previous)
    except (FileNotFoundError, NotADirectoryError):
        return False
    if not stat.S_ISREG(info.st_mode):
        return False
    if isinstance(content, Path):
        if content.stat().st_size != info.st_size:
            return False
        content = content.read_bytes()
    if len(content) != info.st_size:
        return False
    with open(previous, "rb") as file:
        return file.read() == content


def _stage(files: dict[str, bytes | Path], changed: list[str], stage: str) -> list[tuple[str, str]]:
    """Write every changed file under a flat name in the stage: (staged, destination)."""
    staged = []
    for number, rel in enumerate(changed):
        target = os.path.join(stage, str(number))
        content = files[rel]
        if isinstance(content, Path):
            shutil.copyfile(content, target)
        else:
            with open(target, "wb") as file:
                file.write(content)
        os.chmod(target, 0o644)  # the site is meant to be read
        staged.append((target, rel))
    return staged


def _place(staged: list[tuple[str, str]], root: str) -> None:
    folders: set[str] = {root}
    for source, rel in staged:
        target = os.path.join(root, rel)
        _folder(os.path.dirname(target), folders)
        if os.path.isdir(target) and not os.path.islink(target):
            shutil.rmtree(target)  # a folder where a page now goes
        os.replace(source, target)


def _folder(path: str, known: set[str]) -> None:
    """Make `path` a real folder, replacing a file or link in its way."""
    if path in known:
        return
    _folder(os.path.dirname(path), known)
    try:
        info = os.lstat(path)
        if not stat.S_ISDIR(info.st_mode):
            os.unlink(path)
            os.mkdir(path, 0o755)
    except FileNotFoundError:
        os.mkdir(path, 0o755)
    known.add(path)


def _remove_stale(root: str, keep: set[str]) -> int:
    """Delete files (and then empty folders) that are no longer part of the site."""
    removed = 0

    def sweep(folder: str, prefix: str) -> bool:
        nonlocal removed
        empty = True
        with os.scandir(folder) as entries:
            for entry in entries:
                rel = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    if sweep(entry.path, rel + "/"):
                        os.rmdir(entry.path)
                    else:
                        empty = False
                elif rel in keep:
                    empty = False
                else:
                    os.unlink(entry.path)
                    removed += 1
        return empty

    sweep(root, "")
    return removed
