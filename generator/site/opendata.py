"""Open data (contract §4): winners.json and winners.csv, and their data dictionary."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from generator.languages import BE_OFFSET
from generator.model import Catalog, Localized, Winner
from generator.site import urls
from generator.site.order import order_of


# The data dictionary of winners.json, in its key order (CSV columns join the
# path with '_'); the data page renders it and a test checks it against the file.
@dataclass(frozen=True)
class Field:
    """One leaf of a winner in winners.json, and its column in winners.csv."""

    name: str  # its path in the JSON, dotted
    kind: str
    th: str  # what it means
    en: str

    @property
    def column(self) -> str:
        return self.name.replace(".", "_")

    @property
    def description(self) -> Localized:
        return Localized(self.th, self.en)


FIELDS: tuple[Field, ...] = (
    Field("year", "integer", "ปีที่มอบรางวัล (พ.ศ.)", "Award year, Buddhist Era"),
    Field("year_ce", "integer",
          "ปีที่มอบรางวัล (ค.ศ.)",
          f"Award year, Common Era (year - {BE_OFFSET})"),
    Field("id", "text",
          "รหัสของผู้ได้รับรางวัลภายในปี ใช้ในที่อยู่ถาวรของหน้า",
          "Id of the winner within its year; part of its permanent URL"),
    Field("tier.id", "text", "รหัสประเภทรางวัล", "Tier id (the same in every year)"),
    Field("tier.rank", "integer",
          "ลำดับของประเภทรางวัล (1 สูงสุด)",
          "Rank of the tier, 1 is the highest"),
    Field("tier.th", "text", "ชื่อประเภทรางวัลภาษาไทย", "Tier name in Thai"),
    Field("tier.en", "text", "ชื่อประเภทรางวัลภาษาอังกฤษ", "Tier name in English"),
    Field("lao.slug", "text",
          "รหัสของ อปท. ใช้ในที่อยู่ของหน้า อปท.",
          "Id of the LAO; part of its page's URL"),
    Field("lao.th", "text", "ชื่อ อปท. ภาษาไทย", "Name of the LAO in Thai"),
    Field("lao.en", "text", "ชื่อ อปท. ภาษาอังกฤษ", "Name of the LAO in English"),
    Field("lao.type", "text",
          "ประเภท อปท.: bma, pattaya, pao, city-municipality, town-municipality, "
          "subdistrict-municipality, sao",
          "Type of LAO: bma, pattaya, pao, city-municipality, town-municipality, "
          "subdistrict-municipality, sao"),
    Field("province.code", "text", "รหัสจังหวัด ISO 3166-2:TH", "Province code, ISO 3166-2:TH"),
    Field("province.slug", "text",
          "รหัสจังหวัดในที่อยู่ของหน้า",
          "Id of the province in its page's URL"),
    Field("province.th", "text", "ชื่อจังหวัดภาษาไทย", "Province name in Thai"),
    Field("province.en", "text", "ชื่อจังหวัดภาษาอังกฤษ", "Province name in English"),
    Field("province.region", "text",
          "ภาค (ระบบ 6 ภาค): north, northeast, central, east, west, south",
          "Region (six-region system): north, northeast, central, east, west, south"),
    Field("project.th", "text", "ชื่อผลงานภาษาไทย", "Project title in Thai"),
    Field("project.en", "text", "ชื่อผลงานภาษาอังกฤษ", "Project title in English"),
    Field("themes", "list of text",
          "หัวข้อของผลงาน (ใน CSV คั่นด้วย ;)",
          "Themes of the project (in the CSV, joined with ;)"),
    Field("url.th", "URL",
          "ที่อยู่ถาวรของหน้าผู้ได้รับรางวัลภาษาไทย",
          "Permanent URL of the Thai winner page"),
    Field("url.en", "URL",
          "ที่อยู่ถาวรของหน้าผู้ได้รับรางวัลภาษาอังกฤษ",
          "Permanent URL of the English winner page"),
    Field("writeup.th", "true/false",
          "มีรายละเอียดผลงานภาษาไทยหรือไม่",
          "Whether a Thai write-up exists"),
    Field("writeup.en", "true/false",
          "มีรายละเอียดผลงานภาษาอังกฤษหรือไม่",
          "Whether an English write-up exists"),
)


def ordered_winners(catalog: Catalog) -> list[Winner]:
    """Newest year first, then tier rank, then Thai order of lao.th, then id."""
    return order_of(catalog).open_data(catalog.winners)


def winner_record(winner: Winner, catalog: Catalog) -> dict[str, Any]:
    site = catalog.site
    province = winner.province
    return {
        "year": winner.year,
        "year_ce": winner.year_ce,
        "id": winner.id,
        "tier": {"id": winner.tier.id, "rank": winner.tier.rank,
                 "th": winner.tier.name.th, "en": winner.tier.name.en},
        "lao": {"slug": winner.lao.slug, "th": winner.lao.name.th, "en": winner.lao.name.en,
                "type": winner.lao.type.slug},
        "province": {"code": province.code, "slug": province.slug, "th": province.name.th,
                     "en": province.name.en, "region": province.region.slug},
        "project": {"th": winner.project.th, "en": winner.project.en},
        "themes": [theme.id for theme in winner.themes],
        "url": {lang: urls.absolute(site.base_url, urls.winner(lang, winner.year, winner.id))
                for lang in site.languages},
        "writeup": {lang: lang in winner.writeups for lang in site.languages},
    }


def winners_json(catalog: Catalog) -> bytes:
    # `updated` is content-derived, never the build time: builds are byte-identical
    updated = max((y.announced for y in catalog.years), default=None)
    document = {
        "updated": updated.isoformat() if updated else None,
        "winners": [winner_record(w, catalog) for w in ordered_winners(catalog)],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _flatten(record: dict[str, Any], prefix: str = "") -> dict[str, str]:
    row: dict[str, str] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
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
    rows = [_flatten(winner_record(w, catalog)) for w in ordered_winners(catalog)]
    buffer = io.StringIO()
    # The header comes from the data dictionary, so it is there even with no winners
    columns = [field.column for field in FIELDS]
    writer = csv.DictWriter(buffer, fieldnames=columns, restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    # A BOM so that spreadsheet programs read the Thai as UTF-8 (contract §4)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
