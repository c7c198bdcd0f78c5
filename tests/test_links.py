"""Links that work wherever output/ is served: at the base URL's path, as GitHub Pages
serves it, and at the root of a local server (`python3 -m http.server -d output`),
as a newcomer or a pull request's preview opens it (issue 27, contract §3)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from browsing import TEMPLATE_PAGES, open_page, type_query, visible_rows
from conftest import BASE_URL, ROOT, served_at
from search_set import in_2566
from sitecheck import BASE_PATH, html_files, local_links, parse, resolve

from generator.emit.templates import make_renderer
from generator.load.catalog import load_content

MOUNTS = ("/", BASE_PATH)
# Every link's target as the browser resolves it (an SVG link's href is not a string)
LINKS = "links => links.map(a => new URL(a.getAttribute('href'), document.baseURI).href)"


def unreachable(site: Path, mounts=MOUNTS) -> list[str]:
    """A crawler over the built HTML: each link of each page but 404.html must be
    relative, and lead to a file of the site with the site served at each mount."""
    problems = []
    for path in html_files(site):
        if path.name == "404.html":
            continue
        page = parse(path)
        for element, link in local_links(page):
            if urlsplit(link).netloc:
                if link.startswith(BASE_URL) and element.tag != "link":  # canonical, hreflang
                    problems.append(f"{page.url}: absolute link to the site {link}")
                continue
            if link.startswith("/"):
                problems.append(f"{page.url}: root-relative link {link}")
                continue
            for mount in mounts:
                target = resolve(site, mount, page, link)
                if target is None or not target.is_file():
                    problems.append(f"{page.url} at {mount}: {link} leads nowhere")
    return problems


def test_every_link_works_at_the_base_path_and_at_the_root(site: Path):
    assert unreachable(site) == []


def test_pull_request_preview_works_as_downloaded(awards, content):
    """check.yml's preview, built by its own command, served at the root as a
    reviewer serves the downloaded artifact."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/check.yml").read_text(encoding="utf-8"))
    [command] = [step["run"] for step in workflow["jobs"]["check"]["steps"]
                 if step.get("name") == "Build a preview"]
    program, *arguments = command.split()
    assert program == "awards" and "--base-url" not in arguments  # the site.yaml's, as is
    assert awards(*arguments).code == 0
    folder = content.parent / arguments[arguments.index("--output") + 1]
    assert unreachable(folder, mounts=("/",)) == []
    # and the README and the run's summary say how
    look = f"python3 -m http.server -d {folder.name}"
    assert look in (ROOT / "README.md").read_text(encoding="utf-8")
    assert any(look in step.get("run", "") for step in workflow["jobs"]["check"]["steps"])


def test_the_build_says_how_to_look_and_the_readme_says_it_by_its_commands(awards, content):
    run = awards("build")
    assert run.code == 0
    last = run.out.splitlines()[-1]
    assert "python3 -m http.server -d output" in last and "http://localhost:8000/" in last
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands_end = readme.index("```", readme.index("```sh") + 5)
    assert "python3 -m http.server -d output" in readme[commands_end:commands_end + 200]
    # the sample of a build's output is what a build prints today, but for its figures
    sample = readme.split("A build prints what it did, for example:\n\n```\n", 1)[1]
    sample = sample.split("```", 1)[0].splitlines()

    def shape(line: str) -> str:
        return re.sub(r"\d+(\.\d+)?", "N", line)

    assert [shape(line) for line in sample] == [shape(line) for line in run.out.splitlines()]


def test_absolute_urls_stay_where_they_must(site: Path):
    """Canonical, hreflang, og:url, og:image, the feeds' links and JSON-LD name the
    published site, wherever the copy that a crawler or a share preview reads came from."""
    for path in ("th/2566/yala-big-data/", "en/laos/umong-subdistrict-municipality/", ""):
        page = parse(site / path / "index.html")
        permalink = BASE_URL + path
        assert page.one("link", rel="canonical").attrs["href"] == permalink
        assert page.one("meta", property="og:url").attrs["content"] == permalink
        assert page.one("meta", property="og:image").attrs["content"].startswith(BASE_URL)
        alternates = [e.attrs["href"] for e in page.all("link", rel="alternate")]
        assert alternates and all(href.startswith(BASE_URL) for href in alternates)
        for script in page.all("script", type="application/ld+json"):
            addresses = [value for value in _strings(json.loads(script.text))
                         if value.startswith(("http", "/", "."))]
            assert addresses and all(a.startswith(("https://", "http://")) for a in addresses)
    feed = (site / "th" / "feed.xml").read_text(encoding="utf-8")
    assert f'href="{BASE_URL}th/2566/yala-big-data/"' in feed
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{BASE_URL}th/</loc>" in sitemap


def _strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return [value] if isinstance(value, str) else []


@pytest.fixture(scope="module")
def mounted(site: Path):
    """The bundled site (built for BASE_URL) served twice: at its base path, and at
    the root of a server, as a preview is."""
    with served_at(site, "/") as root, served_at(site, BASE_PATH) as based:
        yield {"/": root, BASE_PATH: based}


@pytest.mark.parametrize("mount", MOUNTS)
def test_every_template_is_styled_and_its_links_answer_in_chromium(browser, mounted, mount):
    """In Chromium, each template's page loads every asset it asks for (a failed
    request is a problem), is styled by the site's stylesheet, and every link the
    browser resolves on it answers 200 from the same server."""
    url = mounted[mount]
    answers: dict[str, int] = {}
    problems = []
    for path in TEMPLATE_PAGES:
        if path == "404.html":
            continue
        page = open_page(browser, url + path)
        problems += [f"{path}: {p}" for p in page.problems]
        font = page.evaluate("getComputedStyle(document.body).fontFamily")
        if not font.startswith("Sarabun"):
            problems.append(f"{path}: not styled ({font})")
        hrefs = page.eval_on_selector_all("a[href]", LINKS)
        for href in {h.split("#")[0] for h in hrefs if h.startswith(url)}:
            if href not in answers:
                answers[href] = page.request.get(href).status
            if answers[href] != 200:
                problems.append(f"{path}: {href} answers {answers[href]}")
        page.context.close()
    assert problems == []
    assert len(answers) > 300, "the links of the pages were followed"


@pytest.mark.parametrize("mount", MOUNTS)
def test_explorer_search_reads_its_index_at_either_mount(browser, mounted, mount):
    """The explorer's script fetches the write-ups' index by a URL it is given:
    it must answer wherever the site is served."""
    page = open_page(browser, mounted[mount] + "th/winners/")
    type_query(page, "ผักตบชวา")  # in Rangsit's write-up only: found by the index
    page.wait_for_function("document.querySelectorAll('tr.match-writeup').length === 1")
    assert page.problems == []
    page.context.close()


def test_404_page_works_at_any_depth_under_the_base_path(browser, mounted):
    """GitHub Pages answers a missing URL with 404.html at that URL: its links and
    its stylesheet are root-relative, so they work at any depth."""
    page = open_page(browser, mounted[BASE_PATH] + "th/2566/no-such-winner/deeper/")
    missing = mounted[BASE_PATH] + "th/2566/no-such-winner/deeper/"
    # the page itself, and nothing else (any other missing file adds its own "404 url")
    assert sorted(page.problems) == ["404 " + missing, "Failed to load resource: the server "
                                     "responded with a status of 404 (Not Found)"]
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("Sarabun")
    hrefs = page.eval_on_selector_all("a[href]", LINKS)
    assert urljoin(mounted[BASE_PATH], "th/") in hrefs
    for href in [h for h in hrefs if h.startswith(mounted[BASE_PATH])]:  # not the publisher's
        assert page.request.get(href).status == 200, href
    page.context.close()


def test_404_page_opened_at_the_root_of_a_local_server_links_into_the_site(browser, mounted):
    """Served at the root (no base path), the 404 page's root-relative links would
    miss: its small script moves them to the root, where the site is."""
    page = open_page(browser, mounted["/"] + "404.html")
    hrefs = page.eval_on_selector_all("a[href]", LINKS)
    assert mounted["/"] + "th/" in hrefs
    for href in [h for h in hrefs if h.startswith(mounted["/"])]:  # not the publisher's
        assert page.request.get(href).status == 200, href
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("Sarabun")
    page.context.close()


def test_404_page_offers_search(browser, mounted):
    """A reader who lands on a missing page can search the winners from there."""
    page = open_page(browser, mounted[BASE_PATH] + "th/2566/no-such-winner/")
    page.fill("#q-th", "ขยะ")
    page.press("#q-th", "Enter")
    page.wait_for_url("**/th/winners/?q=*")
    page.wait_for_function("!document.getElementById('explorer').hasAttribute('aria-busy')")
    # the two whose titles name waste, then those whose write-ups do (Rangsit's), as the
    # query set has them
    assert sorted(visible_rows(page)) == in_2566("ขยะ")[1]
    page.context.close()


def test_templates_ask_for_urls_and_never_assemble_them():
    """STYLE.md: a template names what it links to (a page's field, or the url/abs_url
    filter); it never calls the URL module or chooses between its functions."""
    templates = ROOT / "templates"
    calls = [f"{path.relative_to(templates)}:{number}" for path in templates.rglob("*.html")
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if "urls." in line]
    assert calls == []
    renderer = make_renderer(templates, load_content(ROOT / "content"))
    assert "urls" not in renderer.env.globals
