"""LAOs' award pages: share metadata and images, badges, QR codes, structured data."""

from __future__ import annotations

import html
import io
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import segno
from conftest import BASE_URL, CONTENT
from PIL import Image, ImageChops, ImageDraw, ImageFont, features
from sitecheck import BASE_PATH, html_files, parse

from generator.emit import share
from generator.load.catalog import load_content


def winner_dirs(site: Path, lang: str) -> list[Path]:
    return sorted(p for p in (site / lang / "2566").iterdir() if p.is_dir())


def local(site: Path, url: str) -> Path:
    assert url.startswith(BASE_URL), url
    return site / url.removeprefix(BASE_URL)


def test_every_page_has_open_graph_and_twitter_metadata(site: Path):
    for lang, locale in (("th", "th_TH"), ("en", "en_US")):
        for folder in winner_dirs(site, lang):
            page = parse(folder / "index.html")
            meta = {e.attrs.get("property") or e.attrs.get("name"): e.attrs["content"]
                    for e in page.all("meta") if "content" in e.attrs}
            canonical = page.one("link", rel="canonical").attrs["href"]
            # og:type and og:url: required of every page by the Open Graph protocol
            assert meta["og:url"] == canonical
            assert meta["og:type"] == "article"
            assert meta["og:title"] and meta["description"]
            # Open Graph's default (en_US) is not said again
            assert meta.get("og:locale", "en_US") == locale
            # the twin is named by hreflang; og:locale:alternate would send Facebook back
            # for a ?fb_locale= version of this address that a static site cannot serve
            assert "og:locale:alternate" not in meta
            # the image shows what og:title says: no alt says it again (issue 26)
            assert "og:image:alt" not in meta
            assert meta["og:image"] == canonical + "share.png"
            assert local(site, meta["og:image"]).is_file()
            # a page's own image is shown on its first share on Facebook: its size is said
            assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
            assert meta["twitter:card"] == "summary_large_image"
            assert "twitter:image" not in meta  # X takes og:image
        summary = parse(site / lang / "2566" / "yala-big-data" / "index.html")
        assert not summary.all("meta", property="og:description")
        description = summary.one("meta", name="description").attrs["content"]
        # one text for search results and previews: the award first, then the write-up's summary
        assert description.startswith("รางวัลท้องถิ่นดิจิทัล 2566" if lang == "th"
                                       else "Digital Local Government Awards 2023")
        assert ("เทศบาลนครยะลาเชื่อมข้อมูล" if lang == "th" else "Yala City") in description
    home = parse(site / "en" / "index.html")
    meta = {e.attrs.get("property") or e.attrs.get("name"): e.attrs["content"]
            for e in home.all("meta") if "content" in e.attrs}
    assert local(site, meta["og:image"]).is_file()
    # the home page's preview names the site, as its title is "Home"
    assert meta["og:site_name"] == "Digital Local Government Awards"
    assert meta["og:type"] == "website"
    assert meta["og:url"] == home.one("link", rel="canonical").attrs["href"]
    # the site's image, on every page but the winners', is fetched once by Facebook: no
    # size said again
    assert not {"og:image:width", "og:image:height"} & set(meta)
    lao = parse(site / "th" / "laos" / "umong-subdistrict-municipality" / "index.html")
    assert not lao.all("meta", property="og:site_name")
    assert lao.one("meta", property="og:locale").attrs["content"] == "th_TH"


def test_share_images_for_every_winner_in_both_languages(site: Path):
    for lang in ("th", "en"):
        folders = winner_dirs(site, lang)
        assert len(folders) == 20
        for folder in folders:
            with Image.open(folder / "share.png") as image:
                assert image.size == (1200, 630) and image.format == "PNG"


def test_share_images_are_drawn_with_complex_script_shaping():
    if sys.platform != "linux" and not features.check("raqm"):
        pytest.skip("no FriBiDi here: images are previews (test_editors checks that)")
    assert features.check("raqm")
    assert share.font(36).layout_engine == ImageFont.Layout.RAQM
    # Stacked marks (ปั้ ที่) are placed by the shaper; without it they collide or misplace
    text = "ปั้นที่ป้ายท้องถิ่น"
    basic = ImageFont.truetype(str(share.FONTS / "Sarabun-Regular.ttf"), 48,
                               layout_engine=ImageFont.Layout.BASIC)
    images = []
    for face in (share.font(48), basic):
        image = Image.new("L", (600, 120), 255)
        ImageDraw.Draw(image).text((10, 10), text, font=face, fill=0)
        images.append(image)
    assert ImageChops.difference(*images).getbbox() is not None


def test_share_images_are_drawn_again_only_when_they_change(tmp_path):
    from generator.cache.drawn import DrawnFiles
    from generator.emit.share import Card, share_png

    images = DrawnFiles(tmp_path)
    card = Card("th", "รางวัลท้องถิ่นดิจิทัล ประจำปี 2566", "ยอดเยี่ยม", 1, ("เทศบาลนครยะลา",),
                "จังหวัดยะลา", ("Big", " ", "Data", " ", "เพื่อ", "พัฒนา", "คุณภาพ", "บริการ"))
    first = share_png(images, card)
    assert share_png(images, card) == first and images.drawn == 1
    share_png(images, Card(**{**card.__dict__, "title": ("เทศบาลนครยะลา", " ", "2")}))
    assert images.drawn == 2


def test_badges_drawn_once_are_found_again_from_a_checkout_elsewhere(tmp_path):
    """A badge is kept by what is drawn on it, not by where its template lies: a CI
    runner's checkout in another folder drew every badge again."""
    import shutil

    from generator.bundled import default_templates
    from generator.cache.drawn import DrawnFiles
    from generator.emit.artwork import Artwork
    from generator.emit.templates import make_renderer

    catalog = load_content(CONTENT)
    keys = set()
    for checkout in ("here", "elsewhere"):
        templates = shutil.copytree(default_templates(), tmp_path / checkout / "templates")
        renderer = make_renderer(templates, catalog)
        keys.add(Artwork(catalog, renderer, DrawnFiles(tmp_path / "cache")).badge_key)
    assert len(keys) == 1
    (tmp_path / "elsewhere" / "templates" / "badge.svg").write_text("<svg/>")
    renderer = make_renderer(tmp_path / "elsewhere" / "templates", catalog)
    assert Artwork(catalog, renderer, DrawnFiles(tmp_path / "cache")).badge_key not in keys


def test_drawn_images_are_linked_read_only_so_output_cannot_change_the_cache(tmp_path):
    from conftest import write_site

    from generator.cache.drawn import DrawnFiles

    images = DrawnFiles(tmp_path / "cache")
    drawn = images.get("badge", "key", lambda: b"<svg/>")
    output = tmp_path / "output"
    assert write_site({"a/badge.svg": drawn}, output).written == 1
    placed = output / "a" / "badge.svg"
    assert placed.read_bytes() == b"<svg/>"
    assert placed.stat().st_ino == drawn.path.stat().st_ino  # linked, not copied
    assert placed.stat().st_mode & 0o222 == 0
    report = write_site({"a/badge.svg": images.get("badge", "key", lambda: b"other")}, output)
    assert (report.written, report.unchanged) == (0, 1)
    placed.unlink()  # what a build or an editor may do to output/: the cache keeps its file
    assert images.get("badge", "key", lambda: b"other").path.read_bytes() == b"<svg/>"


def test_without_a_writable_cache_images_are_still_drawn(tmp_path):
    from generator.cache.drawn import DrawnFiles

    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder would go")
    images = DrawnFiles(blocked)
    assert images.get("qr", "key", lambda: b"<svg/>") == b"<svg/>"


def test_badges_and_qr_codes(site: Path):
    for lang in ("th", "en"):
        for folder in winner_dirs(site, lang):
            badge = ET.parse(folder / "badge.svg").getroot()
            assert badge.get("width") == "440" and badge.get("height") == "156"
            permalink = f"{BASE_URL}{lang}/2566/{folder.name}/"
            expected = io.BytesIO()
            segno.make(permalink, error="m").save(expected, kind="svg", scale=8, border=4)
            qr = (folder / "qr.svg").read_text()
            # named by what it encodes: a screen reader opening the file hears the address
            assert ET.fromstring(qr).findtext("{http://www.w3.org/2000/svg}title") == f"QR: {permalink}"
            assert _modules(qr) == _modules(expected.getvalue().decode())
    badge = ET.parse(site / "th" / "2566" / "yala-big-data" / "badge.svg").getroot()
    lines = [text.text for text in badge.iter("{http://www.w3.org/2000/svg}text")]
    assert lines[:3] == ["รางวัลท้องถิ่นดิจิทัล 2566", "รางวัลประเภทยอดเยี่ยม", "เทศบาลนครยะลา"]
    assert badge.find("{http://www.w3.org/2000/svg}title") is None  # said once, by its lines


def _modules(svg: str) -> str:
    """The QR code's path data: the modules, whatever the SVG's decoration."""
    paths = ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}path")
    return next(p for p in paths if p.get("stroke")).get("d")  # the dark modules' lines


def test_kit_page_offers_a_badge_snippet(site: Path):
    page = parse(site / "en" / "2566" / "yala-big-data" / "kit" / "index.html")
    full, compact = (html.unescape(area.text) for area in page.all("textarea"))
    permalink = f"{BASE_URL}en/2566/yala-big-data/"
    assert full.startswith(f'<a href="{permalink}"><img src="{permalink}badge.svg"')
    assert compact.startswith(f'<a href="{permalink}"><img src="{permalink}'
                              'dga-local-award-2566-yala-big-data-badge-compact-en.svg"')
    assert ('alt="Award badge: Yala City Municipality, Excellence award, Digital Local '
            'Government Awards 2023, for Big Data to Improve Service Quality"') in full
    assert 'width="240" height="116"' in compact
    qr = page.one("img", src="../qr.svg")  # the winner's folder, one up
    # said once, by its caption (an alt saying it again was read twice)
    assert qr.attrs["alt"] == "" and page.one("figure", **{"class": "qr"}).text.strip().startswith(
        "QR code of the permalink")


def test_structured_data_on_lao_pages_once(site: Path):
    """The LAO with its awards, on its own page; its winner pages link that page rather
    than carry the same data again (issue 26)."""
    lao = "en/laos/umong-subdistrict-municipality/"
    awards = {f"{BASE_PATH}en/2566/umong-smart-classroom/",
              f"{BASE_PATH}en/2566/umong-social-welfare/"}
    for award in awards:
        page = parse(site / award.removeprefix(BASE_PATH) / "index.html")
        assert not page.all("script", type="application/ld+json")
        assert BASE_PATH + lao in page.links()
    page = parse(site / lao / "index.html")
    data = json.loads(page.one("script", type="application/ld+json").text)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "GovernmentOrganization"
    assert data["name"] == "Umong Subdistrict Municipality"
    assert data["alternateName"] == "เทศบาลตำบลอุโมงค์"
    assert data["url"] == BASE_URL + lao
    assert data["address"]["addressRegion"] == "Lamphun Province"  # emit/names.py: one rule everywhere
    # what search engines read of an organization, no more: the awards are the page's own
    # list, which no search engine reads from an organization's structured data (issue 26)
    assert "award" not in data
    # the award pages are the page's own links, not listed again for machines (issue 26)
    assert "subjectOf" not in data
    assert awards <= page.links()


def test_lao_page_offers_a_badge_for_every_award(site: Path):
    """Each award's badge code is published once, on its kit page (issue 26): the LAO
    page links every award's."""
    page = parse(site / "th" / "laos" / "umong-subdistrict-municipality" / "index.html")
    linked = {page.link(a) for a in page.all("a")
              if a.attrs["href"].endswith("/kit/") and "data-kit" not in a.attrs}
    assert linked == {f"{BASE_PATH}th/2566/{award}/kit/" for award in (
        "umong-social-welfare", "umong-smart-classroom")}
    assert not page.all("textarea")  # not a second copy of the code
    snippets = []
    for link in sorted(linked):
        award = parse(site / link.removeprefix(BASE_PATH) / "index.html")
        assert award.one("h1").text.startswith("แชร์ ตรารางวัล และการอ้างอิง: เทศบาลตำบลอุโมงค์")
        snippets += [html.unescape(t.text) for t in award.all("textarea")]
    assert len(snippets) == 4  # two awards, each in two sizes
    assert all("/th/2566/umong-" in s and "badge" in s for s in snippets)
    assert len(set(snippets)) == 4


def test_share_image_lines_end_only_between_the_pages_words():
    """Issue 27: the image's lines break where a page's lines may, never inside a Thai
    word, and a text too long for its lines loses whole words before its ellipsis."""
    from generator.emit.share import font, wrap
    from generator.emit.typography import Typesetter

    words = Typesetter(load_content(CONTENT)).pieces
    text = ("ระบบบริหารจัดการขยะมูลฝอยแบบครบวงจรของเทศบาลตำบลบวกค้างเพื่อยกระดับคุณภาพชีวิต"
            "ของประชาชนในพื้นที่ภาคตะวันออกเฉียงเหนืออย่างต่อเนื่องและยั่งยืนด้วยเทคโนโลยีดิจิทัล")
    pieces = tuple(words(text))
    ends = {sum(map(len, pieces[:index])) for index in range(len(pieces) + 1)}
    face = font(36)
    for width, count in ((300, 3), (520, 2), (1040, 2)):
        lines = wrap(pieces, face, width, count)
        assert len(lines) == count and all(face.getlength(line) <= width for line in lines)
        assert lines[-1].endswith("…") and not lines[-1].endswith(" …")
        shown = "".join(lines).removesuffix("…")
        assert text.startswith(shown)
        cuts = [sum(len(line) for line in lines[:index]) for index in range(1, len(lines))]
        cuts.append(len(shown))
        assert all(cut in ends for cut in cuts), (lines, cuts)
    assert wrap(tuple(words("เทศบาลนครยะลา")), face, 1040, 2) == ["เทศบาลนครยะลา"]


def test_a_preview_text_that_is_the_pages_description_is_said_once(site: Path):
    """LINE (its documented fallback), Facebook and the other previews read the
    description tag where og:description is absent: it is there only where a preview
    says something else, such as a winner's award first (issue 26)."""
    from generator.emit.design import SIZES

    limit = SIZES.share_text.description
    for path in html_files(site / "th") + html_files(site / "en"):  # not the bilingual landing
        page = parse(path)
        meta = {e.attrs.get("property") or e.attrs.get("name"): e.attrs["content"]
                for e in page.all("meta") if "content" in e.attrs}
        if "og:title" not in meta:
            continue  # an old id's redirect page
        if "og:description" in meta:
            assert meta["og:description"] != meta["description"], path
        else:
            assert meta["description"] and len(meta["description"]) <= limit, path
    lao = parse(site / "th" / "laos" / "umong-subdistrict-municipality" / "index.html")
    assert not lao.all("meta", property="og:description")
    assert lao.one("meta", name="description").attrs["content"].startswith("เทศบาลตำบลอุโมงค์")
