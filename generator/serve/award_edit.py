"""The quick path of `awards serve` for an award file: an edited project title shown
in milliseconds, the rest of the site a moment later.

A title is on many pages (the LAO's, its year's and tier's, its neighbours', the
explorer, the open data): a full rebuild renders hundreds of them, seconds at 2,000
winners. The editor looks at the winner's own page, so that page is shown first: when
a save changed nothing in an award file but the `project` of one winner, that winner is
checked as a build checks it, and its pages are rendered and written at once. The
caller then rebuilds the whole site at the editor's next pause (serve/site.py), which
brings every other page along and reports anything the build finds.

Reading the whole file again would cost as much as the page (a tenth of a second at
10,000 winners), so the file is compared line by line with the text the site was built
from, and only the winner's own lines are read as YAML.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import replace
from pathlib import Path

from generator.build.pipeline import Session
from generator.load import layout
from generator.load.catalog import MAX_YAML_BYTES
from generator.load.fields import Fields
from generator.load.layout import AWARD_FILE
from generator.load.parsing import YamlMap, parse_yaml, read_text
from generator.load.shapes import WINNER
from generator.model import Localized, Winner
from generator.problems import Problems
from generator.serve.live import show, with_data, with_winner
from generator.site import urls

PROJECT = re.compile(r"( *)(- )?project:")  # the field's first line; its key's indent
ID = re.compile(r"id: *(.+?)\s*")
MEANINGFUL = re.compile(r" *[^ #\n]")  # not blank, not only a comment
LOOK_UP = 100  # lines above the first change searched for the field's first line


def award_texts(content: Path) -> dict[Path, str]:
    """The award files' text as a build is about to read them: what a save is compared
    with. A file saved between this reading and the build's is seen as changed by the
    watcher, and then differs from nothing here: it takes a full rebuild."""
    texts = {}
    for path in sorted((content / layout.AWARDS).glob("*.yaml")):
        with contextlib.suppress(OSError, UnicodeDecodeError):  # the build says what is wrong
            texts[path] = path.read_text(encoding="utf-8")
    return texts


def update_award(session: Session, changed: list[Path], texts: dict[Path, str]
                 ) -> tuple[Session, list[str]] | None:
    """Show a save that changed one winner's project title: the session after it and the
    output paths rewritten, or None to decline (a full build then). `texts` (award_texts)
    is updated to the saved text when the save is shown."""
    if len(changed) != 1 or changed[0] not in texts:
        return None
    path = changed[0]
    match = AWARD_FILE.fullmatch(path.name)
    year = next((y for y in session.catalog.years if match and y.be == int(match[1])), None)
    if year is None:
        return None
    problems = Problems()
    shown = path.as_posix()
    file = layout.find(session.content, path, problems)  # checked as a build checks it
    text = None if file is None else read_text(file, shown, problems, MAX_YAML_BYTES)
    edit = None if text is None or problems else _edited_project(texts[path], text)
    if edit is None:
        return None
    winner_id, (old_line, old_block), (new_line, new_block) = edit
    old = next((w for w in year.winners if w.id == winner_id), None)
    where = f"winner '{winner_id}'"
    if old is None or _project(old_block, old_line, shown, where, Problems()) != old.project:
        return None  # not that winner's project as the site shows it
    project = _project(new_block, new_line, shown, where, problems)
    if project is None or problems:
        return None
    done = _show_winner(session, old, replace(old, project=project))
    if done is not None:
        texts[path] = text
    return done


def _project(block: str, line: int, shown: str, where: str, problems: Problems
             ) -> Localized | None:
    """A `project:` field's lines as a build reads them."""
    data = parse_yaml(block, shown, problems, line)
    if not isinstance(data, YamlMap) or list(data) != ["project"]:
        return None
    return Fields(data, shown, problems, WINNER, where).localized("project")


Block = tuple[int, str]  # a field's first line (from 1) and its lines, dedented


def _edited_project(before: str, after: str) -> tuple[str, Block, Block] | None:
    """Where the two texts differ, if only in one list item's `project` field: the item's
    id, and the field's lines before and after."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    first = next((n for n, (a, b) in enumerate(zip(old, new, strict=False)) if a != b),
                 min(len(old), len(new)))
    if first == len(old) == len(new):
        return None  # nothing changed: saved twice, or already shown
    same_end = 0
    while (same_end < min(len(old), len(new)) - first
           and old[-1 - same_end] == new[-1 - same_end]):
        same_end += 1
    for start in range(first, max(first - LOOK_UP, -1), -1):
        key = PROJECT.match(new[start])
        if key is None or not old[start].startswith(key[0]):
            continue
        indent = len(key[1]) + len(key[2] or "")
        end, old_end = _field_end(new, start, indent), _field_end(old, start, indent)
        if end < len(new) - same_end or old_end - len(old) != end - len(new):
            return None  # a change outside the field
        winner_id = _item_id(new, start, indent)
        if winner_id is None:
            return None
        return (winner_id, (start + 1, _dedent(old[start:old_end], indent)),
                (start + 1, _dedent(new[start:end], indent)))
    return None


def _field_end(lines: list[str], start: int, indent: int) -> int:
    """The line after the field that starts at `start`, its key at `indent`: the next
    meaningful line indented no more than its key."""
    for number in range(start + 1, len(lines)):
        line = lines[number]
        if MEANINGFUL.match(line) and len(line) - len(line.lstrip(" ")) <= indent:
            return number
    return len(lines)


def _item_id(lines: list[str], start: int, indent: int) -> str | None:
    """The id of the list item whose field, its key at `indent`, starts at `start`."""
    dash, first = " " * (indent - 2) + "- ", start
    while not lines[first].startswith(dash):  # the item's: its fields above are as deep
        first -= 1
        if first < 0 or (not lines[first].startswith(dash) and MEANINGFUL.match(lines[first])
                         and not lines[first][:indent].isspace()):
            return None
    for number in range(first, _field_end(lines, first, indent - 2)):
        found = ID.fullmatch(lines[number][indent:] if number > first else
                             lines[number][indent:].lstrip())
        if found:
            value = parse_yaml(found[1], "", Problems())
            return value if isinstance(value, str) else None
    return None


def _dedent(lines: list[str], indent: int) -> str:
    """A field's lines as a mapping of its own (its key at column 0)."""
    first = lines[0][indent:] if lines[0][:indent].isspace() else lines[0].lstrip(" -")
    rest = (line[indent:] if line[:indent].isspace() and line.strip() else line.lstrip(" ")
            for line in lines[1:])
    return "".join([first, *rest])


def _show_winner(session: Session, old: Winner, edited: Winner
                 ) -> tuple[Session, list[str]] | None:
    """The winner's own pages, and its kit's, with the edited winner, rendered and written."""
    catalog = with_winner(session.catalog, old, edited)
    replaced = {}
    for lang in catalog.site.languages:
        for path in (urls.winner(lang, old.year, old.id), urls.kit(lang, old.year, old.id)):
            page = session.graph.by_path.get(path)
            # equal, not the same: a write-up shown in place gave the catalog a new one
            if page is not None and getattr(page.data, "winner", None) == old:
                replaced[path] = with_data(page, winner=edited)
    return show(replace(session, catalog=catalog), replaced) if replaced else None
