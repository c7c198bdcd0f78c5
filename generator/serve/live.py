"""The quick path of `awards serve`: an edited write-up body shown in milliseconds.

Most saves while writing change only the Markdown body of one write-up. Its
HTML appears on exactly one page (the winner's page in that language), in the
"read it in the other language" notice of its twin, and in the search index.
So instead of a full rebuild the write-up is validated like any other, new
model and page values are made around it (nothing built is changed in place),
and those pages are rendered and written at once; the search index follows a
moment later (update_search). An award file's edited project title has a quick
path of its own (serve/award_edit.py); anything else (front matter, a new or deleted
file, other award data, templates) declines and gets a full rebuild.
A test checks that the site it leaves is byte-identical to a clean build.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.build.output import update_file
from generator.build.pipeline import Session, page_key
from generator.emit.templates import render_page
from generator.load import layout
from generator.load.layout import ENTRY_FILE
from generator.load.parsing import read_text
from generator.load.writeups import MAX_WRITEUP_BYTES, validate_writeup
from generator.model import Catalog, Winner, Writeup
from generator.problems import Problems
from generator.site import urls
from generator.site.fulltext import index_files
from generator.site.graph import Page


def update_writeups(session: Session, changed: list[Path]) -> tuple[Session, list[str]] | None:
    """Show body-only edits of write-ups: the session after them and the output paths
    rewritten, or None to decline (a full build then)."""
    pages = session.graph.by_path
    catalog, replaced = session.catalog, {}
    for path in changed:
        found = _writeup_of(session, catalog, path)
        if found is None:
            return None
        winner, lang = found
        writeup = _read(session, winner, lang, path)
        old = winner.writeups[lang]
        if writeup is None or replace(writeup, kept_html=old.kept_html) != old:
            return None  # a mistake to report, or front matter shown elsewhere: full build
        page = replaced.get(urls.winner(lang, winner.year, winner.id)) or \
            pages.get(urls.winner(lang, winner.year, winner.id))
        if page is None or getattr(page.data, "writeup", None) is not old:
            return None
        edited = replace(winner, writeups={**winner.writeups, lang: writeup})
        catalog = with_winner(catalog, winner, edited)
        replaced[page.path] = with_data(page, writeup=writeup)
        for other in catalog.site.languages:  # "read it in the other language"
            path_of_twin = urls.winner(other, winner.year, winner.id)
            twin = replaced.get(path_of_twin) or pages.get(path_of_twin)
            if twin is not None and getattr(twin.data, "fallback", None) is old:
                replaced[twin.path] = with_data(twin, fallback=writeup)
    return show(replace(session, catalog=catalog), replaced)


def show(session: Session, replaced: dict[str, Page]) -> tuple[Session, list[str]]:
    """Render and write these pages in place of the session's pages of the same paths:
    the session with them, and the output paths written."""
    session = replace(session, graph=session.graph.with_pages(replaced))
    written = []
    for page in replaced.values():
        html = render_page(session.renderer, page, session.templates)
        if session.cache is not None:
            session.cache.pages[page.path] = (
                page_key(page, session.renderer, session.cache.shared, session.cache), html)
        update_file(session.output, page.output_path, html)
        written.append(page.output_path)
    return session, written


def update_search(session: Session, files: dict[str, bytes] | None = None) -> str:
    """Write the search index again (its files, made here unless given), after the
    edited page is on screen."""
    for name, data in (index_files(session.catalog) if files is None else files).items():
        update_file(session.output, urls.SEARCH_INDEX + name, data)
    return urls.SEARCH_INDEX


def _read(session: Session, winner: Winner, lang: str, path: Path) -> Writeup | None:
    """The write-up at path, checked as a build checks it (a write-up replaced by a link
    to a file outside the content folder is None here, and the build reports it)."""
    problems = Problems()
    shown = path.as_posix()
    file = layout.find(session.content, path, problems)
    text = None if file is None else read_text(file, shown, problems, MAX_WRITEUP_BYTES)
    folder = (session.content / layout.entry_folder(winner.year, winner.id)).as_posix()
    writeup = None if text is None else validate_writeup(
        text, lang, shown, folder, {a.name for a in winner.assets}, problems)
    return None if problems else writeup


def with_winner(catalog: Catalog, old: Winner, new: Winner) -> Catalog:
    years = tuple(replace(year, winners=tuple(new if w is old else w for w in year.winners))
                  if year.be == old.year else year for year in catalog.years)
    return replace(catalog, years=years)


def with_data(page: Page, **changes: object) -> Page:
    return replace(page, data=replace(page.data, **changes))


def _writeup_of(session: Session, catalog: Catalog, path: Path) -> tuple[Winner, str] | None:
    """(winner, lang) when path is an existing write-up of the built site, else None."""
    try:
        parts = path.relative_to(session.content).parts
    except ValueError:
        return None
    match = ENTRY_FILE.fullmatch(parts[-1]) if len(parts) == 3 else None
    if parts[0] != layout.ENTRIES or match is None or not path.is_file():
        return None
    for year in catalog.years:
        if str(year.be) == parts[1]:
            for winner in year.winners:
                if winner.id == match[1] and match[2] in winner.writeups:
                    return winner, match[2]
    return None
