"""An archive of incomplete editions (issue 28): a year that lists fewer winners than
were announced, winners whose tier no source states, a source's accessed date, and
the editors' source notes, which are checked and never published.

The mechanism is tested on a synthetic year (tests/fixtures/partial), added to a copy
of the bundled content."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from frictionless import validate
from helpers import edit, line_of, rejected
from sitecheck import parse

from generator.load.catalog import load_content

FIXTURE = ROOT / "tests" / "fixtures" / "partial"
ANNOUNCED_EN = "6 winners were announced; the sources we found name 3."
ANNOUNCED_TH = "ประกาศผลไว้ 6 รางวัล แหล่งข้อมูลที่เราพบระบุชื่อผู้ได้รับรางวัล 3 รางวัล"
NOTE_MARKS = ("NOTE-FACT-YEAR", "NOTE-FACT-WINNER")


def add_partial_year(content: Path) -> None:
    shutil.copy(FIXTURE / "2560.yaml", content / "awards" / "2560.yaml")
    notes = content / "entries" / "2560"
    notes.mkdir(parents=True)
    for name in ("_year.notes.yaml", "umong-early-app.notes.yaml"):
        shutil.copy(FIXTURE / name, notes / name)


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """The bundled content with the partial year, built."""
    from conftest import BASE_URL, CONTENT

    from generator.build.pipeline import build
    root = tmp_path_factory.mktemp("archive")
    shutil.copytree(CONTENT, root / "content")
    add_partial_year(root / "content")
    build(root / "content", root / "output", BASE_URL)
    return root / "output"


def text_of(path: Path) -> str:
    return " ".join(parse(path).one("main").text.split())


def test_the_year_page_says_how_many_winners_were_announced_and_how_many_are_known(archive):
    assert ANNOUNCED_EN in text_of(archive / "en" / "2560" / "index.html")
    assert ANNOUNCED_TH in text_of(archive / "th" / "2560" / "index.html")
    # a complete year says nothing of the kind
    assert "were announced" not in text_of(archive / "en" / "2566" / "index.html")


def test_the_coverage_note_on_home_and_stats_names_the_incomplete_year(archive):
    for page in ("en/index.html", "en/stats/index.html"):
        coverage = parse(archive / page).one("p", **{"class": "coverage"})
        assert ANNOUNCED_EN in " ".join(coverage.text.split())
        html = (archive / page).read_text(encoding="utf-8")
        note = html[html.index('<p class="coverage">'):]
        assert re.search(r'href="[^"]*2560/">2017</a>: 6 winners', note[:note.index("</p>")])
    coverage = parse(archive / "th/stats/index.html").one("p", **{"class": "coverage"})
    assert ANNOUNCED_TH in " ".join(coverage.text.split())


def test_untiered_winners_are_grouped_under_a_heading_that_says_the_tier_is_not_stated(archive):
    page = parse(archive / "en" / "2560" / "index.html")
    section = page.one("section", **{"aria-labelledby": "untiered"})
    assert "Winners whose tier is not stated" in section.text
    assert "Umong Subdistrict Municipality" in section.text
    assert "Yala" not in section.text  # its tier is stated
    excellence = page.one("section", **{"aria-labelledby": "tier-excellence"})
    assert "Yala City Municipality" in excellence.text and "Umong" not in excellence.text


def test_a_winner_without_a_tier_has_no_tier_anywhere_on_its_page(archive):
    for lang, unstated in (("en", "not stated in the sources we found"),
                           ("th", "แหล่งข้อมูลที่เราพบไม่ได้ระบุ")):
        path = archive / lang / "2560" / "umong-early-app" / "index.html"
        page = parse(path)
        facts = page.one("dl", **{"class": "facts"}).text
        assert unstated in facts
        assert not [name for name in ("Excellence", "Outstanding", "ยอดเยี่ยม", "ดีเด่น")
                    if name in facts or name in page.one("title").text]
        assert not [p for p in page.all("p") if "tier-badge" in p.attrs.get("class", "")]
        # its LAO's page lists the award as one whose tier is not stated
        lao = parse(archive / lang / "laos" / "umong-subdistrict-municipality" / "index.html")
        assert len([li for li in lao.all("li") if li.attrs.get("class") == "card tier-none"]) == 1
        assert [s for s in lao.all("span") if s.attrs.get("class") == "tier-label muted"]
    badge = (archive / "en" / "2560" / "umong-early-app" / "badge.svg").read_text()
    assert "Award winner" in badge and "Excellence" not in badge
    assert (archive / "en" / "2560" / "umong-early-app" / "share.png").stat().st_size > 0


def tier_section(year: Path, tier: str) -> str:
    """The text of a year page's list of one tier."""
    html = year.read_text(encoding="utf-8")
    start = html.index(f'id="tier-{tier}"')
    return " ".join(re.sub(r"<[^>]+>", " ", html[start:html.index("</section>", start)]).split())


def test_tier_pages_do_not_list_untiered_winners_and_lao_pages_show_every_award(archive):
    # a tier's winners: the newest year's on its page, each earlier year's on the
    # year's page, where the tier page links them (issue 26)
    page = archive / "en" / "tiers" / "excellence" / "index.html"
    years = [re.search(r"/(\d{4})/#", parse(page).link(a)).group(1) for a in parse(page).all("a")
             if a.attrs["href"].endswith("#tier-excellence")]
    tier = " ".join([text_of(page)] + [tier_section(archive / "en" / be / "index.html", "excellence")
                                       for be in years])
    assert "Test Data System" in tier and "Umong Test App" not in tier
    yala = text_of(archive / "en" / "laos" / "yala-city-municipality" / "index.html")
    assert "Test Data System" in yala and "Big Data" in yala
    umong = text_of(archive / "en" / "laos" / "umong-subdistrict-municipality" / "index.html")
    assert "Umong Test App" in umong and "Tier not stated" in umong
    province = text_of(archive / "en" / "provinces" / "nakhon-si-thammarat" / "index.html")
    assert "Tha Sala Test" in province and "Project not named" in province


def test_a_winner_whose_project_no_source_names_says_so(archive):
    for lang, unnamed in (("en", "The sources we found do not name the project."),
                          ("th", "แหล่งข้อมูลที่เราพบไม่ได้ระบุชื่อผลงาน")):
        page = text_of(archive / lang / "2560" / "tha-sala-portal" / "index.html")
        assert unnamed in page
    badge = (archive / "en" / "2560" / "tha-sala-portal" / "badge.svg").read_text()
    assert "Tha Sala Test" in badge and "Project not named" not in badge
    winners = json.loads((archive / "data" / "winners.json").read_text())["winners"]
    [tha_sala] = [w for w in winners if w["id"] == "tha-sala-portal"]
    assert tha_sala["project"] is None
    text = (archive / "data" / "winners.csv").read_text(encoding="utf-8-sig")
    [row] = [r for r in csv.DictReader(io.StringIO(text)) if r["id"] == "tha-sala-portal"]
    assert (row["project_th"], row["project_en"]) == ("", "")


def test_the_explorer_filters_and_finds_winners_without_a_tier(archive):
    page = parse(archive / "en" / "winners" / "index.html")
    rows = [r for r in page.all("tr") if r.attrs.get("data-key", "").startswith("2560/")]
    tiers = {r.attrs["data-key"]: r.attrs["data-tier"] for r in rows}
    assert tiers == {"2560/yala-early-data": "excellence", "2560/umong-early-app": "unstated",
                     "2560/tha-sala-portal": "unstated"}
    html = (archive / "en" / "winners" / "index.html").read_text(encoding="utf-8")
    select = re.search(r'<select[^>]*name="tier".*?</select>', html, re.DOTALL)[0]
    assert re.findall(r'<option value="([^"]*)"', select)[-1] == "unstated"
    words = json.loads(page.one("script", id="facet-words").text)
    assert "stated" in words["tier"]["unstated"]


def test_the_open_data_gives_no_tier_and_says_how_complete_each_year_is(archive):
    winners = json.loads((archive / "data" / "winners.json").read_text())["winners"]
    mine = {w["id"]: w for w in winners if w["year"] == 2560}
    assert mine["umong-early-app"]["tier"] is None
    assert mine["yala-early-data"]["tier"]["id"] == "excellence"
    assert {w["year_winners_announced"] for w in mine.values()} == {6}
    assert {w["year_winners_listed"] for w in mine.values()} == {3}
    # 2566 states its total and lists every winner; no source states 2565's
    assert {(w["year_winners_announced"], w["year_winners_listed"])
            for w in winners if w["year"] == 2566} == {(20, 20)}
    assert {w["year_winners_announced"] for w in winners if w["year"] == 2565} == {None}
    # untiered winners come after the tiers of their year
    order = [w["id"] for w in winners if w["year"] == 2560]
    assert order[0] == "yala-early-data"
    source = mine["umong-early-app"]["sources"][0]
    assert source["accessed"] == "2026-12-06" and source["date"] == "2017-12-20"
    text = (archive / "data" / "winners.csv").read_text(encoding="utf-8-sig")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(text))}
    umong = rows["umong-early-app"]
    assert [umong[c] for c in ("tier_id", "tier_rank", "tier_th", "tier_en")] == [""] * 4
    assert umong["year_winners_announced"] == "6" and umong["year_winners_listed"] == "3"
    assert rows["yala-big-data"]["year_winners_announced"] == "20"
    assert {r["year_winners_announced"] for r in rows.values() if r["year"] == "2565"} == {""}
    report = validate(archive / "data" / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])


def test_a_source_shows_when_we_read_it(archive):
    page = parse(archive / "en" / "2560" / "index.html")
    sources = page.one("section", **{"class": "sources-section"})
    assert "(accessed 6 December 2026)" in " ".join(sources.text.split())
    assert "2026-12-06" in [t.attrs.get("datetime") for t in page.all("time")]


def test_notes_are_checked_and_never_published(archive, tmp_path):
    assert not list(archive.rglob("*.notes.yaml"))
    for path in archive.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml", ".txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not any(mark in text for mark in NOTE_MARKS), path
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    add_partial_year(content)
    catalog = load_content(content)
    found = {(n.year, n.winner_id): n for n in catalog.notes}
    umong = found[2560, "umong-early-app"].sources[0]
    assert umong.url == "https://www.example.org/umong" and umong.published is None
    assert found[2560, None].sources[0].facts[1] == "the ceremony was on 27 December 2017"


def test_notes_of_no_winner_or_of_the_wrong_shape_are_rejected_with_their_line(
        content, awards, tmp_path):
    add_partial_year(content)
    assert awards("build", "--content", "content", "--output", "output").code == 0
    folder = content / "entries" / "2560"
    (folder / "nobody.notes.yaml").write_text(
        "sources:\n  - {url: https://example.org, title: t, accessed: 2026-12-06, facts: [a]}\n",
        encoding="utf-8")
    notes = folder / "umong-early-app.notes.yaml"
    edit(notes, "    accessed: 2026-12-06\n", "")
    (folder / "_year.notes.yaml").write_text(
        "sources:\n  - url: ftp://example.org\n    title: t\n    accessed: 2026-12-06\n"
        "    facts: []\n    quote: copied text\n", encoding="utf-8")
    problems = rejected(awards, tmp_path)
    where = "content/entries/2560/"
    assert f"{where}nobody.notes.yaml: no winner of 2560 has the id 'nobody'" in problems
    assert (f"{where}umong-early-app.notes.yaml:2: source 1: missing required field "
            "'accessed'") in problems
    year = [p for p in problems if p.startswith(f"{where}_year.notes.yaml")]
    assert any(":2: source 1: 'url' must be an http" in p for p in year), year
    assert any(":5: source 1: 'facts' is an empty list" in p for p in year), year
    assert any(":6: source 1: unknown field 'quote'" in p for p in year), year


def test_what_the_year_file_gets_wrong_about_completeness_and_tiers_is_rejected(
        content, awards, tmp_path):
    add_partial_year(content)
    award = content / "awards" / "2560.yaml"
    edit(award, "winners_announced: 6", "winners_announced: 2")
    edit(award, "    accessed: 2026-12-06", "    accessed: 2016-01-01")
    edit(award, "  - id: excellence\n    name: {th: ยอดเยี่ยม, en: Excellence}",
         "  - id: unstated\n    name: {th: ยอดเยี่ยม, en: Excellence}")
    problems = rejected(awards, tmp_path)
    where = "content/awards/2560.yaml"
    assert (f"{where}:{line_of(award, 'winners_announced')}: 2 winners announced, but the "
            "year lists 3 (count again, or leave 'winners_announced' out)") in problems
    assert any(p.startswith(f"{where}:{line_of(award, 'accessed:')}: source 1: read on "
                            "2016-01-01") for p in problems), problems
    assert any(p.startswith(f"{where}:{line_of(award, 'id: unstated')}: tier id 'unstated' "
                            "is reserved") for p in problems), problems


def test_a_year_of_untiered_winners_only_needs_no_tiers(content, awards):
    add_partial_year(content)
    award = content / "awards" / "2560.yaml"
    text = award.read_text(encoding="utf-8")
    start, end = text.index("tiers:\n"), text.index("untiered:\n")
    award.write_text(text[:start] + text[end:], encoding="utf-8")
    assert awards("check", "--content", "content").code == 0
    text = award.read_text(encoding="utf-8")
    award.write_text(text[:text.index("untiered:\n")], encoding="utf-8")
    run = awards("check", "--content", "content")
    assert run.code == 1
    assert any("missing required field 'tiers' ('untiered' would do instead)" in p
               for p in run.problems), run.problems


def test_a_province_without_winners_names_the_years_whose_winners_are_not_all_known(archive):
    notice = parse(archive / "en" / "provinces" / "krabi" / "index.html").one(
        "p", **{"class": "notice"}).text
    # "lists", not "holds": a year whose total no source states may have winners unnamed here
    assert notice.startswith("None of the winners this archive lists (")
    assert "Not every winner of" in notice and "2017" in notice
    region = parse(archive / "th" / "regions" / "west" / "index.html").one(
        "p", **{"class": "notice"}).text
    assert "ไม่ครบทุกราย" in region and "2560" in region


def test_a_year_whose_tiers_are_not_all_known_does_not_make_a_tier_look_new(content, awards):
    """2566's 'outstanding' is in no other year, but no other year states every tier."""
    for earlier in ("2564", "2565"):
        (content / "awards" / f"{earlier}.yaml").unlink()
        shutil.rmtree(content / "entries" / earlier)
    add_partial_year(content)
    run = awards("check", "--content", "content")
    assert run.code == 0 and "used in no other year" not in run.err, run.err
    # once the year's winners are all known with their tiers, it tells
    award = content / "awards" / "2560.yaml"
    text = award.read_text(encoding="utf-8")
    award.write_text(text[:text.index("untiered:\n")].replace("winners_announced: 6\n", ""),
                     encoding="utf-8")
    run = awards("check", "--content", "content")
    assert "2566.yaml:" in run.err and "tier id 'outstanding' is used in no other year" in run.err
