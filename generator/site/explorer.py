"""Rows of the winners explorer: filter values, sort ranks and search text."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from generator.load import reference
from generator.model import Catalog, LaoType, Winner
from generator.site.matching import record_words, rules
from generator.site.order import Order, order_of


@dataclass(frozen=True)
class Row:
    winner: Winner
    sort: dict[str, int]  # column -> rank in this language's order
    words: str  # site/matching's words of every field a reader sees, both languages


def explorer_rows(catalog: Catalog, lang: str) -> list[Row]:
    """Every winner, newest year first, with ranks for sorting by any column."""
    winners, order = catalog.winners, order_of(catalog)
    lao = order.ranks([w.lao.name[lang] for w in winners], lang)
    project = order.ranks([w.project[lang] for w in winners], lang)
    province = order.ranks([p.name[lang] for p in catalog.provinces], lang)
    replacements = rules(catalog.site.spellings)
    rows = []
    for winner in winners:
        words = " ".join(record_words(searchable(winner), replacements))
        rows.append(Row(winner, {
            "year": winner.year,
            "tier": winner.tier.rank,
            "lao": lao[winner.lao.name[lang]],
            "type": winner.lao.type.rank,
            "province": province[winner.province.name[lang]],
            "region": winner.province.region.rank,
            "project": project[winner.project[lang]],
        }, words))
    return sorted(rows, key=lambda r: (-r.sort["year"], r.sort["tier"], r.sort["lao"],
                                       r.winner.id))


def searchable(winner: Winner) -> list[str]:
    """Every field a reader sees in the winner's row, in both languages, and the other
    ways readers write them: the year in B.E. and C.E., the LAO type's abbreviations
    (ทต., อบต., SAO), the LAO's name without its type word or with an abbreviation,
    every accepted spelling of the province."""
    lao_type, name = winner.lao.type, winner.lao.name
    core = lao_core_name(name.th, lao_type)
    prefixes = {prefix.rstrip(".") for prefix in lao_type.prefixes} | set(
        reference.GENERAL_PREFIXES.get(lao_type.slug, ()))
    return [
        str(winner.year), str(winner.year_ce), winner.tier.name.th, winner.tier.name.en,
        lao_type.name.th, lao_type.name.en, *lao_type.prefixes,
        *reference.ENGLISH_SHORT.get(lao_type.slug, ()),
        winner.province.name.th, winner.province.name.en,
        winner.province.code.replace("-", ""),  # TH-95 as one word, not a "th" in every row
        *winner.province.variants, winner.province.region.name.th,
        winner.province.region.name.en, winner.project.th, winner.project.en,
        name.th, name.en, core, *sorted(prefix + core for prefix in prefixes),
        *(text for theme in winner.themes for text in (theme.id, *vars(theme.name).values())),
    ]


def lao_core_name(thai: str, lao_type: LaoType) -> str:
    """The LAO's Thai name without its type word: อุโมงค์ of เทศบาลตำบลอุโมงค์."""
    prefix = max((p for p in lao_type.prefixes if thai.startswith(p)), key=len, default="")
    return thai.removeprefix(prefix).strip()


@dataclass(frozen=True)
class Choice:
    value: str  # in the query string and the row's data attribute
    label: Any  # Localized, a year or a text
    count: int  # winners with this value before any filter; the browser updates it
    group: str = ""  # a province's region: the province list follows the region filter


@dataclass(frozen=True)
class Filter:
    name: str  # the query-string key and the row's data attribute
    label: str  # interface string key
    choices: list[Choice]


def filter_options(catalog: Catalog, lang: str, order: Order) -> list[Filter]:
    """The explorer's filters and the values each offers, in the language's order."""
    winners = catalog.winners
    count = Counter()
    for w in winners:
        count.update([("year", w.year), ("tier", w.tier.id), ("region", w.province.region.slug),
                      ("province", w.province.slug), ("type", w.lao.type.slug)])
        count.update(("theme", theme.id) for theme in w.themes)
    provinces = order.sorted(catalog.provinces, lang, lambda p: p.name)
    themes = order.sorted([t for t in catalog.site.themes if count["theme", t.id]], lang,
                          lambda t: t.name)
    return [
        Filter("year", "year", [Choice(str(y.be), y.be, count["year", y.be])
                                for y in catalog.years]),
        Filter("tier", "tier", [Choice(t.id, t.name, count["tier", t.id])
                                for t in catalog.tiers]),
        Filter("region", "region", [Choice(r.slug, r.name, count["region", r.slug])
                                    for r in catalog.regions]),
        Filter("province", "province", [Choice(p.slug, p.name, count["province", p.slug],
                                               p.region.slug) for p in provinces]),
        Filter("type", "lao_type", [Choice(t.slug, t.name, count["type", t.slug])
                                    for t in catalog.lao_types]),
        Filter("theme", "theme", [Choice(t.id, t.name, count["theme", t.id]) for t in themes]),
    ]
