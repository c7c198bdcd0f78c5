"""Issue 29: next year's file from DGA's announcement in one command, the gazetteer
behind its English names, and drafts that cannot slip out."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
import yaml
from conftest import BASE_URL, ROOT
from helpers import edit, line_of, tree

from generator.bundled import default_templates
from generator.load import gazetteer, reference
from generator.load.announcement import parse
from generator.load.parsing import parse_yaml
from generator.load.schemas import schema_files
from generator.problems import Problems
from generator.serve.site import DevSite

FIXTURES = ROOT / "tests/fixtures/announcements"
SEED = FIXTURES / "dga-2566.txt"
VARIATIONS = FIXTURES / "variations-2567.txt"
BUNDLED = ROOT / "content/awards/2566.yaml"
# the two LAOs of 2566 whose place the gazetteer does not name (see test below)
UNNAMED = {"เทศบาลตำบลเขตรอุดมศักดิ์", "องค์การบริหารส่วนตำบลวัดไทรย์"}


def load(path: Path) -> dict:
    return parse_yaml(path.read_text(encoding="utf-8"), path.as_posix(), Problems())


def winners(data: dict) -> list[dict]:
    return [winner for tier in data["tiers"] for winner in tier.get("winners") or ()]


@pytest.fixture
def without_2566(content: Path) -> Path:
    (content / "awards/2566.yaml").unlink()
    shutil.rmtree(content / "entries/2566", ignore_errors=True)
    return content


def test_the_seed_reproduces_the_bundled_year(without_2566, awards):
    run = awards("new-year", "2566", "--from", str(SEED), "--content", "content")
    assert run.code == 0, run.err
    made, bundled = load(without_2566 / "awards/2566.yaml"), load(BUNDLED)
    assert made["draft"] is True
    for key in ("year", "edition", "name", "announced", "applicants"):
        assert made[key] == bundled[key], key
    assert made["venue"]["th"] == bundled["venue"]["th"]
    assert "submissions" not in made and "# submissions: 60" in run.out + (
        without_2566 / "awards/2566.yaml").read_text(encoding="utf-8")  # "กว่า 60": not exact
    [source], expected = made["sources"], bundled["sources"][0]  # the release, then others
    assert source["title"]["th"] == expected["title"]["th"]
    assert source["publisher"] == expected["publisher"] and source["date"] == expected["date"]
    assert [(t["id"], t["name"]) for t in made["tiers"]] == [
        (t["id"], t["name"]) for t in bundled["tiers"]]
    assert [len(t["winners"]) for t in made["tiers"]] == [2, 18]
    pairs = list(zip(winners(made), winners(bundled), strict=True))
    for mine, theirs in pairs:
        assert mine["lao"]["th"] == theirs["lao"]["th"]
        assert mine["project"]["th"] == theirs["project"]["th"]
        assert reference.find_province(mine["province"]) == \
            reference.find_province(theirs["province"])
        assert mine["type"] == reference.lao_type_from_name(theirs["lao"]["th"]).slug
    agree = [mine["lao"]["th"] for mine, theirs in pairs if mine["lao"]["en"] == theirs["lao"]["en"]]
    assert len(agree) == 18
    assert {mine["lao"]["th"] for mine, _ in pairs} - set(agree) == UNNAMED
    assert all(mine["lao"]["en"] is None for mine, _ in pairs if mine["lao"]["th"] in UNNAMED)
    # a district wherever the gazetteer names the place, and never elsewhere
    assert [bool(mine.get("district")) for mine, _ in pairs] == [
        mine["lao"]["th"] not in UNNAMED for mine, _ in pairs]
    assert winners(made)[1]["district"] == {"th": "อำเภอเชียงของ", "en": "Chiang Khong District"}
    assert winners(made)[2]["district"] == {"th": "อำเภอเมืองพิษณุโลก", "en": "Mueang Phitsanulok District"}
    assert len({winner["id"] for winner in winners(made)}) == 20
    assert winners(made)[0]["id"] == "yala-big-data"
    assert [w["id"] for w in winners(made) if w["lao"]["th"] in UNNAMED] == ["winner-18", "winner-27"]


def test_the_report_gives_each_winner_its_line_and_compares_the_counts(without_2566, awards):
    out = awards("new-year", "2566", "--from", str(SEED), "--content", "content").out
    lines = SEED.read_text(encoding="utf-8").splitlines()
    assert "dga-2566.txt:8: tier ยอดเยี่ยม (excellence): 2 winners, the text states 2" in out
    assert "dga-2566.txt:11: tier ดีเด่น (outstanding): 18 winners, the text states 18" in out
    assert "total: 20 winners (19 LAOs); the text states 20 อปท." in out
    for winner in winners(load(without_2566 / "awards/2566.yaml")):
        number = next(n for n, line in enumerate(lines, 1)
                      if line.startswith(f"– {winner['lao']['th']} ")
                      and line.endswith(winner["project"]["th"]))
        assert f"dga-2566.txt:{number}: {winner['id']}: {winner['lao']['th']}," in out
    assert ("dga-2566.txt:27: warning: องค์การบริหารส่วนตำบลวัดไทรย์: no place named วัดไทรย์ "
            "in Nakhon Sawan: English name left for you; candidates: subdistrict วัดไทร "
            "(Wat Sai) in เมืองนครสวรรค์ (Mueang Nakhon Sawan)") in out
    assert "dga-2566.txt:18: warning: เทศบาลตำบลเขตรอุดมศักดิ์: no place named" in out
    assert "not read" not in out and "lists" not in out


def test_check_lists_what_the_import_left_empty_and_then_says_it_is_a_draft(
        without_2566, awards):
    awards("new-year", "2566", "--from", str(SEED), "--content", "content")
    path = without_2566 / "awards/2566.yaml"
    run = awards("check", "--content", "content")
    assert run.code == 1
    text = path.read_text(encoding="utf-8")
    empty = sum(1 for line in text.splitlines() if line.endswith(("en:", "en: }")))
    assert empty == 1 + 1 + 20 + 2  # venue, source title, every project, two LAOs
    assert all(problem.startswith("content/awards/2566.yaml:") for problem in run.problems)
    assert f"content/awards/2566.yaml:{line_of(path, 'th: ศูนย์การประชุม') + 1}: venue: " \
           "missing required field 'en'" in run.problems
    filled = text.replace("en: }", "en: Filled In}").replace("en:\n", "en: Filled in\n")
    path.write_text(filled.replace("{th: เทศบาลตำบลเขตรอุดมศักดิ์, en: Filled In}",
                                   "{th: เทศบาลตำบลเขตรอุดมศักดิ์, en: Khet Udomsak}"),
                    encoding="utf-8")
    run = awards("check", "--content", "content")
    assert run.code == 0, run.err
    assert run.out.strip().endswith("draft, not published: 2566")


def test_every_variation_of_the_list(content, awards):
    run = awards("new-year", "2567", "--from", str(VARIATIONS), "--content", "content")
    assert run.code == 0, run.err
    made = load(content / "awards/2567.yaml")
    assert (made["edition"], str(made["announced"]), made["submissions"],
            made["applicants"]) == (4, "2024-11-08", 120, 101)  # ปีที่ ๔ in Thai digits
    assert made["venue"]["th"] == "ห้องประชุมทดสอบ อาคารตัวอย่าง กรุงเทพฯ"
    assert [(t["id"], t["name"]["th"]) for t in made["tiers"]] == [
        ("excellence", "ยอดเยี่ยม"), ("outstanding", "ดีเด่น"), ("new-tier-3", "ชมเชย")]
    assert made["tiers"][2]["name"]["en"] is None
    got = [(w["lao"]["th"], w["type"], w["province"], w["lao"]["en"]) for w in winners(made)]
    assert got == [
        ("เทศบาลนครยะลา", "city-municipality", "Yala", "Yala City Municipality"),  # 1. ทน. จ.
        ("กรุงเทพมหานคร", "bma", "Bangkok", "Bangkok Metropolitan Administration"),
        ("องค์การบริหารส่วนจังหวัดขอนแก่น", "pao", "Khon Kaen",  # its province: its name
         "Khon Kaen Provincial Administrative Organization"),
        ("เมืองพัทยา", "pattaya", "Chon Buri", "Pattaya City"),  # •
        ("เทศบาลเมืองตาคลี", "town-municipality", "Nakhon Sawan",  # - ทม. and odd spaces
         "Takhli Town Municipality"),
        ("เทศบาลตำบลดอนแก้ว", "subdistrict-municipality", "Chiang Mai",  # อ. settles it
         "Don Kaeo Subdistrict Municipality"),
        ("องค์การบริหารส่วนตำบลดอนแก้ว", "sao", "Chiang Mai", None),  # two ดอนแก้ว
        ("องค์การบริหารส่วนตำบลวัดไทรย์", "sao", "Nakhon Sawan",  # as 2566.yaml names it
         "Wat Sai Subdistrict Administrative Organization"),
        ("เทศบาลตำบลบางเสร่", "subdistrict-municipality", "Chon Buri",
         "Bang Sare Subdistrict Municipality"),
    ]
    takhli = winners(made)[4]
    assert takhli["project"]["th"] == "ระบบบริการประชาชน ออนไลน์ (Takhli Online) ทุกที่ ทุกเวลา"
    assert winners(made)[5]["district"] == {"th": "อำเภอแม่ริม", "en": "Mae Rim District"}
    assert winners(made)[2]["project"]["th"] == "โครงการ Khon Kaen Health Link"
    assert "district" not in winners(made)[2]  # a PAO is the whole province's
    out = run.out
    assert "variations-2567.txt:11-12: takhli-online:" in out
    assert "variations-2567.txt:9: warning: tier ดีเด่น lists 5 winners but the text states 6" in out
    assert "warning: 9 winners (9 LAOs) read, but the text states 10 อปท." in out
    assert ("variations-2567.txt:16: warning: not read (not a winner: no LAO type at its "
            "start): – ขอแสดงความยินดีกับทุกหน่วยงาน") in out
    assert ("2 places named ดอนแก้ว in Chiang Mai: English name left for you; candidates: "
            "subdistrict ดอนแก้ว (Don Kaeo) in แม่ริม (Mae Rim), subdistrict ดอนแก้ว "
            "(Don Kaeo) in สารภี (Saraphi)") in out
    assert "[English name from 2566.yaml]" in out
    assert "ติดตามข่าวสาร" not in out  # prose after the list is not the list's
    # the new tier, once named in English, is named by check's warning
    edit(content / "awards/2567.yaml", "{th: ชมเชย, en: }", "{th: ชมเชย, en: Honorable mention}")
    run = awards("check", "--content", "content")
    assert any("tier id 'new-tier-3' is used in no other year" in line for line in run.err.splitlines())


def test_a_tier_takes_the_id_most_years_give_its_thai_name(content, awards):
    for year in (2564, 2565):
        text = BUNDLED.read_text(encoding="utf-8").replace("year: 2566", f"year: {year}")
        (content / f"awards/{year}.yaml").write_text(text, encoding="utf-8")
    edit(content / "awards/2566.yaml", "  - id: outstanding\n", "  - id: outstandng\n")
    assert awards("new-year", "2563", "--content", "content").code == 0  # 2566's tiers
    assert [tier["id"] for tier in load(content / "awards/2563.yaml")["tiers"]] == [
        "excellence", "outstanding"]
    assert awards("new-year", "2567", "--from", str(VARIATIONS), "--content", "content").code == 0
    made = load(content / "awards/2567.yaml")
    assert [tier["id"] for tier in made["tiers"]][:2] == ["excellence", "outstanding"]


def test_a_list_without_markers_or_with_thai_numbers_reads_the_same():
    items = ["เทศบาลตำบลครึ่ง จังหวัดเชียงราย ผลงานระบบขยะ", "ทต.บ้านกลาง ศูนย์บริการ จังหวัดลำพูน"]
    for lines in (["ประเภทดีเด่น 2 รางวัล", *items],
                  ["ประเภทดีเด่น 2 รางวัล", *(f"{n}) {item}" for n, item in zip("๑๒", items, strict=True))]):
        [tier] = parse(lines).tiers
        assert (tier.name, tier.stated) == ("ดีเด่น", 2)
        assert [(i.lao, i.province, i.project) for i in tier.items] == [
            ("เทศบาลตำบลครึ่ง", "เชียงราย", "ระบบขยะ"),
            # no จังหวัด before the title: the name is its first word, the rest the title
            ("เทศบาลตำบลบ้านกลาง", None, "ศูนย์บริการ จังหวัดลำพูน")]


def docx(lines: list[str], numbered: bool) -> bytes:
    """A minimal Word document: each line a paragraph; list items as Word's own
    numbered paragraphs (no marker in their text) when `numbered`."""
    body = []
    for line in lines:
        marker = line[:2] == "– "
        props = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        text = line[2:] if marker and numbered else line
        half = len(text) // 2  # Word splits a paragraph into runs anywhere
        runs = "".join(f'<w:r><w:t xml:space="preserve">{escape(part)}</w:t></w:r>'
                       for part in (text[:half], text[half:]))
        body.append(f"<w:p>{props if marker and numbered else ''}{runs}</w:p>")
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w='
           '"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           + "".join(body) + "</w:body></w:document>")
    with zipfile.ZipFile(buffer := __import__("io").BytesIO(), "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml)
    return buffer.getvalue()


def test_a_docx_reads_as_its_text_does(tmp_path, awards):
    lines = SEED.read_text(encoding="utf-8").splitlines()
    results = []
    for number, numbered in enumerate((False, True)):
        content = tmp_path / f"content{number}"
        (content / "awards").mkdir(parents=True)
        source = tmp_path / f"release{number}.docx"
        source.write_bytes(docx(lines, numbered))
        run = awards("new-year", "2566", "--from", str(source), "--content", str(content))
        assert run.code == 0, run.err
        results.append(load(content / "awards/2566.yaml"))
    as_text = tmp_path / "text"
    (as_text / "awards").mkdir(parents=True)
    assert awards("new-year", "2566", "--from", str(SEED), "--content", str(as_text)).code == 0
    assert results[0] == results[1] == load(as_text / "awards/2566.yaml")


@pytest.mark.parametrize("data, why", [
    (b"\x00\x01\x02binary\xff\xfe", "is not UTF-8 text nor a .docx"),
    (b"%PDF-1.7\n...", "is a PDF: copy its text into a .txt file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "is an old Word .doc"),
    (b"PK\x03\x04broken", "is not a readable .docx"),
    ("ข่าวที่ไม่มีรายชื่อผู้ได้รับรางวัล\nเทศบาลนครยะลา จังหวัดยะลา\n".encode(),
     "no list of winners found"),
])
def test_an_unreadable_announcement_is_one_line_and_nothing_written(content, awards, tmp_path,
                                                                    data, why):
    source = tmp_path / "release.txt"
    source.write_bytes(data)
    before = tree(tmp_path)
    run = awards("new-year", "2567", "--from", str(source), "--content", "content")
    assert run.code == 2
    [line] = run.err.splitlines()
    assert line.startswith("awards: new-year: ") and why in line, line
    assert tree(tmp_path) == before and run.out == ""


def test_a_missing_announcement_or_an_existing_year_is_refused(content, awards):
    before = tree(content)
    run = awards("new-year", "2567", "--from", "nowhere.txt", "--content", "content")
    assert run.code == 2 and "cannot read nowhere.txt" in run.err
    run = awards("new-year", "2566", "--from", str(SEED), "--content", "content")
    assert run.code == 2 and "exists; it is left as it is" in run.err
    assert tree(content) == before


def test_the_gazetteer_looks_in_subdistricts_then_districts_then_the_province():
    def en(name: str, province: str, district: str | None = None):
        found = gazetteer.lookup(name, reference.find_province(province), district)
        return found.place and (found.place.level, found.place.name.en,
                                found.district and found.district.name.en)

    assert en("ครึ่ง", "เชียงราย") == ("subdistrict", "Khrueng", "Chiang Khong")
    assert en("ตาคลี", "นครสวรรค์") == ("subdistrict", "Takhli", "Takhli")
    assert en("พิบูลมังสาหาร", "อุบลราชธานี") == ("district", "Phibun Mangsahan", "Phibun Mangsahan")
    assert en("พิษณุโลก", "พิษณุโลก") == ("province", "Phitsanulok", "Mueang Phitsanulok")
    assert en("ครึ่ง", "ลำพูน") is None  # only within the province
    assert en("ดอนแก้ว", "เชียงใหม่") is None
    assert en("ดอนแก้ว", "เชียงใหม่", "สารภี") == ("subdistrict", "Don Kaeo", "Saraphi")
    found = gazetteer.lookup("ดอนแก้ว", reference.find_province("Chiang Mai"))
    assert [gazetteer.district_of(p).name.en for p in found.candidates] == ["Mae Rim", "Saraphi"]


def test_the_gazetteer_ships_with_its_licence_and_source():
    folder = gazetteer.PLACES.parent
    assert "MIT License" in (folder / "LICENSE").read_text(encoding="utf-8")
    source = (folder / "SOURCE.md").read_text(encoding="utf-8")
    assert "kongvut/thai-province-data" in source and "9711e723dfe9c0c4" in source
    places = [line.split("\t") for line in gazetteer.PLACES.read_text(encoding="utf-8")
              .splitlines() if not line.startswith("#")]
    assert sum(len(code) == 2 for code, _, _ in places) == 77
    assert sum(len(code) == 4 for code, _, _ in places) > 900
    assert sum(len(code) == 6 for code, _, _ in places) > 7000
    assert all(th.strip() and en.strip() and en.isascii() for _, th, en in places)
    # hatch ships every file of the package folder: none of the gazetteer's is ignored
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8") if (ROOT / ".gitignore").exists() else ""
    assert "data" not in ignored and "tsv" not in ignored


def test_schema_line_is_a_relative_path_that_exists_wherever_the_content_is(tmp_path, awards):
    for content in (tmp_path / "elsewhere/content", tmp_path / "second"):
        (content / "awards").mkdir(parents=True)
        run = awards("new-year", "2566", "--from", str(SEED), "--content", str(content))
        assert run.code == 0, run.err
        first = (content / "awards/2566.yaml").read_text(encoding="utf-8").splitlines()[0]
        address = first.removeprefix("# yaml-language-server: $schema=")
        assert not address.startswith(("http", "/")), address
        schema = (content / "awards" / address).resolve()
        assert schema.read_bytes() == schema_files()["award-year.schema.json"]
    # inside a repository laid out like ours, the repository's own copy
    (tmp_path / "repo/schema").mkdir(parents=True)
    (tmp_path / "repo/schema/award-year.schema.json").write_bytes(b"{}")
    (tmp_path / "repo/content/awards").mkdir(parents=True)
    assert awards("new-year", "2567", "--content", str(tmp_path / "repo/content")).code == 0
    assert (tmp_path / "repo/content/awards/2567.yaml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schema/award-year.schema.json\n")
    assert not (tmp_path / "repo/content/.schema").exists()


def draft_2567(content: Path) -> Path:
    """2566's file as a draft 2567: same LAOs, tiers and ids."""
    text = BUNDLED.read_text(encoding="utf-8").replace("year: 2566", "year: 2567\ndraft: true")
    path = content / "awards/2567.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_draft_is_checked_but_published_only_when_asked(content, awards, tmp_path):
    path = draft_2567(content)
    run = awards("check", "--content", "content")
    assert run.code == 0 and run.out.strip().endswith("draft, not published: 2567"), run.err
    assert json.loads(awards("check", "--content", "content", "--format", "json").out)[
        "drafts"] == [2567]
    run = awards("build", "--content", "content", "--output", "out")
    assert run.code == 0, run.err
    assert "draft years left out: 2567 (awards build --drafts publishes them)" in run.out
    assert not (tmp_path / "out/th/2567").exists()
    assert "2567" not in (tmp_path / "out/data/winners.csv").read_text(encoding="utf-8-sig")
    assert awards("build", "--content", "content", "--output", "out", "--drafts").code == 0
    page = (tmp_path / "out/th/2567/yala-big-data/index.html").read_text(encoding="utf-8")
    assert 'class="notice draft-banner"' in page and "ฉบับร่าง" in page
    assert "draft-banner" not in (tmp_path / "out/th/2566/index.html").read_text(encoding="utf-8")
    # checked like any year: its mistakes stop the build
    edit(path, "province: Yala", "province: Yalla")
    assert awards("build", "--content", "content", "--output", "out").code == 1


def test_serve_shows_drafts_under_their_banner(content, tmp_path):
    draft_2567(content)
    site = DevSite(content, tmp_path / "served", BASE_URL, default_templates())
    site.rebuild()
    assert site.problems == []
    page = (tmp_path / "served/en/2567/index.html").read_text(encoding="utf-8")
    assert 'class="notice draft-banner"' in page and "2024 is not published" in page


def test_a_published_year_needs_winners_a_draft_does_not(content, awards):
    assert awards("new-year", "2567", "--content", "content").code == 0
    path = content / "awards/2567.yaml"
    text = (path.read_text(encoding="utf-8").replace("announced:", "announced: 2024-10-10", 1)
            .replace("{th: , en: }", "{th: ประกาศ, en: Announcement}")
            .replace("    date:", "    date: 2024-10-10", 1))
    path.write_text(text, encoding="utf-8")
    assert awards("check", "--content", "content").code == 0
    path.write_text(text.replace("draft: true\n", ""), encoding="utf-8")
    run = awards("check", "--content", "content")
    assert run.code == 1
    assert run.problems == [f"content/awards/2567.yaml:{line_of(path, 'tiers:')}: 2567 has no "
                            "winners, yet it would be published (add its winners, or mark it "
                            "'draft: true' until they are known)"]


def test_a_tier_or_a_spelling_no_other_year_uses_is_a_warning(content, awards):
    path = draft_2567(content)
    edit(path, "  - id: outstanding\n", "  - id: outstandng\n")
    edit(path, "en: Khrueng Subdistrict Municipality", "en: Krueng Subdistrict Municipality")
    with open(path, "a", encoding="utf-8") as file:
        file.write("  - id: honorable\n    name: {th: ดีเดน, en: Honorable mention}\n")
    run = awards("check", "--content", "content")
    assert run.code == 0, run.err
    where = "content/awards/2567.yaml"
    honorable = line_of(path, "  - id: honorable")
    warnings = [line for line in run.err.splitlines() if ": warning: " in line]
    assert warnings == [
        f"{where}:{line_of(path, 'id: khrueng-waste')}: warning: LAO 'เทศบาลตำบลครึ่ง' is "
        "'Krueng Subdistrict Municipality' in English here but 'Khrueng Subdistrict "
        f"Municipality' at content/awards/2566.yaml:{line_of(BUNDLED, 'id: khrueng-waste')} "
        "(one LAO, one English name: it gets two LAO pages otherwise)",
        f"{where}:{line_of(path, '  - id: outstandng')}: warning: tier id 'outstandng' is used "
        "in no other year (did you mean `outstanding`?)",
        f"{where}:{honorable}: warning: Thai tier name 'ดีเดน' is used in no other year "
        "(did you mean `ดีเด่น`?)",
        f"{where}:{honorable}: warning: tier id 'honorable' is used in no other year "
        "(a new tier? then this warning can stay)",
    ]
    listed = json.loads(awards("check", "--content", "content", "--format", "json").out)
    assert [w["line"] for w in listed["warnings"]] == [int(w.split(":")[1]) for w in warnings]
    # with one year alone, nothing to compare with
    (content / "awards/2566.yaml").unlink()
    shutil.rmtree(content / "entries/2566")
    assert ": warning: " not in awards("check", "--content", "content").err


def test_warnings_are_annotations_on_github(content, awards, monkeypatch):
    path = draft_2567(content)
    edit(path, "  - id: outstanding\n", "  - id: outstandng\n")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    run = awards("check", "--content", "content")
    assert run.code == 0
    assert run.out.startswith(f"::warning file=content/awards/2567.yaml,line="
                              f"{line_of(path, '  - id: outstandng')},title=awards check::")


def test_every_year_written_by_new_year_is_a_draft(content, awards):
    assert awards("new-year", "2567", "--content", "content").code == 0
    assert yaml.safe_load((content / "awards/2567.yaml").read_text(encoding="utf-8"))["draft"]
