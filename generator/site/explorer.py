"""Rows of the winners explorer: filter values, sort ranks and search text."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from generator.load import reference
from generator.model import UNTIERED_ID, UNTIERED_NAME, Catalog, LaoType, Winner
from generator.site.matching import JOINED, JOINED_PLACES, record_words, rules
from generator.site.order import Order, order_of


@dataclass(frozen=True)
class Row:
    winner: Winner
    sort: dict[str, int]  # lao, project and province -> rank in this language's order
    words: str  # site/matching's words of the row's own fields (FACET_WORDS: the others)

    @property
    def tier(self) -> str:
        """The row's value in the tier filter."""
        return tier_value(self.winner)


def explorer_rows(catalog: Catalog, lang: str, shared: dict[str, dict[str, str]],
                  own: dict[tuple[str, ...], list[str]] | None = None) -> list[Row]:
    """Every winner, newest year first, with ranks for sorting by LAO or project (the
    other columns sort by their filter's order, which explorer.js reads). `shared`:
    facet_words(catalog), whose words a row does not repeat. `own`: a row's own words by
    its texts, the same in every language: one dict for a build's languages makes them
    once (a third of the rows' cost)."""
    own = {} if own is None else own
    winners, order = catalog.winners, order_of(catalog)
    lao = order.ranks([w.lao.name[lang] for w in winners], lang)
    project = order.ranks([w.title[lang] for w in winners], lang)
    province = order.ranks([w.province.name[lang] for w in winners], lang)
    replacements = rules(catalog.site.spellings)
    rows = []
    for winner in winners:
        # the words explorer.js finds elsewhere are left out: in the row's LAO and
        # project cells (visible_words), or in its values' words (#facet-words)
        known = set(record_words(visible_words(winner, lang), replacements, JOINED))
        for facet, values in facet_values(winner).items():
            known.update(word for value in values for word in shared[facet][value].split())
        texts = tuple(own_words(winner))
        if texts not in own:
            own[texts] = record_words(texts, replacements, JOINED)
        words = [w for w in own[texts] if w not in known]
        rows.append(Row(winner, {"lao": lao[winner.lao.name[lang]],
                                 "project": project[winner.title[lang]],
                                 "province": province[winner.province.name[lang]]},
                        " ".join(words)))
    return sorted(rows, key=lambda r: (-r.winner.year, r.winner.rank, r.sort["lao"],
                                       r.winner.id))


def sort_orders(rows: list[Row]) -> dict[str, list[int]]:
    """The rows' places in LAO, project and province order, as lists of their indices:
    one list a column weighs less than a rank on each of 2,000 rows (explorer.js). The
    province filter lists provinces with winners first, so its order is not the column's."""
    return {key: sorted(range(len(rows)), key=lambda index: (rows[index].sort[key], index))
            for key in ("lao", "project", "province")}


def facet_words(catalog: Catalog) -> dict[str, dict[str, str]]:
    """The words of every value a row shares with others (its year, tier, LAO type,
    province, region and themes), once per value: explorer.js adds a row's values'
    words to its own, so 2,000 rows do not repeat 'ภาคเหนือ north' each."""
    replacements = rules(catalog.site.spellings)
    texts: dict[str, dict[str, list[str]]] = {
        "year": {str(w.year): [str(w.year), str(w.year_ce)] for w in catalog.winners},
        "tier": {t.id: [*vars(t.name).values()] for t in catalog.tiers}
        | {UNTIERED_ID: [*vars(UNTIERED_NAME).values()]},
        "type": {t.slug: [*vars(t.name).values(), *t.prefixes,
                          *reference.ENGLISH_SHORT.get(t.slug, ())] for t in catalog.lao_types},
        "province": {p.slug: [*vars(p.name).values(), *p.variants,
                              p.code.replace("-", "")]  # TH-95 as one word, not a "th" in all
                     for p in catalog.provinces},
        "region": {r.slug: [*vars(r.name).values()] for r in catalog.regions},
        "theme": {t.id: [t.id, *vars(t.name).values()] for t in catalog.site.themes},
    }
    return {facet: {value: " ".join(record_words(words, replacements, JOINED_PLACES))
                    for value, words in sorted(values.items())}
            for facet, values in texts.items()}


def facet_values(winner: Winner) -> dict[str, list[str]]:
    """The row's values by facet, as its data attributes give them to explorer.js."""
    return {"year": [str(winner.year)], "tier": [tier_value(winner)],
            "type": [winner.lao.type.slug], "province": [winner.province.slug],
            "region": [winner.province.region.slug],
            "theme": [theme.id for theme in winner.themes]}


def tier_value(winner: Winner) -> str:
    """The row's tier in the explorer's filter: its id, or UNTIERED_ID."""
    return winner.tier.id if winner.tier is not None else UNTIERED_ID


def visible_words(winner: Winner, lang: str) -> list[str]:
    """The texts of the row's LAO and project cells, which explorer.js reads there."""
    return [winner.lao.name[lang], winner.title[lang]]


def own_words(winner: Winner) -> list[str]:
    """The fields of a winner's row that are its own, in both languages, and the other
    ways readers write them: the LAO's name without its type word or with an
    abbreviation of it (ทต.อุโมงค์, เทศบาลอุโมงค์)."""
    lao_type, name = winner.lao.type, winner.lao.name
    core = lao_core_name(name.th, lao_type)
    prefixes = {prefix.rstrip(".") for prefix in lao_type.prefixes} | set(
        reference.GENERAL_PREFIXES.get(lao_type.slug, ()))
    project = [winner.project.th, winner.project.en] if winner.project is not None else []
    return [*project, name.th, name.en, core,
            *sorted(prefix + core for prefix in prefixes)]


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
    # values no winner has, offered after the others, apart: a province with none is
    # still a value a shared link may name (issue 27: 63 of 77 were "(0)" among the rest)
    empty: list[Choice] = field(default_factory=list)


def filter_options(catalog: Catalog, lang: str, order: Order) -> list[Filter]:
    """The explorer's filters and the values each offers, in the language's order."""
    winners = catalog.winners
    count = Counter()
    for w in winners:
        count.update([("year", w.year), ("tier", tier_value(w)), ("region", w.province.region.slug),
                      ("province", w.province.slug), ("type", w.lao.type.slug)])
        count.update(("theme", theme.id) for theme in w.themes)
    provinces = order.sorted(catalog.provinces, lang, lambda p: p.name)
    themes = order.sorted([t for t in catalog.site.themes if count["theme", t.id]], lang,
                          lambda t: t.name)
    return [
        Filter("year", "year", [Choice(str(y.be), y.be, count["year", y.be])
                                for y in catalog.years]),
        Filter("tier", "tier", [Choice(t.id, t.name, count["tier", t.id])
                                for t in catalog.tiers]
               + ([Choice(UNTIERED_ID, UNTIERED_NAME, count["tier", UNTIERED_ID])]
                  if count["tier", UNTIERED_ID] else [])),
        Filter("region", "region", [Choice(r.slug, r.name, count["region", r.slug])
                                    for r in catalog.regions]),
        Filter("province", "province",
               [Choice(p.slug, p.name, count["province", p.slug], p.region.slug)
                for p in provinces if count["province", p.slug]],
               [Choice(p.slug, p.name, 0, p.region.slug)
                for p in provinces if not count["province", p.slug]]),
        Filter("type", "lao_type", [Choice(t.slug, t.name, count["type", t.slug])
                                    for t in catalog.lao_types]),
        Filter("theme", "theme", [Choice(t.id, t.name, count["theme", t.id]) for t in themes]),
    ]
