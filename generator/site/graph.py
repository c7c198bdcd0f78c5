"""The site graph: every page with its URL, template, twin and sorted data."""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.load import layout
from generator.model import Catalog, Winner
from generator.site import pages as kinds
from generator.site import urls
from generator.site.dictionary import FIELDS, PROVINCE_FIELDS
from generator.site.explorer import explorer_rows, facet_words, filter_options, sort_orders
from generator.site.matching import rules
from generator.site.opendata import ordered_winners
from generator.site.order import Order, order_of
from generator.site.pages import Context
from generator.site.stats import collect_stats, coverage


# Slots: 60,000 pages at 10,000 winners, held by every worker (issue 26)
@dataclass(frozen=True, slots=True)
class Page:
    path: str  # site-relative URL path, ending in '/'
    lang: str | None  # None: the bilingual landing page
    data: Context = field(hash=False, compare=False)
    # The languages of its twins, each at this path in its own /{lang}/ folder: the
    # alternates are made from them when asked, not kept (22 MB at 10,000 winners)
    languages: tuple[str, ...] = ()
    in_sitemap: bool = True
    # Served for any missing URL, at any depth (GitHub Pages' 404.html): its links
    # cannot be relative to it, so they are root-relative (contract §3)
    anywhere: bool = False

    @property
    def template(self) -> str:
        return self.data.template

    @property
    def alternates(self) -> tuple[tuple[str, str], ...]:
        """(hreflang, path) of each twin, then x-default: the page itself where it has
        no language (the landing page), else its twin in the first language."""
        twins = [(lang, urls.twin(self.path, lang)) for lang in self.languages]
        if not twins:
            return ()
        return (*twins, ("x-default", self.path if self.lang is None else twins[0][1]))

    @property
    def output_path(self) -> str:
        return self.path + "index.html" if self.path.endswith("/") or not self.path else self.path


@dataclass(frozen=True)
class Asset:
    """A file copied as it is: write-up images, fonts, stylesheets."""

    path: str  # site-relative output path
    source: Path


@dataclass
class SiteGraph:
    pages: list[Page]
    assets: list[Asset]

    @functools.cached_property
    def by_path(self) -> dict[str, Page]:
        return {page.path: page for page in self.pages}

    @functools.cached_property
    def position(self) -> dict[str, int]:
        return {page.path: index for index, page in enumerate(self.pages)}

    def with_pages(self, replaced: dict[str, Page]) -> SiteGraph:
        """This graph with some pages replaced by new ones of the same paths; a copy of
        lists and dicts, not a new walk of every page (awards serve's quick path)."""
        pages = list(self.pages)
        for path, page in replaced.items():
            pages[self.position[path]] = page
        graph = SiteGraph(pages, self.assets)
        graph.__dict__["position"] = self.position  # the same paths in the same places
        graph.__dict__["by_path"] = {**self.by_path, **replaced}
        return graph


def group(items: Iterable[Any], key: Callable[[Any], Any]) -> list[tuple[Any, list[Any]]]:
    """Group items by key (not only adjacent ones), keys in first-seen order."""
    groups: dict[Any, list[Any]] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    return list(groups.items())


def build_graph(catalog: Catalog, templates: Path) -> SiteGraph:
    order = order_of(catalog)
    languages = catalog.site.languages
    pages: list[Page] = [
        Page(urls.landing(), None, kinds.Landing({lang: urls.home(lang) for lang in languages}),
             languages),
        Page("404.html", None, kinds.NotFound(), in_sitemap=False, anywhere=True),
    ]
    own: dict[tuple[str, ...], list[str]] = {}  # the explorer rows' words, for this build
    for lang in languages:
        pages += _pages(catalog, order, lang, languages, own)
    static = templates / "static"
    assets = [
        Asset(f"{urls.STATIC}{rel}", p)
        for p in sorted(static.rglob("*"))
        if p.is_file() and not layout.ignored_path(rel := p.relative_to(static).as_posix())
    ]
    logo = catalog.site.publisher and catalog.site.publisher.logo
    if logo:
        assets.append(Asset(urls.publisher_logo(logo), Path(logo.source)))
    for winner in catalog.winners:
        for lang in languages:
            for attachment in winner.assets:
                if attachment.width is not None and not catalog.site.originals:
                    continue  # a photo: published re-encoded (emit/photos.py), not as sent
                target = urls.winner(lang, winner.year, winner.id) + attachment.name
                assets.append(Asset(target, Path(attachment.source)))
    return SiteGraph(pages, assets)


def _neighbours(in_order: list[Winner]) -> Iterable[tuple[Winner, dict[str, Winner | None]]]:
    """Each winner of a list with the one before it and the one after it."""
    for index, winner in enumerate(in_order):
        yield winner, {"previous": in_order[index - 1] if index else None,
                       "next": in_order[index + 1] if index + 1 < len(in_order) else None}


def _pages(catalog: Catalog, order: Order, lang: str, languages: tuple[str, ...],
           own: dict[tuple[str, ...], list[str]]) -> list[Page]:
    winners = catalog.winners
    # Grouped once: a list per province (or tier, region) scanned from all winners
    # would cost provinces x winners
    of_province = dict(group(winners, lambda w: w.province.code))
    of_region = dict(group(winners, lambda w: w.province.region.slug))
    of_tier = dict(group((w for w in winners if w.tier), lambda w: w.tier.id))
    by_province = Counter({code: len(mine) for code, mine in of_province.items()})
    # Each LAO's awards in page order, sorted once for its page and its winners' pages
    awards_of = {slug: order.awards(mine, lang)
                 for slug, mine in group(winners, lambda w: w.lao.slug)}
    incomplete = coverage(catalog).incomplete

    def page(path: str, data: kinds.Context) -> Page:
        return Page(path, lang, data, languages)

    made = [
        page(urls.home(lang), kinds.Home(
             years=[(y, len(y.winners)) for y in catalog.years],
             tiers=catalog.tiers,
             latest=catalog.years[0] if catalog.years else None,
             highlights=order.winners(
                 [w for w in (catalog.years[0].winners if catalog.years else ())
                  if w.rank == 1], lang),
             counts={"winners": len(winners), "laos": len(catalog.laos),
                     "provinces": len(by_province), "years": len(catalog.years)},
             coverage=coverage(catalog))),
    ]
    for year in catalog.years:
        tiers = []
        # each tier, then (None) the winners whose tier no source states
        for tier in (*year.tiers, None) if year.untiered else year.tiers:
            in_tier = [w for w in year.winners if w.tier == tier]
            by_type = sorted(group(in_tier, lambda w: w.lao.type), key=lambda g: g[0].rank)
            tiers.append((tier, len(in_tier), [(t, order.winners(ws, lang)) for t, ws in by_type]))
        neighbours = {id(w): pair for _, _, types in tiers
                      for w, pair in _neighbours([w for _, ws in types for w in ws])}
        made.append(page(urls.year(lang, year.be), kinds.YearPage(
            year=year, tiers=tiers, count=len(year.winners),
            laos=len({w.lao.slug for w in year.winners}),
            provinces=len({w.province.code for w in year.winners}))))
        for winner in year.winners:
            others = [w for w in awards_of[winner.lao.slug] if w is not winner]
            writeup = winner.writeups.get(lang)
            fallback = None
            if writeup is None:
                fallback = next((winner.writeups[x] for x in languages if x in winner.writeups),
                                None)
            made.append(page(urls.winner(lang, year.be, winner.id), kinds.WinnerPage(
                winner=winner, year=year, writeup=writeup, fallback=fallback, others=others,
                **neighbours.get(id(winner), {}))))
            # not for search engines (noindex): the winner page is what they show
            kit = urls.kit(lang, year.be, winner.id)
            made.append(Page(kit, lang, kinds.KitPage(winner=winner, year=year),
                             languages, in_sitemap=False))
            # An old id keeps its URL working: a redirect page to the permalink (contract §3)
            for alias in winner.aliases:
                old = urls.winner(lang, year.be, alias)
                made.append(Page(old, lang, kinds.Redirect(winner), languages,
                                 in_sitemap=False))
    for tier in catalog.tiers:
        in_tier = of_tier.get(tier.id, [])
        years = group(order.awards(in_tier, lang), lambda w: w.year)
        made.append(page(urls.tier(lang, tier.id), kinds.TierPage(
            tier=tier, count=len(in_tier), latest=years[0] if years else None,
            earlier=[(be, len(ws)) for be, ws in years[1:]])))
    regions = [
        (region, [(p, by_province[p.code]) for p in order.sorted(
            (p for p in catalog.provinces if p.region == region), lang, lambda p: p.name)])
        for region in catalog.regions
    ]
    made.append(page(urls.provinces(lang), kinds.Provinces(regions=regions,
                                                            count=len(winners))))
    for province in catalog.provinces:
        mine = of_province.get(province.code, [])
        made.append(page(urls.province(lang, province.slug), kinds.ProvincePage(
            province=province, count=len(mine),
            years=group(order.awards(mine, lang), lambda w: w.year), incomplete=incomplete)))
    for region, provinces in regions:
        mine = of_region.get(region.slug, [])
        made.append(page(urls.region(lang, region.slug), kinds.RegionPage(
            region=region, provinces=provinces, count=len(mine),
            latest=next(iter(group(order.awards(mine, lang), lambda w: w.year)), None),
            incomplete=incomplete)))
    shared = facet_words(catalog)
    rows = explorer_rows(catalog, lang, shared, own)
    made.append(page(urls.explorer(lang), kinds.Explorer(
        rows=rows, options=filter_options(catalog, lang, order),
        count=len(winners), search_rules=rules(catalog.site.spellings),
        facet_words=shared, sort_orders=sort_orders(rows))))
    by_name = order.sorted(catalog.provinces, lang, lambda p: p.name)
    made.append(page(urls.stats(lang), kinds.StatsPage(collect_stats(catalog, by_name))))
    example = ordered_winners(catalog)[0] if winners else None
    updated = max((y.announced for y in catalog.years), default=None)
    made.append(page(urls.data(lang), kinds.DataPage(
        fields=FIELDS, province_fields=PROVINCE_FIELDS, count=len(winners), example=example,
        updated=updated)))
    made.append(page(urls.about(lang), kinds.About(years=catalog.years, updated=updated)))
    made.append(page(urls.accessibility(lang), kinds.Accessibility()))
    made.append(page(urls.privacy(lang), kinds.Privacy()))
    laos = order.sorted(catalog.laos, lang, lambda lao: lao.name)
    made.append(page(urls.laos(lang), kinds.Laos([(lao, len(awards_of[lao.slug]))
                                                   for lao in laos])))
    for lao in laos:
        made.append(page(urls.lao(lang, lao.slug), kinds.LaoPage(
            lao=lao, awards=awards_of[lao.slug])))
    return made
