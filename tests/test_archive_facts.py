"""The bundled archive keeps its facts honest (issue 28): every winner cites a source
with an address, every write-up's sources are cited on its page, and every figure a
write-up gives is in our notes on those sources (entries/<BE>/<id>.notes.yaml, kept
beside the write-ups and never published)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import yaml
from conftest import CONTENT

ENTRIES = CONTENT / "entries"
WRITEUP = re.compile(r"([a-z0-9-]+)\.([a-z]+)\.md")
# A run of digits, Thai or Arabic: ๒๕๖๖ and 2566 are one figure
DIGITS = re.compile(r"[0-9\u0e50-\u0e59]+")
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Addresses are not figures a reader is told: a link's target, a bare URL
ADDRESS = re.compile(r"\]\([^)]*\)|https?://\S+")


def figures(text: str) -> set[str]:
    return {run.translate(THAI_DIGITS) for run in DIGITS.findall(ADDRESS.sub(" ", text))}


def notes(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["sources"]


def writeups() -> list[tuple[Path, str, str, str]]:
    """Every write-up of the bundled content: (file, year, winner id, language)."""
    found = []
    for path in sorted(ENTRIES.glob("*/*.md")):
        match = WRITEUP.fullmatch(path.name)
        assert match, path
        found.append((path, path.parent.name, *match.groups()))
    return found


def cited(site: Path, lang: str, page: str) -> set[str]:
    """The addresses a built page links in its Sources section."""
    text = (site / lang / page / "index.html").read_text(encoding="utf-8")
    [section] = re.findall(r'<section class="sources-section".*?</section>', text, re.DOTALL)
    return {html.unescape(href) for href in re.findall(r'<a href="(http[^"]*)"', section)}


def test_the_figure_reader_reads_thai_and_arabic_digits_and_skips_addresses():
    assert figures("ปี ๒๕๖๖ ภายใน 24 ชั่วโมง [DGA](https://dga.or.th/?p=94942)") == {"2566", "24"}


def test_every_winner_cites_a_source_with_an_address(site: Path):
    winners = json.loads((site / "data" / "winners.json").read_text(encoding="utf-8"))["winners"]
    assert winners
    unsourced = [w["id"] for w in winners if not any(s.get("url") for s in w["sources"])]
    assert unsourced == []


def test_every_writeup_has_notes_on_its_sources_and_cites_them_on_its_page(site: Path):
    assert writeups(), "the bundled content has write-ups"
    for path, year, winner, lang in writeups():
        notes_file = path.with_name(f"{winner}.notes.yaml")
        assert notes_file.is_file(), f"{path.name} has no notes on its sources"
        noted = {source["url"] for source in notes(notes_file)}
        assert noted and noted <= cited(site, lang, f"{year}/{winner}"), path.name


def test_a_winners_notes_are_on_sources_that_its_page_cites(site: Path):
    """A source noted for a winner is one its pages cite, in both languages: a fact taken
    from a source that the page does not name could not be checked. (A year's notes may
    also keep a source that was read but not cited, such as an undated page whose facts
    the year does not use.)"""
    files = [path for path in sorted(ENTRIES.glob("*/*.notes.yaml"))
             if path.name != "_year.notes.yaml"]
    assert files
    for path in files:
        page = f"{path.parent.name}/{path.name.removesuffix('.notes.yaml')}"
        for lang in ("th", "en"):
            uncited = {s["url"] for s in notes(path)} - cited(site, lang, page)
            assert uncited == set(), (page, lang)


def test_every_figure_in_a_writeup_is_in_the_notes_on_its_sources():
    unsupported = {}
    for path, _year, winner, _lang in writeups():
        facts = " ".join(fact for source in notes(path.with_name(f"{winner}.notes.yaml"))
                         for fact in source["facts"])
        missing = figures(path.read_text(encoding="utf-8")) - figures(facts)
        if missing:
            unsupported[path.name] = sorted(missing)
    assert unsupported == {}
