"""Badges (SVG) and QR codes (SVG, segno) beside each winner page."""

from __future__ import annotations

import base64
import io
import unicodedata
from functools import cache
from pathlib import Path

import segno


def qr_svg(url: str, title: str) -> bytes:
    """A QR code of a permalink; error level M survives a smudged poster."""
    code = segno.make(url, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", scale=8, border=4, xmldecl=True, title=title,
              dark="#000", light="#fff")
    return buffer.getvalue()


def fitted_size(text: str, width: int, largest: int, smallest: int = 11) -> int:
    """A font size at which text should fit the width (no font metrics in SVG).

    Thai vowel and tone marks above and below the line take no width, so only
    spacing characters count.
    """
    spacing = sum(1 for ch in text if unicodedata.category(ch) not in ("Mn", "Me"))
    size = int(width / (max(spacing, 1) * 0.56))
    return max(smallest, min(largest, size))


@cache
def embedded_fonts(fonts: Path) -> str:
    """@font-face rules with Sarabun inlined, for SVGs shown through <img>.

    An SVG image may not load fonts from elsewhere, and a reader's device may
    have no Thai font; inlined, the badge's Thai always renders (about 28 KB).
    """
    rules = []
    for subset in ("thai", "latin"):
        data = (fonts / f"sarabun-{subset}-400-normal.woff2").read_bytes()
        encoded = base64.b64encode(data).decode("ascii")
        rules.append("@font-face{font-family:BadgeSarabun;font-weight:400;"
                     f"src:url(data:font/woff2;base64,{encoded}) format('woff2')}}")
    return "".join(rules)
