"""Which files are content, and where each kind lives: one definition for `check`,
`build`, `serve` and the up-to-date check (issue 12).

Only regular files are content. A symbolic link is resolved and checked before
anything opens it: it must stay inside the content folder and end at a regular
file or folder. FIFOs, devices, dangling links and link loops are reported, never
opened, so that no file can hang a build or feed it endless bytes.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.problems import Problems

AWARDS, ENTRIES, SITE = "awards", "entries", "site.yaml"
# ASCII digits only: Python's \d would read awards/๒๕๖๖.yaml as year 2566
AWARD_FILE = re.compile(r"([0-9]{4})\.yaml", re.ASCII)
ENTRY_FILE = re.compile(r"([a-z0-9-]+)\.([a-z]{2})\.md", re.ASCII)
# An editor's source notes, beside the write-ups: of a winner, or (_year) of the year
NOTES_FILE = re.compile(r"([a-z0-9-]+|_year)\.notes\.yaml", re.ASCII)
YEAR_NOTES = "_year"
YEAR_FOLDER = re.compile(r"[0-9]{4}", re.ASCII)

# No content file can be larger: each kind has its own, smaller limit as well
MAX_FILE_BYTES = 50 * 1024 * 1024
# Names that URLs or Windows cannot carry as they are
UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f\\/:*?"<>|#%]')

# Editor and system droppings: never content, wherever they are
_DROPPINGS = re.compile(
    r"\..*"  # hidden: .DS_Store, .foo.yaml.swp, .git, .#lock files
    r"|.*~"  # backups of Emacs, vim, gedit
    r"|#.*#"  # Emacs auto-saves
    r"|~\$.*"  # Office lock files
    r"|.*\.(swp|swo|swx|tmp|bak|orig|rej)"
    r"|Thumbs\.db|desktop\.ini|Icon\r|4913",  # Windows, macOS, vim's write probe
    re.IGNORECASE | re.DOTALL,
)


def ignored(name: str) -> bool:
    """True for editor and system droppings, which are never content."""
    return bool(_DROPPINGS.fullmatch(name))


def ignored_path(rel: str) -> bool:
    """True when any part of a content-relative POSIX path is a dropping."""
    return any(ignored(part) for part in rel.split("/"))


def entry_folder(be: int | str, winner_id: str) -> str:
    """The content-relative folder of a winner's write-up assets."""
    return f"{ENTRIES}/{be}/{winner_id}"


@dataclass(frozen=True)
class ContentFile:
    """A regular file of the content folder."""

    rel: str  # POSIX path relative to the content folder, in NFC
    path: str  # the file to open: links resolved
    size: int


def scan(root: Path, problems: Problems) -> dict[str, ContentFile]:
    """Every content file by its relative path, in a fixed order; what is wrong
    with the others is added to problems."""
    if not root.is_dir():
        problems.add(root.as_posix(), None, "content folder not found")
        return {}
    real_root = os.path.realpath(root)
    found: dict[str, ContentFile] = {}
    seen_folders = {_identity(os.stat(real_root))}

    def walk(folder: str, prefix: str) -> None:
        try:
            with os.scandir(folder) as entries:
                names = sorted(entry.name for entry in entries)
        except OSError as error:
            problems.add(_shown(root, prefix.rstrip("/") or "."), None,
                         f"cannot read this folder ({error.strerror})")
            return
        for name in names:
            if ignored(name):
                continue
            problem = name_problem(name)
            if problem:
                problems.add(_shown(root, prefix + name), None, problem)
                continue
            path = os.path.join(folder, name)
            target, info = _resolve(path, real_root, lambda name=name: _shown(root, prefix + name),
                                    problems)
            if info is None:
                continue
            rel = prefix + (name if name.isascii() else unicodedata.normalize("NFC", name))
            if stat.S_ISDIR(info.st_mode):
                if _identity(info) not in seen_folders:  # a link back up would loop forever
                    seen_folders.add(_identity(info))
                    walk(target, rel + "/")
            elif not stat.S_ISREG(info.st_mode):
                problems.add(_shown(root, prefix + name), None,
                             f"not a regular file ({kind_of(info.st_mode)})",
                             "content holds only ordinary files and folders")
            elif info.st_size > MAX_FILE_BYTES:
                problems.add(_shown(root, prefix + name), None,
                             f"file is {info.st_size / 2**20:.0f} MB; content files are at "
                             f"most {MAX_FILE_BYTES // 2**20} MB")
            elif rel in found:
                problems.add(_shown(root, prefix + name), None,
                             f"two files are named '{rel}' (one of them in decomposed "
                             "Unicode)", "keep one of them")
            else:
                found[rel] = ContentFile(rel, target, info.st_size)

    walk(str(root), "")
    return found


def name_problem(name: str) -> str | None:
    """Why a file name cannot be content (or published), or None."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes, kept by the OS as surrogates
        return "file name is not UTF-8; rename it"
    bad = UNSAFE_NAME.search(name)
    if bad:
        what = "a backslash" if bad[0] == "\\" else f"'{bad[0]}'" if bad[0].isprintable() \
            else f"control character U+{ord(bad[0]):04X}"
        return f"file name contains {what}, which URLs or Windows cannot carry; rename it"
    if len(name.encode("utf-8")) > 200:
        return "file name is longer than 200 bytes; shorten it"
    return None


def find(root: Path, path: Path, problems: Problems) -> ContentFile | None:
    """One file of the content folder, checked as scan() checks it (awards serve)."""
    try:
        rel = path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return None
    if ignored_path(rel):
        return None
    shown = _shown(root, rel)
    real_root = os.path.realpath(root)
    for part in rel.split("/"):
        problem = name_problem(part)
        if problem:
            problems.add(shown, None, problem)
            return None
    target, info = _resolve(str(path), real_root, lambda: shown, problems)
    if info is None or not stat.S_ISREG(info.st_mode):
        if info is not None:
            problems.add(shown, None, f"not a regular file ({kind_of(info.st_mode)})")
        return None
    return ContentFile(unicodedata.normalize("NFC", rel), target, info.st_size)


def _resolve(path: str, real_root: str, shown: Callable[[], str], problems: Problems
             ) -> tuple[str, os.stat_result | None]:
    """(the real path, its stat) of a path that may be a link; (path, None) and a
    problem when it cannot be content. `shown` spells the path for a message."""
    try:
        info = os.lstat(path)
    except OSError as error:
        problems.add(shown(), None, f"cannot read this file ({error.strerror})")
        return path, None
    if not stat.S_ISLNK(info.st_mode):
        return path, info
    try:
        target = os.path.realpath(path, strict=True)
    except OSError as error:
        loop = error.errno == errno.ELOOP or "loop" in str(error).lower()
        problems.add(shown(), None, "symbolic link loops back on itself" if loop else
                     f"symbolic link points to nothing (to {os.readlink(path)})")
        return path, None
    if not Path(target).is_relative_to(real_root):
        problems.add(shown(), None,
                     f"symbolic link points outside the content folder (to {os.readlink(path)})")
        return path, None
    return target, os.stat(target)


def _identity(info: os.stat_result) -> tuple[int, int]:
    return info.st_dev, info.st_ino


def kind_of(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
             (stat.S_ISBLK, "a device"), (stat.S_ISDIR, "a folder"))
    return next((name for test, name in kinds if test(mode)), "not a file")


def _shown(root: Path, rel: str) -> str:
    """A path for a message, undecodable bytes shown as U+FFFD."""
    text = (root / rel).as_posix() if rel != "." else root.as_posix()
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
