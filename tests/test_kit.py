"""The LAO kit (issue 16): previews that name the award, share links, copy buttons."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browsing import open_page
from sitecheck import parse

from generator.emit.typography import clip

UMONG = "2566/umong-social-welfare/"


def metas(page) -> dict[str, str]:
    return {m.attrs.get("property") or m.attrs.get("name"): m.attrs.get("content", "")
            for m in page.all("meta")}


def test_previews_name_the_award_and_tier_within_the_platforms_limits(site: Path):
    for lang, award in (("th", "รางวัลท้องถิ่นดิจิทัล 2566"),
                        ("en", "Digital Local Government Awards 2023")):
        for path in (site / lang / "2566").glob("*/index.html"):
            meta = metas(parse(path))
            title, description = meta["og:title"], meta["og:description"]
            assert award in title and award in description, path
            assert len(meta["twitter:title"]) <= 70 and len(description) <= 200, path
            assert len(meta["twitter:description"]) <= 200
    umong = metas(parse(site / "th" / UMONG / "index.html"))
    assert umong["og:title"] == "เทศบาลตำบลอุโมงค์ · ดีเด่น · รางวัลท้องถิ่นดิจิทัล 2566"
    assert umong["og:description"].startswith("รางวัลท้องถิ่นดิจิทัล 2566 · รางวัลประเภทดีเด่น: ")
    long = metas(parse(site / "en" / "2566" / "khrueng-waste-management" / "index.html"))
    assert long["twitter:title"] == "Khrueng Subdistrict Municipality · Excellence · Digital Local…"
    assert long["og:description"].endswith("…")


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
    page = parse(site / "en" / UMONG / "index.html")
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
    assert page.one("input", id="permalink-2566-umong-social-welfare").attrs["value"] == permalink


def test_copy_buttons_copy_and_without_javascript_the_text_stays(browser, base_url):
    page = open_page(browser, base_url + "th/" + UMONG, "phone")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for button, expected in (
            ("คัดลอกลิงก์", base_url + "th/" + UMONG),
            ("คัดลอกโค้ด", page.input_value("#badge-2566-umong-social-welfare")),
            ("คัดลอกข้อความอ้างอิง", page.inner_text("#citation-text").strip())):
        page.get_by_role("button", name=button).click()
        assert page.evaluate("navigator.clipboard.readText()") == expected
        page.wait_for_function("document.getElementById('copy-status').textContent !== ''")
    assert page.inner_text("#copy-status") == "คัดลอกข้อความอ้างอิงแล้ว"
    assert all(url.startswith(base_url) for url in requested), requested
    assert page.problems == []
    page.context.close()
    plain = open_page(browser, base_url + "th/" + UMONG, "phone", javascript=False)
    assert plain.locator("button.copy").count() == 4
    assert all(not b.is_visible() for b in plain.locator("button.copy").all())
    assert plain.input_value("#permalink-2566-umong-social-welfare") == base_url + "th/" + UMONG
    plain.context.close()


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
