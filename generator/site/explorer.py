"""Rows of the winners explorer: filter values, sort ranks and search text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from generator.model import Catalog, Winner
from generator.site.order import Order, order_of
from generator.text import english_key, search_key

TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Row:
    winner: Winner
    sort: dict[str, int]  # column -> rank in this language's order
    text: str  # search_key of every name and title, in both languages


def explorer_rows(catalog: Catalog, lang: str) -> list[Row]:
    """Every winner, newest year first, with ranks for sorting by any column."""
    winners, order = catalog.winners, order_of(catalog)
    lao = order.ranks([w.lao.name[lang] for w in winners], lang)
    project = order.ranks([w.project[lang] for w in winners], lang)
    province = order.ranks([p.name[lang] for p in catalog.provinces], lang)
    rows = []
    for winner in winners:
        searchable = [winner.lao.name.th, winner.lao.name.en, winner.project.th,
                      winner.project.en, winner.province.name.th, winner.province.name.en,
                      *winner.province.variants, winner.province.region.name.th,
                      winner.province.region.name.en, *winner.themes]
        rows.append(Row(winner, {
            "year": winner.year,
            "tier": winner.tier.rank,
            "lao": lao[winner.lao.name[lang]],
            "type": winner.lao.type.rank,
            "province": province[winner.province.name[lang]],
            "region": winner.province.region.rank,
            "project": project[winner.project[lang]],
        }, search_key(" ".join(searchable))))
    return sorted(rows, key=lambda r: (-r.sort["year"], r.sort["tier"], r.sort["lao"],
                                       r.winner.id))


@dataclass(frozen=True)
class Filter:
    name: str  # the query-string key and the row's data attribute
    label: str  # interface string key
    choices: list[tuple[str, Any]]  # (value, label: Localized, year or text)


def filter_options(catalog: Catalog, lang: str, order: Order) -> list[Filter]:
    """The explorer's filters and the values each offers, in the language's order."""
    themes = sorted({t for w in catalog.winners for t in w.themes}, key=english_key)
    provinces = order.sorted(catalog.provinces, lang, lambda p: p.name)
    return [
        Filter("year", "year", [(str(y.be), y.be) for y in catalog.years]),
        Filter("tier", "tier", [(t.id, t.name) for t in catalog.tiers]),
        Filter("region", "region", [(r.slug, r.name) for r in catalog.regions]),
        Filter("province", "province", [(p.slug, p.name) for p in provinces]),
        Filter("type", "lao_type", [(t.slug, t.name) for t in catalog.lao_types]),
        Filter("theme", "theme", [(theme, theme) for theme in themes]),
    ]
