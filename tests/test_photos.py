"""Write-up photos (issue 16): re-encoded at a few widths, upright, with no EXIF or
GPS left; srcset and sizes so that a phone loads a small one; problems reported."""

from __future__ import annotations

import io
import urllib.request
from pathlib import Path

import pytest
from conftest import built_and_served
from helpers import image_bytes, rejected
from PIL import Image, ImageFilter
from sitecheck import parse

from generator.build.pipeline import build

FOLDER = "content/entries/2566/yala-big-data"
GPS = 0x8825


def gps_photo(width: int = 2400, height: int = 1600) -> bytes:
    """A phone photo: turned by its EXIF orientation (6: shot upright, stored on its
    side), with a GPS position, the camera's name and a comment."""
    gradient = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    # texture as a camera records it: fine grain, softened by the lens
    noise = Image.effect_noise((width, height), 40).filter(ImageFilter.GaussianBlur(1.5))
    image = Image.blend(gradient, noise.convert("RGB"), 0.3)
    exif = image.getexif()
    exif[0x0112] = 6
    exif[0x010F], exif[0x0110] = "PhoneMaker", "Phone 12"
    exif.get_ifd(GPS).update({1: "N", 2: (13.0, 45.0, 12.5), 3: "E", 4: (100.0, 30.0, 1.25)})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95, exif=exif.tobytes(), comment=b"at home")
    return buffer.getvalue()


@pytest.fixture
def with_photo(tmp_path, content) -> Path:
    folder = content / "entries" / "2566" / "yala-big-data"
    folder.mkdir()
    (folder / "ceremony.jpg").write_bytes(gps_photo())
    writeup = content / "entries" / "2566" / "yala-big-data.en.md"
    writeup.write_text(writeup.read_text(encoding="utf-8")
                       + "\n![The award ceremony](ceremony.jpg)\n", encoding="utf-8")
    return content


def test_photos_are_published_upright_at_a_few_widths_with_no_metadata(tmp_path, with_photo):
    source = Image.open(io.BytesIO(gps_photo()))
    assert source.getexif().get_ifd(GPS), "the test photo carries a GPS position"
    output = tmp_path / "output"
    build(with_photo, output)
    folder = output / "en" / "2566" / "yala-big-data"
    assert not (folder / "ceremony.jpg").exists(), "the original is not published"
    made = sorted(p.name for p in folder.glob("ceremony-*"))
    assert made == sorted(f"ceremony-{w}.{e}" for w in (480, 800, 1200, 1600)
                          for e in ("jpg", "webp"))
    published = [p for p in output.rglob("*") if p.suffix.lower() in (
        ".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif")]
    assert len(published) >= 16  # both languages' renditions, and the site's own images
    for path in published:
        with Image.open(path) as image:
            assert not image.getexif(), f"{path}: EXIF left"
            assert not ({"exif", "xmp", "XML:com.adobe.xmp", "comment"} & set(image.info)), path
    for width in (480, 800, 1200, 1600):
        with Image.open(folder / f"ceremony-{width}.webp") as image:
            assert image.size == (width, width * 3 // 2)  # stood upright: taller than wide
    page = parse(output / "en" / "2566" / "yala-big-data" / "index.html")
    img = page.one("img", alt="The award ceremony")
    assert (img.attrs["width"], img.attrs["height"]) == ("1600", "2400")
    assert img.attrs["loading"] == "lazy" and "480w" in img.attrs["srcset"]
    assert img.attrs["sizes"] and page.one("source", type="image/webp")


def test_a_phone_loads_a_photo_under_150_kb(browser, tmp_path, with_photo):
    with built_and_served(with_photo, tmp_path / "output") as url:
        for scale in (2, 3):
            context = browser.new_context(viewport={"width": 390, "height": 800},
                                          device_scale_factor=scale)
            page = context.new_page()
            page.goto(url + "en/2566/yala-big-data/")
            picture = page.locator("img[alt='The award ceremony']")
            picture.scroll_into_view_if_needed()
            page.wait_for_function("document.querySelector(\"img[alt='The award ceremony']\")"
                                   ".complete")
            chosen = picture.evaluate("img => img.currentSrc")
            with urllib.request.urlopen(chosen) as response:
                size = len(response.read())
            assert chosen.endswith(".webp") and size < 150_000, (scale, chosen, size)
            context.close()


def test_originals_are_published_when_site_yaml_asks(tmp_path, with_photo):
    with (with_photo / "site.yaml").open("a", encoding="utf-8") as handle:
        handle.write("originals: true\n")
    build(with_photo, tmp_path / "output")
    original = tmp_path / "output" / "th" / "2566" / "yala-big-data" / "ceremony.jpg"
    assert original.read_bytes() == (with_photo / "entries/2566/yala-big-data/ceremony.jpg"
                                     ).read_bytes()


@pytest.mark.parametrize("name, data, message", [
    ("tiny.png", "tiny", "the image 'tiny.png' is 200 px wide; a write-up's photo needs at "
                         "least 320 px (use a larger original)"),
    ("broken.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 64, "cannot read the image 'broken.jpg'"),
])
def test_a_photo_too_small_or_unreadable_is_a_content_problem(tmp_path, built_here, awards,
                                                              name, data, message):
    folder = tmp_path / FOLDER
    folder.mkdir()
    if data == "tiny":
        buffer = io.BytesIO()
        Image.new("RGB", (200, 150), "#888").save(buffer, "PNG")
        data = buffer.getvalue()
    (folder / name).write_bytes(data)
    [problem] = rejected(awards, tmp_path)
    assert problem.startswith(f"{FOLDER}/{name}: {message}"), problem


def test_two_photos_that_would_publish_the_same_names_are_a_problem(tmp_path, built_here,
                                                                    awards):
    folder = tmp_path / FOLDER
    folder.mkdir()
    (folder / "photo.jpg").write_bytes(image_bytes("JPEG"))
    (folder / "photo.png").write_bytes(image_bytes("PNG"))
    [problem] = rejected(awards, tmp_path)
    assert problem.endswith("'photo.jpg' and 'photo.png' would be published under the same "
                            "names (photo-480.webp, ...) (rename one of them)"), problem
