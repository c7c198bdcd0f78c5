"""Write-up photos as readers get them: re-encoded with Pillow at a few widths as
WebP and JPEG, the EXIF orientation applied and every other piece of metadata
(EXIF, GPS position, XMP, comments) left behind, and served with srcset, sizes,
width, height and lazy loading. A phone's 6 MB photo with its GPS position never
reaches a reader; the original is published only when site.yaml says `originals`."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator

from markupsafe import Markup
from PIL import Image, ImageOps

from generator.model import Attachment
from generator.problems import ContentError, Problem, visible

# At 390 CSS px a phone needs 358 px of image: 716 at 2x (800), 1,074 at 3x (1,200)
WIDTHS = (480, 800, 1200, 1600)
FORMATS = (("webp", "WEBP", "image/webp"), ("jpg", "JPEG", "image/jpeg"))
# the write-up column (46rem) on wide screens, the screen less its margins on phones
SIZES = "(max-width: 48rem) calc(100vw - 2rem), 46rem"
QUALITY = {"WEBP": 80, "JPEG": 82}
SETTINGS = f"{WIDTHS}{QUALITY}lanczos"  # part of every derived file's cache key
IMG = re.compile(r"<img\b[^>]*>")
ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')


def widths(photo: Attachment) -> tuple[int, ...]:
    """The widths a photo is published at: never larger than it is."""
    assert photo.width is not None
    return tuple(sorted({min(width, photo.width) for width in WIDTHS}))


def derived_name(name: str, width: int, extension: str) -> str:
    stem = name.rsplit(".", 1)[0]
    return f"{stem}-{width}.{extension}"


def derived(photo: Attachment) -> Iterator[tuple[str, int, str]]:
    """(name, width, Pillow format) of each file made from a photo."""
    for width in widths(photo):
        for extension, kind, _ in FORMATS:
            yield derived_name(photo.name, width, extension), width, kind


def encode(source: str, width: int, kind: str) -> bytes:
    """One rendition: turned upright, scaled, flattened for JPEG, saved with no
    metadata (Pillow writes EXIF or XMP only when asked). The colour profile stays:
    it is no one's data, and without it a wide-gamut photo would change colour.
    The loader checked the photo (load/media.py); one changed since is a content
    problem too, and Pillow's pixel limit still bounds its decoding."""
    try:
        with Image.open(source) as original:
            image = ImageOps.exif_transpose(original)
            profile = original.info.get("icc_profile")
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise ContentError([Problem(source, None, f"cannot read the image "
                                    f"({visible(str(error))})",
                                    "save it again from the original")]) from None
    image.info.clear()  # Pillow writes back a JPEG comment, and more, from here
    if image.width > width:
        image = image.resize((width, round(image.height * width / image.width)),
                             Image.Resampling.LANCZOS, reducing_gap=3.0)
    if kind == "JPEG" and image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, "#fff")
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    elif image.mode not in ("RGB", "RGBA", "L"):
        image = image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info
                              else "RGB")
    buffer = io.BytesIO()
    options = {"quality": QUALITY[kind]}
    if kind == "JPEG":
        options.update(optimize=True, progressive=True)
    else:
        options.update(method=4)
    if profile:
        options["icc_profile"] = profile
    image.save(buffer, kind, **options)
    return buffer.getvalue()


def responsive(fragment: str, photos: dict[str, Attachment]) -> Markup:
    """A write-up's HTML with each <img> of one of its photos made a <picture>."""
    def picture(match: re.Match) -> str:
        attributes = dict(ATTRIBUTE.findall(match.group()))
        photo = photos.get(html.unescape(attributes.get("src", "")))
        if photo is None or photo.width is None:
            return match.group()
        sizes = widths(photo)
        largest = sizes[-1]
        height = round(photo.height * largest / photo.width)
        alt = attributes.get("alt", "")
        title = f' title="{attributes["title"]}"' if "title" in attributes else ""
        sources = {extension: ", ".join(
            f"{html.escape(derived_name(photo.name, w, extension))} {w}w" for w in sizes)
            for extension, _, _ in FORMATS}
        fallback = html.escape(derived_name(photo.name, sizes[min(1, len(sizes) - 1)], "jpg"))
        return (f'<picture><source type="image/webp" srcset="{sources["webp"]}" '
                f'sizes="{SIZES}"><img src="{fallback}" srcset="{sources["jpg"]}" '
                f'sizes="{SIZES}" width="{largest}" height="{height}" alt="{alt}"{title} '
                'loading="lazy" decoding="async"></picture>')

    return Markup(IMG.sub(picture, fragment))
