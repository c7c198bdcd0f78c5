"""The quick path of `awards serve`: an edited write-up body shown in milliseconds.

Most saves while writing change only the Markdown body of one write-up. Its
HTML appears on exactly one page (the winner's page in that language) and in
the search index, so instead of a full rebuild the write-up is validated like
any other, swapped into the built model, and that page is rendered and
written at once; the search index follows a moment later (update_search).
Anything else (front matter, a new or deleted file, award data, templates)
declines the quick path and gets a full rebuild. A test checks that the site
it leaves is byte-identical to a clean build.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.build.output import update_file
from generator.build.pipeline import Session, render_page, search_index
from generator.load import layout
from generator.load.layout import ENTRY_FILE
from generator.load.sources import read_text
from generator.load.writeups import MAX_WRITEUP_BYTES, validate_writeup
from generator.problems import Problems
from generator.site import urls


def update_writeups(session: Session, changed: list[Path]) -> list[str] | None:
    """Apply body-only edits of write-ups; the output paths rewritten, or None to decline."""
    pages = session.graph.by_path
    updates = []
    for path in changed:
        found = _writeup_of(session, path)
        if found is None:
            return None
        winner, lang = found
        problems = Problems()
        shown = path.as_posix()
        # checked as a build checks it: a write-up replaced by a link to a file
        # outside the content folder declines here, and the build reports it
        file = layout.find(session.content, path, problems)
        text = None if file is None else read_text(file, shown, problems, MAX_WRITEUP_BYTES)
        folder = (session.content / layout.entry_folder(winner.year, winner.id)).as_posix()
        writeup = None if text is None else validate_writeup(
            text, lang, shown, folder, {a.name for a in winner.assets}, problems)
        old = winner.writeups[lang]
        if problems or writeup is None or replace(writeup, html=old.html) != old:
            return None  # a mistake to report, or front matter shown elsewhere: full build
        page = pages.get(urls.winner(lang, winner.year, winner.id))
        if page is None or page.data.get("writeup") is not old:
            return None
        updates.append((winner, lang, writeup, page))
    written = []
    for winner, lang, writeup, page in updates:
        winner.writeups[lang] = writeup  # every page holding this winner sees the new text
        page.data["writeup"] = writeup
        for other in session.catalog.site.languages:  # "read it in the other language"
            twin = pages.get(urls.winner(other, winner.year, winner.id))
            if twin is not None and twin.data.get("fallback") is not None \
                    and twin.data["fallback"].lang == lang:
                twin.data["fallback"] = writeup
        html = render_page(session.renderer, page, session.templates, session.cache)
        update_file(session.output, page.output_path, html)
        written.append(page.output_path)
    return written


def update_search(session: Session) -> str:
    """Write the search index again, after the edited page is on screen."""
    update_file(session.output, urls.SEARCH_DATA, search_index(session.catalog))
    return urls.SEARCH_DATA


def _writeup_of(session: Session, path: Path):
    """(winner, lang) when path is an existing write-up of the built site, else None."""
    try:
        parts = path.relative_to(session.content).parts
    except ValueError:
        return None
    match = ENTRY_FILE.fullmatch(parts[-1]) if len(parts) == 3 else None
    if parts[0] != "entries" or match is None or not path.is_file():
        return None
    for year in session.catalog.years:
        if str(year.be) == parts[1]:
            for winner in year.winners:
                if winner.id == match[1] and match[2] in winner.writeups:
                    return winner, match[2]
    return None

