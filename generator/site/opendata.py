"""Open data (contract §4): winners.json and winners.csv, and their data dictionary."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from generator.model import Catalog, Localized, Source, Winner, Year
from generator.site import urls
from generator.site.dictionary import COLUMNS, PROVINCE_COLUMNS
from generator.site.order import order_of


def ordered_winners(catalog: Catalog) -> list[Winner]:
    """Newest year first, then tier rank, then Thai order of lao.th, then id."""
    return order_of(catalog).open_data(catalog.winners)


def winner_record(winner: Winner, catalog: Catalog, year: Year) -> dict[str, Any]:
    site = catalog.site
    province = winner.province
    tier = winner.tier
    return {
        "year": winner.year,
        "year_ce": winner.year_ce,
        "id": winner.id,
        # null when no source states the tier (contract §4)
        "tier": tier and {"id": tier.id, "rank": tier.rank, "th": tier.name.th,
                          "en": tier.name.en},
        "lao": {"slug": winner.lao.slug, "th": winner.lao.name.th, "en": winner.lao.name.en,
                "type": winner.lao.type.slug, "type_name": _pair(winner.lao.type.name),
                "code": winner.lao.code},
        "province": {"code": province.code, "slug": province.slug, "th": province.name.th,
                     "en": province.name.en, "region": province.region.slug,
                     "region_name": _pair(province.region.name)},
        "district": winner.district and _pair(winner.district),
        "project": winner.project and _pair(winner.project),  # null: no source names it
        "themes": [theme.id for theme in winner.themes],
        "url": {lang: urls.absolute(site.base_url, urls.winner(lang, winner.year, winner.id))
                for lang in site.languages},
        "writeup": {lang: lang in winner.writeups for lang in site.languages},
        "sources": [source_record(source) for source in winner.sources],
        # how complete the year's list is: the organizer's count (null when not
        # stated) beside the winners this data holds
        "year_winners_announced": year.winners_announced,
        "year_winners_listed": len(year.winners),
    }


def _records(catalog: Catalog) -> Iterator[dict[str, Any]]:
    """Each winner's record in turn: the 10,000 winners' records at once were 50 MB of
    the peak of the process that makes the data files (issue 26)."""
    years = {year.be: year for year in catalog.years}
    return (winner_record(w, catalog, years[w.year]) for w in ordered_winners(catalog))


def _pair(text: Localized) -> dict[str, str]:
    return {"th": text.th, "en": text.en}


def source_record(source: Source) -> dict[str, Any]:
    return {"title": _pair(source.title), "publisher": _pair(source.publisher),
            "date": source.date.isoformat(), "url": source.url,
            "accessed": source.accessed and source.accessed.isoformat()}


def winners_json(catalog: Catalog) -> bytes:
    # `updated` is content-derived, never the build time: builds are byte-identical
    updated = max((y.announced for y in catalog.years), default=None)
    # One winner a line: a reader still finds and reads each record, a diff between two
    # releases shows each changed winner as one line, and the file is a quarter smaller
    # than indented (3.0 -> 2.2 MB at 2,000 winners)
    when = json.dumps(updated.isoformat() if updated else None)
    # each row as UTF-8 at once: the rows joined as text, then encoded, were three copies
    rows = b",\n".join(json.dumps(record, ensure_ascii=False).encode()
                       for record in _records(catalog))
    return b"".join((b'{"updated": ', when.encode(), b', "winners": [\n', rows, b"\n]}\n"))


def csv_row(record: dict[str, Any]) -> dict[str, str]:
    """A winner's record as CSV cells: its leaves, and only its first source, as a
    spreadsheet has no place for a list of documents (contract §4)."""
    record = dict(record)
    sources = record.pop("sources")
    first = sources[0] if sources else {"title": {}, "url": None}
    record["source"] = {**first["title"], "url": first["url"]}
    return _flatten(record)


def _flatten(record: dict[str, Any], prefix: str = "") -> dict[str, str]:
    row: dict[str, str] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if value is None:
            continue  # an empty cell, for each of its columns
        if isinstance(value, dict):
            row.update(_flatten(value, f"{name}_"))
        elif isinstance(value, list):
            row[name] = ";".join(value)
        elif isinstance(value, bool):
            row[name] = "true" if value else "false"
        else:
            row[name] = str(value)
    return {name: spreadsheet_safe(cell) for name, cell in row.items()}


def spreadsheet_safe(cell: str) -> str:
    """A cell that a spreadsheet would run as a formula, made text with a leading '
    (OWASP's advice on CSV injection; contract §4). The JSON keeps the exact text."""
    if cell[:1] in ("=", "+", "@", "\t", "\r") or (cell[:1] == "-" and not _number(cell)):
        return "'" + cell
    return cell


def _number(cell: str) -> bool:
    """'-5' is a number; '-2+3' is a formula, though a digit follows its '-'."""
    try:
        float(cell)
    except ValueError:
        return False
    return cell.isascii()


def winners_csv(catalog: Catalog) -> bytes:
    return _csv(COLUMNS, map(csv_row, _records(catalog)))


def province_records(catalog: Catalog) -> list[dict[str, Any]]:
    """Every province, in code order, with its awards and awarded LAOs (0 for none)."""
    awards = Counter(w.province.code for w in catalog.winners)
    laos = Counter(lao.province.code for lao in catalog.laos)
    site = catalog.site
    return [{"code": p.code, "slug": p.slug, "th": p.name.th, "en": p.name.en,
             "region": p.region.slug, "region_name": _pair(p.region.name),
             "awards": awards[p.code], "laos": laos[p.code],
             "url": {lang: urls.absolute(site.base_url, urls.province(lang, p.slug))
                     for lang in site.languages}}
            for p in sorted(catalog.provinces, key=lambda p: p.code)]


def provinces_csv(catalog: Catalog) -> bytes:
    return _csv(PROVINCE_COLUMNS, [_flatten(record) for record in province_records(catalog)])


def _csv(columns: tuple[str, ...], rows: Iterable[dict[str, str]]) -> bytes:
    buffer = io.BytesIO()  # written as UTF-8 as it goes: not the text, then its copy encoded
    text = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    text.write("\ufeff")  # a BOM so that spreadsheet programs read the Thai as UTF-8 (contract §4)
    # The header comes from the data dictionary, so it is there even with no rows
    writer = csv.DictWriter(text, fieldnames=columns, restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    text.flush()
    return buffer.getvalue()
