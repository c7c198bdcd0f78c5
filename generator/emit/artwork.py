"""The drawn files of the site: share images, badges and QR codes, each from the cache
when nothing it shows has changed.

One winner's files are made by one call, so that workers can each take a share
of the winners (the first build draws thousands of images).
"""

from __future__ import annotations

import functools
import html
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from generator.cache.files import Content, SharedFile
from generator.cache.keys import content_key
from generator.emit import badges, design, photos
from generator.emit.badges import (
    VARIANTS,
    BadgeLayout,
    badge_layout,
    badge_png,
    embedded_fonts,
    qr_png,
    qr_svg,
)
from generator.emit.share import ArtworkCache, engine, site_card, winner_card
from generator.emit.templates import Renderer, phrase
from generator.languages import LANGUAGES
from generator.model import Attachment, Catalog, Winner, Year
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
                    yield from (urls.kit_file(lang, year.be, winner.id, what) for what in KIT)
                    yield from (urls.winner(lang, year.be, winner.id) + name
                                for photo in _photos(winner)
                                for name, _, _ in photos.derived(photo))

    def site_files(self) -> Iterator[tuple[str, Content]]:
        for lang in self.catalog.site.languages:
            yield urls.site_share(lang), self.images.png(site_card(self.catalog.site, lang))

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
        return self.images.get("photo", f"{digest}\0{width}\0{kind}\0{photos.SETTINGS}",
                               functools.partial(photos.encode, photo.source, width, kind))

    def _kit(self, year: Year, winner: Winner, lang: str) -> Iterator[tuple[str, Content]]:
        """A winner's files in one language, and the ZIP of them all."""
        site = self.catalog.site
        permalink = urls.absolute(site.base_url, urls.winner(lang, year.be, winner.id))
        zipped: list[tuple[str, Content]] = []

        def made(path: str, content: Content, name: str) -> tuple[str, Content]:
            zipped.append((name, content))
            return path, content

        def named(what: str) -> str:
            return urls.download_name(lang, year.be, winner.id, what)

        yield made(urls.share(lang, year.be, winner.id),
                   self.images.png(winner_card(winner, year, lang)), named("share.png"))
        layouts = {variant: self.badge_layout(year, winner, lang, variant)
                   for variant in VARIANTS}
        for variant, layout in layouts.items():
            svg = self.images.get(variant, repr((self.badge_key, lang, layout)),
                                  functools.partial(self._badge_svg, layout, lang))
            path = (urls.badge(lang, year.be, winner.id) if variant == "badge"
                    else urls.kit_file(lang, year.be, winner.id, f"{variant}.svg"))
            yield made(path, svg, named(f"{variant}.svg"))
            png = self.images.get(variant + "-png", f"{DRAWING_KEY}\0{engine()}\0{layout!r}",
                                  functools.partial(badge_png, layout))
            yield made(urls.kit_file(lang, year.be, winner.id, f"{variant}.png"), png,
                       named(f"{variant}.png"))
        title = layouts["badge"].title
        yield made(urls.qr(lang, year.be, winner.id),
                   self.images.get("qr", f"{permalink}\0{title}",
                                   functools.partial(qr_svg, permalink, title)), named("qr.svg"))
        yield made(urls.kit_file(lang, year.be, winner.id, "qr.png"),
                   self.images.get("qr-png", permalink, functools.partial(qr_png, permalink)),
                   named("qr.png"))
        zipped += [(named("embed.html"), self.embed_html(year, winner, lang, layouts).encode()),
                   (named("citation.txt"), self.citation_text(winner, lang).encode())]
        # kept like the images, by what it holds: an unchanged kit is linked, not zipped
        holds = "\0".join(f"{name}\0{_key_of(content)}" for name, content in sorted(zipped))
        yield urls.kit_file(lang, year.be, winner.id, "kit.zip"), self.images.get(
            "kit", f"{KIT_FORMAT}\0{holds}",
            lambda: kit_zip([(name, _bytes(content)) for name, content in zipped]))

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
        return self.renderer.render_file("badge.svg", lang, layout=layout, fonts=self.fonts,
                                         design=design).encode("utf-8")

    def embed_html(self, year: Year, winner: Winner, lang: str,
                   layouts: dict[str, BadgeLayout]) -> str:
        """The HTML to paste into the LAO's own site, both sizes, as the page offers it."""
        return "\n".join(self.renderer.render_file(
            "partials/embed.html", lang, winner=winner, year_be=year.be, variant=variant,
            alt=layout.title, width=layout.width, height=layout.height).strip()
            for variant, layout in layouts.items()) + "\n"

    def citation_text(self, winner: Winner, lang: str) -> str:
        cited = self.renderer.render_file("partials/citation.html", lang, winner=winner)
        return " ".join(html.unescape(TAG.sub("", cited)).split()) + "\n"


KIT = ("badge.png", "badge-compact.svg", "badge-compact.png", "qr.png", "kit.zip")
TAG = re.compile(r"<[^>]+>")
DRAWING_KEY = content_key(Path(badges.__file__).read_bytes(),
                          Path(design.__file__).read_bytes()).hex()


def _photos(winner: Winner) -> list[Attachment]:
    return [attachment for attachment in winner.assets if attachment.width is not None]


def _bytes(content: Content) -> bytes:
    if isinstance(content, bytes):
        return content
    return (content.path if isinstance(content, SharedFile) else content).read_bytes()


def _key_of(content: Content) -> str:
    """What a member is, cheaply: a drawn file's name in the cache is its key."""
    if isinstance(content, SharedFile):
        return content.path.name
    return content_key(_bytes(content)).hex()


KIT_FORMAT = "zip: sorted, 1980-01-01, 0644, PNG stored, the rest deflated at 6"


def kit_zip(files: list[tuple[str, bytes]]) -> bytes:
    """A ZIP that is the same bytes from every build: names in order, one fixed time
    and mode, no host system recorded. PNGs are stored: deflating them again gains
    nothing and cost most of a large site's build."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            stored = name.endswith(".png")
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=None if stored else 6)
    return buffer.getvalue()
