"""Find the content files, load and validate them into one Catalog."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

from generator import markup, reference
from generator.model import LANGUAGES, Catalog, Winner, Writeup, Year
from generator.problems import ContentError, Problems
from generator.sources import parse_yaml, read_text, split_front_matter
from generator.store import Store
from generator.text import suggest
from generator.validate import (
    YearSource,
    check_years,
    declared_ids,
    unify_laos,
    validate_award,
    validate_site,
    year_of_file,
)
from generator.writeups import validate_writeup

ENTRY_FILE = re.compile(r"([a-z0-9-]+)\.([a-z]{2})\.md")


def load_content(content_dir: Path, base_url: str | None = None, store: Store | None = None) -> Catalog:
    """Validate every content file; raise one ContentError listing every problem.

    `store` keeps converted Markdown between runs, keyed by the text's hash.
    """
    problems = Problems()
    files = discover(content_dir, problems)
    shown = {rel: (content_dir / rel).as_posix() for rel in files}

    site = None
    if "site.yaml" in files:
        text = read_text(content_dir / "site.yaml", shown["site.yaml"], problems)
        if text is not None:
            data = parse_yaml(text, shown["site.yaml"], problems)
            site = validate_site(data, shown["site.yaml"], problems, base_url)
    else:
        problems.add((content_dir / "site.yaml").as_posix(), None, "missing site settings file")

    # Markdown is most of the work: converted on every core (or taken from the
    # store) while this process reads and checks the award files
    entries = _read_entries(content_dir, files, shown)
    declared: dict[str, set[str] | None] = {}
    sources: list[YearSource] = []
    markup.prepare(
        (_body(text) for text, _ in entries.values() if text is not None), store,
        meanwhile=lambda: sources.extend(_load_years(content_dir, files, shown, problems,
                                                     declared)))
    check_years(sources, problems)
    years = unify_laos([source.year for source in sources])
    # Write-ups are checked even when site.yaml is broken, against the default languages
    languages = site.languages if site is not None else LANGUAGES
    years = _attach_entries(content_dir, files, shown, languages, years, declared, problems,
                            entries)
    if problems or site is None:
        raise ContentError(problems.sorted())
    return Catalog(
        site=site,
        years=tuple(years),
        provinces=reference.provinces(),
        regions=reference.REGIONS,
        lao_types=reference.LAO_TYPES,
    )


def discover(root: Path, problems: Problems) -> list[str]:
    """Every content file as a root-relative POSIX path, in a fixed order.

    Symbolic links are followed only while they stay inside the content folder
    (contract §2); hidden files such as .DS_Store are ignored.
    """
    if not root.is_dir():
        problems.add(root.as_posix(), None, "content folder not found")
        return []
    real_root = root.resolve()
    found: list[str] = []
    visited: set[Path] = set()
    for folder, dirs, names in os.walk(root, followlinks=True):
        here = Path(folder)
        if here.resolve() in visited:
            dirs.clear()
            continue
        visited.add(here.resolve())
        for name in sorted(dirs):
            if name.startswith(".") or not _inside(here / name, real_root, problems):
                dirs.remove(name)
        dirs.sort()
        for name in sorted(names):
            path = here / name
            if not name.startswith(".") and _inside(path, real_root, problems):
                found.append(path.relative_to(root).as_posix())
    return found


def _inside(path: Path, real_root: Path, problems: Problems) -> bool:
    if path.is_symlink() and not path.resolve().is_relative_to(real_root):
        problems.add(path.as_posix(), None,
                     f"symbolic link points outside the content folder (to {os.readlink(path)})")
        return False
    return True


def _read_entries(content_dir: Path, files: list[str], shown: dict[str, str]
                  ) -> dict[str, tuple[str | None, Problems]]:
    """The text of every file named like a write-up, with what reading it found
    wrong (reported later, if the write-up belongs to a winner)."""
    entries = {}
    for rel in files:
        parts = rel.split("/")
        if len(parts) == 3 and parts[0] == "entries" and ENTRY_FILE.fullmatch(parts[2]):
            found = Problems()
            entries[rel] = (read_text(content_dir / rel, shown[rel], found), found)
    return entries


def _load_years(
    content_dir: Path,
    files: list[str],
    shown: dict[str, str],
    problems: Problems,
    declared: dict[str, set[str] | None],
) -> list[YearSource]:
    """Validate every award file; record the ids each declares (None: unreadable)."""
    sources = []
    for rel in files:
        if not rel.startswith("awards/"):
            continue
        name = rel.removeprefix("awards/")
        be = year_of_file(name)
        if be is None:
            problems.add(shown[rel], None, f"award file '{name}' is not named <BE>.yaml",
                         "name it after its Buddhist Era year, like 2566.yaml")
            continue
        text = read_text(content_dir / rel, shown[rel], problems)
        data = None if text is None else parse_yaml(text, shown[rel], problems)
        declared[str(be)] = declared_ids(data) if data is not None else None
        source = None if data is None else validate_award(data, shown[rel], be, problems)
        if source is not None:
            sources.append(source)
    return sorted(sources, key=lambda s: -s.year.be)


def _attach_entries(
    content_dir: Path,
    files: list[str],
    shown: dict[str, str],
    languages: tuple[str, ...],
    years: list[Year],
    declared: dict[str, set[str] | None],
    problems: Problems,
    entries: dict[str, tuple[str | None, Problems]],
) -> list[Year]:
    """Read write-ups and asset folders and give them to their winners."""

    def orphan(rel: str, be: str, winner_id: str) -> bool:
        """True, and reported, when no award file declares this winner."""
        if be in declared and (declared[be] is None or winner_id in declared[be]):
            return False
        _unknown_winner(shown[rel], be, winner_id, declared, problems)
        return True

    writeups: dict[tuple[str, str], dict[str, Writeup]] = {}
    assets: dict[tuple[str, str], list[str]] = {}
    pending: list[tuple[str, str, str, str, str]] = []
    for rel in files:
        if not rel.startswith("entries/"):
            continue
        parts = rel.split("/")
        if len(parts) < 3:
            problems.add(shown[rel], None, "misplaced file",
                         "write-ups go in entries/<BE>/<id>.<lang>.md")
            continue
        be, name = parts[1], parts[2]
        if len(parts) > 3:
            if not orphan(rel, be, name):
                assets.setdefault((be, name), []).append(rel)
            continue
        match = ENTRY_FILE.fullmatch(name)
        if match is None:
            problems.add(shown[rel], None, f"entry file '{name}' is not named <id>.<lang>.md",
                         "for example yala-big-data.th.md")
            continue
        winner_id, lang = match[1], match[2]
        if lang not in languages:
            problems.add(shown[rel], None, f"language '{lang}' is not one of the site's "
                         f"languages ({', '.join(languages)})")
            continue
        if orphan(rel, be, winner_id):
            continue
        text, found = entries[rel]
        problems.items.extend(found.items)
        if text is not None:
            pending.append((rel, be, winner_id, lang, text))

    for rel, be, winner_id, lang, text in pending:
        asset_dir = content_dir / "entries" / be / winner_id
        writeup = validate_writeup(text, lang, shown[rel], asset_dir, problems)
        if writeup is not None:
            writeups.setdefault((be, winner_id), {})[lang] = writeup

    def complete(winner: Winner) -> Winner:
        key = (str(winner.year), winner.id)
        return replace(winner, writeups=writeups.get(key, {}), assets=tuple(assets.get(key, ())))

    return [replace(y, winners=tuple(complete(w) for w in y.winners)) for y in years]


def _body(text: str) -> str:
    try:
        return split_front_matter(text)[1]
    except ValueError:  # reported when the write-up is validated
        return ""


def _unknown_winner(
    shown: str, be: str, winner_id: str, declared: dict[str, set[str] | None],
    problems: Problems,
) -> None:
    if be not in declared:
        problems.add(shown, None, f"no award file content/awards/{be}.yaml for this write-up")
        return
    hint = suggest(winner_id, sorted(declared[be] or ()))
    problems.add(shown, None, f"no winner of {be} has the id '{winner_id}'",
                 f"did you mean '{hint}'?" if hint else None)
