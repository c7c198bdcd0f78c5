"""Content integrity and hostile files (issue 12): every odd or hostile input ends in
`path:line: message`, never in a traceback, a hang, a silent gap or a published file
that was not checked."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from helpers import AWARD, PNG, edit, image_bytes, line_of, posix_only, rejected, snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitecheck import parse

from generator.load import layout, markup
from generator.load.catalog import load_content
from generator.problems import ContentError

YALA = "content/entries/2566/yala-big-data"
YALA_EN = f"{YALA}.en.md"
IMAGES = {
    "shot.png": PNG,
    "photo.jpg": image_bytes("JPEG"),
    "scan.jpeg": image_bytes("JPEG"),
    "anim.gif": image_bytes("GIF", 8, 8),
    "pic.webp": image_bytes("WEBP"),
    "art.avif": image_bytes("AVIF"),
}


@pytest.fixture
def site(built_here: Path) -> Path:
    """A good build in tmp_path/output, and a way to edit content and rebuild."""
    return built_here


def check(awards) -> list[str]:
    run = awards("check", "--content", "content")
    assert "Traceback" not in run.err
    return run.problems if run.code else []


# -- award files ----------------------------------------------------------------------

@pytest.mark.parametrize("text", ["", "# only a comment\n", "~\n", "null\n", "---\n"])
def test_an_empty_award_file_is_an_error_not_a_missing_year(site, awards, text):
    (site / AWARD).write_text(text, encoding="utf-8")
    assert rejected(awards, site) == [
        f"{AWARD}:1: the file is empty: an award year needs 'year', 'name', 'announced' and "
        "'tiers' (copy another year's file and edit it (year: 2566))"]


def test_only_ascii_digits_name_a_year(site, awards):
    (site / AWARD).rename(site / "content/awards/๒๕๖๖.yaml")
    problems = rejected(awards, site)
    assert problems[0] == ("content/awards/๒๕๖๖.yaml: award file '๒๕๖๖.yaml' is not named "
                           "<BE>.yaml (write the year in ASCII digits: 2566.yaml)")


def test_ids_and_slugs_have_a_sensible_length(site, awards):
    line = line_of(site / AWARD, "- id: yala-big-data")
    edit(site / AWARD, "- id: yala-big-data", "- id: " + "y" * 81)
    problems = rejected(awards, site)
    assert f"{AWARD}:{line}: tier 'excellence' winner: 'id' is 81 characters long; the most " \
           "is 80" in problems


# -- one definition of a content file ------------------------------------------------

DROPPINGS = ["awards/2566.yaml~", "awards/#2566.yaml#", "awards/.2566.yaml.swp",
             "awards/2566.yaml.bak", ".DS_Store", "entries/Thumbs.db", "entries/2566/.hidden.md",
             "entries/2566/~$notes.docx", "entries/2566/yala-big-data.th.md.orig",
             ".git/config"]


def test_editor_droppings_are_ignored_by_check_build_and_serve(site, awards):
    from generator.serve.watcher import _wanted

    for rel in DROPPINGS:
        path = site / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"\xff\xfe not even text [[[")
    assert check(awards) == []
    assert awards("build", "--content", "content", "--output", "output").code == 0
    root = str((site / "content").absolute())
    for rel in DROPPINGS:
        assert layout.ignored_path(rel), rel
        assert not _wanted(os.path.join(root, *rel.split("/")), [root]), rel
    assert _wanted(os.path.join(root, "awards", "2566.yaml"), [root])


def test_a_file_name_in_nfd_matches_a_reference_in_nfc(site, awards):
    name = "café-ภาพหน้าจอ.png"  # é decomposes in NFD (Thai letters have no decomposition)
    folder = site / YALA
    folder.mkdir()
    (folder / unicodedata.normalize("NFD", name)).write_bytes(PNG)
    assert unicodedata.normalize("NFD", name) != name
    path = site / YALA_EN
    path.write_text(path.read_text().replace("---\n## ", f"image: {name}\n---\n![Screen]({name})"
                                                          "\n\n## ", 1), encoding="utf-8")
    assert awards("build", "--content", "content", "--output", "output").code == 0
    published = site / "output" / "en" / "2566" / "yala-big-data" / "café-ภาพหน้าจอ-400.webp"
    assert published.is_file()
    page = parse(site / "output" / "en" / "2566" / "yala-big-data" / "index.html")
    assert page.one("img", alt="Screen").attrs["src"] == "café-ภาพหน้าจอ-400.jpg"


# -- hostile files ---------------------------------------------------------------------

def run_cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """The real command line, in its own process: a hang shows as a timeout."""
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)


@posix_only
def test_links_fifos_and_devices_are_reported_never_opened(site, tmp_path):
    entries = site / "content" / "entries" / "2566"
    (entries / "zero.th.md").symlink_to("/dev/zero")
    (entries / "usr").symlink_to("/usr")
    os.mkfifo(entries / "pipe.th.md")
    (entries / "gone.th.md").symlink_to(entries / "nowhere.md")
    (entries / "loop.th.md").symlink_to(entries / "loop.th.md")
    expected = [
        f"{YALA.rsplit('/', 1)[0]}/gone.th.md: symbolic link points to nothing "
        f"(to {entries / 'nowhere.md'})",
        f"{YALA.rsplit('/', 1)[0]}/loop.th.md: symbolic link loops back on itself",
        f"{YALA.rsplit('/', 1)[0]}/pipe.th.md: not a regular file (a FIFO) "
        "(content holds only ordinary files and folders)",
        f"{YALA.rsplit('/', 1)[0]}/usr: symbolic link points outside the content folder "
        "(to /usr)",
        f"{YALA.rsplit('/', 1)[0]}/zero.th.md: symbolic link points outside the content "
        "folder (to /dev/zero)",
    ]
    for command in (["check", "--content", "content"],
                    ["build", "--content", "content", "--output", "output"]):
        before = snapshot(site / "output")
        done = run_cli(tmp_path, *command)  # the up-to-date check reads the content first
        assert done.returncode == 1, done.stderr
        assert done.stderr.splitlines()[:-1] == expected
        assert snapshot(site / "output") == before


@posix_only
def test_a_link_inside_the_content_folder_is_followed(site, awards):
    shared = site / "content" / "shared.png"
    shared.write_bytes(PNG)
    (site / YALA).mkdir()
    (site / YALA / "shot.png").symlink_to(shared)
    assert awards("build", "--content", "content", "--output", "output").code == 0
    assert (site / "output" / "th" / "2566" / "yala-big-data" / "shot-400.webp").is_file()


@pytest.mark.parametrize(("name", "data", "message"), [
    ("page.html", b"<script>alert(1)</script>",
     "'page.html' is not an image; a write-up's folder holds only PNG, JPEG, WebP, GIF or "
     "AVIF images"),
    ("shot.png", b"<html><script>alert(1)</script></html>",
     "'shot.png' is named as a PNG image but its content is not an image"),
    ("photo.png", IMAGES["photo.jpg"],
     "'photo.png' is named as a PNG image but its content is a JPEG image (save it again in "
     "the format its name says)"),
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
     "SVG images are not published: they can carry scripts (save it as PNG or WebP)"),
    ("notes", b"plain", "'notes' is not an image; a write-up's folder holds only PNG, JPEG, "
                        "WebP, GIF or AVIF images"),
])
def test_only_images_whose_bytes_match_their_name_are_published(site, awards, name, data,
                                                                message):
    (site / YALA).mkdir()
    (site / YALA / name).write_bytes(data)
    assert rejected(awards, site) == [f"{YALA}/{name}: {message}"]


def test_every_image_format_is_published(site, awards):
    (site / YALA).mkdir()
    for name, data in IMAGES.items():
        (site / YALA / name.upper() if name == "shot.png" else site / YALA / name).write_bytes(
            data)
    assert awards("build", "--content", "content", "--output", "output").code == 0
    published = {p.name for p in (site / "output/en/2566/yala-big-data").iterdir()}
    # photos re-encoded at their width (400 px here), as WebP and JPEG; a GIF as it is
    assert {f"{stem}-400.{kind}" for stem in ("SHOT", "photo", "scan", "pic", "art")
            for kind in ("webp", "jpg")} | {"anim.gif"} <= published
    assert not {"SHOT.PNG", "photo.jpg", "pic.webp"} & published


def test_an_image_from_another_site_is_rejected(site, awards):
    path = site / YALA_EN
    edit(path, "## What changed", "![Tracker](https://tracker.example/pixel.png)\n\n"
                                   "## What changed")
    line = line_of(path, "![Tracker]")
    assert rejected(awards, site) == [
        f"{YALA_EN}:{line}: image 'https://tracker.example/pixel.png' is on another site "
        f"(every image is served from the site itself: put it in {YALA}/ and write its file "
        "name)"]
    edit(path, "https://tracker.example/pixel.png", "//tracker.example/pixel.png")
    assert rejected(awards, site)[0].endswith(
        "image '//tracker.example/pixel.png' is on another site (every image is served from "
        f"the site itself: put it in {YALA}/ and write its file name)")


def test_a_control_character_in_a_writeup_is_reported_with_its_line(site, awards):
    path = site / YALA_EN
    edit(path, "What changed", "What\x02 changed")
    line = line_of(path, "What\x02 changed")
    assert rejected(awards, site) == [
        f"{YALA_EN}:{line}: control character U+0002 is not allowed (delete it: it was "
        "probably pasted by accident)"]


def test_a_writeup_cannot_stall_the_build(site, awards, monkeypatch):
    path = site / YALA_EN
    monkeypatch.setattr(markup, "BUDGET_SECONDS", 0.5)  # the same rule, sooner
    # each abbreviation is looked for once per definition: ten seconds without the budget
    path.write_text("*[a]: b\n" * 6000 + "a", encoding="utf-8")
    assert rejected(awards, site) == [
        f"{YALA_EN}: Markdown conversion gave up after 0.5 s; the text has a pattern that is "
        "very slow to convert (thousands of abbreviations, say) (simplify the text)"]
    path.write_text("word " * 30_000, encoding="utf-8")
    assert rejected(awards, site) == [
        f"{YALA_EN}: file is 146 KB; the limit is 100 KB (split it or shorten it)"]


# Python-Markdown recurses once for each block of HTML that holds Markdown
DEEP = '<div markdown="1">\n' * 1500 + "a" + "\n</div>" * 1500


def test_text_nested_too_deeply_is_a_problem_not_a_crash(site, awards, monkeypatch):
    monkeypatch.setattr(markup, "BUDGET_SECONDS", 60)  # whatever this machine's speed
    (site / YALA_EN).write_text(DEEP, encoding="utf-8")
    assert rejected(awards, site) == [
        f"{YALA_EN}: the text is nested too deeply (lists, quotes or HTML blocks inside each "
        "other) (simplify the text)"]
    (site / YALA_EN).write_text("Fine.\n", encoding="utf-8")
    award = site / AWARD  # the year's summary is Markdown too
    text = award.read_text(encoding="utf-8")
    start, end = text.index("about:"), text.index("\nsources:") + 1
    award.write_text(text[:start] + "about:\n  th: |\n" + "".join(
        "    " + line + "\n" for line in DEEP.splitlines()) + "  en: Fine.\n" + text[end:],
        encoding="utf-8")
    line = line_of(award, "about:")
    assert rejected(awards, site) == [
        f"{AWARD}:{line}: 'about' (th): the text is nested too deeply (lists, quotes or HTML "
        "blocks inside each other) (simplify the text)"]
    # and the converter recovered: the next text's inline HTML is kept, not escaped
    assert "<em>kept</em>" in markup.to_html("after a failure, <em>kept</em> as it was")


def test_names_that_cannot_be_files_or_urls_are_problems_not_tracebacks(site, awards):
    (site / YALA).mkdir()
    (site / YALA / "a\\b.png").write_bytes(PNG)
    (site / YALA / "why?.png").write_bytes(PNG)
    bad = os.path.join(os.fsencode(site / YALA), b"caf\xe9.png")
    with open(bad, "wb") as file:
        file.write(PNG)
    problems = rejected(awards, site)
    assert problems == [
        f"{YALA}/a\\b.png: file name contains a backslash, which URLs or Windows cannot carry; "
        "rename it",
        f"{YALA}/caf\ufffd.png: file name is not UTF-8; rename it",
        f"{YALA}/why?.png: file name contains '?', which URLs or Windows cannot carry; "
        "rename it",
    ]


# -- open data -------------------------------------------------------------------------

def test_csv_cells_are_safe_in_a_spreadsheet_and_json_keeps_the_text(site, awards):
    award = site / AWARD
    edit(award, "en: Big Data to Improve Service Quality",
         'en: "=HYPERLINK(\\"https://evil.example\\",\\"click\\")"')
    edit(award, "en: Yala City Municipality", "en: \"@SUM(1+1)\"")
    edit(award, "en: Bang Sare Subdistrict Municipality", "en: \"-2+3\"")
    assert awards("build", "--content", "content", "--output", "output").code == 0
    text = (site / "output" / "data" / "winners.csv").read_bytes().decode("utf-8-sig")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows["yala-big-data"]["project_en"] == \
        "'=HYPERLINK(\"https://evil.example\",\"click\")"
    assert rows["yala-big-data"]["lao_en"] == "'@SUM(1+1)"
    assert rows["bang-sare-b-buddy"]["lao_en"] == "'-2+3"
    assert rows["yala-big-data"]["year"] == "2566", "numbers stay numbers"
    data = json.loads((site / "output" / "data" / "winners.json").read_text(encoding="utf-8"))
    yala = next(w for w in data["winners"] if w["id"] == "yala-big-data")
    assert yala["project"]["en"] == '=HYPERLINK("https://evil.example","click")'
    for lang, words in (("en", "could run as a formula"), ("th", "อาจตีความเป็นสูตร")):
        page = (site / "output" / lang / "data" / "index.html").read_text(encoding="utf-8")
        assert words in re.sub(r"<[^>]+>", "", page)  # Thai is set word by word


# -- fuzzing the file system -----------------------------------------------------------

names = st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\0" not in b
                                                  and b not in (b".", b".."))


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", 60)), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["awards", "entries", "entries/2566",
                                           "entries/2566/yala-big-data", ""]), names,
                          st.binary(max_size=64)), max_size=4))
def test_any_file_names_and_bytes_load_cleanly(tmp_path_factory, content_template, files):
    root = tmp_path_factory.mktemp("fuzz") / "content"
    import shutil

    shutil.copytree(content_template, root)
    for folder, name, data in files:
        target = os.path.join(os.fsencode(root / folder), name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if not os.path.isdir(target):
            with open(target, "wb") as file:
                file.write(data)
    try:
        load_content(root)
    except ContentError as error:
        for problem in error.problems:
            assert problem.path.startswith(str(root)) and problem.message
            str(problem).encode("utf-8")  # printable, whatever the file's name


@pytest.fixture(scope="module")
def content_template(tmp_path_factory) -> Path:
    from conftest import CONTENT

    return CONTENT


def test_the_bundled_content_builds_unchanged(tmp_path, bundled_build):
    """The new rules reject nothing in the real content."""
    output, result = bundled_build
    assert result.pages == len(list(output.rglob("*.html"))) > 264
