"""Drawn images as small PNGs: a palette of a few colours, losslessly squeezed (issue 26).

Our images are flat colours and anti-aliased text on them: 16 colours show them
without a visible difference, at about a quarter of the bytes of true colour.
oxipng then recompresses them losslessly, a fifth smaller again; of its settings,
unfiltered rows (what palette images need) at level 1 cost a third of its default's
time for the same bytes within 1%.
"""

from __future__ import annotations

import io
from importlib.metadata import version

import oxipng
from PIL import Image

COLOURS = 16
# What the bytes of a PNG depend on besides what is drawn: part of each image's key
SETTINGS = f"{COLOURS} colours, octree, no dither; oxipng {version('pyoxipng')} 1, unfiltered"


def palette_png(image: Image.Image, outside: Image.Image | None = None) -> bytes:
    """The image as a palette PNG; `outside`, a mask ("1" or "L", non-zero = outside the
    shape), becomes transparent, so that a badge's rounded corners show the page behind."""
    colours = COLOURS - 1 if outside is not None else COLOURS
    palette = image.convert("RGB").quantize(colours, method=Image.Quantize.FASTOCTREE,
                                            dither=Image.Dither.NONE)
    options = {}
    if outside is not None:
        entries = palette.getpalette() or []
        palette.putpalette(entries[:colours * 3] + [0] * (colours * 3 - len(entries)) + [255] * 3)
        palette.paste(colours, mask=outside.convert("1"))
        options["transparency"] = colours
    buffer = io.BytesIO()
    palette.save(buffer, "PNG", **options)
    return oxipng.optimize_from_memory(buffer.getvalue(), level=1,
                                      filter=[oxipng.RowFilter.NoOp])
