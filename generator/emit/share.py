"""Share images (og:image), 1200x630 PNG, drawn with Pillow and raqm.

Thai needs complex-script shaping (vowels and tone marks stacked on their
consonant), which Pillow does only with its raqm layout engine. Pillow's wheels
carry raqm but load the FriBiDi library it needs from the system: Linux has it,
Windows and a bare macOS do not. There the images are drawn with Pillow's basic
layout, marks misplaced, and the build says so (preview only; the published
site is built on Linux). Images are cached by a hash of everything drawn on
them, the layout engine included: an unchanged winner is not drawn again, and
a preview's image is drawn anew once FriBiDi is there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, features

from generator.cache.drawn import DrawnFiles
from generator.cache.keys import content_key, versions
from generator.emit import design, raster
from generator.emit.design import BRAND, INK, MUTED, PAPER, SHARE_SIZE, tier_colours
from generator.emit.names import province_title
from generator.emit.raster import palette_png
from generator.load.reference import DATA
from generator.model import Site, Winner, Year
from generator.work.files import SharedFile

FONTS = DATA / "fonts"
# What every share image depends on besides its card: this drawing code, the design
# and Pillow, so that a change to any of them draws every image again
DRAWING = content_key(Path(__file__).read_bytes(), Path(design.__file__).read_bytes(),
                      raster.SETTINGS, Path(raster.__file__).read_bytes(), versions("pillow"))


SHAPING = features.check("raqm")
SHAPING_MISSING = ("Pillow cannot shape Thai here (its raqm layout engine needs the FriBiDi "
                   "library): share images and PNG badges show misplaced tone marks; fine for "
                   "a preview, not for publishing (README: Windows and macOS)")


def engine() -> str:
    """The layout engine images are drawn with, for their cache keys."""
    return "raqm" if SHAPING else "basic"


@cache
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "Sarabun-Bold.ttf" if bold else "Sarabun-Regular.ttf"
    layout = ImageFont.Layout.RAQM if SHAPING else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(FONTS / name), size, layout_engine=layout)


@dataclass(frozen=True)
class Card:
    """Everything drawn on one image; its repr is the cache key."""

    lang: str
    kicker: str  # the award and year
    badge: str | None  # the tier
    tier_rank: int
    title: tuple[str, ...]  # the LAO, or the site: as words, which a line may end between
    subtitle: str  # the province
    body: tuple[str, ...]  # the project, or the site's description: as words


Words = Callable[[str], list[str]]  # a Typesetter's pieces: the pages' own word cuts


def winner_card(winner: Winner, year: Year, lang: str, words: Words) -> Card:
    # a winner whose tier no source states: no tier label, only its year
    return Card(lang, year.name[lang], winner.tier and winner.tier.name[lang], winner.rank,
                tuple(words(winner.lao.name[lang])), province_title(winner.province, lang),
                tuple(words(winner.title[lang])))


def site_card(site: Site, lang: str, words: Words) -> Card:
    return Card(lang, "", None, 0, tuple(words(site.title[lang])), "",
                tuple(words(site.description[lang])))


def wrap(words: tuple[str, ...], face: ImageFont.FreeTypeFont, width: int,
         lines: int) -> list[str]:
    """At most `lines` lines no wider than `width`, broken between words only (issue 27:
    the pages' cuts, so a Thai word is never split); the last ends in … when the text
    goes on, shortened by whole words."""
    made: list[list[str]] = [[]]
    for word in words:
        line = made[-1]
        if not line and word.isspace():
            continue
        if line and face.getlength("".join(line + [word]).rstrip()) > width:
            if len(made) == lines:
                while line and face.getlength("".join(line).rstrip() + "…") > width:
                    line.pop()
                while line and line[-1].isspace():
                    line.pop()
                line.append("…")
                break
            made.append([] if word.isspace() else [word])
            continue
        line.append(word)
    return ["".join(line).strip() for line in made if line]


# Text this size (px) and larger is anti-aliased; smaller, bilevel with the font's
# hinting: a bilevel curve shows its steps at 64 px, not at 36 (emit/raster)
SMOOTH_FROM = 48


class Canvas:
    """An image being drawn, and the colours it is drawn in, for its palette."""

    def __init__(self) -> None:
        self.image = Image.new("RGB", (SHARE_SIZE.width, SHARE_SIZE.height), PAPER)
        self.draw = ImageDraw.Draw(self.image)
        self.solids, self.inks = [PAPER], []

    def shape(self, fill: str) -> str:
        self.solids.append(fill)
        return fill

    def _mode(self, face: ImageFont.FreeTypeFont) -> bool:
        """Set the font mode of text in this face (hinting bilevel text moves its
        glyphs, so it is measured as drawn); True if it is drawn smooth."""
        smooth = face.size >= SMOOTH_FROM
        self.draw.fontmode = "L" if smooth else raster.BILEVEL
        return smooth

    def width(self, text: str, face: ImageFont.FreeTypeFont) -> float:
        self._mode(face)
        return self.draw.textbbox((0, 0), text, font=face)[2]

    def text(self, xy: tuple[int, int], text: str, face: ImageFont.FreeTypeFont, fill: str,
             ground: str = PAPER, anchor: str | None = None) -> None:
        smooth = self._mode(face)
        self.draw.text(xy, text, font=face, fill=fill, anchor=anchor)
        if smooth:
            self.inks.append((fill, ground))
        else:
            self.solids.append(fill)

    def png(self) -> bytes:
        return palette_png(self.image, self.solids, self.inks)


def draw(card: Card) -> bytes:
    canvas = Canvas()
    canvas.draw.rectangle((0, 0, SHARE_SIZE.width, 14), fill=canvas.shape(BRAND))
    left, width, y = 80, SHARE_SIZE.width - 160, 70
    if card.kicker:
        canvas.text((left, y), card.kicker, font(34), MUTED)
        y += 70
    if card.badge:
        colours = tier_colours(card.tier_rank)
        label = font(34, bold=True)
        right = left + canvas.width(card.badge, label) + 48
        canvas.draw.rounded_rectangle((left, y, right, y + 62), radius=31,
                                      fill=canvas.shape(colours.background))
        canvas.text((left + 24, y + 31), card.badge, label, colours.ink, colours.background, "lm")
        y += 100
    for line in wrap(card.title, font(64, bold=True), width, 2):
        canvas.text((left, y), line, font(64, bold=True), INK)
        y += 92
    if card.subtitle:
        canvas.text((left, y), card.subtitle, font(36), BRAND)
        y += 78
    for line in wrap(card.body, font(36), width, 3 if card.badge else 4):
        canvas.text((left, y), line, font(36), INK)
        y += 52
    return canvas.png()


def share_png(files: DrawnFiles, card: Card) -> SharedFile | bytes:
    """The card's share image, drawn unless the build's drawn files hold it."""
    return files.get("share", f"{DRAWING.hex()}\0{engine()}\0{card!r}", lambda: draw(card))
