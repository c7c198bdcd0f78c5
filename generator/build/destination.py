"""Where a build may write: refuse dangerous folders, and claim only our own (issue 12).

A build deletes or overwrites only files that an earlier build of ours wrote.
Each build leaves a manifest (MANIFEST) in the output folder naming every file
it wrote. An existing folder is accepted when it is empty, or when it holds
exactly what its manifest lists; anything else is refused before a byte is
read or written, and so are folders that no build should ever write into: the
file system's root, the home folder, the content and the templates, or any
folder holding them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.build.paths import Paths
from generator.problems import visible

MANIFEST = ".awards-manifest.json"
GENERATOR = "dga-local-awards"
# Stage folders: beside the output folder (.output.awards-XXXX) or, where it
# cannot be renamed, inside it (.awards-stage-XXXX). Either holds STAGE_MARK
# while it is being filled, and a manifest once it is complete.
STAGE_INSIDE = ".awards-stage-"
STAGE_MARK = ".awards-stage"
PACKAGE = Path(__file__).resolve().parents[1]


class Refused(Exception):
    """An output folder that a build must not write into; str() says why."""


@dataclass(frozen=True)
class Destination:
    """An output folder that a build may write into."""

    path: Path  # absolute, links resolved
    shown: str  # as the user wrote it, for messages
    owned: bool = False  # own() checked that every file there is ours
    previous: Set[str] | None = None  # what the last build wrote; None: new or empty
    listing: set[str] | None = field(default=None, compare=False, repr=False)

    @property
    def found(self) -> set[str]:
        """Every file there now, listed when first asked: an up-to-date build checks the
        files its record names instead (build/record.py), a third of the time at 37,000
        files. Refused when the folder cannot be listed."""
        if self.listing is None:
            object.__setattr__(self, "listing", _listed(self.path, self.shown))
        return self.listing


def stage_prefix(output: Path) -> str:
    return f".{output.name}.awards-"


def claim(output: Path, content: Path, templates: Path) -> Destination:
    """The output folder, if a build may write there; Refused otherwise."""
    return own(locate(output, content, templates))


def locate(output: Path, content: Path, templates: Path) -> Destination:
    """The output folder, unless no build may ever write there (Refused); its files
    are listed when first asked (Destination.found)."""
    path = Path(os.path.realpath(output))
    reason = _forbidden(path, Path(os.path.realpath(content)), Path(os.path.realpath(templates)))
    if reason:
        raise Refused(f"{output}: {reason}")
    if path.exists() and not path.is_dir():
        raise Refused(f"{output}: is a file, not a folder; choose a folder for the site")
    return Destination(path, str(output))


def _listed(path: Path, shown: str) -> set[str]:
    try:
        return files_in(path) if path.exists() else set()
    except OSError as error:  # a folder half listed is not an empty one
        unread = error.filename or path
        raise Refused(f"{shown}: cannot read {unread} ({error.strerror or error}), so what "
                      "the folder holds is unknown; make it readable or choose another "
                      "folder") from None


def own(destination: Destination) -> Destination:
    """The destination, once its manifest shows that every file in it is ours
    (Refused otherwise). Separate from locate(): a build found up to date by the
    record of what it left there needs no manifest read. The folder's listing is let go
    of once checked: the build holds the destination to its end, and every process it
    forks would inherit it (200,000 files at 10,000 winners: 65 MB as it was, issue 26)."""
    found = destination.found
    object.__setattr__(destination, "listing", None)
    if not found:
        return replace(destination, owned=True, listing=None)
    shown = destination.shown
    try:
        listed = read_manifest(destination.path)
        if listed is not None:
            _no_links_in_the_way(listed, found)
    except BadManifest as bad:
        raise Refused(f"{shown}: its {MANIFEST} names {bad}; no build of ours wrote that, "
                      "so the folder is left alone; choose another folder") from None
    if listed is None:
        raise Refused(f"{shown}: the folder is not empty and no build of ours wrote it (it has "
                      f"no {MANIFEST}); choose an empty or new folder, or empty this one "
                      "yourself if it is an old build")
    foreign = sorted(found - listed - {MANIFEST})
    del found
    if foreign:
        listing = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more"
                                            if len(foreign) > 3 else "")
        one = len(foreign) == 1
        raise Refused(f"{shown}: holds {len(foreign)} file{'' if one else 's'} that no build "
                      f"of ours wrote ({listing}); move {'it' if one else 'them'} out of the "
                      "folder or choose another one")
    return replace(destination, owned=True, previous=Paths(listed), listing=None)


def _no_links_in_the_way(listed: frozenset[str], found: set[str]) -> None:
    """BadManifest when a listed file lies under a file or link of the folder: `found`
    walks into folders only, so a name in it is never a folder of ours."""
    for rel in listed:
        parts = rel.split("/")
        for end in range(1, len(parts)):
            if "/".join(parts[:end]) in found:
                raise BadManifest(f"'{visible(rel)}', under '{visible('/'.join(parts[:end]))}', "
                                  "which is a link or a file, not a folder")


def _forbidden(path: Path, content: Path, templates: Path) -> str | None:
    """Why no build may ever write into `path`, or None."""
    if path.parent == path:
        return "is the root of the file system; choose a folder for the site"
    if path in _homes():
        return "is your home folder; choose a folder for the site, such as output"
    for name, folder in (("content", content), ("templates", templates),
                         ("generator's own", PACKAGE)):
        if path == folder:
            return f"is the {name} folder; choose another folder for the site"
        if path.is_relative_to(folder):
            return f"is inside the {name} folder ({folder}); choose a folder outside it"
        if folder.is_relative_to(path):
            return f"contains the {name} folder ({folder}); choose a folder beside it, " \
                   "such as output"
    return None


def _homes() -> set[Path]:
    homes = {Path.home()}
    try:
        import pwd  # not on Windows

        homes.add(Path(pwd.getpwuid(os.getuid()).pw_dir))
    except (ImportError, KeyError):
        pass
    return {Path(os.path.realpath(home)) for home in homes}


def files_in(output: Path) -> set[str]:
    """Every file under output (links included, not followed), leaving out stage folders
    that a killed build of ours left inside. OSError when any folder in it cannot be
    listed."""
    found: set[str] = set()

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if prefix or not is_stage(entry.path, STAGE_INSIDE):
                        walk(entry.path, prefix + entry.name + "/")
                else:
                    found.add(prefix + entry.name)

    walk(str(output), "")  # an OSError names what could not be read
    return found


def is_stage(path: str, prefix: str) -> bool:
    """True for a stage folder of ours: its name, and our mark or manifest inside."""
    return os.path.basename(path).startswith(prefix) and (
        os.path.isfile(os.path.join(path, STAGE_MARK))
        or os.path.isfile(os.path.join(path, MANIFEST)))


def manifest(files: Iterable[str]) -> bytes:
    """The manifest of a build: the same files give the same bytes."""
    return b"".join(manifest_parts(sorted(files)))


# Files a part of the manifest lists: its text and bytes stay small beside the build
MANIFEST_PART = 4096


def manifest_parts(listed: list[str]) -> Iterator[bytes]:
    """manifest(listed), `listed` sorted, a part at a time: at 10,000 winners its text,
    its bytes and their join were 30 MB more at the end of the build (issue 26). Each
    part is encoded by json's C encoder (indent=0's one file a line, made by the
    separator): indented, json encodes in Python, a string for every bracket, comma and
    name, held at once (over 100 MB for 10,000 winners' 200,000 files)."""
    document = {"generator": GENERATOR, "format": 1, "files": []}
    head = json.dumps(document, ensure_ascii=False, indent=0).encode("utf-8")
    if not listed:
        yield head + b"\n"
        return
    assert head.endswith(b"[]\n}")
    yield head[:-4] + b"[\n"
    for start in range(0, len(listed), MANIFEST_PART):
        part = json.dumps(listed[start:start + MANIFEST_PART], ensure_ascii=False,
                          separators=(",\n", ": "))
        yield (",\n" + part[1:-1] if start else part[1:-1]).encode("utf-8")
    yield b"\n]\n}\n"


class BadManifest(ValueError):
    """A manifest naming a path that is not inside its folder: no build of ours wrote it."""


def is_inside(rel: str) -> bool:
    """True for a normalized relative path that stays in its folder: a/b.html, never
    /a, ../a, a//b, ./a, a\\b or C:a."""
    if not rel or "\\" in rel or "\0" in rel or rel[1:2] == ":":
        return False
    # no part "", "." or "..": each part lies between two slashes once the path is wrapped
    # in two (three searches in C, not a list of parts: every file of a site is checked)
    wrapped = f"/{rel}/"
    return "//" not in wrapped and "/./" not in wrapped and "/../" not in wrapped


def read_manifest(folder: Path) -> frozenset[str] | None:
    """The files a build of ours wrote into folder, or None without a valid manifest;
    BadManifest when it names anything outside the folder, or itself."""
    try:
        with open(folder / MANIFEST, "rb") as file:
            document = json.loads(file.read(64 * 1024 * 1024))
    except (OSError, ValueError):
        return None
    if not isinstance(document, dict) or document.get("generator") != GENERATOR:
        return None
    files = document.get("files")
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return None
    for rel in files:
        if not is_inside(rel) or rel in (MANIFEST, STAGE_MARK):
            raise BadManifest(f"'{visible(rel)}', which is not a file inside the folder")
    return frozenset(files)
