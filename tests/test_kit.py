"""The LAO kit (issue 16): previews that name the award, share links, copy buttons."""

from __future__ import annotations

import html
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import segno
from browsing import open_page
from conftest import BASE_URL, built_and_served
from PIL import Image, ImageColor
from sitecheck import BASE_PATH, parse

from generator.build.pipeline import build
from generator.emit import design
from generator.emit.typography import clip

SVG = "{http://www.w3.org/2000/svg}"

UMONG = "2566/umong-social-welfare/"
KIT = UMONG + "kit/"  # its kit page (issue 26: off the winner page)


def metas(page) -> dict[str, str]:
    return {m.attrs.get("property") or m.attrs.get("name"): m.attrs.get("content", "")
            for m in page.all("meta")}


def test_previews_name_the_award_and_tier_within_the_platforms_limits(site: Path):
    for lang, award in (("th", "รางวัลท้องถิ่นดิจิทัล 2566"),
                        ("en", "Digital Local Government Awards 2023")):
        for path in (site / lang / "2566").glob("*/index.html"):
            meta = metas(parse(path))
            # the page's description is the preview's text (base.html: said once)
            title, description = meta["og:title"], meta.get("og:description", meta["description"])
            assert award in title and award in description, path
            assert len(description) <= 200, path
            # X reads the og:* tags where its own are absent: each text is there once
            assert not {"twitter:title", "twitter:description", "twitter:image"} & set(meta)
    umong = metas(parse(site / "th" / UMONG / "index.html"))
    assert umong["og:title"] == "เทศบาลตำบลอุโมงค์ · ดีเด่น · รางวัลท้องถิ่นดิจิทัล 2566"
    assert "og:description" not in umong
    assert umong["description"].startswith("รางวัลท้องถิ่นดิจิทัล 2566 · รางวัลประเภทดีเด่น: ")
    long = metas(parse(site / "en" / "2566" / "khrueng-waste-management" / "index.html"))
    assert long["og:title"] == ("Khrueng Subdistrict Municipality · Excellence · Digital Local "
                                "Government Awards 2023")
    assert long["description"].endswith("…")


def test_preview_text_is_cut_between_words_never_inside_a_thai_syllable():
    text = ("รางวัลท้องถิ่นดิจิทัล 2566 · รางวัลประเภทดีเด่น: โครงการบริหารจัดการขยะแบบบูรณาการ "
            "บนพื้นฐานดิจิทัลแพลตฟอร์ม")
    assert clip(text, 80) == "รางวัลท้องถิ่นดิจิทัล 2566 · รางวัลประเภทดีเด่น: โครงการบริหารจัดการขยะแบบ…"
    # no space near the limit: cut at a dictionary word (โครง|การ...), not a letter
    run = "ก" * 40 + "โครงการบริหารจัดการขยะแบบบูรณาการ"
    assert clip(run, 50) == "ก" * 40 + "โครง…"
    assert clip("Khrueng Subdistrict Municipality · Excellence · Digital Local Government "
                "Awards 2023", 70) == "Khrueng Subdistrict Municipality · Excellence · Digital Local…"
    assert clip("short", 70) == "short"


def test_share_links_are_plain_links_carrying_the_permalink(site: Path):
    page = parse(site / "en" / KIT / "index.html")
    permalink = "https://example.github.io/awards/en/" + UMONG
    links = {a.text: a.attrs["href"] for a in page.all("a") if a.text in (
        "LINE", "Facebook", "X", "E-mail")}
    assert parse_qs(urlsplit(links["LINE"]).query) == {"url": [permalink]}
    assert links["LINE"].startswith("https://social-plugins.line.me/lineit/share?")
    assert parse_qs(urlsplit(links["Facebook"]).query) == {"u": [permalink]}
    assert urlsplit(links["X"]).netloc == "x.com"
    assert parse_qs(urlsplit(links["X"]).query)["url"] == [permalink]
    mail = parse_qs(urlsplit(links["E-mail"]).query)
    assert mail["body"] == [permalink] and "Digital Local Government Awards 2023" in mail["subject"][0]
    assert page.one("input", id="permalink").attrs["value"] == permalink


def test_copy_buttons_copy_and_without_javascript_the_text_stays(browser, base_url):
    page = open_page(browser, base_url + "th/" + KIT, "phone")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for button, expected in (
            ("คัดลอกลิงก์", base_url + "th/" + UMONG),
            ("คัดลอกโค้ด", page.input_value("#code-badge")),
            ("คัดลอกข้อความอ้างอิง", page.inner_text("#citation-text").strip())):
        page.get_by_role("button", name=button).first.click()
        assert page.evaluate("navigator.clipboard.readText()") == expected
        page.wait_for_function("document.getElementById('copy-status').textContent !== ''")
        # one message for every button, said from one place (issue 26)
        assert page.inner_text("#copy-status") == "คัดลอกแล้ว"
        page.evaluate("document.getElementById('copy-status').textContent = ''")
    assert all(url.startswith(base_url) for url in requested), requested
    assert page.locator("button.copy").count() == 4  # link, 2 badges, citation
    assert all(b.is_visible() for b in page.locator("button.copy").all())
    assert page.problems == []
    page.context.close()
    # without JavaScript, no button that would do nothing: share.js makes them
    plain = open_page(browser, base_url + "th/" + KIT, "phone", javascript=False)
    assert plain.locator("button").count() == 0
    assert plain.input_value("#permalink") == base_url + "th/" + UMONG
    plain.context.close()


def test_the_share_sheet_gets_the_winner_pages_title_and_permalink(browser, base_url):
    """A phone's share sheet (navigator.share) shares what a link's preview shows: the
    winner page's title, as X's link carries it, and its permalink, not the kit page."""
    page = open_page(browser, base_url + "en/" + KIT, "phone")
    page.context.add_init_script(
        "navigator.share = data => { window.shared = data; return Promise.resolve(); };")
    # a reload while the first load still fetches the favicon aborts that request
    page.wait_for_load_state("networkidle")
    page.reload(wait_until="load")
    page.get_by_role("button", name="Share with another app").click()
    page.wait_for_function("window.shared !== undefined")  # the click's handler has run
    assert page.evaluate("window.shared") == {
        "title": "Umong Subdistrict Municipality · Outstanding · Digital Local Government "
                 "Awards 2023",
        "url": base_url + "en/" + UMONG}
    assert page.problems == []
    page.context.close()


def pdf_text(page) -> str:
    """What Chromium prints, read back from its PDF."""
    pypdf = pytest.importorskip("pypdf")
    document = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    return "\n".join(p.extract_text() for p in document.pages)


def test_printed_pages_leave_out_the_embed_code_and_keep_the_permalink(browser, base_url):
    for path in ("en/" + UMONG, "en/laos/umong-subdistrict-municipality/", "en/2566/"):
        page = open_page(browser, base_url + path)
        text = pdf_text(page)
        flat = " ".join(text.split())
        assert "<a href" not in flat and "<img" not in flat, path  # the embed code
        assert "Copy" not in flat and "Facebook" not in flat, path
        assert base_url + path in flat.replace(" ", "") or base_url + path in flat, path
        assert "Outstanding" in flat, path
        page.context.close()
    # a heading is never the last line of a printed page
    page = open_page(browser, base_url + "en/2566/")
    pdf = pytest.importorskip("pypdf").PdfReader(io.BytesIO(page.pdf(format="A4")))
    headings = set(page.locator("h2, h3, h4, h5").all_inner_texts())
    for number, printed in enumerate(pdf.pages[:-1], start=1):
        lines = [line.strip() for line in printed.extract_text().splitlines() if line.strip()]
        assert lines and lines[-1] not in headings, (number, lines[-1])
    page.context.close()


def test_two_awards_of_one_lao_give_two_badges_that_name_their_project(site: Path):
    folders = [site / "th" / "2566" / award for award in (
        "umong-social-welfare", "umong-smart-classroom")]
    for name in ("badge.svg", "dga-local-award-2566-{}-badge-compact.svg",
                 "dga-local-award-2566-{}-badge.png", "dga-local-award-2566-{}-badge-compact.png"):
        first, second = ((f / name.format(f.name)).read_bytes() for f in folders)
        assert first != second, name
    # what each badge says is its lines of text (no <title> says it again)
    texts = [" ".join(t.text or "" for t in ET.parse(f / "badge.svg").getroot().iter(SVG + "text"))
             for f in folders]
    assert all("รางวัลท้องถิ่นดิจิทัล 2566" in text and "รางวัลประเภทดีเด่น" in text
               and "เทศบาลตำบลอุโมงค์" in text for text in texts)
    assert "โครงการระบบบริหารจัดการงานสวัสดิการสังคม" in texts[0]  # cut between words
    assert "โครงการห้องเรียนอัจฉริยะ" in texts[1]
    page = parse(site / "th" / "2566" / "umong-smart-classroom" / "kit" / "index.html")
    # the badge's words, in the code an LAO pastes (the previews beside it say less)
    codes = [html.unescape(area.text) for area in page.all("textarea")]
    alts = {re.search(r' alt="([^"]*)"', code).group(1) for code in codes}
    assert len(codes) == 2 and len(alts) == 1 and "ห้องเรียนอัจฉริยะ" in alts.pop()


def test_png_sizes_for_word_canva_line_and_print(site: Path):
    folder = site / "en" / "2566" / "yala-big-data"
    stem = "dga-local-award-2566-yala-big-data"
    with Image.open(folder / f"{stem}-badge-en.png") as full:
        assert full.size == (880, 312)  # 2x of 440x156
    with Image.open(folder / f"{stem}-badge-compact-en.png") as compact:
        assert compact.size == (480, 232)  # 2x of 240x116
    with Image.open(folder / f"{stem}-qr-en.png") as qr:
        code = segno.make(BASE_URL + "en/2566/yala-big-data/", error="m")
        modules = code.symbol_size(scale=1, border=0)[0]
        assert qr.size == ((modules + 8) * 16,) * 2  # four modules of quiet zone a side
        assert round(qr.info["dpi"][0]) == 300
        assert qr.getpixel((0, 0)) == qr.getpixel((4 * 16 - 1, 4 * 16 - 1))  # quiet zone


def test_downloads_have_descriptive_names(site: Path):
    page = parse(site / "th" / KIT / "index.html")
    stem = "dga-local-award-2566-umong-social-welfare"
    downloads = {a.attrs["href"].rsplit("/", 1)[-1]: a.attrs["download"]
                 for a in page.all("a") if "download" in a.attrs}
    assert downloads["badge.svg"] == f"{stem}-badge.svg"
    assert downloads["qr.svg"] == f"{stem}-qr.svg"
    assert downloads["share.png"] == f"{stem}-share.png"
    for name in ("badge.png", "badge-compact.svg", "badge-compact.png", "qr.png"):
        assert f"{stem}-{name}" in downloads, name
    kit = page.one("a", **{"data-kit": f"{stem}-kit.zip"})
    here = BASE_URL + "th/" + KIT
    assert urljoin(here, kit.attrs["href"]) == here  # without script: the files listed here
    # each file is the winner's, beside its page: one folder up, not a copy
    assert {urljoin(here, a.attrs["href"]).rsplit("/", 1)[0] + "/"
            for a in page.all("a") if "download" in a.attrs} == {BASE_URL + "th/" + UMONG}
    assert not list(site.rglob("*.zip"))  # the kit is not a second copy of the files


def downloaded_kit(page, link) -> zipfile.ZipFile:
    with page.expect_download() as download:
        link.click()
    return zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))


def test_the_kit_zip_holds_every_download_of_the_award(browser, base_url, site: Path):
    """Put together in the browser, on the winner's kit page, from the files it links:
    the same names and bytes as before (issue 26)."""
    stem = "dga-local-award-2566-umong-social-welfare"
    folder = site / "th" / UMONG
    page = open_page(browser, base_url + "th/" + KIT)
    kit = downloaded_kit(page, page.locator(f"a[data-kit='{stem}-kit.zip']"))
    names = sorted(kit.namelist())
    assert names == sorted(f"{stem}-{name}" for name in (
        "badge.svg", "badge.png", "badge-compact.svg", "badge-compact.png", "qr.svg",
        "qr.png", "share.png", "embed.html", "citation.txt"))
    assert kit.read(f"{stem}-share.png") == (folder / "share.png").read_bytes()
    assert kit.read(f"{stem}-badge.svg") == (folder / "badge.svg").read_bytes()
    assert kit.read(f"{stem}-qr.png").startswith(b"\x89PNG")  # of the served site's URL
    embed = kit.read(f"{stem}-embed.html").decode()
    assert embed.count("<a href=") == 2 and f"{stem}-badge-compact.svg" in embed
    assert embed.endswith("</a>\n") and "&lt;" not in embed
    citation = kit.read(f"{stem}-citation.txt").decode()
    assert citation.startswith("รางวัลท้องถิ่นดิจิทัล. “เทศบาลตำบลอุโมงค์: ")
    assert citation.endswith("\n") and "  " not in citation
    assert {info.date_time for info in kit.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert kit.testzip() is None  # every member's CRC checks
    again = downloaded_kit(page, page.locator(f"a[data-kit='{stem}-kit.zip']"))
    assert [kit.read(n) for n in names] == [again.read(n) for n in names]
    assert page.problems == []
    page.context.close()


def test_an_lao_page_links_the_kit_of_each_of_its_awards(site: Path):
    """Each award's kit, its one download included, is on its kit page; the LAO
    page links each (issue 26: not a second download button a page)."""
    page = parse(site / "th" / "laos" / "umong-subdistrict-municipality" / "index.html")
    kits = [page.link(a) for a in page.all("a") if a.attrs["href"].endswith("/kit/")]
    assert kits == [f"{BASE_PATH}th/2566/{award}/kit/" for award in (
        "umong-social-welfare", "umong-smart-classroom")]
    assert not [a for a in page.all("a") if "data-kit" in a.attrs]
    for kit in kits:
        award = parse(site / kit.removeprefix(BASE_PATH) / "index.html")
        assert award.one("a", **{"data-kit": f"dga-local-award-2566-{kit.split('/')[-3]}-kit.zip"})


def test_every_winner_has_a_kit_page_in_each_language_for_its_visitors_only(site: Path):
    """Issue 26: the kit off the winner page, one tap from it and from the LAO page;
    for search engines the winner page is the one to show: the kit page says noindex,
    has no preview tags or structured data, and no list of pages names it."""
    winners = json.loads((site / "data" / "winners.json").read_text())["winners"]
    assert len(winners) > 20
    for winner in winners:
        for lang in ("th", "en"):
            folder = site / lang / str(winner["year"]) / winner["id"]
            kit = parse(folder / "kit" / "index.html")
            assert kit.one("meta", name="robots").attrs["content"] == "noindex"
            assert not [m for m in kit.all("meta") if "property" in m.attrs]  # og:
            assert not kit.all("meta", name="twitter:card") and not kit.all("script", type=(
                "application/ld+json"))
            assert kit.one("a", **{"data-kit": f"dga-local-award-{winner['year']}-{winner['id']}-"
                                                f"kit{'' if lang == 'th' else '-en'}.zip"})
            here = f"{BASE_PATH}{lang}/{winner['year']}/{winner['id']}/"
            # breadcrumbs up to the winner page; the winner page's one link down to it
            crumbs = kit.elements.index(kit.one("nav", **{"class": "breadcrumbs"}))
            end = kit.elements.index(kit.one("article", **{"class": "kit-page"}))
            home, year, up = [e for e in kit.elements[crumbs:end] if e.tag == "a"]
            assert kit.link(up) == here and kit.link(year) == f"{BASE_PATH}{lang}/{winner['year']}/"
            page = parse(folder / "index.html")
            where = page.elements.index(page.one("div", id="kit"))
            heading, link = page.elements[where + 1:where + 3]
            assert heading.attrs["id"] == "share" and page.link(link) == here + "kit/"
            lao = parse(site / lang / "laos" / winner["lao"]["slug"] / "index.html")
            assert here + "kit/" in lao.links()
    published = (site / "sitemap.xml").read_text() + "".join(
        (site / lang / "feed.xml").read_text() for lang in ("th", "en")) + "".join(
        path.read_text() for path in (site / "data").rglob("*") if path.is_file())
    assert "/kit/" not in published


def test_printed_links_to_other_sites_show_their_address(browser, tmp_path, content):
    """Paper has no links: a link to another site prints its address after it."""
    writeup = content / "entries" / "2566" / "yala-big-data.en.md"
    writeup.write_text(writeup.read_text(encoding="utf-8")
                       + "\nThe city's [e-service](https://example.org/e-service) is online.\n",
                       encoding="utf-8")
    with built_and_served(content, tmp_path / "output") as url:
        page = open_page(browser, url + "en/2566/yala-big-data/")
        flat = "".join(pdf_text(page).split())
        assert "e-service(https://example.org/e-service)" in flat
        page.context.close()


def test_pngs_are_palette_images_that_keep_every_colour_drawn(site: Path):
    """Issue 26: a palette of the colours drawn (a quantizer dropped the tier label's
    background), badges with transparent corners."""
    folder = site / "th" / "2566" / "yala-big-data"  # Excellence: a yellow label
    with Image.open(folder / "share.png") as share:
        assert share.mode == "P"
        colours = {colour for _, colour in share.convert("RGB").getcolors(256)}
        assert {(0xff, 0xf4, 0xd6), (0x8a, 0x5a, 0x00), (0x0b, 0x4f, 0x8a)} <= colours
    with Image.open(folder / "dga-local-award-2566-yala-big-data-badge.png") as badge:
        assert badge.mode == "P"
        rgba = badge.convert("RGBA")
        assert rgba.getpixel((0, 0))[3] == 0 and rgba.getpixel((badge.width - 1, 0))[3] == 0
        assert rgba.getpixel((badge.width // 2, badge.height // 2))[3] == 255


def test_badge_text_is_bilevel_and_the_share_title_smooth(site: Path):
    """Issue 26: badges, drawn at twice their shown size, and the share image's lines up
    to 36 px carry no anti-aliased edges (a third of their bytes); the 64 px title,
    whose steps would show when the image is opened whole, keeps them."""
    def rgb(colour: str) -> tuple[int, int, int]:
        return ImageColor.getrgb(colour)[:3]

    def halfway(ink: str, ground: str) -> tuple[int, int, int]:
        return tuple(round(g + (i - g) / 2) for i, g in zip(rgb(ink), rgb(ground), strict=True))

    folder = site / "th" / "2566" / "yala-big-data"
    tier = design.tier_colours(1)  # Excellence
    drawn = {rgb(colour) for colour in (design.PAPER, design.BRAND, design.INK, design.MUTED,
                                         tier.ink, tier.accent)}
    for name in ("badge", "badge-compact"):
        with Image.open(folder / f"dga-local-award-2566-yala-big-data-{name}.png") as badge:
            colours = {colour[:3] for _, colour in badge.convert("RGBA").getcolors(256)}
        assert colours == drawn | {(255, 255, 255)}, name  # and the transparent corners
    with Image.open(folder / "share.png") as share:
        colours = {colour for _, colour in share.convert("RGB").getcolors(256)}
    assert halfway(design.INK, design.PAPER) in colours  # the title's edges
    assert halfway(design.MUTED, design.PAPER) not in colours  # the award and year's line
    assert halfway(design.BRAND, design.PAPER) not in colours  # the province's


def test_drawn_files_are_byte_identical_whether_drawn_or_stored(tmp_path, content, monkeypatch):
    """What the browser's kit ZIP holds is the same bytes from every build, so the ZIP is."""
    drawn = []
    for run in ("one", "two"):
        # a cache of its own each time: every image drawn again, not reused
        monkeypatch.setenv("AWARDS_CACHE_DIR", str(tmp_path / f"cache-{run}"))
        build(content, tmp_path / run, BASE_URL)
        drawn.append({path.relative_to(tmp_path / run): path.read_bytes()
                      for pattern in ("*.png", "*.svg") for path in (tmp_path / run).rglob(pattern)})
    assert len(drawn[0]) > 200 and drawn[0] == drawn[1]
