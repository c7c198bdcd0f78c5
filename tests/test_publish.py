"""Publishing on GitHub Pages: the workflow, the Pages files, feeds and canonical URLs."""

from __future__ import annotations

import re
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import yaml
from conftest import BASE_URL, CONTENT, ROOT
from sitecheck import html_files, parse

from generator.build.pipeline import build
from generator.load.catalog import load_content

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def workflow() -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1)
    data = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    data["on"] = data.pop(True)
    return data


def test_workflow_tests_builds_and_deploys_on_push_to_main():
    flow = workflow()
    assert flow["on"]["push"]["branches"] == ["main"]
    build_job, deploy_job = flow["jobs"]["build"], flow["jobs"]["deploy"]
    steps = build_job["steps"]
    uses = [s["uses"].split("@")[0] for s in steps if "uses" in s]
    assert uses == ["actions/checkout", "actions/setup-python", "actions/setup-node",
                    "actions/configure-pages", "actions/cache", "actions/upload-pages-artifact"]
    kept = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    assert kept["with"]["path"].split() == ["~/.cache/dga-awards/store.sqlite*",
                                            "~/.cache/dga-awards/share"], \
        "where cache_folder() looks; no SVG, which could carry script"
    assert steps.index(kept) < next(i for i, s in enumerate(steps) if "build" in s.get("run", ""))
    runs = [s["run"] for s in steps if "run" in s]
    assert "pip install -e '.[test]'" in runs[0] and "npm ci --prefix tests/browser" in runs[0]
    assert runs[1] == "python -m pytest", "tests run before anything is published"
    runs = runs[1:]
    pages_id = next(s["id"] for s in steps if s.get("uses", "").startswith("actions/configure"))
    assert f"--base-url \"${{{{ steps.{pages_id}.outputs.base_url }}}}/\"" in runs[1]
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages"))
    assert upload["with"]["path"] == "output"
    assert upload["with"]["include-hidden-files"] is True, ".nojekyll must reach Pages"
    assert deploy_job["needs"] == "build"
    assert deploy_job["environment"]["name"] == "github-pages"
    assert deploy_job["steps"][0]["uses"].startswith("actions/deploy-pages@")
    versions = {s["uses"].split("@")[0]: s["uses"].split("@")[1]
                for s in steps + deploy_job["steps"] if "uses" in s}
    # the versions that work together: upload-pages-artifact v5 brought include-hidden-files
    assert versions["actions/upload-pages-artifact"] == "v5"
    assert versions["actions/deploy-pages"] == "v5"
    assert versions["actions/configure-pages"] == "v6"


def test_workflow_has_least_privilege_and_time_limits():
    flow = workflow()
    assert flow["permissions"] == {}, "nothing unless a job asks"
    build_job, deploy_job = flow["jobs"]["build"], flow["jobs"]["deploy"]
    assert build_job["permissions"] == {"contents": "read"}
    assert deploy_job["permissions"] == {"pages": "write", "id-token": "write"}
    checkout = build_job["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["persist-credentials"] is False
    assert all(0 < job["timeout-minutes"] <= 60 for job in (build_job, deploy_job))


def test_stored_markdown_is_sanitized_again_when_read(tmp_path, monkeypatch):
    """A store restored from a CI cache that another workflow wrote cannot put a
    script on a page: what it holds goes through the sanitizer each time."""
    from generator.cache import derived
    from generator.cache.derived import Derived
    from generator.cache.store import Store
    from generator.load import markup

    text = "A write-up with **bold** text.\n"
    key = markup.MARKDOWN.key(text)
    poison = b"<p>poisoned<script>alert(1)</script><img src=x onerror=alert(2)></p>"
    store = Store(tmp_path / "store.sqlite")
    store.put_many({key: b"<p>mine</p>"})  # sealed with this machine's secret
    store.close()
    with sqlite3.connect(tmp_path / "store.sqlite") as db:  # as a CI cache from elsewhere
        db.execute("UPDATE entries SET value = ? WHERE key = ?", (b"\0" * 16 + poison, key))
    monkeypatch.setattr(derived, "_memory", {})
    markup.prepare([text], Derived(Store(tmp_path / "store.sqlite")))
    html = markup.to_html(text)
    assert "poisoned" in html, "the stored conversion was used"
    assert "<script" not in html and "onerror" not in html
    # what this machine stored and sealed is trusted as it is
    other = "Another text.\n"
    Store(tmp_path / "store.sqlite").put_many({markup.MARKDOWN.key(other): b"<p>ok</p>"})
    markup.prepare([other], Derived(Store(tmp_path / "store.sqlite")))
    assert markup.to_html(other) == "<p>ok</p>"


def test_readme_commands_use_a_virtual_environment_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8").split("```sh\n", 1)[1]
    install, test = readme.split("\n")[:2]
    for command in (install, test):
        assert command.startswith("python3 -m venv .venv && .venv/bin/python -m pip install")
        assert "python3 -m pip" not in command, "never into the system's Python (PEP 668)"
    assert install.endswith(".venv/bin/awards build")
    assert test.endswith(".venv/bin/python -m pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test in ci, "CI runs the README's test command word for word"


def test_pages_files(site: Path):
    assert (site / ".nojekyll").read_bytes() == b""
    assert not (site / "CNAME").exists(), "no CNAME unless site.yaml asks for one"
    robots = (site / "robots.txt").read_text()
    assert f"Sitemap: {BASE_URL}sitemap.xml" in robots


def test_cname_is_written_when_site_yaml_sets_it(tmp_path, content):
    site_yaml = content / "site.yaml"
    site_yaml.write_text(site_yaml.read_text() + "cname: awards.example.org\n")
    build(content, tmp_path / "out")
    assert (tmp_path / "out" / "CNAME").read_text() == "awards.example.org\n"


def test_sitemap_has_every_page_and_each_page_its_hreflang_alternates(site: Path):
    """The alternates are said once, by the pages (issue 26): search engines read
    them there as in a sitemap."""
    root = ET.parse(site / "sitemap.xml").getroot()
    entries = root.findall(f"{SITEMAP}url")
    locs = [e.find(f"{SITEMAP}loc").text for e in entries]
    # every page but those that ask search engines not to list them (a winner's kit page)
    folders = [p.relative_to(site).parent.as_posix() for p in html_files(site)
               if p.name == "index.html"
               and '<meta name="robots" content="noindex">' not in p.read_text(encoding="utf-8")]
    assert any("/kit/" in p.as_posix() for p in html_files(site))
    assert sorted(locs) == sorted(BASE_URL if f == "." else f"{BASE_URL}{f}/" for f in folders)
    assert not root.findall(f".//{XHTML}link")
    for loc in locs:
        page = parse(site / loc.removeprefix(BASE_URL) / "index.html")
        langs = {e.attrs["hreflang"] for e in page.all("link", rel="alternate")
                 if "hreflang" in e.attrs}
        assert langs == {"th", "en", "x-default"}, loc


def test_every_page_has_a_canonical_to_itself_and_the_lists_link_the_feeds(site: Path):
    """The feed is found where it is subscribed to: the landing and home pages and
    each year's page, whose winners it reports (issue 26: not on 8,000 other pages)."""
    listing = re.compile(r"((th|en)/(\d{4}/)?)?")
    for path in html_files(site):
        if path.name == "404.html":
            continue
        page = parse(path)
        rel = path.relative_to(site).parent.as_posix()
        expected = BASE_URL + ("" if rel == "." else rel + "/")
        assert page.one("link", rel="canonical").attrs["href"] == expected
        feeds = [e.attrs["href"] for e in page.all("link", rel="alternate")
                 if e.attrs.get("type") == "application/atom+xml"]
        lists = listing.fullmatch("" if rel == "." else rel + "/") is not None
        assert bool(feeds) == lists, rel
        assert all(f.startswith(BASE_URL) and f.endswith("/feed.xml") for f in feeds)


def test_atom_feeds_list_the_years_and_the_newest_years_winners(site: Path):
    for lang in ("th", "en"):
        feed = ET.parse(site / lang / "feed.xml").getroot()
        assert feed.find(f"{ATOM}id").text == f"{BASE_URL}{lang}/feed.xml"
        assert feed.find(f"{ATOM}updated").text == "2023-10-10T00:00:00Z"
        entries = feed.findall(f"{ATOM}entry")
        catalog = load_content(CONTENT)
        newest = [w for w in catalog.winners if w.year == 2566]
        assert len(newest) < len(catalog.winners), "the archive holds older years"
        # each year, and the newest year's winners: the feed does not grow with the archive
        assert len(entries) == len(catalog.years) + len(newest)
        links = {e.find(f"{ATOM}link").get("href") for e in entries}
        assert {f"{BASE_URL}{lang}/2566/{w.id}/" for w in newest} <= links
        assert f"{BASE_URL}{lang}/2565/yala-resilience-city/" not in links
        for link in links:
            target = site / link.removeprefix(BASE_URL) / "index.html"
            assert target.is_file(), link


def test_renamed_winner_keeps_its_old_url(tmp_path, content):
    award = content / "awards" / "2566.yaml"
    award.write_text(award.read_text().replace(
        "      - id: bang-sare-b-buddy\n",
        "      - id: bang-sare-buddy\n        aliases: [bang-sare-b-buddy]\n"))
    notes = content / "entries" / "2566"  # a rename takes the winner's files with it
    for old in notes.glob("bang-sare-b-buddy.*"):  # its notes and write-ups
        old.rename(notes / old.name.replace("bang-sare-b-buddy", "bang-sare-buddy"))
    output = tmp_path / "output"
    build(content, output, BASE_URL)
    for lang in ("th", "en"):
        new = f"{BASE_URL}{lang}/2566/bang-sare-buddy/"
        old = parse(output / lang / "2566" / "bang-sare-b-buddy" / "index.html")
        refresh = old.one("meta", **{"http-equiv": "refresh"}).attrs["content"]
        # relative, as every link: a preview served elsewhere stays where it is
        target = refresh.removeprefix("0; url=")
        assert target.startswith("../") and "//" not in target
        assert urljoin(old.url, target) == f"/awards/{lang}/2566/bang-sare-buddy/"
        assert old.one("link", rel="canonical").attrs["href"] == new
        link = next(a for a in old.all("a")
                    if old.link(a) == f"/awards/{lang}/2566/bang-sare-buddy/")
        assert "B-Buddy Bangsaray" in link.text
        assert any(a.attrs["href"] == "https://www.dga.or.th/" for a in old.all("a"))  # publisher
        # follow it: the new page exists and is the permalink
        target = output / new.removeprefix(BASE_URL) / "index.html"
        assert parse(target).one("link", rel="canonical").attrs["href"] == new
    sitemap = (output / "sitemap.xml").read_text()
    assert "bang-sare-b-buddy" not in sitemap and "bang-sare-buddy/" in sitemap
