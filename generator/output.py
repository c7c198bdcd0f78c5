"""Write the site: only the files whose bytes changed, staged before any is placed.

A failed build never touches output/: every changed file is first written to a
stage folder beside it, and only when all of them are on disk are they renamed
into place (renames cannot run out of space); a new output/ is the stage renamed.
Unchanged files are left alone, so they keep their inode and mtime: servers,
rsync and browsers see them as not rewritten, and a no-change rebuild costs one
comparison per file.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


class UnsafePath(ValueError):
    """A destination that would land outside output/."""


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


def write_site(files: dict[str, Content], output: Path) -> WriteReport:
    """Make output hold exactly `files` (destination -> bytes or source file)."""
    for rel in files:
        check_destination(rel)
    staging = Staging(output)
    try:
        staged = [rel for rel in sorted(files) if staging.put(rel, files[rel])]
        return staging.commit(files, staged)
    finally:
        staging.discard()


class Staging:
    """Changed files, written under a stage folder beside output/ until commit().

    put() may be called from forked workers (each writes its own files), as
    long as commit() and discard() are left to the process that made it. Into
    a new output folder the whole stage is renamed at once.
    """

    def __init__(self, output: Path):
        self.output = output.absolute()
        if self.output.exists() and not self.output.is_dir():
            raise NotADirectoryError(f"{self.output} exists and is not a folder")
        self.fresh = not self.output.exists()  # nothing to compare with or keep
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.stage = tempfile.mkdtemp(prefix=f".{self.output.name}-stage-",
                                      dir=self.output.parent)
        os.chmod(self.stage, 0o755)  # it may become output/ itself
        self._folders: set[str] = {self.stage}

    def put(self, rel: str, content: Content) -> bool:
        """Stage `content` for output/rel unless the file there already holds it;
        True when staged."""
        check_destination(rel)
        if not self.fresh and _same(os.path.join(self.output, rel), content):
            return False
        target = os.path.join(self.stage, rel)
        folder = os.path.dirname(target)
        if folder not in self._folders:
            os.makedirs(folder, 0o755, exist_ok=True)
            self._folders.add(folder)
        _write(target, content)
        return True

    def commit(self, site: Collection[str], staged: list[str]) -> WriteReport:
        """Place the staged files, then delete what is no longer in `site`."""
        if self.fresh:
            try:
                os.rename(self.stage, self.output)  # one rename for the whole site
                return WriteReport(len(staged), len(site) - len(staged), 0)
            except OSError:  # output/ appeared meanwhile: place file by file
                pass
        root = str(self.output)
        self.output.mkdir(exist_ok=True)
        folders: set[str] = {root}
        for rel in sorted(staged):
            target = os.path.join(root, rel)
            _folder(os.path.dirname(target), folders)
            if os.path.isdir(target) and not os.path.islink(target):
                shutil.rmtree(target)  # a folder where a page now goes
            os.replace(os.path.join(self.stage, rel), target)
        removed = _remove_stale(root, set(site))
        return WriteReport(len(staged), len(site) - len(staged), removed)

    def discard(self) -> None:
        """Remove what is left of the stage (all of it after a failure)."""
        shutil.rmtree(self.stage, ignore_errors=True)


def update_file(output: Path, rel: str, data: bytes) -> None:
    """Make one file of a built site hold `data` (awards serve's in-place updates)."""
    target = output / check_destination(rel)
    if not _same(str(target), data):
        replace_file(target, data)


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


def _same(previous: str, content: Content) -> bool:
    """True when the file at `previous` already holds exactly `content`."""
    try:
        info = os.lstat(previous)
    except (FileNotFoundError, NotADirectoryError):
        return False
    if not stat.S_ISREG(info.st_mode):
        return False
    if isinstance(content, SharedFile):
        source = content.path.stat()
        if (source.st_ino, source.st_dev) == (info.st_ino, info.st_dev):
            return True  # the link a previous build made
        content = content.path
    if isinstance(content, Path):
        if content.stat().st_size != info.st_size:
            return False
        content = content.read_bytes()
    if len(content) != info.st_size:
        return False
    with open(previous, "rb") as file:
        return file.read() == content


def _write(target: str, content: Content) -> None:
    if isinstance(content, SharedFile):
        try:  # a link costs no copy; another file system cannot link
            if LINKS:
                os.link(content.path, target)
                return
        except OSError:
            pass
        content = content.path
    if isinstance(content, Path):
        shutil.copyfile(content, target)
    else:
        with open(target, "wb") as file:
            file.write(content)
    os.chmod(target, 0o644)  # the site is meant to be read


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
