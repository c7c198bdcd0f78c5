"""Every fact sourced (issue 15): sources on the year and winner pages, in the
open data and its Data Package; LAO codes, districts; corrections; the archive's
coverage of the editions."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from frictionless import Package, validate
from helpers import AWARD, edit, line_of, rejected
from sitecheck import html_files, parse

RELEASE_TH = "รัฐบาลดิจิทัล ส่งเสริมท้องถิ่นก้าวหน้า"
DGA_TH = "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน) (DGA)"
OWN_SOURCE = """        sources:
          - title: {th: ข่าวเทศบาลนครยะลา, en: Yala City Municipality news}
            publisher: {th: เทศบาลนครยะลา, en: Yala City Municipality}
            date: 2023-11-01
            url: https://www.example.go.th/news/1
"""


@pytest.fixture
def extended(tmp_path, content, awards) -> Path:
    """The bundled content with a code, a district, a winner's own source and a
    corrections address, built."""
    award = content / "awards" / "2566.yaml"
    _drop_own_facts(award, "yala-big-data")
    edit(award, "lao: {th: เทศบาลนครยะลา, en: Yala City Municipality}",
         'lao: {th: เทศบาลนครยะลา, en: Yala City Municipality, code: "5950101"}\n'
         "        district: {th: อำเภอเมืองยะลา, en: Mueang Yala District}\n" + OWN_SOURCE.rstrip("\n"))
    with (content / "site.yaml").open("a", encoding="utf-8") as handle:
        handle.write("corrections: mailto:awards@example.go.th\n")
    assert awards("build", "--content", "content", "--output", "output").code == 0
    return tmp_path / "output"


def _drop_own_facts(award: Path, winner: str) -> None:
    """Take out a winner's district and own sources, for a test to give it others."""
    text = award.read_text(encoding="utf-8")
    start = text.index(f"      - id: {winner}\n")
    end = text.index("      - id: ", start + 1)
    block = text[start:end]
    cut = block.index("        district: ")
    award.write_text(text[:start] + block[:cut] + text[end:], encoding="utf-8")


def test_the_year_page_names_its_source_and_every_winner_page_cites_it(site: Path):
    for lang in ("th", "en"):
        year = parse(site / lang / "2566" / "index.html")
        [item] = [li for li in year.all("li") if "2023-10-10" in _times(year, li)]
        assert (RELEASE_TH if lang == "th" else "Digital government advances") in item.text
        assert not [a for a in year.all("a") if "seeds" in a.attrs.get("href", "")]
    for path in (site / "th" / "2566").glob("*/index.html"):
        page = parse(path)
        sources = page.one("section", **{"class": "sources-section"})
        assert RELEASE_TH in sources.text and DGA_TH in sources.text
        # the citation is on the winner's kit page (issue 26), a tap from this one
        kit = parse(path.parent / "kit" / "index.html")
        assert RELEASE_TH in kit.one("p", **{"class": "citation"}).text


def _times(page, item) -> str:
    return " ".join(t.attrs.get("datetime", "") for t in page.all("time")
                    if t.text and t.text in item.text)


def test_a_winner_without_a_writeup_says_what_is_known_and_where_from(site: Path):
    page = parse(site / "en" / "2566" / "buak-khang-e-service" / "index.html")
    notice = page.one("p", **{"class": "notice"}).text
    assert "What is known is what this page shows above" in notice
    assert "Digital Government Development Agency (Public Organization) (DGA), 10 October 2023" \
        in notice
    thai = parse(site / "th" / "2566" / "buak-khang-e-service" / "index.html")
    assert "สิ่งที่ทราบคือชื่อหน่วยงาน" in thai.one("p", **{"class": "notice"}).text


def test_no_correction_link_without_an_address(site: Path):
    page = parse(site / "th" / "2566" / "yala-big-data" / "index.html")
    assert not page.all("p", **{"class": "correction"})


def test_code_district_own_sources_and_corrections_reach_pages_and_data(extended: Path):
    data = json.loads((extended / "data" / "winners.json").read_text(encoding="utf-8"))
    records = {w["id"]: w for w in data["winners"]}
    yala = records["yala-big-data"]
    assert yala["lao"]["code"] == "5950101"
    assert yala["district"] == {"th": "อำเภอเมืองยะลา", "en": "Mueang Yala District"}
    assert yala["sources"] == [{
        "title": {"th": "ข่าวเทศบาลนครยะลา", "en": "Yala City Municipality news"},
        "publisher": {"th": "เทศบาลนครยะลา", "en": "Yala City Municipality"},
        "date": "2023-11-01", "url": "https://www.example.go.th/news/1", "accessed": None}]
    assert records["bang-sare-b-buddy"]["sources"][0]["title"]["th"].startswith(RELEASE_TH)
    text = (extended / "data" / "winners.csv").read_bytes().decode("utf-8-sig")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text))}
    assert (rows["yala-big-data"]["lao_code"], rows["yala-big-data"]["district_en"]) == (
        "5950101", "Mueang Yala District")
    assert rows["yala-big-data"]["source_url"] == "https://www.example.go.th/news/1"
    assert rows["bang-sare-b-buddy"]["source_url"] == "https://khao-online.com/?p=6630"
    report = validate(extended / "data" / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])

    page = parse(extended / "en" / "2566" / "yala-big-data" / "index.html")
    facts = " ".join(e.text for e in page.all("dd"))
    assert "Mueang Yala" in facts and "5950101" in facts
    links = {a.attrs["href"] for a in page.all("a")}
    assert "https://www.example.go.th/news/1" in links
    [report_link] = [a for a in page.all("a") if a.text == "Report a correction to this page"]
    mail = urlsplit(report_link.attrs["href"])
    assert (mail.scheme, mail.path) == ("mailto", "awards@example.go.th")
    assert parse_qs(mail.query)["body"] == [f"{_base(extended)}en/2566/yala-big-data/"]
    for path in (extended / "th" / "2566").glob("*/index.html"):
        assert [a for a in parse(path).all("a") if a.text == "แจ้งแก้ไขข้อมูลในหน้านี้"], path


def _base(output: Path) -> str:
    return json.loads((output / "data" / "winners.json").read_text(encoding="utf-8"))[
        "winners"][0]["url"]["th"].split("th/2566/")[0]


def test_the_data_package_describes_the_csv_and_validates(site: Path):
    report = validate(site / "data" / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = Package(site / "data" / "datapackage.json")
    resource = package.get_resource("winners")
    header = (site / "data" / "winners.csv").read_bytes().decode("utf-8-sig").splitlines()[0]
    assert [f.name for f in resource.schema.fields] == header.split(",")
    assert all(f.description for f in resource.schema.fields)
    types = {f.name: f.type for f in resource.schema.fields}
    assert (types["year"], types["writeup_th"], types["url_en"]) == (
        "integer", "boolean", "string")
    rows = resource.read_rows()
    winners = json.loads((site / "data" / "winners.json").read_text(encoding="utf-8"))["winners"]
    assert len(rows) == len(winners) and rows[0]["year"] == 2566
    assert rows[0]["writeup_th"] in (True, False)
    assert package.licenses[0]["name"] == "CC-BY-4.0"


def test_the_archive_says_which_years_and_editions_it_holds(site: Path, tmp_path, content,
                                                            awards):
    th, en = (parse(site / lang / "index.html") for lang in ("th", "en"))
    assert " ".join(en.one("p", **{"class": "coverage"}).text.split()) == (
        "This archive holds 3 award years: 2021 (1st edition), 2022 (2nd edition), "
        "2023 (3rd edition). 2021: 10 winners were announced; the sources we found name 3.")
    assert " ".join(th.one("p", **{"class": "coverage"}).text.split()) == (
        "เว็บไซต์นี้มีผลรางวัล 3 ปี คือ พ.ศ. 2564 (ครั้งที่ 1), 2565 (ครั้งที่ 2), 2566 (ครั้งที่ 3) "
        "2564: ประกาศผลไว้ 10 รางวัล แหล่งข้อมูลที่เราพบระบุชื่อผู้ได้รับรางวัล 3 รางวัล")
    assert "3 award years in this archive" in " ".join(en.texts("li"))
    for path in html_files(site / "en"):
        text = parse(path).text
        assert "1 awards" not in text and " 1 award years" not in text, path
    # a year that says it is the 5th: the 4th is missing too, worked out, not written in;
    # without the bundled 1st and 2nd editions, those are missing as well
    for earlier in ("2564", "2565"):
        (content / "awards" / f"{earlier}.yaml").unlink()
        shutil.rmtree(content / "entries" / earlier)
    fixture = (Path(__file__).parent / "fixtures" / "2567.yaml").read_text(encoding="utf-8")
    (content / "awards" / "2567.yaml").write_text(
        fixture.replace("announced: 2024-10-01", "edition: 5\nannounced: 2024-10-01"),
        encoding="utf-8")
    assert awards("build", "--content", "content", "--output", "output").code == 0
    home = parse(tmp_path / "output" / "en" / "index.html")
    assert " ".join(home.one("p", **{"class": "coverage"}).text.split()) == (
        "This archive holds 2 award years: 2023 (3rd edition), 2024 (5th edition). "
        "Editions 1–2, 4 are not in it yet.")
    stats = parse(tmp_path / "output" / "th" / "stats" / "index.html")
    assert "ยังไม่มีผลรางวัลครั้งที่ 1–2, 4 ในเว็บไซต์นี้" in stats.one(
        "p", **{"class": "coverage"}).text


@pytest.mark.parametrize("old, new, message", [
    ("lao: {th: เทศบาลนครยะลา, en: Yala City Municipality}",
     "lao: {th: เทศบาลนครยะลา, en: Yala City Municipality, code: 950101}",
     "winner 'yala-big-data': lao.code must be text, found the number 950101 "
     '(put it in quotes: code: "0950101")'),
    ("lao: {th: เทศบาลนครยะลา, en: Yala City Municipality}",
     'lao: {th: เทศบาลนครยะลา, en: Yala City Municipality, code: "95-01"}',
     "winner 'yala-big-data': lao.code must be the 7-digit code of the Department of Local Administration, "
     "found '95-01'"),
    ("        province: Chachoengsao\n", "        province: Chachoengsao\n        sources: []\n",
     "winner 'samet-tai-gis-tax-map': 'sources' is an empty list "
     "(name at least one document, or leave 'sources' out)"),
    ("        province: Chachoengsao\n", "        province: Chachoengsao\n" + OWN_SOURCE.replace(
        "            date: 2023-11-01\n", ""),
     "winner 'samet-tai-gis-tax-map': source 1: missing required field 'date'"),
    ("        province: Chachoengsao\n", "        province: Chachoengsao\n" + OWN_SOURCE.replace(
        "https://www.example.go.th/news/1", "www.example.go.th"),
     "winner 'samet-tai-gis-tax-map': source 1: 'url' must be an http:// or https:// URL, "
     "found 'www.example.go.th'"),
])
def test_rejected_codes_and_sources(tmp_path, built_here, awards, old, new, message):
    award = tmp_path / AWARD
    edit(award, old, new)
    problems = rejected(awards, tmp_path)
    assert len(problems) == 1 and problems[0].endswith(message), problems
    assert problems[0].startswith(f"{AWARD}:")


def test_a_corrections_address_must_be_mail_or_https(tmp_path, built_here, content, awards):
    with (content / "site.yaml").open("a", encoding="utf-8") as handle:
        handle.write("corrections: http://example.go.th/form\n")
    line = line_of(content / "site.yaml", "corrections:")
    assert rejected(awards, tmp_path) == [
        f"content/site.yaml:{line}: 'corrections' must be a mailto: or https:// address, "
        "found 'http://example.go.th/form' "
        "(like mailto:awards@example.go.th or https://example.go.th/form)"]


def test_counts_by_region_say_which_region_scheme_they_follow(site: Path):
    for lang, words in (("th", ("ระบบ 6 ภาค", "ภาคเหนือตอนล่าง", "พิษณุโลก", "ตาก")),
                        ("en", ("six-region system", "lower north", "Phitsanulok", "Tak"))):
        for path in ("stats/", "provinces/", "regions/central/", "winners/"):
            page = parse(site / lang / path / "index.html")
            [note] = page.all("p", **{"class": "region-note"})
            assert all(word in note.text for word in words), (path, note.text)
            assert "Chiang Mai" not in note.text and "เชียงใหม่" not in note.text
            [link] = [a for a in page.all("a") if a.text == ("ดูคำอธิบายข้อมูล" if lang == "th"
                                                             else "See the data dictionary")]
            assert page.link(link) == f"/awards/{lang}/data/#dictionary"
