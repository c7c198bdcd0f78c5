"""Reference data: the 77 provinces, the six regions and the LAO types."""

from __future__ import annotations

import csv
from functools import cache

from generator import bundled
from generator.model import LaoType, Localized, Province, Region
from generator.text import fold, suggest

DATA = bundled.DATA

# The six-region system (contract §1), in the order pages list them.
REGIONS = tuple(
    Region(slug, Localized(th, en), rank)
    for rank, (slug, th, en) in enumerate(
        [
            ("north", "ภาคเหนือ", "North"),
            ("northeast", "ภาคตะวันออกเฉียงเหนือ", "Northeast"),
            ("central", "ภาคกลาง", "Central"),
            ("east", "ภาคตะวันออก", "East"),
            ("west", "ภาคตะวันตก", "West"),
            ("south", "ภาคใต้", "South"),
        ],
        start=1,
    )
)

# LAO types with the Thai prefixes that imply them (contract §1), largest first.
LAO_TYPES = tuple(
    LaoType(slug, Localized(th, en), prefixes, rank)
    for rank, (slug, th, en, prefixes) in enumerate(
        [
            ("bma", "กรุงเทพมหานคร", "Bangkok Metropolitan Administration", ("กรุงเทพมหานคร",)),
            ("pattaya", "เมืองพัทยา", "Pattaya City", ("เมืองพัทยา",)),
            ("pao", "องค์การบริหารส่วนจังหวัด", "Provincial Administrative Organization",
             ("องค์การบริหารส่วนจังหวัด", "อบจ.", "อบจ")),
            ("city-municipality", "เทศบาลนคร", "City Municipality", ("เทศบาลนคร", "ทน.")),
            ("town-municipality", "เทศบาลเมือง", "Town Municipality", ("เทศบาลเมือง", "ทม.")),
            ("subdistrict-municipality", "เทศบาลตำบล", "Subdistrict Municipality",
             ("เทศบาลตำบล", "ทต.")),
            ("sao", "องค์การบริหารส่วนตำบล", "Subdistrict Administrative Organization",
             ("องค์การบริหารส่วนตำบล", "อบต.", "อบต")),
        ],
        start=1,
    )
)


# What readers also call the types: English abbreviations, and the word that
# every municipality's name starts with
ENGLISH_SHORT = {"bma": ("BMA",), "pao": ("PAO",), "sao": ("SAO",)}
GENERAL_PREFIXES = {slug: ("เทศบาล",) for slug in
                    ("city-municipality", "town-municipality", "subdistrict-municipality")}


@cache
def provinces() -> tuple[Province, ...]:
    """All 77 provinces from generator/data/provinces.csv, by ISO code."""
    regions = {r.slug: r for r in REGIONS}
    with open(DATA / "provinces.csv", encoding="utf-8", newline="") as handle:
        return tuple(
            Province(
                code=row["code"],
                slug=row["slug"],
                name=Localized(row["th"], row["en"]),
                region=regions[row["region"]],
                region4=row["region4"],
                variants=tuple(v for v in row["variants"].split(";") if v),
            )
            for row in csv.DictReader(handle)
        )


@cache
def _province_index() -> dict[str, Province]:
    index: dict[str, Province] = {}
    for province in provinces():
        for name in (province.code, province.name.th, province.name.en, *province.variants):
            index[fold(name)] = province
    return index


def find_province(name: str) -> Province | None:
    """The province named by a Thai or English name, a variant or an ISO code."""
    return _province_index().get(fold(name))


def suggest_province(name: str) -> str | None:
    """The English name of the province closest to a misspelt one."""
    names = [p.name.en for p in provinces()] + [p.name.th for p in provinces()]
    found = suggest(name, names + [v for p in provinces() for v in p.variants])
    if found is None:
        return None
    province = find_province(found)
    return province.name.en if province else None


def find_lao_type(slug: str) -> LaoType | None:
    return next((t for t in LAO_TYPES if t.slug == slug), None)


def lao_type_from_name(thai_name: str) -> LaoType | None:
    """The LAO type implied by a Thai name's prefix (longest prefix wins)."""
    matches = [
        (len(prefix), lao_type)
        for lao_type in LAO_TYPES
        for prefix in lao_type.prefixes
        if thai_name.startswith(prefix)
    ]
    return max(matches, key=lambda m: m[0])[1] if matches else None
