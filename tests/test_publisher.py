"""Who publishes the site, and the pages a reader trusts it by: about, accessibility,
privacy; the landing page's choice of language (issue 27, section 4)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from browsing import TEMPLATE_PAGES, open_page
from conftest import BASE_URL
from helpers import PNG, edit, image_bytes, line_of, rejected
from sitecheck import html_files, parse

from generator.build.pipeline import build

DGA = "https://www.dga.or.th/"
PUBLISHER = {"th": "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน) (DGA)",
             "en": "Digital Government Development Agency (Public Organization) (DGA)"}
TRUST_PAGES = ("about/", "accessibility/", "privacy/")
LOGO = "  url: https://www.dga.or.th/\n"


def test_every_page_names_and_links_its_publisher(site: Path):
    """The bundled site names DGA, in each page's language, and links its home page."""
    for path in html_files(site):
        page = parse(path)
        if page.all("meta", **{"http-equiv": "refresh"}):
            continue  # an old winner id's redirect, not a page to read
        names = {a.text.strip() for a in page.all("a") if a.attrs.get("href") == DGA}
        bilingual = page.one("body").attrs.get("class") == "landing"  # landing, 404
        langs = ["th", "en"] if bilingual else [page.one("html").attrs["lang"]]
        assert names == {PUBLISHER[lang] for lang in langs}, path


@pytest.mark.parametrize("lang", ["th", "en"])
def test_about_accessibility_and_privacy_pages(site: Path, lang: str):
    """Each is linked from every page's footer and listed in the sitemap."""
    about = parse(site / lang / "about" / "index.html")
    text = about.text
    year = "รางวัลท้องถิ่นดิจิทัล ประจำปี 2566" if lang == "th" else \
        "Digital Local Government Awards 2023"
    assert year in text and PUBLISHER[lang] in text and "CC BY 4.0" in text
    assert about.one("p", **{"class": "citation"}).text.startswith(
        f"{'รางวัลท้องถิ่นดิจิทัล' if lang == 'th' else 'Digital Local Government Awards'}. "
        f"{BASE_URL}{lang}/")
    assert about.one("h2", id="corrections")  # how to report a correction
    statement = parse(site / lang / "accessibility" / "index.html").text
    assert all(word in statement for word in ("WCAG 2.1", "AA", "axe-core", "Nu HTML Checker"))
    privacy = parse(site / lang / "privacy" / "index.html").text
    assert ("ไม่มีคุกกี้" if lang == "th" else "No cookies") in privacy
    sitemap = ET.parse(site / "sitemap.xml").getroot()
    locs = {e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    for path in html_files(site / lang):
        page = parse(path)
        if page.all("meta", **{"http-equiv": "refresh"}):
            continue
        footer = {page.link(a) for a in page.all("a") if "site-links" in _classes(page, a)}
        assert footer == {f"/awards/{lang}/{p}" for p in TRUST_PAGES}, path
    assert {f"{BASE_URL}{lang}/{p}" for p in TRUST_PAGES} <= locs


def _classes(page, element) -> str:
    """The class of the row of links an element of the footer is in (sitecheck keeps no tree)."""
    index = page.elements.index(element)
    lists = [e for e in page.elements[:index] if e.tag in ("ul", "p")]
    return lists[-1].attrs.get("class", "") if lists else ""


def test_a_publisher_logo_is_checked_and_published(tmp_path, content):
    (content / "publisher").mkdir()
    (content / "publisher" / "logo.png").write_bytes(image_bytes("PNG", 120, 40))
    edit(content / "site.yaml", LOGO, LOGO + "  logo: publisher/logo.png\n")
    output = tmp_path / "output"
    build(content, output, BASE_URL)
    for path in ("th/2566/yala-big-data/index.html", "index.html", "404.html"):
        page = parse(output / path)
        for img in [e for e in page.all("img") if "publisher-logo" in e.attrs["src"]]:
            assert (img.attrs["width"], img.attrs["height"], img.attrs["alt"]) == ("120", "40", "")
            assert page.link(img, "src") == "/awards/static/publisher-logo.png"
    assert (output / "static" / "publisher-logo.png").read_bytes() == \
        (content / "publisher" / "logo.png").read_bytes()


@pytest.mark.parametrize(("name", "data", "message"), [
    ("logo.svg", b"<svg/>", "the logo 'publisher/logo.svg' must be a PNG or WebP image "
                            "(save it as logo.png)"),
    ("logo.png", None, "the logo 'publisher/logo.png' is not a file inside the content folder "
                       "(give its path from content/, such as publisher/logo.png)"),
    ("logo.png", image_bytes("JPEG"), "'logo.png' is named as a PNG image but its content is "
                                      "a JPEG image (save it again in the format its name says)"),
    ("logo.png", PNG[:-40], "cannot read the image 'logo.png': it is truncated or damaged"),
])
def test_a_wrong_logo_is_a_problem_at_its_line(built_here, content, awards, name, data, message):
    site = built_here
    (content / "publisher").mkdir()
    if data is not None:
        (content / "publisher" / name).write_bytes(data)
    edit(content / "site.yaml", LOGO, LOGO + f"  logo: publisher/{name}\n")
    line = line_of(content / "site.yaml", "logo: publisher/")
    [problem] = rejected(awards, site)
    assert problem.startswith(f"content/site.yaml:{line}: {message}"), problem


def test_no_cookies_and_nothing_from_another_site(browser, base_url):
    """What the privacy note says, in Chromium: no page sets a cookie or asks
    another site for anything."""
    elsewhere = []
    for path in TEMPLATE_PAGES:
        page = open_page(browser, base_url + path)
        page.on("request", lambda r: r.url.startswith(base_url) or elsewhere.append(r.url))
        page.reload(wait_until="load")
        assert page.context.cookies() == [], path
        page.context.close()
    assert elsewhere == []


def _landing(browser, base_url: str, locale: str, javascript: bool = True):
    context = browser.new_context(locale=locale, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(base_url, wait_until="load")
    return page


@pytest.mark.parametrize(("locale", "home"), [("th-TH", "th/"), ("en-GB", "en/"),
                                              ("fr-FR", "")])
def test_the_landing_page_picks_the_browser_language(browser, base_url, locale, home):
    page = _landing(browser, base_url, locale)
    page.wait_for_url(base_url + home)
    page.context.close()
    page = _landing(browser, base_url, locale, javascript=False)
    assert page.url == base_url, "without a script, the two links do it"
    assert len(page.locator("a[hreflang]").all()) == 2
    page.context.close()


def test_the_landing_page_remembers_a_choice(browser, base_url):
    page = _landing(browser, base_url, "th-TH")
    page.wait_for_url(base_url + "th/")
    page.click("a.lang-switch")  # the reader prefers English
    page.wait_for_url(base_url + "en/")
    page.goto(base_url, wait_until="load")
    page.wait_for_url(base_url + "en/")
    page.context.close()
