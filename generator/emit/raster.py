"""Drawn images as small PNGs: the palette of the colours drawn (issue 26).

Our images are flat colours and text on them. Each is written with a palette of the
colours it was drawn in and, for text drawn anti-aliased, one step halfway between
its ink and the ground it is drawn on (the edges): a fifth of the bytes of true
colour, and no colour lost, as a quantizer can lose a small area's (a tier's label at
16 colours). Mapping to a given palette is also faster than choosing one. Three steps
(a quarter, a half, three quarters) looked the same at the sizes we draw and cost 14%
more bytes in a badge, 3% in a share image.

Most text is drawn bilevel (BILEVEL), with the font's hinting, rather than
anti-aliased: the edges of glyphs are most of an image's bytes, and drawn bilevel an
image is a third to two fifths smaller. Badges are drawn at twice the size they are
shown at, so a reader never sees their pixels: a browser, Word or Canva shrinking
them smooths the edges as anti-aliasing would (side by side at their CSS size the two
cannot be told apart), and at 300 dpi a step is 0.08 mm. The share image is shown
whole, 1200 px wide, only when opened; platforms show it at 500-680 px. There the
lines up to 36 px are bilevel (hinted, they stay even and crisp) and the 64 px title
stays smooth, where a bilevel curve would show its steps at full size. At 2,000
winners, both languages: badge PNGs 31.9 -> 20.1 MB, compact 18.0 -> 11.3, share
images 45.8 -> 32.5.

The PNG is written here rather than by Pillow: its rows unfiltered, its pixels packed
four bits each (a palette of 16 colours or fewer), deflated by libdeflate at level 9.
Pillow's writer chooses a filter for each row, which pays for photographs; on flat
colours and text "none" compresses best (filters "sub", "up" and a choice per row
cost 10-30% more on these images, and 8 bits a pixel 4-7% more), and the files were
11-13% smaller (share image 14.0 -> 12.5 KB, badge 10.5 -> 9.3 KB). libdeflate at
level 9 gives 1.5-3% fewer bytes than zlib at level 8 in less than half its time (a
share image 2.9 ms, not 6.3); its level 10 saves another 4-6% at four times that,
level 12 10% at twenty times; zlib's level 9 1% at twice the time, its Z_RLE and
Z_FILTERED strategies more bytes, not fewer. oxipng would save 8-10%, at twenty times
the time or more, and its thread pool (Rust's rayon) deadlocks in a process forked
after it ran, as our workers are.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable

import deflate
from PIL import Image, ImageColor

STEPS = (0.5,)
LEVEL = 9  # libdeflate's
BILEVEL = "1"  # ImageDraw.fontmode of text drawn without anti-aliasing
# What the bytes of a PNG depend on besides what is drawn: part of each image's key
SETTINGS = (f"palette of inks, grounds and steps {STEPS} between; no dither; packed, "
            f"unfiltered, libdeflate {LEVEL} (deflate {deflate.__version__}); bilevel text "
            f"{BILEVEL!r}")


def palette_png(image: Image.Image, solids: Iterable[str], inks: Iterable[tuple[str, str]],
                outside: Image.Image | None = None) -> bytes:
    """The image as a palette PNG of `solids`, colours of shapes and of bilevel text
    (Pillow draws shapes without anti-aliasing), and `inks`, (text colour, its ground)
    pairs of anti-aliased text; `outside`, a
    mask ("1", set = outside the shape), becomes transparent, so that a badge's
    rounded corners show the page behind it."""
    colours = dict.fromkeys(ImageColor.getrgb(solid)[:3] for solid in solids)
    for ink, ground in inks:
        fore, back = ImageColor.getrgb(ink)[:3], ImageColor.getrgb(ground)[:3]
        colours.update(dict.fromkeys([back, fore]))
        colours.update(dict.fromkeys(tuple(round(b + (f - b) * step) for f, b in zip(
            fore, back, strict=True)) for step in STEPS))
    entries = list(colours)
    palette = Image.new("P", (1, 1))
    palette.putpalette([value for colour in entries for value in colour])
    mapped = image.convert("RGB").quantize(palette=palette, dither=Image.Dither.NONE)
    transparent = None
    if outside is not None:
        transparent = len(entries)
        entries.append((255, 255, 255))
        mapped.paste(transparent, mask=outside)
    return indexed_png(mapped, entries, transparent)


def indexed_png(image: Image.Image, palette: list[tuple[int, int, int]],
                transparent: int | None = None, dpi: int | None = None) -> bytes:
    """A PNG of a "P" image whose pixels index `palette`: packed as few bits a pixel
    as the palette needs, rows unfiltered; `transparent`, an index shown as see-through;
    `dpi`, the print size a reader's software is told."""
    bits = next(bits for bits in (1, 2, 4, 8) if len(palette) <= 1 << bits)
    width, height = image.size
    rows = image.tobytes("raw", "P" if bits == 8 else f"P;{bits}")
    stride = len(rows) // height
    # each row after its filter type, 0: none
    data = b"".join(b"\0" + rows[start:start + stride] for start in range(0, len(rows), stride))
    chunks = [(b"IHDR", struct.pack(">IIBBBBB", width, height, bits, 3, 0, 0, 0)),
              (b"PLTE", bytes(value for colour in palette for value in colour))]
    if transparent is not None:
        chunks.append((b"tRNS", bytes([255] * transparent + [0])))
    if dpi is not None:
        per_metre = round(dpi / 0.0254)
        chunks.append((b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)))
    chunks += [(b"IDAT", deflate.zlib_compress(data, LEVEL)), (b"IEND", b"")]
    return b"\x89PNG\r\n\x1a\n" + b"".join(
        struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        for kind, body in chunks)
