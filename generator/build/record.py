"""Skip a build whose inputs and output are exactly as the last build left them.

The record of a build is a hash of everything its output depends on (the
generator's own files and library versions, the templates, every content file
and the base URL) with the size, mtime and inode of every file it left in
output/, and the ctime and inode of every folder. When the hash is the same and
output/ still holds exactly those files, building again would write the same
bytes: there is nothing to do. Anything else, even a touched output file, means
a full build. This module is imported before the heavy ones, so that an
up-to-date check costs milliseconds.

A file added, removed or renamed changes its folder's ctime (which no tool can set
back), so the check stats the files the record names rather than listing every
folder: a third of the time at 37,000 files. A folder changed within a second of
the record may change again within the file system's clock tick, keeping its
ctime: its names are recorded and listed instead.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import TypeVar

from generator.build.destination import MANIFEST, STAGE_INSIDE, is_stage
from generator.cache.folder import cache_folder
from generator.cache.keys import content_key, hex_key, versions
from generator.load import layout, reading
from generator.work.files import replace_file

GENERATOR = Path(__file__).resolve().parents[1]  # the package
LIBRARIES = ("jinja2", "markdown", "markupsafe", "nh3", "nlpo3", "pillow", "pythainlp", "pyyaml",
             "segno")
FORMAT = 1
# A folder whose ctime is this close to the record's time may still change within the
# same tick of the file system's clock: its names are kept and listed, not trusted
RACY_NS = 1_000_000_000
T = TypeVar("T")
# Where files can be stat'ed by name within an open folder (not Windows)
BY_FOLDER = os.stat in os.supports_dir_fd and os.listdir in os.supports_fd


@dataclass(frozen=True)
class Record:
    inputs: str
    pages: int
    # folder of output/ ("" for itself) -> [ctime_ns, inode, {file name: [size, mtime_ns,
    # inode]}], or [None, inode, files, [every name in it]] for a folder changed just before
    folders: dict[str, list]

    @property
    def files(self) -> int:
        """The files of the site, its manifest left out."""
        return sum(len(folder[2]) for folder in self.folders.values()) - (
            MANIFEST in self.folders.get("", [0, 0, {}])[2])


def inputs_key(content: Path, templates: Path, base_url: str | None, drafts: bool = False
               ) -> str:
    """A key of everything a build's output depends on."""
    own = [part for rel, path in _files(GENERATOR) for part in (rel, _read(path))]
    options = (FORMAT, base_url, "drafts") if drafts else (FORMAT, base_url)
    return content_key(repr(options), versions(*LIBRARIES), content_key(*own),
                       reading.folder_digest(templates), reading.folder_digest(content)).hex()


def _read(path: str) -> bytes:
    try:
        return reading.read_bytes(path, layout.MAX_FILE_BYTES)
    except OSError as error:  # unreadable now: never equal to a readable past
        return f"\0unreadable {error}".encode()


def is_current(record: Record | None, inputs: str, output: Path) -> bool:
    """True when the inputs are those of the record, and output/ holds the files it
    left, untouched, and nothing else."""
    return record is not None and record.inputs == inputs and _unchanged(output, record)


def _unchanged(output: Path, record: Record) -> bool:
    root = str(output)
    try:
        for rel, (ctime, inode, files, *names) in record.folders.items():
            folder = os.path.join(root, rel) if rel else root
            handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
                             | getattr(os, "O_NOFOLLOW", 0)) if BY_FOLDER else None
            try:
                info = os.fstat(handle) if BY_FOLDER else os.lstat(folder)
                if info.st_ino != inode or not stat.S_ISDIR(info.st_mode):
                    return False
                if ctime is None:
                    if sorted(os.listdir(handle if BY_FOLDER else folder)) != names[0]:
                        return False
                elif info.st_ctime_ns != ctime:
                    return False
                for name, (size, mtime, number) in files.items():
                    each = (os.stat(name, dir_fd=handle, follow_symlinks=False) if BY_FOLDER
                            else os.lstat(os.path.join(folder, name)))
                    if (each.st_size, each.st_mtime_ns, each.st_ino) != (size, mtime, number):
                        return False
            finally:
                if handle is not None:
                    os.close(handle)
    except (OSError, ValueError, TypeError, IndexError, AttributeError):
        return False  # gone, unreadable, or a record of another shape: build
    return True


def load(output: Path) -> Record | None:
    try:
        data = json.loads(_record_path(output).read_text(encoding="utf-8"))
        return Record(data["inputs"], data["pages"], data["folders"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save(output: Path, inputs: str, pages: int) -> None:
    """Record a finished build (best effort: without a record the next build is full).
    RuntimeError: the process that walked half of output/ died (snapshot)."""
    with contextlib.suppress(OSError, RuntimeError):
        # json.dumps(data, sort_keys=True) of {"inputs", "pages", "folders"}, each folder
        # encoded as it is listed: its lists of numbers, held all at once, were 50 MB at
        # 10,000 winners, at the build's peak (issue 26)
        # and written a folder at a time: the whole text, its bytes and their join were
        # 30 MB more at the end of the build
        folders = snapshot(output, lambda value: json.dumps(value, sort_keys=True))
        listed = (f"{', ' if index else ''}{json.dumps(rel)}: {folders.pop(rel)}".encode()
                  for index, rel in enumerate(sorted(folders)))
        end = f'}}, "inputs": {json.dumps(inputs)}, "pages": {pages}}}'
        replace_file(_record_path(output), chain((b'{"folders": {',), listed, (end.encode(),)))


def snapshot(output: Path, encode: Callable[[list], T] = lambda value: value
             ) -> dict[str, T]:
    """Record.folders of output/ as it is now, leaving out stage folders that a killed
    build of ours left inside (as destination.files_in does); each folder's value as
    `encode` gives it. The walk is system calls on one core, at the end of the build:
    below the top two levels, a forked process walks half of the folders (issue 26)."""
    started = time.time_ns()
    folders: dict[str, T] = {}
    below: list[tuple[str, str, os.stat_result]] = []  # (path, rel, info), two levels down

    def walk(path: str, rel: str, info: os.stat_result, into: dict[str, T],
             deeper: list | None) -> None:
        files: dict[str, list[int]] = {}
        names = []
        with os.scandir(path) as entries:  # listed after its ctime was read: a change
            for entry in entries:           # meanwhile is seen by the next check
                names.append(entry.name)
                if entry.is_dir(follow_symlinks=False):
                    if rel or not is_stage(entry.path, STAGE_INSIDE):
                        folder = (entry.path, f"{rel}/{entry.name}" if rel else entry.name,
                                  entry.stat(follow_symlinks=False))
                        if deeper is not None and rel:  # a folder two levels down
                            deeper.append(folder)
                        else:
                            walk(*folder, into, deeper)
                else:
                    each = entry.stat(follow_symlinks=False)
                    files[entry.name] = [each.st_size, each.st_mtime_ns, each.st_ino]
        racy = info.st_ctime_ns >= started - RACY_NS
        into[rel] = encode([None, info.st_ino, files, sorted(names)] if racy
                           else [info.st_ctime_ns, info.st_ino, files])

    def walk_all(part: list[tuple[str, str, os.stat_result]]) -> dict[str, T]:
        into: dict[str, T] = {}
        for folder in part:
            walk(*folder, into, None)
        return into

    walk(str(output), "", os.lstat(output), folders, below)
    mine, theirs = _halves(below)
    if sum(info.st_nlink for _, _, info in theirs) < APART:
        folders.update(walk_all(below))  # too few folders to be worth a fork
        return folders
    from generator.work.soon import Soon  # not for an up-to-date check: it stays light

    other = Soon(lambda: walk_all(theirs))
    try:
        folders.update(walk_all(mine))
        folders.update(other.get())
    finally:
        other.close()
    return folders


# Folders (counted by their links: each subfolder adds one) below which a second process
# is not worth its fork. 2,000 winners: 12,000 folders
APART = 2000


def _halves(folders: list[tuple[str, str, os.stat_result]]
            ) -> tuple[list[tuple[str, str, os.stat_result]], list[tuple[str, str, os.stat_result]]]:
    """The folders in two parts of about as many subfolders each (a folder's link count
    is 2 and one for each subfolder), the largest placed first."""
    parts: tuple[list, list] = ([], [])
    sizes = [0, 0]
    for folder in sorted(folders, key=lambda folder: (-folder[2].st_nlink, folder[1])):
        lighter = sizes[1] < sizes[0]
        parts[lighter].append(folder)
        sizes[lighter] += folder[2].st_nlink
    return parts


def _record_path(output: Path) -> Path:
    where = hex_key("build record", os.fsencode(output.absolute()))[:24]
    return cache_folder() / "builds" / f"{where}.json"


def _files(root: Path):
    """(relative path, path) of the generator's own files, in a fixed order."""
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            path = os.path.join(folder, name)
            yield os.path.relpath(path, root).replace(os.sep, "/"), path
