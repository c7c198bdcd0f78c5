"""Find the content files, load and validate them into one Catalog."""

from __future__ import annotations

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
from generator.load.entries import (
    Gathered,
    attach_entries,
    gather_entries,
    read_entries,
    unknown_winner,
)
from generator.load.layout import AWARD_FILE, ContentFile
from generator.load.notes import load_notes
from generator.load.parsing import parse_yaml, read_text
from generator.load.settings import validate_site
from generator.model import LANGUAGES, Catalog, Site
from generator.problems import ContentError, Problems
from generator.shelf import Shelf

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

    # Write-ups are checked even when site.yaml is broken, against the default languages
    languages = site.languages if site is not None else LANGUAGES

    def meanwhile() -> tuple[list[YearSource], dict[str, set[str] | None], Problems, Gathered]:
        years = _load_years(files, message_paths, site)
        return *years, gather_entries(files, message_paths, languages, years[1], years[2],
                                       entries)

    # Markdown is most of the work: converted on every core (or taken from the
    # store) while this process reads and checks the award files, then all of the
    # write-ups but their HTML: else checked here after the workers, on one core
    entries = read_entries(files, message_paths)
    sources, declared, found, gathered = markup.prepare(
        (parts[1] for parts, _ in entries.values() if parts is not None), service,
        meanwhile=meanwhile, shelf=Shelf() if shelve else None)
    problems.items.extend(found.items)
    check_years(sources, problems)
    warnings = Problems()
    warn_across_years(sources, warnings)
    # a draft left out leaves no trace: not even its spelling of an LAO shared with a year
    years = attach_entries(
        unify_laos([source.year for source in sources if drafts or not source.year.draft]),
        gathered, problems)
    notes = load_notes(files, message_paths, declared, problems, unknown_winner)
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
