"""Build behaviour: determinism, unchanged files, base URLs, write-up fallbacks, safety."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import CONTENT, write_site
from helpers import PNG, tree
from sitecheck import broken_links, parse

from generator.build.files import SiteFiles
from generator.build.output import UnsafePath, check_destination
from generator.build.pipeline import build
from generator.emit import structured
from generator.problems import ContentError
from generator.site.graph import Page, SiteGraph
from generator.site.lookup import file_name, find
from generator.site.pages import NotFound


def test_two_builds_are_byte_identical(tmp_path, site):
    """This build, as `awards build` makes it (the write-ups' HTML shelved out of memory),
    and the session's own of the same content (site.yaml's base URL), as serve makes it."""
    build(CONTENT, tmp_path / "again", once=True)
    assert tree(tmp_path / "again") == tree(site)


def test_unchanged_files_are_not_rewritten(tmp_path, content):
    output = tmp_path / "output"
    first = build(content, output)
    assert first.report.written == first.files
    stats = {p: p.stat() for p in output.rglob("*") if p.is_file()}
    path = content / "entries" / "2566" / "yala-big-data.en.md"
    path.write_text(path.read_text().replace("What changed", "How the winners were chosen"))
    second = build(content, output)
    changed = output / "en" / "2566" / "yala-big-data" / "index.html"
    index = output / "data" / "search"  # the explorer's full-text index, in shards
    assert "How the winners were chosen" in changed.read_text()
    docs = json.loads((index / "docs.json").read_text(encoding="utf-8"))
    shard = lambda n: json.loads((index / file_name(n)).read_text(encoding="utf-8"))  # noqa: E731
    assert find(["winners", "were"], docs, shard) == {"2566/yala-big-data"}
    rewritten = {p for p, before in stats.items()
                 if (p.stat().st_ino, p.stat().st_mtime_ns) != (before.st_ino, before.st_mtime_ns)}
    # the page, and the shards of the words the edit brought: nothing else is touched
    shards = rewritten - {changed}
    assert changed in rewritten and shards and all(p.parent == index for p in shards)
    assert second.report.written == len(rewritten) == 1 + len(shards) <= 4
    assert second.report.unchanged == second.files - second.report.written


def test_files_an_earlier_build_wrote_are_removed_when_no_longer_part_of_the_site(
        tmp_path, content):
    output = tmp_path / "output"
    folder = content / "entries" / "2566" / "yala-big-data"
    folder.mkdir()
    (folder / "shot.png").write_bytes(PNG)
    build(content, output)
    assert (output / "en" / "2566" / "yala-big-data" / "shot-400.webp").is_file()
    (folder / "shot.png").unlink()
    result = build(content, output)
    assert result.report.removed == 4  # the WebP and the JPEG, in both languages
    assert not (output / "en" / "2566" / "yala-big-data" / "shot-400.webp").exists()


@pytest.mark.parametrize("base_url", ["https://org.github.io/repo/", "http://localhost:8000/",
                                      "https://awards.example.org/sub/path"])
def test_links_resolve_under_any_base_url(tmp_path, base_url):
    output = tmp_path / "output"
    build(CONTENT, output, base_url)
    base = base_url if base_url.endswith("/") else base_url + "/"
    assert broken_links(output, base) == []
    page = parse(output / "th" / "index.html")
    assert page.one("link", rel="canonical").attrs["href"] == base + "th/"
    not_found = parse(output / "404.html")
    for a in not_found.all("a") + not_found.all("link"):  # or another site's: the publisher's
        assert a.attrs["href"].startswith(("/", "https://")), "404.html: root-relative links"


def test_writeup_in_one_language_shows_a_notice_in_the_other(tmp_path, content):
    (content / "entries" / "2566" / "yala-big-data.en.md").unlink()
    output = tmp_path / "output"
    build(content, output)
    en = parse(output / "en" / "2566" / "yala-big-data" / "index.html")
    notice = en.one("aside", **{"class": "notice"})
    assert "available in Thai only" in notice.text
    link = next(a for a in en.all("a") if a.attrs.get("hreflang") == "th"
                and "yala-big-data" in a.attrs["href"] and "lang-switch" not in a.attrs.get("class", ""))
    assert en.link(link) == "/awards/th/2566/yala-big-data/"
    th = parse(output / "th" / "2566" / "yala-big-data" / "index.html")
    assert th.all("aside", **{"class": "notice"}) == []
    plain = parse(output / "en" / "2566" / "buak-khang-e-service" / "index.html")
    assert "no write-up of this project yet" in plain.one("p", **{"class": "notice"}).text


def test_writeup_assets_are_published_beside_the_page(tmp_path, content):
    folder = content / "entries" / "2566" / "yala-big-data"
    folder.mkdir()
    (folder / "screenshot.png").write_bytes(PNG)
    path = content / "entries" / "2566" / "yala-big-data.en.md"
    path.write_text(path.read_text().replace("---\n## The", "image: screenshot.png\n---\n"
                                             "![Dashboard](screenshot.png)\n\n## The", 1))
    output = tmp_path / "output"
    build(content, output)
    for lang in ("th", "en"):  # re-encoded at its own width (400 px), as WebP and JPEG
        for kind in ("webp", "jpg"):
            assert (output / lang / "2566" / "yala-big-data" / f"screenshot-400.{kind}").is_file()
        assert not (output / lang / "2566" / "yala-big-data" / "screenshot.png").exists()
    page = parse(output / "en" / "2566" / "yala-big-data" / "index.html")
    assert page.one("img", alt="Dashboard").attrs["src"] == "screenshot-400.jpg"


def publish_originals(content: Path) -> None:
    """Photos published as sent too: under their own names, they may collide."""
    with (content / "site.yaml").open("a", encoding="utf-8") as handle:
        handle.write("originals: true\n")


def test_asset_that_would_overwrite_a_generated_file_is_rejected(tmp_path, content, awards):
    folder = content / "entries" / "2566" / "yala-big-data"
    folder.mkdir()
    (folder / "share.png").write_bytes(PNG)
    publish_originals(content)
    run = awards("build", "--content", str(content), "--output", str(tmp_path / "output"))
    assert run.code == 1
    assert "would overwrite th/2566/yala-big-data/share.png" in run.err


def test_asset_folder_in_place_of_a_generated_file_is_rejected(tmp_path, content, awards):
    folder = content / "entries" / "2566" / "yala-big-data" / "share.png"
    folder.mkdir(parents=True)
    (folder / "x.png").write_bytes(PNG)
    publish_originals(content)
    output = tmp_path / "output"
    run = awards("build", "--content", str(content), "--output", str(output))
    assert run.code == 1, run.err
    assert ("entries/2566/yala-big-data/share.png/x.png: th/2566/yala-big-data/share.png/x.png "
            "needs th/2566/yala-big-data/share.png as a folder, but it is a file (written for "
            "share image, badge or QR code)") in run.err
    assert "Traceback" not in run.err and not output.exists()


def test_markdown_cannot_inject_script(tmp_path, content):
    path = content / "entries" / "2566" / "bang-sare-b-buddy.en.md"
    path.write_text('Hi <script>alert(1)</script><img src=x onerror="alert(2)">'
                    '[x](javascript:alert(3)) <iframe src="https://evil"></iframe>\n')
    edit = content / "awards" / "2566.yaml"
    edit.write_text(edit.read_text().replace("en: B-Buddy Bangsaray",
                                             'en: "<script>alert(4)</script>"'))
    output = tmp_path / "output"
    build(content, output)
    html = (output / "en" / "2566" / "bang-sare-b-buddy" / "index.html").read_text()
    page = parse(output / "en" / "2566" / "bang-sare-b-buddy" / "index.html")
    scripts = page.all("script")
    # the site's language script, no other; its kit page's copy buttons have their own
    assert [(s.attrs.get("type"), s.attrs.get("src")) for s in scripts] == [
        (None, "../../../static/language.js")]
    kit = parse(output / "en" / "2566" / "bang-sare-b-buddy" / "kit" / "index.html")
    assert [(s.attrs.get("type"), s.attrs.get("src")) for s in kit.all("script")] == [
        (None, "../../../../static/language.js"), (None, "../../../../static/share.js")]
    assert all(s.text == "" for s in scripts + kit.all("script"))
    assert page.all("iframe") == []
    assert "onerror" not in html and "javascript:" not in html
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in html
    # structured data is written so that no text can close its <script> or open a comment
    text = structured.dumps({"name": "<script>alert(4)</script><!-- & -->"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"] == "<script>alert(4)</script><!-- & -->"


@pytest.mark.parametrize("rel", ["../escape.html", "/etc/passwd", "a/../../b", "", "a//b",
                                 "a\\..\\b"])
def test_unsafe_destinations_are_refused(rel):
    with pytest.raises(UnsafePath):
        check_destination(rel)


def test_failed_write_leaves_output_untouched(tmp_path):
    output = tmp_path / "output"
    write_site({"index.html": b"old"}, output)
    with pytest.raises(UnsafePath):
        write_site({"index.html": b"new", "../evil": b"x"}, output)
    assert (output / "index.html").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_template_error_is_reported_with_file_and_line(tmp_path, awards):
    templates = tmp_path / "templates"
    shutil.copytree(Path(__file__).parent.parent / "templates", templates)
    year = templates / "year.html"
    year.write_text(year.read_text().replace("{{ year.name|loc }}</h1>", "{{ year.nmae|loc }}</h1>"))
    from generator.problems import ContentError
    with pytest.raises(ContentError) as error:
        build(CONTENT, tmp_path / "output", templates=templates)
    message = str(error.value.problems[0])
    assert "year.html:" in message and "nmae" in message
    assert not (tmp_path / "output").exists()


def test_incremental_render_matches_a_clean_build(tmp_path, content):
    from generator.cache.pages import RenderCache

    cache = RenderCache()
    output = tmp_path / "output"
    first = build(content, output, cache=cache)
    assert first.rendered == first.pages
    path = content / "entries" / "2566" / "yala-big-data.en.md"
    path.write_text(path.read_text().replace("What changed", "What the panel saw"))
    second = build(content, output, cache=cache)
    assert second.rendered == 1, "only the edited write-up's page is rendered again"
    award = content / "awards" / "2566.yaml"
    award.write_text(award.read_text().replace("en: Yala City Municipality",
                                               "en: Yala City Municipality (Thesaban Nakhon)"))
    third = build(content, output, cache=cache)
    assert 1 < third.rendered < third.pages
    build(content, tmp_path / "clean")
    assert tree(output) == tree(tmp_path / "clean")


def test_a_file_that_clashes_with_a_page_names_the_page():
    """A page's owner is spelled only when a problem names it (build/files.py)."""
    graph = SiteGraph([Page("th/about/", "th", NotFound())], [])
    files = SiteFiles.of(graph, ["th/about/badge.svg"], "share image, badge or QR code")
    with pytest.raises(ContentError) as raised:
        files.plus([("th/about/index.html", b"", "entries/x.png"),
                    ("th/about/badge.svg/x.png", b"", "entries/y.png"),
                    ("th", b"", "entries/z.png")])
    assert [(p.path, p.message) for p in raised.value.problems] == [
        ("entries/x.png", "would overwrite th/about/index.html (already written for page "
                          "/th/about/)"),
        ("entries/y.png", "th/about/badge.svg/x.png needs th/about/badge.svg as a folder, but "
                          "it is a file (written for share image, badge or QR code)"),
        ("entries/z.png", "th is needed as a file, but is the folder of th/about/index.html "
                          "(written for page /th/about/)")]
