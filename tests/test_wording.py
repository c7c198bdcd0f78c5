"""How the site writes what Thai and English readers notice at once (issue 15)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from sitecheck import html_files, parse

from generator.emit.names import province_title
from generator.emit.share import winner_card
from generator.load import reference
from generator.load.catalog import load_content

CONTENT = Path(__file__).resolve().parent.parent / "content"


def test_every_province_is_written_as_thai_and_english_readers_write_it():
    provinces = reference.provinces()
    assert len(provinces) == 77
    for province in provinces:
        th, en = province_title(province, "th"), province_title(province, "en")
        if province.code == "TH-10":
            assert (th, en) == ("กรุงเทพมหานคร", "Bangkok")  # not a province
        else:
            assert th == "จังหวัด" + province.name.th, th  # no space
            assert en == province.name.en + " Province", en


def test_province_pages_cards_and_share_images_use_that_one_rule(site: Path):
    for province in reference.provinces():
        for lang in ("th", "en"):
            page = parse(site / lang / "provinces" / province.slug / "index.html")
            title = province_title(province, lang)
            assert page.texts("h1") == [title]
            assert page.one("title").text.startswith(title)
    wrong = []
    names = [(p.name.th, p.name.en) for p in reference.provinces()]
    for path in html_files(site):
        text = path.read_text(encoding="utf-8")
        wrong += [f"{path.relative_to(site)}: {found}" for th, en in names
                  for found in (f"จังหวัด {th}", f"Province {en}", "จังหวัดกรุงเทพมหานคร",
                                "Bangkok Province") if found in text]
    assert wrong == []
    catalog = load_content(CONTENT)
    year = catalog.years[0]
    lamphun = next(w for w in year.winners if w.province.code == "TH-51")
    assert winner_card(lamphun, year, "th", str.split).subtitle == "จังหวัดลำพูน"
    assert winner_card(lamphun, year, "en", str.split).subtitle == "Lamphun Province"
    bangkok = reference.find_province("TH-10")
    in_bangkok = replace(lamphun, lao=replace(lamphun.lao, province=bangkok))
    assert winner_card(in_bangkok, year, "th", str.split).subtitle == "กรุงเทพมหานคร"
    assert winner_card(in_bangkok, year, "en", str.split).subtitle == "Bangkok"


def test_structured_data_writes_the_province_by_the_same_rule(site: Path):
    for lang, expected in (("th", "จังหวัดลำพูน"), ("en", "Lamphun Province")):
        page = (site / lang / "laos" / "umong-subdistrict-municipality" / "index.html"
                ).read_text(encoding="utf-8")
        data = json.loads(page.split('<script type="application/ld+json">')[1]
                          .split("</script>")[0])
        assert data["address"]["addressRegion"] == expected


def test_totals_and_absences_name_the_years_they_cover(search_site: Path):
    """Issue 27: "no organization in this province has won an award yet" on 63 province
    pages, while the archive lacks editions 1-2. Every sentence that states a total or
    an absence names the years it covers, from the catalog: here 2566 and the search
    tests' 2567."""
    output = search_site
    held = {"th": "(พ.ศ. 2566–2567)", "en": "(2023–2024)"}
    with_winners = {w["province"]["slug"] for w in json.loads(
        (output / "data" / "winners.json").read_text(encoding="utf-8"))["winners"]}
    empty = 0
    for lang, years in held.items():
        for province in reference.provinces():
            page = parse(output / lang / "provinces" / province.slug / "index.html")
            assert any(years in dt for dt in page.texts("dt")), province.slug
            notices = page.texts("p", **{"class": "notice"})
            if province.slug not in with_winners:
                empty += 1
                assert len(notices) == 1 and years in notices[0], notices
        for path in ("regions/north/", "tiers/excellence/", "stats/", "provinces/", "laos/",
                     "winners/", "data/"):
            assert years in parse(output / lang / path / "index.html").one(
                "p", **{"class": "lead"}).text, path
        lao = parse(output / lang / "laos" / "umong-subdistrict-municipality" / "index.html")
        assert years in lao.one("h2", id="awards").text
    assert empty == 2 * (77 - len(with_winners))
