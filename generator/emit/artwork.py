"""The drawn files of the site: share images, badges and QR codes, each from the cache
when nothing it shows has changed.

One winner's files are made by one call, so that workers can each take a share
of the winners (the first build draws thousands of images).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

from generator.cache.files import Content
from generator.cache.keys import content_key
from generator.emit import design
from generator.emit.badges import embedded_fonts, fitted_size, qr_svg
from generator.emit.share import ArtworkCache, site_card, winner_card
from generator.emit.templates import Renderer
from generator.model import Catalog, Winner, Year
from generator.site import urls

OWNER = "share image, badge or QR code"


class Artwork:
    def __init__(self, catalog: Catalog, renderer: Renderer, templates: Path, cache: Path):
        self.catalog, self.renderer = catalog, renderer
        self.images = ArtworkCache(cache)
        self.fonts = embedded_fonts(templates / "static" / "fonts")
        badge = renderer.env.get_template("badge.svg").filename
        # What every badge depends on besides its winner, hashed once rather than
        # spelled out in each badge's key
        self.badge_key = content_key(badge, Path(badge).read_bytes(), repr(renderer.strings),
                                     self.fonts, Path(design.__file__).read_bytes()).hex()

    def paths(self) -> Iterator[str]:
        """Where every drawn file goes, known before any is drawn."""
        languages = self.catalog.site.languages
        yield from (urls.site_share(lang) for lang in languages)
        for year in self.catalog.years:
            for winner in year.winners:
                for lang in languages:
                    yield urls.share(lang, year.be, winner.id)
                    yield urls.badge(lang, year.be, winner.id)
                    yield urls.qr(lang, year.be, winner.id)

    def site_files(self) -> Iterator[tuple[str, Content]]:
        for lang in self.catalog.site.languages:
            yield urls.site_share(lang), self.images.png(site_card(self.catalog.site, lang))

    def winner_files(self, year: Year, winner: Winner) -> Iterator[tuple[str, Content]]:
        site = self.catalog.site
        spelled = repr(winner)  # the costly part of a badge's key: once for both languages
        for lang in site.languages:
            yield urls.share(lang, year.be, winner.id), self.images.png(
                winner_card(winner, year, lang))
            sizes = {"kicker": fitted_size(year.name[lang], 390, 20),
                     "tier": fitted_size(winner.tier.name[lang] + "xxxxxx", 390, 28),
                     "lao": fitted_size(winner.lao.name[lang], 390, 24)}
            draw_badge = functools.partial(
                self.renderer.render_file, "badge.svg", lang, winner=winner, year=year,
                font_sizes=sizes, width=design.BADGE_SIZE.width, height=design.BADGE_SIZE.height,
                fonts=self.fonts, design=design, colours=design.tier_colours(winner.tier.rank))
            yield urls.badge(lang, year.be, winner.id), self.images.get(
                "badge", repr((self.badge_key, lang, spelled, year.name, sizes)),
                lambda draw=draw_badge: draw().encode("utf-8"))
            permalink = urls.absolute(site.base_url, urls.winner(lang, year.be, winner.id))
            title = winner.lao.name[lang]
            yield urls.qr(lang, year.be, winner.id), self.images.get(
                "qr", f"{permalink}\0{title}", functools.partial(qr_svg, permalink, title))
