"""What each kind of page shows: one typed context per template, made by the graph.

A template receives its context's fields as its variables, ready to show:
sorted, grouped and counted here, in Python. awards serve compares a page's
context (with the template folder, the site settings and the shared parts of
the page) to know whether the page must be rendered again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from generator.model import Lao, LaoType, Province, Region, Tier, Winner, Writeup, Year
from generator.site.dictionary import Field
from generator.site.explorer import Filter, Row
from generator.site.stats import Coverage, Stats


@dataclass(frozen=True)
class Context:
    """The data of one page; subclasses name their template."""

    template: ClassVar[str]

    def variables(self) -> dict[str, Any]:
        """The template's variables: this context's fields, as they are."""
        return vars(self)


@dataclass(frozen=True)
class Landing(Context):
    template = "landing.html"
    homes: dict[str, str]  # language -> its home page's path, for static/language.js


@dataclass(frozen=True)
class NotFound(Context):
    template = "404.html"


@dataclass(frozen=True)
class Home(Context):
    template = "home.html"
    years: list[tuple[Year, int]]  # with their number of winners
    tiers: tuple[Tier, ...]
    latest: Year | None
    highlights: list[Winner]  # the latest year's highest tier
    counts: dict[str, int]  # winners, laos, provinces, years
    coverage: Coverage


@dataclass(frozen=True)
class YearPage(Context):
    template = "year.html"
    year: Year
    # each tier, then None for the winners whose tier no source states, if any
    tiers: list[tuple[Tier | None, int, list[tuple[LaoType, list[Winner]]]]]
    count: int
    laos: int
    provinces: int


@dataclass(frozen=True)
class WinnerPage(Context):
    template = "winner.html"
    winner: Winner
    year: Year
    writeup: Writeup | None  # in the page's language
    fallback: Writeup | None  # in the other language, when there is none in this one
    others: list[Winner]  # the LAO's other awards
    previous: Winner | None = None  # the winners before and after it in its year and
    next: Winner | None = None  # tier, in the year page's order (issue 27)


@dataclass(frozen=True)
class KitPage(Context):
    """A winner's share links, badges with their code, QR code, share image, ZIP and
    citation, for the LAO's staff: off the winner page, which few readers used them
    on (issue 26: 5.3 KB of each winner page, folded)."""

    template = "kit.html"
    winner: Winner
    year: Year


@dataclass(frozen=True)
class Redirect(Context):
    template = "redirect.html"
    winner: Winner  # whose old id this page was


@dataclass(frozen=True)
class TierPage(Context):
    template = "tier.html"
    tier: Tier
    count: int
    # Its winners of the newest year, then each earlier year's number, linked to that
    # year's list: a page of every winner of a tier grew with the archive (issue 26)
    latest: tuple[int, list[Winner]] | None
    earlier: list[tuple[int, int]]


@dataclass(frozen=True)
class Provinces(Context):
    template = "provinces.html"
    regions: list[tuple[Region, list[tuple[Province, int]]]]
    count: int


@dataclass(frozen=True)
class ProvincePage(Context):
    template = "province.html"
    province: Province
    count: int
    years: list[tuple[int, list[Winner]]]
    incomplete: tuple[Year, ...]  # years whose winners the sources do not all name


@dataclass(frozen=True)
class RegionPage(Context):
    template = "region.html"
    region: Region
    provinces: list[tuple[Province, int]]
    count: int
    # its winners of the newest year: every year's are on its provinces' pages (issue 26)
    latest: tuple[int, list[Winner]] | None
    incomplete: tuple[Year, ...]  # years whose winners the sources do not all name


@dataclass(frozen=True)
class Explorer(Context):
    template = "winners.html"
    rows: list[Row]
    options: list[Filter]
    count: int
    search_rules: list[tuple[str, str]]  # site/matching's replacements, for explorer.js
    facet_words: dict[str, dict[str, str]]  # facet -> value -> its words (site/explorer)
    sort_orders: dict[str, list[int]]  # lao, project -> the rows' indices in that order


@dataclass(frozen=True)
class StatsPage(Context):
    template = "stats.html"
    stats: Stats


@dataclass(frozen=True)
class DataPage(Context):
    template = "data.html"
    fields: tuple[Field, ...]
    province_fields: tuple[Field, ...]  # of data/provinces.csv
    count: int
    example: Winner | None
    updated: dt.date | None


@dataclass(frozen=True)
class About(Context):
    """What the award is (from the year files), who publishes the site, how to cite
    it, its data's licence and how to report a correction."""

    template = "about.html"
    years: tuple[Year, ...]  # newest first
    updated: dt.date | None


@dataclass(frozen=True)
class Accessibility(Context):
    template = "accessibility.html"


@dataclass(frozen=True)
class Privacy(Context):
    template = "privacy.html"


@dataclass(frozen=True)
class Laos(Context):
    template = "laos.html"
    laos: list[tuple[Lao, int]]


@dataclass(frozen=True)
class LaoPage(Context):
    template = "lao.html"
    lao: Lao
    awards: list[Winner]
