"""Skip a build whose inputs and output are exactly as the last build left them.

The record of a build is a hash of everything its output depends on (the
generator's own files and library versions, the templates, every content file
and the base URL) with the size, mtime and inode of every file it left in
output/. When the hash is the same and output/ still holds exactly those
files, building again would write the same bytes: there is nothing to do.
Anything else, even a touched output file, means a full build. This module is
imported before the heavy ones, so that an up-to-date check costs milliseconds.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from generator.build.destination import files_in
from generator.cache.folder import cache_folder
from generator.cache.keys import content_key, hex_key, versions
from generator.load import layout, reading
from generator.work.files import replace_file

GENERATOR = Path(__file__).resolve().parents[1]  # the package
LIBRARIES = ("jinja2", "markdown", "markupsafe", "nh3", "nlpo3", "pillow", "pythainlp", "pyyaml",
             "segno")
FORMAT = 1


@dataclass(frozen=True)
class Record:
    inputs: str
    pages: int
    files: dict[str, list[int]]  # output path -> [size, mtime_ns, inode]


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


def is_current(record: Record | None, inputs: str, found: dict[str, list[int]]) -> bool:
    """True when the inputs are those of the record, and `found` (destination.files_in)
    the files it left, untouched."""
    return record is not None and record.inputs == inputs and found == record.files


def load(output: Path) -> Record | None:
    try:
        data = json.loads(_record_path(output).read_text(encoding="utf-8"))
        return Record(data["inputs"], data["pages"], data["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save(output: Path, inputs: str, pages: int) -> None:
    """Record a finished build (best effort: without a record the next build is full)."""
    with contextlib.suppress(OSError):
        data = {"inputs": inputs, "pages": pages, "files": files_in(output)}
        replace_file(_record_path(output), json.dumps(data, sort_keys=True).encode("utf-8"))


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
