"""Find the content files, load and validate them into one Catalog."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.cache.derived import Derived
from generator.load import layout, markup, reference
from generator.load.awards import (
    YearSource,
    check_years,
    declared_ids,
    unify_laos,
    validate_award,
)
from generator.load.consistency import warn_across_years
from generator.load.layout import AWARD_FILE, ENTRY_FILE, NOTES_FILE, ContentFile
from generator.load.media import FORMATS, PHOTOS, asset_problem, photo_size
from generator.load.notes import load_notes
from generator.load.parsing import parse_yaml, read_text
from generator.load.settings import validate_site
from generator.load.writeups import MAX_WRITEUP_BYTES, Parts, split_writeup, validate_writeup
from generator.model import (
    LANGUAGES,
    Attachment,
    Catalog,
    Site,
    Winner,
    Writeup,
    Year,
)
from generator.problems import ContentError, Problems, visible
from generator.shelf import Shelf
from generator.text import suggest

# The largest award file of a 10,000-winner test site is 400 KB
MAX_YAML_BYTES = 10 * 1024 * 1024


def load_content(content_dir: Path, base_url: str | None = None, service: Derived | None = None,
                 drafts: bool = False, shelve: bool = False) -> Catalog:
    """Validate every content file; raise one ContentError listing every problem.

    `service`: the build's derived values (converted Markdown kept between runs). Draft
    years are checked like any other, and left out of the catalog unless `drafts`.
    `shelve`: the write-ups' HTML kept out of this process's memory, and out of every
    process it forks (generator/shelf.py, issue 26).
    """
    problems = Problems()
    files = layout.scan(content_dir, problems)
    # each file as problems name it: the content folder as given, then the file
    message_paths = {rel: (content_dir / rel).as_posix() for rel in files}

    site = None
    if layout.SITE in files:
        text = read_text(files[layout.SITE], message_paths[layout.SITE], problems, MAX_YAML_BYTES)
        if text is not None:
            data = parse_yaml(text, message_paths[layout.SITE], problems)
            site = validate_site(data, message_paths[layout.SITE], problems, base_url, files)
    else:
        problems.add((content_dir / layout.SITE).as_posix(), None, "missing site settings file")

    # Markdown is most of the work: converted on every core (or taken from the
    # store) while this process reads and checks the award files
    entries = _read_entries(files, message_paths)
    sources, declared, found = markup.prepare(
        (parts[1] for parts, _ in entries.values() if parts is not None), service,
        meanwhile=lambda: _load_years(files, message_paths, site), shelf=Shelf() if shelve else None)
    problems.items.extend(found.items)
    check_years(sources, problems)
    warnings = Problems()
    warn_across_years(sources, warnings)
    # a draft left out leaves no trace: not even its spelling of an LAO shared with a year
    years = unify_laos([source.year for source in sources if drafts or not source.year.draft])
    # Write-ups are checked even when site.yaml is broken, against the default languages
    languages = site.languages if site is not None else LANGUAGES
    years = _attach_entries(files, message_paths, languages, years, declared, problems,
                            entries)
    notes = load_notes(files, message_paths, declared, problems, _unknown_winner)
    if problems or site is None:
        raise ContentError(problems.sorted(), warnings.sorted())
    return Catalog(
        site=site,
        years=tuple(years),
        provinces=reference.provinces(),
        regions=reference.REGIONS,
        lao_types=reference.LAO_TYPES,
        notes=notes,
        drafts=tuple(source.year.be for source in sources if source.year.draft),
        warnings=tuple(warnings.sorted()),
    )


def _read_entries(files: dict[str, ContentFile], message_paths: dict[str, str]
                  ) -> dict[str, tuple[Parts | None, Problems]]:
    """The front matter and body of every file named like a write-up, with what reading
    it found wrong (reported later, if the write-up belongs to a winner). Split as read:
    the body is what Markdown's memory holds, and a text kept whole as well was a second
    copy of every write-up while the catalog loads (66 MB at 10,000 winners)."""
    entries = {}
    for rel, file in files.items():
        parts = rel.split("/")
        if len(parts) == 3 and parts[0] == layout.ENTRIES and ENTRY_FILE.fullmatch(parts[2]):
            found = Problems()
            text = read_text(file, message_paths[rel], found, MAX_WRITEUP_BYTES)
            split = None if text is None else split_writeup(text, message_paths[rel], found)
            entries[rel] = (split, found)
    return entries


def _load_years(files: dict[str, ContentFile], message_paths: dict[str, str],
                site: Site | None) -> tuple[list[YearSource], dict[str, set[str] | None], Problems]:
    """Validate every award file: the years, newest first; the winner ids each file
    declares (None: unreadable); what is wrong with them."""
    problems = Problems()
    # with site.yaml broken, themes are not checked: the build stops anyway
    vocabulary = {t.id: t for t in site.themes} if site else None
    declared: dict[str, set[str] | None] = {}
    sources = []
    for rel, file in files.items():
        if not rel.startswith(layout.AWARDS + "/"):
            continue
        name = rel.removeprefix(layout.AWARDS + "/")
        match = AWARD_FILE.fullmatch(name)
        if match is None:
            digits = name.removesuffix(".yaml")
            hint = (f"write the year in ASCII digits: {int(digits)}.yaml"
                    if len(digits) == 4 and digits.isdecimal()
                    else "name it after its Buddhist Era year, like 2566.yaml")
            problems.add(message_paths[rel], None, f"award file '{name}' is not named <BE>.yaml", hint)
            continue
        be = int(match[1])
        count = len(problems)
        text = read_text(file, message_paths[rel], problems, MAX_YAML_BYTES)
        data = None if text is None else parse_yaml(text, message_paths[rel], problems)
        if data is None and len(problems) == count:  # empty, only comments, or `~`
            problems.add(message_paths[rel], 1, "the file is empty: an award year needs 'year', "
                                        "'name', 'announced' and 'tiers'",
                         f"copy another year's file and edit it (year: {be})")
        declared[str(be)] = declared_ids(data) if data is not None else None
        source = None if data is None else validate_award(data, message_paths[rel], be, problems,
                                                               vocabulary)
        if source is not None:
            sources.append(source)
    return sorted(sources, key=lambda s: -s.year.be), declared, problems


def _attach_entries(
    files: dict[str, ContentFile],
    message_paths: dict[str, str],
    languages: tuple[str, ...],
    years: list[Year],
    declared: dict[str, set[str] | None],
    problems: Problems,
    entries: dict[str, tuple[Parts | None, Problems]],
) -> list[Year]:
    """Read write-ups and asset folders and give them to their winners."""

    def orphan(rel: str, be: str, winner_id: str) -> bool:
        """True, and reported, when no award file declares this winner."""
        if be in declared and (declared[be] is None or winner_id in declared[be]):
            return False
        _unknown_winner(message_paths[rel], be, winner_id, declared, problems)
        return True

    writeups: dict[tuple[str, str], dict[str, Writeup]] = {}
    assets: dict[tuple[str, str], list[Attachment]] = {}
    names: dict[tuple[str, str], list[str]] = {}  # every file of the folder, checked or not
    photo_stems: dict[tuple[str, str, str], str] = {}  # a photo's name less its extension
    pending: list[tuple[str, str, str, str, Parts]] = []
    for rel, file in files.items():
        if not rel.startswith(layout.ENTRIES + "/"):
            continue
        parts = rel.split("/")
        if len(parts) < 3:
            problems.add(message_paths[rel], None, "misplaced file",
                         "write-ups go in entries/<BE>/<id>.<lang>.md")
            continue
        be, name = parts[1], parts[2]
        if len(parts) > 3:
            if orphan(rel, be, name):
                continue
            inside = "/".join(parts[3:])
            names.setdefault((be, name), []).append(inside)
            wrong = asset_problem(file)
            if wrong is None and _is_photo(inside):
                size = photo_size(file)
                wrong = size if isinstance(size[0], str) else None
                attachment = Attachment(inside, file.path, *size) if wrong is None else None
                stem = (be, name, inside.rsplit(".", 1)[0])
                if wrong is None and photo_stems.setdefault(stem, inside) != inside:
                    wrong = (f"'{photo_stems[stem]}' and '{inside}' would be published under "
                             f"the same names ({stem[2]}-480.webp, ...)", "rename one of them")
            else:
                attachment = Attachment(inside, file.path)
            if wrong:
                problems.add(message_paths[rel], None, *wrong)
            else:
                assets.setdefault((be, name), []).append(attachment)
            continue
        if NOTES_FILE.fullmatch(name):
            continue  # read by notes.load_notes
        match = ENTRY_FILE.fullmatch(name)
        if match is None:
            problems.add(message_paths[rel], None, f"entry file '{name}' is not named "
                         "<id>.<lang>.md or <id>.notes.yaml",
                         "for example yala-big-data.th.md")
            continue
        winner_id, lang = match[1], match[2]
        if lang not in languages:
            problems.add(message_paths[rel], None, f"language '{lang}' is not one of the site's "
                         f"languages ({', '.join(languages)})")
            continue
        if orphan(rel, be, winner_id):
            continue
        split, found = entries[rel]
        problems.items.extend(found.items)
        if split is not None:
            pending.append((rel, be, winner_id, lang, split))

    for rel, be, winner_id, lang, split in pending:
        folder = message_paths[rel].removesuffix(rel) + layout.entry_folder(be, winner_id)
        writeup = validate_writeup(split, lang, message_paths[rel], folder,
                                   set(names.get((be, winner_id), ())), problems)
        if writeup is not None:
            writeups.setdefault((be, winner_id), {})[lang] = writeup

    def complete(winner: Winner) -> Winner:
        key = (str(winner.year), winner.id)
        return replace(winner, writeups=writeups.get(key, {}), assets=tuple(assets.get(key, ())))

    return [replace(y, winners=tuple(complete(w) for w in y.winners)) for y in years]


def _unknown_winner(
    message_path: str, be: str, winner_id: str, declared: dict[str, set[str] | None],
    problems: Problems,
) -> None:
    if be not in declared:
        problems.add(message_path, None,
                     f"no award file content/awards/{be}.yaml for this file")
        return
    hint = suggest(winner_id, sorted(declared[be] or ()))
    problems.add(message_path, None, f"no winner of {be} has the id '{winner_id}'",
                 f"did you mean '{visible(hint)}'?" if hint else None)


def _is_photo(name: str) -> bool:
    return FORMATS.get("." + name.rsplit(".", 1)[-1].lower()) in PHOTOS
