"""The drawn files of the site: share images, badges and QR codes, each from the cache
when nothing it shows has changed.

One winner's files are made by one call, so that workers can each take a share
of the winners (the first build draws thousands of images).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

from generator.cache.drawn import DrawnFiles
from generator.cache.keys import content_key, versions
from generator.emit import badges, design, photos, raster
from generator.emit.badges import (
    VARIANTS,
    BadgeLayout,
    badge_layout,
    badge_png,
    qr_png,
    qr_svg,
)
from generator.emit.phrases import phrase
from generator.emit.share import engine, share_png, site_card, winner_card
from generator.emit.templates import Renderer
from generator.languages import LANGUAGES
from generator.model import Attachment, Catalog, Winner, Year
from generator.site import urls
from generator.work.files import Content

OWNER = "share image, badge or QR code"


class Artwork:
    def __init__(self, catalog: Catalog, renderer: Renderer, images: DrawnFiles):
        """`images`: the build's drawn files (cache/derived.Derived.files)."""
        self.catalog, self.renderer, self.images = catalog, renderer, images
        badge = renderer.env.get_template("badge.svg").filename
        # What every badge depends on besides its winner, hashed once rather than
        # spelled out in each badge's key: the template's bytes, not where it is (a
        # checkout elsewhere, as a CI runner's, drew every badge again)
        self.badge_key = content_key(Path(badge).read_bytes(), repr(renderer.strings),
                                     Path(design.__file__).read_bytes(),
                                     versions("jinja2", "markupsafe")).hex()

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
                    yield from (urls.kit_file(lang, year.be, winner.id, what) for what in KIT)
                    yield from (urls.winner(lang, year.be, winner.id) + name
                                for photo in _photos(winner)
                                for name, _, _ in photos.derived(photo))

    def site_files(self) -> Iterator[tuple[str, Content]]:
        for lang in self.catalog.site.languages:
            card = site_card(self.catalog.site, lang, self.renderer.thai_pieces)
            yield urls.site_share(lang), share_png(self.images, card)

    def winner_files(self, year: Year, winner: Winner) -> Iterator[tuple[str, Content]]:
        renditions = [(name, self._rendition(photo, width, kind))
                      for photo in _photos(winner)
                      for name, width, kind in photos.derived(photo)]
        for lang in self.catalog.site.languages:
            yield from self._kit(year, winner, lang)
            folder = urls.winner(lang, year.be, winner.id)
            yield from ((folder + name, content) for name, content in renditions)

    def _rendition(self, photo: Attachment, width: int, kind: str) -> Content:
        """One size of a write-up photo, from the cache when its bytes were seen before."""
        digest = content_key(Path(photo.source).read_bytes()).hex()
        return self.images.get("photo", f"{digest}\0{width}\0{kind}\0{PHOTOS}",
                               functools.partial(photos.encode, photo.source, width, kind))

    def _kit(self, year: Year, winner: Winner, lang: str) -> Iterator[tuple[str, Content]]:
        """A winner's files in one language. The ZIP of them all is put together in the
        reader's browser from these (templates/static/share.js): published once, not twice."""
        site = self.catalog.site
        permalink = urls.absolute(site.base_url, urls.winner(lang, year.be, winner.id))
        card = winner_card(winner, year, lang, self.renderer.thai_pieces)
        yield urls.share(lang, year.be, winner.id), share_png(self.images, card)
        for variant in VARIANTS:
            layout = self.badge_layout(year, winner, lang, variant)
            path = (urls.badge(lang, year.be, winner.id) if variant == "badge"
                    else urls.kit_file(lang, year.be, winner.id, f"{variant}.svg"))
            yield path, self.images.get(variant, repr((self.badge_key, lang, layout)),
                                        functools.partial(self._badge_svg, layout, lang))
            yield urls.kit_file(lang, year.be, winner.id, f"{variant}.png"), self.images.get(
                variant + "-png", f"{DRAWING_KEY}\0{engine()}\0{layout!r}",
                functools.partial(badge_png, layout))
        yield urls.qr(lang, year.be, winner.id), self.images.get(
            "qr", f"{DRAWING_KEY}\0{permalink}", functools.partial(qr_svg, permalink))
        yield urls.kit_file(lang, year.be, winner.id, "qr.png"), self.images.get(
            "qr-png", f"{DRAWING_KEY}\0{permalink}", functools.partial(qr_png, permalink))

    def badge_layout(self, year: Year, winner: Winner, lang: str, variant: str) -> BadgeLayout:
        strings = self.renderer.strings
        award = f"{self.catalog.site.title[lang]} {LANGUAGES[lang].year(year.be)}"
        tier = (phrase(strings, "badge_tier", lang, tier=winner.tier.name[lang])
                if winner.tier is not None else phrase(strings, "badge_untiered", lang))
        alt = "badge_alt" if winner.project is not None else "badge_alt_unnamed"
        title = phrase(strings, alt, lang, lao=winner.lao.name[lang], tier=tier,
                       award=award, project=winner.title[lang])
        # a project no source names leaves its line of the badge empty
        project = winner.project[lang] if winner.project is not None else ""
        return badge_layout(variant, award, tier, winner.lao.name[lang], project,
                            winner.rank, title, self.renderer.thai_pieces)

    def _badge_svg(self, layout: BadgeLayout, lang: str) -> bytes:
        return self.renderer.render_file("badge.svg", lang, layout=layout,
                                         design=design).encode("utf-8")


KIT = ("badge.png", "badge-compact.svg", "badge-compact.png", "qr.png")
# What drawn badges and QR codes depend on besides what they show: the drawing code
# and the libraries that draw, so that a change to either draws them again
DRAWING_KEY = content_key(Path(badges.__file__).read_bytes(), Path(design.__file__).read_bytes(),
                          raster.SETTINGS, Path(raster.__file__).read_bytes(),
                          versions("pillow", "segno")).hex()
PHOTOS = f"{photos.SETTINGS}\0{versions('pillow')}"  # a photo's renditions: Pillow encodes them


def _photos(winner: Winner) -> list[Attachment]:
    return [attachment for attachment in winner.assets if attachment.width is not None]
