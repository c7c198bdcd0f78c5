"""Drawn images as small PNGs: the palette of the colours drawn (issue 26).

Our images are flat colours and anti-aliased text on them. Each is written with a
palette of the colours it was drawn in and one step halfway between each ink and the
ground it is drawn on (the anti-aliased edges): a fifth of the bytes of true colour,
and no colour lost, as a quantizer can lose a small area's (a tier's label at 16
colours). Mapping to a given palette is also faster than choosing one. Three steps
(a quarter, a half, three quarters) looked the same at the sizes we draw (badges at
twice their CSS size, share images' text at 34 px and up) and cost 14% more bytes
in a badge, 3% in a share image.

oxipng would save a further 18%, but its thread pool (Rust's rayon) deadlocks in a
process forked after it ran, and our workers are forked. zlib at level 8 is within
0.3% of its best (level 9 with Pillow's optimize) at less than half the time.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from PIL import Image, ImageColor

STEPS = (0.5,)
# What the bytes of a PNG depend on besides what is drawn: part of each image's key
SETTINGS = f"palette of inks, grounds and steps {STEPS} between; no dither; zlib 8"


def palette_png(image: Image.Image, solids: Iterable[str], inks: Iterable[tuple[str, str]],
                outside: Image.Image | None = None) -> bytes:
    """The image as a palette PNG of `solids`, colours of shapes (Pillow draws them
    without anti-aliasing), and `inks`, (text colour, its ground) pairs; `outside`, a
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
    options = {}
    if outside is not None:
        mapped.putpalette([value for colour in entries for value in colour] + [255] * 3)
        mapped.paste(len(entries), mask=outside)
        options["transparency"] = len(entries)
    buffer = io.BytesIO()
    mapped.save(buffer, "PNG", compress_level=8, **options)
    return buffer.getvalue()
