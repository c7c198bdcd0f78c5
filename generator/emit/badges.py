"""Badges (SVG and PNG, two sizes) and QR codes (SVG and PNG, segno) of each award.

A badge names the award, its year, the tier, the LAO and the project, so that two
awards of one LAO give two different badges. Its lines are laid out here once;
the SVG template and the PNG drawing both follow that layout.

The SVG names the Thai fonts that every system ships (Sarabun where installed) and
carries no font of its own: an inlined font was 28 KB of each 30 KB badge, on four
badges a winner (issue 26). The PNG, drawn with Sarabun, is the pixel-exact badge.
"""

from __future__ import annotations

import functools
import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import segno
from PIL import Image, ImageDraw

from generator.emit import design
from generator.emit.raster import BILEVEL, indexed_png, palette_png
from generator.emit.typography import clip


@functools.lru_cache(maxsize=8)
def qr_code(url: str) -> segno.QRCode:
    """A permalink's QR code, made once for its SVG and its PNG (choosing its mask was
    a tenth of drawing a winner's files); error level M survives a smudged poster."""
    return segno.make(url, error="m", micro=False)


def qr_svg(url: str) -> bytes:
    """A QR code of a permalink; error level M survives a smudged poster. No XML
    declaration (UTF-8 is XML's default) and no classes, which nothing styles: 4,000
    codes at 2,000 winners. Its title is what it encodes, the address a phone opens (it
    was the badge's title, which a screen reader would have read as a badge)."""
    code = qr_code(url)
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", scale=8, border=4, xmldecl=False, svgclass=None,
              lineclass=None, title=f"QR: {url}", dark="#000", light="#fff")
    return buffer.getvalue()


def fitted_size(text: str, width: int, largest: int, smallest: int = 11) -> int:
    """A font size at which text should fit the width (no font metrics in SVG).

    Thai vowel and tone marks above and below the line take no width, so only
    spacing characters count.
    """
    spacing = sum(1 for ch in text if unicodedata.category(ch) not in ("Mn", "Me"))
    size = int(width / (max(spacing, 1) * 0.56))
    return max(smallest, min(largest, size))


@dataclass(frozen=True)
class BadgeLine:
    text: str
    size: int  # font size in CSS pixels
    baseline: int
    colour: str
    bold: bool = False


@dataclass(frozen=True)
class BadgeLayout:
    """One badge: its size, accent and lines; its repr is part of the cache key."""

    variant: str  # "badge" (440 wide) or "badge-compact" (240 wide, for sidebars)
    width: int
    height: int
    accent: str
    lines: tuple[BadgeLine, ...]
    # the alt of the embed code's <img>; the SVG itself says it in its lines of text,
    # which a screen reader reads, not again in a <title> (a third of its bytes)
    title: str


VARIANTS = ("badge", "badge-compact")


def badge_layout(variant: str, award: str, tier: str, lao: str, project: str, rank: int,
                 title: str, pieces: Callable[[str], list[str]] | None = None) -> BadgeLayout:
    """award: the award and year; tier: the tier as the badge says it ("Outstanding
    award"); project: shortened between words to what one line holds."""
    colours = design.tier_colours(rank)
    if variant == "badge":
        size, left = design.BADGE_SIZE, 34
        width = size.width - left - 16
        lines = (BadgeLine(award, fitted_size(award, width, 18), 38, design.MUTED),
                 BadgeLine(tier, fitted_size(tier, width, 28), 74, colours.ink, True),
                 BadgeLine(lao, fitted_size(lao, width, 22), 108, design.INK),
                 BadgeLine(_fitting(project, width, 16, pieces), 16, 140, design.MUTED))
    else:
        size, left = design.COMPACT_BADGE_SIZE, 22
        width = size.width - left - 10
        lines = (BadgeLine(award, fitted_size(award, width, 13, 9), 26, design.MUTED),
                 BadgeLine(tier, fitted_size(tier, width, 18, 11), 52, colours.ink, True),
                 BadgeLine(lao, fitted_size(lao, width, 15, 10), 78, design.INK),
                 BadgeLine(_fitting(project, width, 12, pieces), 12, 102, design.MUTED))
    return BadgeLayout(variant, size.width, size.height, colours.accent, lines, title)


def _fitting(text: str, width: int, size: int,
             pieces: Callable[[str], list[str]] | None = None) -> str:
    """As much of the text as one line of this size holds, cut between words."""
    spacing = sum(1 for ch in text if unicodedata.category(ch) not in ("Mn", "Me"))
    room = int(width / (size * 0.56))
    if spacing <= room:
        return text
    # marks take no room: give back what the text's marks would have used
    return clip(text, room + (len(text) - spacing) * room // max(len(text), 1), pieces)


def badge_png(layout: BadgeLayout, scale: int = 2) -> bytes:
    """The badge drawn at `scale` times its CSS size, for Word, Canva and LINE; its text
    bilevel, which shrinking to the size it is shown at smooths (emit/raster)."""
    from generator.emit.share import font  # Pillow with raqm: Thai shaped right

    image = Image.new("RGB", (layout.width * scale, layout.height * scale), design.PAPER)
    canvas = ImageDraw.Draw(image)
    canvas.fontmode = BILEVEL
    canvas.rounded_rectangle((scale, scale, (layout.width - 1) * scale, (layout.height - 1) * scale),
                             radius=14 * scale, outline=design.BRAND, width=2 * scale)
    canvas.rounded_rectangle((scale, scale, 15 * scale, (layout.height - 1) * scale),
                             radius=7 * scale, fill=layout.accent)
    left = (34 if layout.variant == "badge" else 22) * scale
    room = layout.width * scale - left - 12 * scale
    for line in layout.lines:
        size = line.size * scale
        face = font(size, line.bold)
        while face.getlength(line.text) > room and size > 8 * scale:
            size -= scale
            face = font(size, line.bold)
        canvas.text((left, line.baseline * scale), line.text, font=face, fill=line.colour,
                    anchor="ls")
    outside = Image.new("1", image.size, 1)
    ImageDraw.Draw(outside).rounded_rectangle(
        (scale, scale, (layout.width - 1) * scale, (layout.height - 1) * scale),
        radius=14 * scale, fill=0)
    return palette_png(image, (design.PAPER, design.BRAND, layout.accent,
                               *(line.colour for line in layout.lines)), (), outside)


def qr_png(url: str) -> bytes:
    """The QR code for print: 16 px a module with the standard four-module quiet zone,
    marked 300 dpi (about 4.5 cm across for a typical permalink). Written as the other
    drawn PNGs are (emit/raster), 7% smaller than segno's own PNG, and quicker."""
    code = qr_code(url)
    side = code.symbol_size(scale=1, border=4)[0]
    modules = Image.frombytes("P", (side, side), bytes(
        1 if dark else 0 for row in code.matrix_iter(scale=1, border=4) for dark in row))
    return indexed_png(modules.resize((side * 16, side * 16), Image.Resampling.NEAREST),
                       [(255, 255, 255), (0, 0, 0)], dpi=300)
