"""Counts for the stats page: tables, bar charts and the shaded province map."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from generator.languages import LANGUAGES
from generator.model import (
    UNTIERED_ID,
    UNTIERED_NAME,
    Catalog,
    Localized,
    Province,
    Tier,
    Year,
)
from generator.site.geography import ATTRIBUTION, thailand_map


@dataclass(frozen=True)
class Bar:
    label: Localized
    count: int
    share: float  # of the largest bar, 0 to 1, for the chart's bar length
    target: Any = None  # what the label links to (a Year, Tier, Region, Province), or None


@dataclass(frozen=True)
class MapArea:
    province: Province
    count: int
    shade: int  # 0: none; 1, 2, 3: more awards
    path: str


@dataclass(frozen=True)
class ProvinceMap:
    view_box: str
    areas: list[MapArea]
    attribution: tuple[str, str]  # the map's source and its licence's address


@dataclass(frozen=True)
class Chart:
    key: str  # the chart's id on the page
    title: str  # interface string keys
    heading: str
    bars: list[Bar]


@dataclass(frozen=True)
class Coverage:
    """The award years this archive holds, and the editions it does not, worked out
    from each year's `edition` so that nobody mistakes the first year held for the
    first year given."""

    years: tuple[Year, ...]  # oldest first
    missing: tuple[tuple[int, int], ...]  # runs of absent editions: (first, last)

    @property
    def incomplete(self) -> tuple[Year, ...]:
        """The years held whose organizer announced more winners than they list."""
        return tuple(year for year in self.years if year.incomplete)

    @property
    def year_runs(self) -> tuple[tuple[int, int], ...]:
        """The years held, as runs of consecutive years (first, last), oldest first: what
        a sentence that states a total or an absence covers (issue 27)."""
        runs: list[tuple[int, int]] = []
        for be in sorted(year.be for year in self.years):
            if runs and runs[-1][1] == be - 1:
                runs[-1] = (runs[-1][0], be)
            else:
                runs.append((be, be))
        return tuple(runs)

    @property
    def missing_count(self) -> int:
        return sum(last - first + 1 for first, last in self.missing)

    @property
    def missing_text(self) -> str:
        """'1–2', '1, 4–5': the same digits and dash in Thai and English."""
        return ", ".join(str(a) if a == b else f"{a}\u2013{b}" for a, b in self.missing)


def coverage(catalog: Catalog) -> Coverage:
    held = {year.edition for year in catalog.years if year.edition}
    runs: list[tuple[int, int]] = []
    for edition in range(1, max(held, default=0) + 1):
        if edition in held:
            continue
        if runs and runs[-1][1] == edition - 1:
            runs[-1] = (runs[-1][0], edition)
        else:
            runs.append((edition, edition))
    return Coverage(tuple(reversed(catalog.years)), tuple(runs))


@dataclass(frozen=True)
class Stats:
    total: int
    coverage: Coverage
    charts: list[Chart]  # by year, tier, region and LAO type, in this order
    top_provinces: list[Bar]  # the TOP_PROVINCES with most awards, most first
    provinces: list[tuple[Province, int]]  # those with an award, in the page's order
    without_awards: int  # provinces with none: data/provinces.csv lists them
    map: ProvinceMap


# The chart beside the map stays about as tall as the map; the table below it lists
# every province with an award, and data/provinces.csv all 77 (issue 27: 77 rows,
# most of them zeros, made the page 197 KB and left a column blank beside them)
TOP_PROVINCES = 10


def bars(items: list[tuple[Any, int]], label=lambda x: x.name, linked: bool = True) -> list[Bar]:
    top = max((count for _, count in items), default=0) or 1
    return [Bar(label(item), count, count / top, item if linked else None)
            for item, count in items]


def shade(count: int) -> int:
    return min(count, 3)


def _year_name(year: Year) -> Localized:
    """A year as each language writes it (B.E. in Thai, C.E. in English)."""
    return Localized(LANGUAGES["th"].year(year.be), LANGUAGES["en"].year(year.be))


def _tier_bars(catalog: Catalog, by_tier: Counter) -> list[Bar]:
    """A bar per tier, linked to its page, then one unlinked for the winners whose tier
    no source states, if any."""
    counted: list[tuple[Tier | None, int]] = [(t, by_tier[t.id]) for t in catalog.tiers]
    if by_tier[UNTIERED_ID]:
        counted.append((None, by_tier[UNTIERED_ID]))
    return bars(counted, lambda tier: tier.name if tier else UNTIERED_NAME)


def collect_stats(catalog: Catalog, provinces_in_order: list[Province]) -> Stats:
    winners = catalog.winners
    by_province = Counter(w.province.code for w in winners)
    by_tier = Counter(w.tier.id if w.tier else UNTIERED_ID for w in winners)
    by_region = Counter(w.province.region.slug for w in winners)
    by_type = Counter(w.lao.type.slug for w in winners)
    geo = thailand_map()
    top = sorted((p for p in provinces_in_order if by_province[p.code]),
                 key=lambda p: -by_province[p.code])
    return Stats(
        total=len(winners),
        coverage=coverage(catalog),
        charts=[
            Chart("years", "by_year", "year",
                  bars([(y, len(y.winners)) for y in catalog.years], _year_name)),
            Chart("tiers", "by_tier", "tier", _tier_bars(catalog, by_tier)),
            Chart("regions", "by_region", "region",
                  bars([(r, by_region[r.slug]) for r in catalog.regions])),
            Chart("types", "by_type", "lao_type",
                  bars([(t, by_type[t.slug]) for t in catalog.lao_types], linked=False)),
        ],
        top_provinces=bars([(p, by_province[p.code]) for p in top[:TOP_PROVINCES]]),
        provinces=[(p, by_province[p.code]) for p in provinces_in_order if by_province[p.code]],
        without_awards=sum(not by_province[p.code] for p in provinces_in_order),
        map=ProvinceMap(geo.view_box, [MapArea(o.province, by_province[o.province.code],
                                               shade(by_province[o.province.code]), o.path)
                                       for o in geo.outlines], ATTRIBUTION),
    )
