"""Editors' source notes: what each source they read says, in their own words.

`entries/<BE>/<id>.notes.yaml` holds the notes of one winner, `_year.notes.yaml`
those of the year. They let anyone check a write-up's facts against the sources
without the project storing any source's text. They are checked like every
content file and never published.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.load import layout
from generator.load.fields import Fields
from generator.load.layout import NOTES_FILE, ContentFile
from generator.load.parsing import parse_yaml, read_text
from generator.load.shapes import NOTE_SOURCE, NOTES
from generator.problems import Problems

# Notes are a few facts a source: far below this
MAX_NOTES_BYTES = 1024 * 1024


@dataclass(frozen=True)
class NoteSource:
    """A source in an editor's notes, with the facts it gives in the editor's words."""

    url: str
    title: str
    accessed: dt.date
    facts: tuple[str, ...]
    published: dt.date | None = None


@dataclass(frozen=True)
class Notes:
    """An editor's source notes of a winner or a year: checked, never published."""

    path: str  # content-relative
    year: int
    winner_id: str | None  # None: the year's notes
    sources: tuple[NoteSource, ...]


def validate_notes(data: Any, path: str, rel: str, be: int, winner_id: str | None,
                   problems: Problems) -> Notes | None:
    """One notes file to Notes; `rel`: its content-relative path."""
    if data is None:
        problems.add(path, 1, "the file is empty: notes need 'sources'",
                     "list each source with its url, title, accessed and facts")
        return None
    fields = Fields.of(data, path, problems, NOTES, line=1)
    if fields is None:
        return None
    sources = []
    for index, (item, line) in enumerate(fields.items("sources"), start=1):
        source = Fields.of(item, path, problems, NOTE_SOURCE, f"source {index}", line)
        if source is None:
            continue
        url, title = source.url("url"), source.text("title")
        published, accessed = source.date("published"), source.date("accessed")
        facts = source.text_list("facts")
        if source.data.get("facts") == []:
            source.problem("facts", "'facts' is an empty list",
                           "note what the source says, or leave the source out")
        if published is not None and accessed is not None and accessed < published:
            source.problem("accessed", f"read on {accessed} ('accessed'), before it was "
                                       f"published on {published}")
        if None not in (url, title, accessed) and facts:
            sources.append(NoteSource(url, title, accessed, facts, published))
    if fields.data.get("sources") == []:
        fields.problem("sources", "'sources' is an empty list", "list the sources you read")
    return Notes(rel, be, winner_id, tuple(sources))


def load_notes(files: dict[str, ContentFile], message_paths: dict[str, str],
               declared: dict[str, set[str] | None], problems: Problems,
               unknown: Callable[..., None]) -> tuple[Notes, ...]:
    """Every notes file beside the write-ups, checked; never published. `declared`: the
    winner ids of each year (None: its file is unreadable); `unknown` reports a notes
    file of a year or winner that does not exist."""
    notes = []
    for rel, file in files.items():
        parts = rel.split("/")
        match = NOTES_FILE.fullmatch(parts[-1])
        if len(parts) != 3 or parts[0] != layout.ENTRIES or match is None:
            continue
        be, winner_id = parts[1], None if match[1] == layout.YEAR_NOTES else match[1]
        path = message_paths[rel]
        if be not in declared or (winner_id is not None and declared[be] is not None
                                  and winner_id not in declared[be]):
            unknown(path, be, winner_id or "", declared, problems)
            continue
        count = len(problems)
        text = read_text(file, path, problems, MAX_NOTES_BYTES)
        data = None if text is None else parse_yaml(text, path, problems)
        if len(problems) == count:
            found = validate_notes(data, path, rel, int(be), winner_id, problems)
            if found is not None:
                notes.append(found)
    return tuple(notes)
