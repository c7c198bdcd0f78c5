"""What the browser tests share: Chromium through Playwright, and the tools that
check pages (the Nu HTML checker, axe-core: tests/browser/). Locally these tests
are skipped when the tools are missing; under CI they must run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

NODE = ROOT / "tests" / "browser" / "node_modules"
AXE = NODE / "axe-core" / "axe.min.js"
VNU = NODE / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = os.environ.get("AWARDS_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
# One page of every template, in both languages (the landing and 404 pages hold both)
TEMPLATE_PAGES = ["", "404.html"] + [
    f"{lang}/{page}" for lang in ("th", "en") for page in (
        "", "2566/", "2566/yala-big-data/", "2566/buak-khang-e-service/", "tiers/excellence/",
        "provinces/", "provinces/yala/", "provinces/bangkok/", "regions/south/", "laos/",
        "laos/umong-subdistrict-municipality/", "winners/", "stats/", "data/",
        "about/", "accessibility/", "privacy/",
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


def open_page(browser, url: str, width: str | tuple[int, int] = "desktop",
              javascript: bool = True):
    """A page with every console error, script error and failed request recorded."""
    w, h = WIDTHS[width] if isinstance(width, str) else width
    context = browser.new_context(viewport={"width": w, "height": h},
                                  java_script_enabled=javascript)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("response", lambda r: r.status >= 400 and page.problems.append(f"{r.status} {r.url}"))
    # a request that a click to another page cancels (the old page's favicon, say) is the
    # browser's doing, not the site's: only a failure on the page that asked is a problem
    visits, asked = [0], {}
    page.on("framenavigated", lambda f: f == page.main_frame and visits.__setitem__(0, visits[0] + 1))
    page.on("request", lambda r: asked.__setitem__(r, visits[0]))
    page.on("requestfailed", lambda r: (r.failure == "net::ERR_ABORTED" and asked.get(r, 0) < visits[0])
            or page.problems.append(f"failed {r.url} ({r.failure})"))
    page.goto(url, wait_until="load")
    return page


def visible_rows(page) -> list[str]:
    return page.eval_on_selector_all(
        "#explorer tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.key)")


def type_query(page, text: str) -> None:
    """Type a query and wait until the write-ups' index has answered it too."""
    page.fill("#f-q", text)
    page.wait_for_function("q => (new URLSearchParams(location.search).get('q') || '') === q"
                           " && !document.getElementById('explorer').hasAttribute('aria-busy')",
                           arg=text)


def axe_problems(page, axe: Path) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now."""
    page.add_script_tag(path=str(axe))
    violations = page.evaluate("""async () => (await axe.run(document, {
        resultTypes: ['violations']})).violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length}))""")
    return [f"{v['impact']} {v['id']} ({v['help']}, {v['nodes']} nodes)"
            for v in violations if v["impact"] in ("serious", "critical")]
