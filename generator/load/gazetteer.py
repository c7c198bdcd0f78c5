"""Thailand's districts and subdistricts with their official English names: a lookup,
never a romanization (issue 29).

generator/data/gazetteer/places.tsv holds one place a line, `code<TAB>Thai<TAB>English`,
from kongvut/thai-province-data (MIT; its licence and source are beside it). The
code is the Department of Provincial Administration's: two digits for a province
(the digits of its ISO 3166-2:TH code), four for a district, six for a subdistrict,
each starting with its parent's, so a place's district and province are read
from its code.
"""

from __future__ import annotations

import csv
import difflib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from generator.bundled import DATA
from generator.model import Localized, Province
from generator.text import THAI_RUN

PLACES = DATA / "gazetteer" / "places.tsv"
BANGKOK = "10"  # the code of Bangkok, whose districts are เขต, not อำเภอ
CAPITAL_DISTRICT = "เมือง"  # a province's capital district is อำเภอเมือง<province>


@dataclass(frozen=True)
class Place:
    code: str
    name: Localized

    @property
    def level(self) -> str:
        return {2: "province", 4: "district", 6: "subdistrict"}[len(self.code)]


@dataclass(frozen=True)
class Found:
    """What the gazetteer says of an LAO's place name in one province."""

    place: Place | None  # the one place that fits; None: none, or several
    district: Place | None  # the district it lies in, where known
    candidates: tuple[Place, ...] = ()  # the places that fit equally, or nearly


@cache
def _places() -> dict[str, Place]:
    with open(PLACES, encoding="utf-8", newline="") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {code: Place(code, Localized(th, en)) for code, th, en in rows}


@cache
def _by_province(prefix: str) -> dict[str, list[Place]]:
    """Thai name -> places of that name, within one province."""
    index: dict[str, list[Place]] = {}
    for code, place in _places().items():
        if code.startswith(prefix):
            index.setdefault(place.name.th, []).append(place)
    return index


def district_of(place: Place) -> Place | None:
    return _places().get(place.code[:4]) if len(place.code) >= 4 else None


def lookup(name: str, province: Province, district: str | None = None) -> Found:
    """The place an LAO is named after, within its province: a subdistrict, else a
    district, else the province itself, in that order of fit. `district`: the Thai
    district the announcement names, which settles a name that several subdistricts
    share. No place or several places: no `place`, and the candidates."""
    prefix = province.code.removeprefix("TH-")
    index = _by_province(prefix)
    named = index.get(name, [])
    for level in (6, 4):
        fits = [place for place in named if len(place.code) == level]
        if district and len(fits) > 1:
            fits = [place for place in fits if (district_of(place) or place).name.th
                    in (district, district.removeprefix("อำเภอ"))]
        if len(fits) == 1:
            return Found(fits[0], district_of(fits[0]))
        if fits:
            return Found(None, None, tuple(fits))
    capital = index.get(CAPITAL_DISTRICT + name, [])
    if name == _places()[prefix].name.th:
        # a municipality named after its province lies in the province's capital district
        return Found(_places()[prefix], capital[0] if len(capital) == 1 else None)
    return Found(None, None, near(name, prefix))


def near(name: str, prefix: str) -> tuple[Place, ...]:
    """Places of the province spelt nearly like name (วัดไทรย์ and วัดไทร), for the
    editor to weigh: never taken as the place."""
    index = _by_province(prefix)
    close = difflib.get_close_matches(name, list(index), n=3, cutoff=0.75)
    return tuple(place for match in close for place in index[match])


def province_place(province: Province) -> Place:
    return _places()[province.code.removeprefix("TH-")]


def convert(folder: Path) -> str:
    """places.tsv from a checkout's formats/csv/ (provinces, districts, sub_districts)."""
    def rows(name: str) -> list[dict[str, str]]:
        with open(folder / f"{name}.csv", encoding="utf-8", newline="") as handle:
            return [row for row in csv.DictReader(handle) if not row["deleted_at"]]

    districts = rows("districts")
    # a province's code is its districts' first two digits (kongvut's own ids differ)
    province_codes = {row["province_id"]: row["id"][:2] for row in districts}
    places = [(province_codes[row["id"]], row["name_th"], row["name_en"])
              for row in rows("provinces")]
    places += [(row["id"], row["name_th"], row["name_en"]) for row in districts]
    places += [(row["id"], row["name_th"], row["name_en"]) for row in rows("sub_districts")]
    lines = ["# code\tthai\tenglish: see SOURCE.md"]
    # one English name ends in Thai letters (Thung Khao Luangกิ่): cut, never romanized
    lines += ["\t".join((code, th.strip(), THAI_RUN.sub("", en).strip()))
              for code, th, en in sorted(places)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # python -m generator.load.gazetteer FOLDER: refresh places.tsv
    import sys

    PLACES.write_text(convert(Path(sys.argv[1])), encoding="utf-8", newline="\n")
    print(PLACES)
