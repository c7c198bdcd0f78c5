"""Journalists' pages: the explorer without JavaScript, stats and map, open-data page."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from sitecheck import parse

from generator.load import reference
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
        links = {a.attrs["href"] for a in page.all("a")}
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
    by_tier = Counter(w["tier"]["en"] for w in data)
    by_region = Counter(w["province"]["region"] for w in data)
    assert f"th:Excellence td:{by_tier['Excellence']}" in text
    assert f"th:Outstanding td:{by_tier['Outstanding']}" in text
    assert f"th:North td:{by_region['north']}" in text and f"th:West td:{by_region['west']}" in text
    assert f"th:2023 td:{len(data)}" in text
    by_type = Counter(w["lao"]["type"] for w in data)
    assert f"th:Subdistrict Municipality td:{by_type['subdistrict-municipality']}" in text
    assert f"th:Town Municipality td:{by_type['town-municipality']}" in text
    assert "th:Pattaya City td:0" in text
    province_table = en.elements[en.elements.index(en.one("table", id="province-counts")):]
    names = [e.text.strip() for e in province_table if e.tag == "th" and e.attrs.get("scope") == "row"]
    assert len(names) == 77
    by_province = Counter(w["province"]["en"] for w in data)
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
        links = {a.attrs["href"] for a in page.all("a")}
        assert {"/awards/data/winners.json", "/awards/data/winners.csv"} <= links
        assert "CC BY 4.0" in page.text
        assert len(page.all("p", **{"class": "citation"})) == 2


def test_winner_page_offers_a_citation(site: Path):
    page = parse(site / "en" / "2566" / "yala-big-data" / "index.html")
    citation = page.one("p", **{"class": "citation"}).text
    # the award first, then every source the page cites, the release's with its address
    assert citation.startswith(
        "Digital Local Government Awards. “Yala City Municipality: Big Data to "
        "Improve Service Quality.” Excellence tier, 2023. "
        "https://example.github.io/awards/en/2566/yala-big-data/ Source: "
        "Digital Government Development Agency (Public Organization) (DGA), "
        "Digital government advances local progress: local innovations in "
        "public services compete to make things easier for citizens, “Digital "
        "Local Government Awards 2566” (press release, in Thai), 10 October 2023, "
        "https://khao-online.com/?p=6630. Source: ")
    assert citation.count("Source: ") == len(page.one("ul", **{"class": "sources"}).text.split(
        "https://")) - 1
    thai = parse(site / "th" / "2566" / "yala-big-data" / "index.html")
    assert ("แหล่งที่มา: สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน) (DGA), รัฐบาลดิจิทัล "
            "ส่งเสริมท้องถิ่นก้าวหน้า โชว์นวัตกรรมเพื่องานบริการประชาชนในท้องถิ่นแข่งขันให้บริการ"
            "เพื่ออำนวยความสะดวกประชาชน “มอบรางวัลท้องถิ่นดิจิทัล ประจำปี 2566”, 10 ตุลาคม 2566, "
            "https://khao-online.com/?p=6630.") in thai.one("p", **{"class": "citation"}).text


def test_search_index_holds_the_writeups_in_both_languages(site: Path):
    index = site / "data" / "search"
    docs = json.loads((index / "docs.json").read_text(encoding="utf-8"))
    assert sorted(docs["docs"]) == ["2566/khrueng-waste-management",
                                 "2566/rangsit-canal-management", "2566/yala-big-data"]
    shards = sorted(index.glob("[0-9][0-9][0-9][0-9].json"))
    # a small site's index has few shards, every one of them written
    assert docs["buckets"] == 16
    assert [p.name for p in shards] == [lookup.file_name(n) for n in range(docs["buckets"])]

    def shard(number: int | str) -> dict:
        return json.loads((index / lookup.file_name(number)).read_text(encoding="utf-8"))

    yala = {"2566/yala-big-data"}
    # Thai from the Thai write-up, at the start of a word and through the next ones,
    # or from a later syllable of a compound; English from the English one
    assert find(["แพลตฟอร์มการจัดการเมืองอัจฉริยะ"], docs, shard) >= yala
    assert find(["ฉริยะ"], docs, shard) >= yala
    assert find(["years", "row"], docs, shard) >= yala
    assert find(["จฉริยะ"], docs, shard) == set()  # not where a syllable starts
    assert find(["row", "zebra"], docs, shard) == set()
