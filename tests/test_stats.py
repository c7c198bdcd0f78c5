"""Journalists' pages: the explorer without JavaScript, stats and map, open-data page."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

from browsing import open_page
from conftest import CONTENT
from frictionless import Package, validate
from sitecheck import parse

from generator.load import reference
from generator.load.catalog import load_content
from generator.site import lookup
from generator.site.geography import thailand_map
from generator.site.lookup import find


def winners(site: Path) -> list[dict]:
    return json.loads((site / "data" / "winners.json").read_text(encoding="utf-8"))["winners"]


def test_map_labels_join_our_77_provinces():
    geo = thailand_map()
    assert {o.province.code for o in geo.outlines} == {p.code for p in reference.provinces()}
    assert len(geo.outlines) == 77
    assert geo.unjoined == ("Lake Songkha",)  # a lake, not a province


def test_explorer_lists_every_winner_without_javascript(site: Path):
    data = winners(site)
    for lang in ("th", "en"):
        page = parse(site / lang / "winners" / "index.html")
        rows = [e for e in page.all("tr") if "data-key" in e.attrs]
        assert sorted(r.attrs["data-key"] for r in rows) == sorted(
            f"{w['year']}/{w['id']}" for w in data)
        assert page.one("form", id="filters").attrs.get("hidden") is not None
        links = page.links()
        assert all(f"/awards/{lang}/{w['year']}/{w['id']}/" in links for w in data)
    yala = next(e for e in parse(site / "en" / "winners" / "index.html").all("tr")
                if e.attrs.get("data-key") == "2566/yala-big-data")
    assert yala.attrs["data-region"] == "south" and yala.attrs["data-province"] == "yala"
    own = set(yala.attrs["data-words"].split())
    assert {"เทศบาลยะลา", "ทนยะลา", "เทศบาลนครยะลา"} <= own
    assert "yala" not in own  # explorer.js reads it in the row's LAO cell
    assert "ยะลา" not in own  # and this in its province's words
    # what it shares with other rows is in the page once: its type's abbreviation
    page = parse(site / "en" / "winners" / "index.html")
    shared = json.loads(page.one("script", id="facet-words").text)
    assert "ทน" in shared["type"][yala.attrs["data-type"]].split()
    assert "ยะลา" in shared["province"]["yala"].split()


def test_stats_page_counts_match_the_open_data(site: Path):
    data = winners(site)
    for lang in ("th", "en"):
        assert len(parse(site / lang / "stats" / "index.html").all("table")) == 5
    en = parse(site / "en" / "stats" / "index.html")
    cells = [(e.tag, e.text.strip()) for e in en.elements if e.tag in ("th", "td")]
    text = " ".join(f"{tag}:{value}" for tag, value in cells)
    by_tier = Counter(w["tier"]["en"] if w["tier"] else "Tier not stated" for w in data)
    by_region = Counter(w["province"]["region"] for w in data)
    assert f"th:Excellence td:{by_tier['Excellence']}" in text
    assert f"th:Outstanding td:{by_tier['Outstanding']}" in text
    assert f"th:Tier not stated td:{by_tier['Tier not stated']}" in text
    assert f"th:North td:{by_region['north']}" in text and f"th:West td:{by_region['west']}" in text
    assert f"th:2023 td:{len([w for w in data if w['year'] == 2566])}" in text
    by_type = Counter(w["lao"]["type"] for w in data)
    assert f"th:Subdistrict Municipality td:{by_type['subdistrict-municipality']}" in text
    assert f"th:Town Municipality td:{by_type['town-municipality']}" in text
    assert "th:Pattaya City td:0" in text
    province_table = en.elements[en.elements.index(en.one("table", id="province-counts")):]
    names = [e.text.strip() for e in province_table if e.tag == "th" and e.attrs.get("scope") == "row"]
    by_province = Counter(w["province"]["en"] for w in data)
    assert sorted(names) == sorted(by_province)  # those with a winner; the rest: provinces.csv
    for area in en.all("path"):
        name, count = area.text.rsplit(":", 1)
        assert int(count) == by_province.get(name.strip(), 0), name
        assert area.attrs["class"] == f"shade-{min(int(count), 3)}"
    assert len(en.all("path")) == 77
    assert "CC BY 4.0" in en.text and "Tae Noppakun Wongsrinoppakun" in en.text


def test_data_page_documents_every_field(site: Path):
    record = winners(site)[0]

    def paths(value, prefix=""):
        if isinstance(value, dict):
            for key, inner in value.items():
                yield from paths(inner, f"{prefix}{key}.")
        else:
            yield prefix.rstrip(".")

    for lang in ("th", "en"):
        page = parse(site / lang / "data" / "index.html")
        documented = [c.text for c in page.all("code")]
        for field in paths(record):
            if field == "district":  # null here: its leaves are documented
                assert {"district.th", "district.en", "district_th"} <= set(documented)
            elif field == "sources":  # a list in the JSON, its first source in the CSV
                assert {"sources", "source_th", "source_en", "source_url"} <= set(documented)
            else:
                assert field in documented, field
                assert field.replace(".", "_") in documented, field
        links = page.links()
        assert {"/awards/data/winners.json", "/awards/data/winners.csv"} <= links
        assert "CC BY 4.0" in page.text
        assert len(page.all("p", **{"class": "citation"})) == 2


def test_winner_page_offers_a_citation(site: Path):
    # the citation is on the kit page, the sources it names on the winner page (issue 26)
    page = parse(site / "en" / "2566" / "yala-big-data" / "index.html")
    citation = parse(site / "en" / "2566" / "yala-big-data" / "kit" / "index.html").one(
        "p", **{"class": "citation"}).text
    # the award first, then every source the page cites, the release's with its address
    assert citation.startswith(
        "Digital Local Government Awards. “Yala City Municipality: Big Data to "
        "Improve Service Quality.” Excellence tier, 2023. "
        "https://example.github.io/awards/en/2566/yala-big-data/ Source: "
        "Digital Government Development Agency (Public Organization) (DGA), "
        "Digital government advances local progress: local innovations in "
        "public services compete to make things easier for citizens, “Digital "
        "Local Government Awards 2566” (press release, in Thai), 10 October 2023, "
        "https://khao-online.com/?p=6630")
    assert citation.count("Source: ") == len(page.one("ul", **{"class": "sources"}).text.split(
        "https://")) - 1
    thai = parse(site / "th" / "2566" / "yala-big-data" / "kit" / "index.html")
    assert ("แหล่งที่มา: สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน) (DGA), รัฐบาลดิจิทัล "
            "ส่งเสริมท้องถิ่นก้าวหน้า โชว์นวัตกรรมเพื่องานบริการประชาชนในท้องถิ่นแข่งขันให้บริการ"
            "เพื่ออำนวยความสะดวกประชาชน “มอบรางวัลท้องถิ่นดิจิทัล ประจำปี 2566”, 10 ตุลาคม 2566, "
            "https://khao-online.com/?p=6630") in thai.one("p", **{"class": "citation"}).text


def test_search_index_holds_the_writeups_in_both_languages(site: Path):
    index = site / "data" / "search"
    docs = json.loads((index / "docs.json").read_text(encoding="utf-8"))
    assert sorted(docs["docs"]) == sorted(f"{w.year}/{w.id}" for w in load_content(CONTENT).winners
                                          if w.writeups)
    assert {"2566/khrueng-waste-management", "2566/rangsit-canal-management",
            "2566/yala-big-data"} <= set(docs["docs"])
    shards = sorted(index.glob("[0-9][0-9][0-9][0-9].json"))
    # a small site's index has few shards, every one of them written
    assert docs["buckets"] == 16
    assert [p.name for p in shards] == [lookup.file_name(n) for n in range(docs["buckets"])]

    def shard(number: int | str) -> dict:
        return json.loads((index / lookup.file_name(number)).read_text(encoding="utf-8"))

    yala = {"2566/yala-big-data"}
    # Thai from the Thai write-up, at the start of a word and through the next ones,
    # or from a later syllable of a compound; English from the English one
    assert find(["การจัดการเมืองอัจฉริยะ"], docs, shard) >= yala
    assert find(["ฉริยะ"], docs, shard) >= yala
    assert find(["years", "row"], docs, shard) >= yala
    assert find(["จฉริยะ"], docs, shard) == set()  # not where a syllable starts
    assert find(["row", "zebra"], docs, shard) == set()


def test_stats_page_is_light_and_its_full_province_table_is_open_data(site: Path):
    """Issue 27: 197 KB of HTML at 20 winners, most of it the map's outlines and a
    77-row table of zeros. At most 60 KB; all 77 provinces are in data/provinces.csv,
    which the page links, the data page documents and the data package describes."""
    data = winners(site)
    assert len(data) >= 20
    for lang in ("th", "en"):
        page = site / lang / "stats" / "index.html"
        assert page.stat().st_size <= 60_000, (lang, page.stat().st_size)
        links = {a.attrs["href"] for a in parse(page).all("a")}
        assert "../../data/provinces.csv" in links
        documented = parse(site / lang / "data" / "index.html")
        assert "../../data/provinces.csv" in {a.attrs["href"] for a in documented.all("a")}
        columns = [c.text for c in documented.all("code")]
        header = (site / "data" / "provinces.csv").read_bytes().decode("utf-8-sig") \
            .splitlines()[0].split(",")
        assert set(header) <= set(columns)
    text = (site / "data" / "provinces.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["code"] for r in rows] == sorted(p.code for p in reference.provinces())
    awards = Counter(w["province"]["code"] for w in data)
    laos = {code: len({w["lao"]["slug"] for w in data if w["province"]["code"] == code})
            for code in awards}
    assert {r["code"]: int(r["awards"]) for r in rows} == {
        p.code: awards[p.code] for p in reference.provinces()}
    assert {r["code"]: int(r["laos"]) for r in rows if int(r["laos"])} == laos
    yala = next(r for r in rows if r["code"] == "TH-95")
    assert (yala["slug"], yala["region"], yala["url_en"]) == (
        "yala", "south", "https://example.github.io/awards/en/provinces/yala/")
    report = validate(site / "data" / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    resource = Package(site / "data" / "datapackage.json").get_resource("provinces")
    assert [f.name for f in resource.schema.fields] == list(rows[0])
    assert "2566" in resource.title
    assert len(resource.read_rows()) == 77


def test_stats_page_reads_at_phone_and_desktop_widths(browser, base_url):
    """Issue 27: beside the map, a 77-row table left ~1,800 px of blank column at 1280
    px. The map's neighbour is now a chart of at most ten bars; nothing scrolls sideways."""
    for width in (390, 1280):
        page = open_page(browser, base_url + "th/stats/", (width, 900))
        columns = page.eval_on_selector(
            ".map-pair", "pair => Array.from(pair.children, c => c.getBoundingClientRect().height)")
        if width == 1280:
            assert abs(columns[0] - columns[1]) < 700, columns
        assert page.evaluate("document.documentElement.scrollWidth") == width
        assert page.locator("#chart-top + .bars .bar-row").count() <= 10
        assert page.problems == []
        page.context.close()
