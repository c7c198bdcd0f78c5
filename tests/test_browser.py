"""The built site in a real browser: Debian's Chromium driven by Playwright.

Also the Nu HTML checker (vnu.jar) and axe-core, both from npm (tests/browser/).
Locally these tests are skipped when the tools are missing; under CI they must run.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT
from search_set import CASES, QUERIES, search_content

from generator.build.pipeline import build

NODE = ROOT / "tests" / "browser" / "node_modules"
AXE = NODE / "axe-core" / "axe.min.js"
VNU = NODE / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = os.environ.get("AWARDS_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
# One page of every template, in both languages (the landing and 404 pages hold both)
TEMPLATE_PAGES = ["", "404.html"] + [
    f"{lang}/{page}" for lang in ("th", "en") for page in (
        "", "2566/", "2566/yala-big-data/", "2566/bang-sare-b-buddy/", "tiers/excellence/",
        "provinces/", "provinces/yala/", "provinces/bangkok/", "regions/south/", "laos/",
        "laos/umong-subdistrict-municipality/", "winners/", "stats/", "data/",
    )
]
KEY_PAGES = {"", "th/", "th/2566/", "th/2566/yala-big-data/", "en/2566/yala-big-data/",
             "th/winners/", "en/stats/", "th/data/",
             "th/provinces/", "en/laos/umong-subdistrict-municipality/"}
WIDTHS = {"phone": (375, 740), "desktop": (1280, 900)}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def require(available: bool, what: str) -> None:
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing; .ci/run installs it")
    pytest.skip(f"{what} is not installed (see .ci/run)")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory) -> str:
    """The bundled site built for, and served at, a free port on 127.0.0.1."""
    output = tmp_path_factory.mktemp("served") / "output"
    handler = functools.partial(_QuietHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    build(CONTENT, output, url)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def search_url(tmp_path_factory) -> str:
    """The bundled content plus the synthetic year of the search tests, served."""
    root = tmp_path_factory.mktemp("search-served")
    handler = functools.partial(_QuietHandler, directory=str(root / "output"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    build(search_content(root / "content"), root / "output", url)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def browser():
    require(Path(CHROMIUM).is_file(), f"Chromium ({CHROMIUM})")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_page(browser, url: str, width: str = "desktop", javascript: bool = True):
    """A page with every console error, script error and failed request recorded."""
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h},
                                  java_script_enabled=javascript)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("response", lambda r: r.status >= 400 and page.problems.append(f"{r.status} {r.url}"))
    page.on("requestfailed", lambda r: page.problems.append(f"failed {r.url}"))
    page.goto(url, wait_until="load")
    return page


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


def test_every_page_is_valid_html(tmp_path):
    require(VNU.is_file(), "the Nu HTML checker (npm ci --prefix tests/browser)")
    require(shutil.which("java") is not None, "Java, to run vnu.jar")
    output = tmp_path / "output"
    build(CONTENT, output, "https://example.github.io/awards/")
    (output / "broken.html").write_text("<!doctype html><title>x</title><p><div>x</p>")
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
         str(output)], capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m.get('url', '').split(str(output))[-1]}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m["type"] in ("error", "non-document-error")]
    # the deliberately broken page proves the checker reads the files; it alone may fail
    assert any(e.startswith("/broken.html") for e in errors)
    errors = [e for e in errors if not e.startswith("/broken.html")]
    assert len(list(output.rglob("*.html"))) >= 250 and errors == []


def visible_rows(page) -> list[str]:
    return page.eval_on_selector_all(
        "#explorer tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.key)")


def type_query(page, text: str) -> None:
    page.fill("#f-q", text)
    page.wait_for_function("q => (new URLSearchParams(location.search).get('q') || '') === q",
                           arg=text)


def test_explorer_search_filters_and_shared_urls(browser, base_url):
    page = open_page(browser, base_url + "th/winners/")
    assert page.is_visible("#filters")
    assert len(visible_rows(page)) == 20
    waste = ["2566/khrueng-waste-management", "2566/nikhom-phatthana-waste-fees"]
    type_query(page, "ขยะ")
    assert sorted(visible_rows(page)) == waste
    assert "2" in page.inner_text("#result-count")
    for variant in ("ข ยะ", "ขย\u200bะ", " ขยะ "):  # stray space, pasted zero-width
        type_query(page, variant)
        assert sorted(visible_rows(page)) == waste, variant
    for query in ("Yala", "ยะลา"):
        type_query(page, query)
        by_name = page.eval_on_selector_all(
            "#explorer tbody tr:not([hidden]):not(.match-writeup)", "r => r.map(x => x.dataset.key)")
        assert by_name == ["2566/yala-big-data"], query
        # Khrueng's write-up names its fellow winner, and the row says where it matched
        assert page.eval_on_selector_all("tr.match-writeup", "r => r.map(x => x.dataset.key)") \
            == ["2566/khrueng-waste-management"]
    # words found only in the write-ups, loaded on demand
    type_query(page, "เกณฑ์การประเมิน")
    page.wait_for_function("document.querySelectorAll('tr.match-writeup').length === 2")
    assert sorted(visible_rows(page)) == ["2566/khrueng-waste-management", "2566/yala-big-data"]

    type_query(page, "")
    page.select_option("#f-region", "north")
    page.select_option("#f-type", "subdistrict-municipality")
    north = ["2566/ban-klang-one-stop-service", "2566/buak-khang-e-service",
             "2566/khrueng-waste-management", "2566/umong-smart-classroom",
             "2566/umong-social-welfare"]
    assert sorted(visible_rows(page)) == north
    page.click("th[data-key=lao] button")
    shared = page.url
    assert "region=north" in shared and "type=subdistrict-municipality" in shared
    assert "sort=lao" in shared
    names = page.eval_on_selector_all("#explorer tbody tr:not([hidden]) th a",
                                      "links => links.map(a => a.textContent)")
    from pythainlp.util import collate
    assert names == collate(names)
    page.context.close()

    again = open_page(browser, shared)
    assert sorted(visible_rows(again)) == north
    assert again.input_value("#f-region") == "north"
    assert again.get_attribute("th[data-key=lao]", "aria-sort") == "ascending"
    assert again.problems == []
    again.context.close()


def test_print_stylesheet_hides_the_controls(browser, base_url):
    page = open_page(browser, base_url + "en/winners/")
    page.emulate_media(media="print")
    assert not page.is_visible("#filters")
    assert not page.is_visible(".site-nav")
    assert page.is_visible("#explorer")
    page.pdf(path=str(ARTIFACTS / "explorer-print.pdf"))
    winner = open_page(browser, base_url + "en/2566/yala-big-data/")
    winner.emulate_media(media="print")
    assert winner.is_visible("h1") and not winner.is_visible(".site-footer")
    winner.pdf(path=str(ARTIFACTS / "winner-print.pdf"))
    page.context.close()
    winner.context.close()


def test_search_js_agrees_with_python_on_the_shared_cases(browser, search_url):
    page = open_page(browser, search_url + "th/winners/")
    got = page.evaluate("""cases => {
        const s = window.awardsSearch;
        return {
            normalize: cases.normalize.map(c => s.normalize(c[0])),
            query_words: cases.query_words.map(c => s.queryWords(c[0])),
            matches: cases.matches.map(c => s.matches(s.queryWords(c[0]), s.split(c[1]))),
        };
    }""", CASES)
    for kind in ("normalize", "query_words", "matches"):
        assert got[kind] == [expected for *_, expected in CASES[kind]], kind
    assert page.problems == []
    page.context.close()


def test_the_query_set_in_the_explorer(browser, search_url):
    """Typed as a reader types them: the exact rows, rows matched in their fields first."""
    page = open_page(browser, search_url + "th/winners/")
    type_query(page, "เกณฑ์การประเมิน")  # the write-up index loads on the first query
    page.wait_for_function("document.querySelectorAll('tr.match-writeup').length === 2")
    wrong = []
    for item in QUERIES:
        type_query(page, item["query"])
        shown = page.eval_on_selector_all(
            "#explorer tbody tr:not([hidden])",
            "rows => rows.map(r => [r.dataset.key, r.classList.contains('match-writeup')])")
        fields = [key for key, in_writeup in shown if not in_writeup]
        rest = [key for key, in_writeup in shown if in_writeup]
        in_order = shown == [[key, False] for key in fields] + [[key, True] for key in rest]
        if (sorted(fields), sorted(rest)) != (item["fields"], item["writeups"]) or not in_order:
            wrong.append((item["query"], fields, rest))
    assert wrong == []
    assert page.problems == []
    page.context.close()
