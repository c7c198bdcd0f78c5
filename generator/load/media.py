"""Which write-up assets may be published: images whose bytes match their extension.

Anything else in entries/<BE>/<id>/ would be served from the site's own origin:
an HTML file there, or HTML saved as shot.png, is stored XSS. SVG is not
accepted at all: it can carry scripts, and sanitizing it well is a project of
its own; a PNG or WebP does every job a write-up needs.
"""

from __future__ import annotations

import functools
import os
import warnings

from PIL import Image, UnidentifiedImageError

from generator.load.layout import ContentFile
from generator.load.reading import read_head, regular_file
from generator.problems import visible

MAX_IMAGE_BYTES = 20 * 1024 * 1024
FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WebP",
           ".avif": "AVIF"}


# Re-encoded at a few widths without their metadata; a GIF (animation) is copied
PHOTOS = {"PNG", "JPEG", "WebP", "AVIF"}
MIN_PHOTO_WIDTH = 320  # narrower looks blurred wherever a write-up shows it
EXIF_ORIENTATION = 0x0112
# Pixels an image may have: 25 megapixels (6,000 x 4,000, more than cameras and phones
# save by default). Decoding one takes 100 MB; larger ones, and small files claiming
# to be 30,000 px square (decompression bombs), are refused from their header, before
# anything is decoded. The README states the limit.
MAX_PIXELS = 25_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # and Pillow refuses to open twice as many, anywhere
# Modes re-encoded without changing colours; 16-bit and float images would be clipped
MODES = {"1", "L", "LA", "P", "PA", "RGB", "RGBA", "RGBX", "CMYK", "YCbCr"}
TOO_LARGE = (f"the limit is {MAX_PIXELS // 1_000_000} megapixels",
             "resize it to at most 6,000 x 4,000 px")


def photo_size(file: ContentFile) -> tuple[int, int] | tuple[str, str | None]:
    """A photo's (width, height) as it is seen, its EXIF orientation applied; or
    (message, hint) when it cannot be read or is too small."""
    name = file.rel.rsplit("/", 1)[-1]
    try:
        with regular_file(file) as stream, Image.open(stream) as image:
            width, height = image.size
            if image.getexif().get(EXIF_ORIENTATION, 1) in (5, 6, 7, 8):
                width, height = height, width
    except (OSError, UnidentifiedImageError, ValueError, SyntaxError) as error:
        return (f"cannot read the image '{name}' ({error})",
                "save it again as JPEG or PNG")
    if width < MIN_PHOTO_WIDTH:
        return (f"the image '{name}' is {width} px wide; a write-up's photo needs at least "
                f"{MIN_PHOTO_WIDTH} px", "use a larger original")
    return width, height


def sniff(head: bytes) -> str | None:
    """The image format that a file's first bytes announce, or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    # ISO base media: a 'ftyp' box whose major or a compatible brand is AVIF
    if head[4:8] == b"ftyp":
        size = int.from_bytes(head[:4], "big")
        brands = head[8:min(size, len(head))]
        if any(brands[i:i + 4] in (b"avif", b"avis") for i in range(0, len(brands) - 3, 4)):
            return "AVIF"
    return None


def asset_problem(file: ContentFile) -> tuple[str, str | None] | None:
    """(message, hint) when a write-up asset may not be published, else None."""
    name = file.rel.rsplit("/", 1)[-1]
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    expected = FORMATS.get(extension)
    if extension == ".svg":
        return ("SVG images are not published: they can carry scripts",
                "save it as PNG or WebP")
    if expected is None:
        return (f"'{name}' is not an image; a write-up's folder holds only PNG, JPEG, WebP, "
                "GIF or AVIF images", None)
    if file.size > MAX_IMAGE_BYTES:
        return (f"image is {file.size / 2**20:.1f} MB; the limit is "
                f"{MAX_IMAGE_BYTES // 2**20} MB", "resize it")
    try:
        found = sniff(read_head(file, 64))
    except OSError as error:
        return f"cannot read this file ({error.strerror or error})", None
    if found != expected:
        what = f"a {found} image" if found else "not an image"
        return (f"'{name}' is named as a {expected} image but its content is {what}",
                "save it again in the format its name says" if found else None)
    try:  # decoded once per version of the file: awards serve checks it on every save
        info = os.stat(file.path)
    except OSError as error:
        return f"cannot read this file ({error.strerror or error})", None
    return _decoding_problem(file, name, (info.st_size, info.st_mtime_ns, info.st_ino))


@functools.lru_cache(maxsize=4096)
def _decoding_problem(file: ContentFile, name: str, version: tuple[int, int, int]
                      ) -> tuple[str, str | None] | None:
    return decoding_problem(file, name)


def decoding_problem(file: ContentFile, name: str) -> tuple[str, str | None] | None:
    """(message, hint) when an image has too many pixels, a mode we do not publish, or
    cannot be decoded whole (truncated, damaged); else None. The size is read from
    the header first: no pixel is decoded beyond the limit."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with regular_file(file) as stream, Image.open(stream) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return (f"the image '{name}' is {width:,} x {height:,} px "
                            f"({width * height / 1e6:.0f} megapixels); {TOO_LARGE[0]}",
                            TOO_LARGE[1])
                if image.mode not in MODES:
                    return (f"the image '{name}' has the colour mode {image.mode}, which "
                            "cannot be published without changing its colours",
                            "save it again as 8-bit RGB")
                image.draft("RGB", (width // 8, height // 8))  # JPEG: all read, 1/64 decoded
                image.load()
    except Image.DecompressionBombError:
        return f"the image '{name}' has far too many pixels; {TOO_LARGE[0]}", TOO_LARGE[1]
    except (OSError, UnidentifiedImageError, ValueError, SyntaxError, EOFError) as error:
        return (f"cannot read the image '{name}': it is truncated or damaged "
                f"({visible(str(error))})", "save it again from the original")
    return None
