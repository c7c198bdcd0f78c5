"""The built site in a real browser: Debian's Chromium driven by Playwright.

Also the Nu HTML checker (vnu.jar) and axe-core, both from npm (tests/browser/).
"""

from __future__ import annotations

import json
import shutil
import subprocess

from browsing import (
    ARTIFACTS,
    AXE,
    KEY_PAGES,
    TEMPLATE_PAGES,
    VNU,
    WIDTHS,
    open_page,
    require,
)


def test_every_template_loads_cleanly_at_phone_and_desktop_widths(browser, base_url):
    shots = ARTIFACTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    problems = []
    for path in TEMPLATE_PAGES:
        for width in WIDTHS:
            page = open_page(browser, base_url + path, width)
            assert page.locator("h1").count() == 1, f"{path}: one h1"
            overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
            if overflow:
                problems.append(f"{path} ({width}): wider than the screen")
            problems += [f"{path} ({width}): {p}" for p in page.problems]
            if path in KEY_PAGES:
                name = (path.strip("/").replace("/", "-") or "landing") + f"-{width}.png"
                page.screenshot(path=shots / name, full_page=True)
            page.context.close()
    assert problems == []


def test_thai_font_is_loaded_from_the_site(browser, base_url):
    page = open_page(browser, base_url + "th/2566/yala-big-data/")
    page.evaluate("document.fonts.ready")
    loaded = page.evaluate("document.fonts.check('16px Sarabun', 'ยอดเยี่ยม')")
    families = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert loaded
    assert families.split(",")[0].strip('"') == "Sarabun"
    page.context.close()


def test_language_switch_keeps_the_page(browser, base_url):
    page = open_page(browser, base_url + "th/2566/yala-big-data/")
    page.click("a.lang-switch")
    page.wait_for_load_state()
    assert page.url == base_url + "en/2566/yala-big-data/"
    assert page.locator("html").get_attribute("lang") == "en"
    page.click("a.lang-switch")
    page.wait_for_load_state()
    assert page.url == base_url + "th/2566/yala-big-data/"
    page.context.close()


def test_the_site_works_without_javascript(browser, base_url):
    page = open_page(browser, base_url + "en/2566/", javascript=False)
    cards = page.locator(".card-title a")
    assert cards.count() == 20
    cards.first.click()
    page.wait_for_load_state()
    assert "/en/2566/" in page.url and page.locator("h1").is_visible()
    assert page.problems == []
    page.context.close()


def test_no_serious_accessibility_violations(browser, base_url):
    require(AXE.is_file(), "axe-core (npm ci --prefix tests/browser)")
    # first, that axe does find what it should: an image with no text alternative
    page = open_page(browser, base_url + "404.html")
    page.set_content('<html lang="en"><head><title>t</title></head><body><main>'
                     '<img src="/static/favicon.svg"></main></body></html>')
    page.add_script_tag(path=str(AXE))
    ids = page.evaluate("async () => (await axe.run()).violations.map(v => v.id)")
    assert "image-alt" in ids
    page.context.close()
    found = []
    for path in TEMPLATE_PAGES:
        page = open_page(browser, base_url + path)
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("""async () => (await axe.run(document, {
            resultTypes: ['violations']})).violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length}))""")
        found += [f"{path}: {v['impact']} {v['id']} ({v['help']}, {v['nodes']} nodes)"
                  for v in violations if v["impact"] in ("serious", "critical")]
        page.context.close()
    (ARTIFACTS / "axe.txt").write_text("\n".join(found) + "\n")
    assert found == []


# One short run: the JIT's first tier and one GC thread do it in half the CPU time of
# the defaults (more stack, which the checker's schema needs without the second tier)
QUICK_JAVA = ["-XX:+IgnoreUnrecognizedVMOptions", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
              "-Xss4m"]


def test_every_page_is_valid_html(tmp_path, site):
    require(VNU.is_file(), "the Nu HTML checker (npm ci --prefix tests/browser)")
    require(shutil.which("java") is not None, "Java, to run vnu.jar")
    output = tmp_path / "output"  # the bundled site, and one page that is not valid
    shutil.copytree(site, output)
    (output / "broken.html").write_text("<!doctype html><title>x</title><p><div>x</p>")
    result = subprocess.run(
        ["java", *QUICK_JAVA, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
         str(output)], capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m.get('url', '').split(str(output))[-1]}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m["type"] in ("error", "non-document-error")]
    # the deliberately broken page proves the checker reads the files; it alone may fail
    assert any(e.startswith("/broken.html") for e in errors)
    errors = [e for e in errors if not e.startswith("/broken.html")]
    assert len(list(output.rglob("*.html"))) >= 250 and errors == []
