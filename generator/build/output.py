"""Write the site: staged whole, then published in one step (issue 12).

Every file of the new site is put in a stage folder beside output/: a changed
file is written there, an unchanged one is hard-linked from output/, so that it
keeps its inode and mtime (servers, rsync and browsers see it as not rewritten).
When nothing changed at all, output/ is left as it is.
Then the stage and output/ are exchanged in one system call (renameat2 with
RENAME_EXCHANGE on Linux, renamex_np with RENAME_SWAP on macOS): whenever the
build is killed, output/ is the old site or the new one, never a mix. What the
exchange left at the stage's name, the old site, is deleted file by file, only
the files that its manifest lists.

Where the two folders cannot be exchanged, the guarantee is weaker, and said so
in the README: on other systems, two renames leave output/ missing for an instant
(the old site is then whole beside it); where output/ cannot be renamed at all (a
mount point, a folder whose parent is read-only), changed files are renamed into
place one by one, each of them whole.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.build import inside, lock
from generator.build.destination import (
    MANIFEST,
    STAGE_INSIDE,
    STAGE_MARK,
    Destination,
    is_inside,
    manifest,
    manifest_parts,
    stage_prefix,
)
from generator.build.paths import Paths
from generator.build.swap import NO_EXCHANGE, discard_tree, exchange, remove_leftovers
from generator.work.files import LINKS, Content, SharedFile, make_folders, replace_file, write_new


class UnsafePath(ValueError):
    """A destination that would land outside output/."""


@dataclass(frozen=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int
    kept: str | None = None  # where files that appeared in output/ during the build were kept


def check_destination(rel: str) -> str:
    """Reject any destination that could escape the output folder."""
    if not is_inside(rel) or rel in (MANIFEST, STAGE_MARK):
        raise UnsafePath(f"unsafe output path {rel!r}")
    return rel


class Staging:
    """The new site, staged until commit() publishes it.

    put() may be called from forked workers (each writes its own files), as
    long as commit() and discard() are left to the process that made it.
    `atomic=False` (awards serve's private folder) places changed files one by
    one instead of staging the whole site.
    """

    def __init__(self, destination: Destination, atomic: bool = True):
        assert destination.owned, "destination.own() first: it checks the files are ours"
        self.output = destination.path
        self.previous = destination.previous or Paths()
        remove_leftovers(self.output)
        # A new output/ is always the stage renamed: one step, whatever `atomic` says
        self.beside = self._can_exchange() and (atomic or not self.output.exists())
        if self.beside:
            self.stage = tempfile.mkdtemp(prefix=stage_prefix(self.output),
                                          dir=self.output.parent)
        else:
            make_folders(str(self.output))
            self.stage = tempfile.mkdtemp(prefix=STAGE_INSIDE, dir=self.output)
        self._mark = lock.mark(os.path.join(self.stage, STAGE_MARK))  # owned while we live
        os.chmod(self.stage, 0o755)  # it may become output/ itself
        self._folders: set[str] = {self.stage}

    def _can_exchange(self) -> bool:
        """True when the stage can live beside output/ and take its place."""
        parent = self.output.parent
        parent.mkdir(parents=True, exist_ok=True)
        if not self.output.exists():
            return True
        if os.path.ismount(self.output) or os.stat(parent).st_dev != os.stat(self.output).st_dev:
            return False
        return os.access(parent, os.W_OK)

    def put(self, rel: str, content: Content | list[bytes]) -> bool:
        """Stage `content` (or its parts, in order) for output/rel; True when it differs
        from the file there."""
        check_destination(rel)
        if rel in self.previous and (
                _same_parts(os.path.join(self.output, rel), content) if isinstance(content, list)
                else _same(os.path.join(self.output, rel), content)):
            return False  # linked from output/ at commit, if anything changed at all
        target = os.path.join(self.stage, rel)
        self._folder_for(target)
        _write(target, content)
        return True

    def _folder_for(self, target: str) -> None:
        folder = os.path.dirname(target)
        if folder not in self._folders:
            make_folders(folder)
            if len(self._folders) >= 4096:  # pages come a folder after another: the last
                self._folders.clear()       # few are enough (all: 4 MB a worker at 10,000)
            self._folders.add(folder)

    def commit(self, site: Collection[str], staged: list[str]) -> WriteReport:
        """Publish the staged site: output/ then holds exactly `site` and its manifest.
        Neither is copied, nor is the manifest held whole (at 10,000 winners, 40 MB more
        at the end of the build: issue 26)."""
        removed = sum(1 for rel in self.previous if rel not in site)
        report = WriteReport(len(staged), len(site) - len(staged), removed)
        if not self.beside:
            self._place(site, staged)
            return report
        listed, old_listing = sorted(site), os.path.join(self.output, MANIFEST)
        same_listing = _same_parts(old_listing, manifest_parts(listed))
        if not staged and same_listing:
            return report  # output/ is already exactly the new site
        # Unchanged files join the stage as links: the same inode, the same mtime
        changed = set(staged) if len(staged) < len(listed) else None  # None: all of them
        for rel in listed if changed is not None else ():
            if rel not in changed:
                target = os.path.join(self.stage, rel)
                self._folder_for(target)
                _keep(os.path.join(self.output, rel), target)
        del changed
        if same_listing:
            _keep(old_listing, os.path.join(self.stage, MANIFEST))
        else:
            _write(os.path.join(self.stage, MANIFEST), manifest_parts(listed))
        del listed
        os.unlink(os.path.join(self.stage, STAGE_MARK))
        if not self.output.exists():
            os.rename(self.stage, self.output)  # a new output/: the stage itself
            return report
        try:
            exchange(self.stage, str(self.output))
        except OSError as error:
            if error.errno not in NO_EXCHANGE:
                raise
            old = self.stage + "-old"
            os.rename(self.output, old)  # output/ is missing until the next line
            os.rename(self.stage, self.output)
            self.stage = old
        kept = discard_tree(self.stage)  # now the old site
        return WriteReport(report.written, report.unchanged, removed, kept)

    def _place(self, site: Collection[str], staged: list[str]) -> None:
        """Rename changed files into output/ one by one, each of them whole; the
        manifest names every file present at every moment."""
        root = str(self.output)
        update_file(self.output, MANIFEST, manifest(set(self.previous).union(site)))
        for rel in sorted(staged):
            inside.replace(os.path.join(self.stage, rel), root, rel)
        for rel in sorted(rel for rel in self.previous if rel not in site):
            inside.unlink(root, rel)
            inside.prune(root, rel)
        update_file(self.output, MANIFEST, manifest(site))

    def discard(self) -> None:
        """Remove what is left of the stage (all of it after a failure)."""
        if os.path.isdir(self.stage):
            discard_tree(self.stage)
        if self._mark is not None:
            os.close(self._mark)
            self._mark = None


def update_file(output: Path, rel: str, data: bytes) -> None:
    """Make one file of a built site hold `data` (awards serve's in-place updates)."""
    target = output / (rel if rel == MANIFEST else check_destination(rel))
    if not _same(str(target), data):
        replace_file(target, data)


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


def _same_parts(previous: str, parts: Iterable[bytes]) -> bool:
    """True when the file at `previous` holds exactly the parts' bytes, read a part at a
    time."""
    try:
        if not stat.S_ISREG(os.lstat(previous).st_mode):
            return False
        with open(previous, "rb") as file:
            return all(file.read(len(part)) == part for part in parts) and not file.read(1)
    except (FileNotFoundError, NotADirectoryError):
        return False


def _keep(previous: str, target: str) -> None:
    """An unchanged file in the stage: the same inode, else a copy with its mtime."""
    try:
        os.link(previous, target)
    except OSError:  # a file system without hard links
        shutil.copy2(previous, target)


def _write(target: str, content: Content | Iterable[bytes]) -> None:
    if isinstance(content, SharedFile):
        try:  # a link costs no copy; another file system cannot link
            if LINKS:
                os.link(content.path, target)
                return
        except OSError:
            pass
        content = content.path
    if isinstance(content, bytes):
        return write_new(target, content)
    if isinstance(content, Path):
        shutil.copyfile(content, target)
    else:
        with open(target, "wb") as file:  # its parts, never joined
            file.writelines(content)
    os.chmod(target, 0o644)  # the site is meant to be read
