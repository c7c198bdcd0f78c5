"""The site's drawn files' sizes and colours: one place for Python and the templates.

The share image (og:image) and the badge are drawn in Python and sized in the
pages' HTML; their colours match the stylesheet's (static/site.css).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Size:
    width: int
    height: int


SHARE_SIZE = Size(1200, 630)  # what Facebook, LINE and X show whole
BADGE_SIZE = Size(440, 156)
COMPACT_BADGE_SIZE = Size(240, 116)  # for an LAO site's sidebar


@dataclass(frozen=True)
class TextLimits:
    description: int


# Preview text within what the platforms document: X takes a card's description up
# to 200 characters (developer.x.com, "Cards markup"), so descriptions are cut at
# 200, between words. X reads og:title, og:description and og:image where its own
# tags are absent (the same page), and shortens a long title itself: a page carries
# each once (issue 26). Facebook's and LINE's Open Graph documentation sets no
# length: og:title is whole, and puts the LAO and its tier first, which their
# two-line previews always show.
SHARE_TEXT = TextLimits(description=200)


@dataclass(frozen=True)
class Sizes:
    """What the templates read: attributes, the quickest lookup for jinja2."""

    share: Size
    badge: Size
    share_text: TextLimits
    compact_badge: Size


SIZES = Sizes(SHARE_SIZE, BADGE_SIZE, SHARE_TEXT, COMPACT_BADGE_SIZE)

INK, MUTED, BRAND, PAPER = "#1b1f24", "#4d5661", "#0b4f8a", "#fff"


@dataclass(frozen=True)
class TierColours:
    background: str  # a label's background
    ink: str  # its text
    accent: str  # a strip beside it


TIERS = {1: TierColours("#fff4d6", "#8a5a00", "#d19b00"),
         2: TierColours("#eef2f6", "#3c4652", "#7d8b99")}


def tier_colours(rank: int) -> TierColours:
    """The colours of a tier; ranks below the second look like the second."""
    return TIERS.get(rank, TIERS[2])
