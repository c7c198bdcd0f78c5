"""The bundled site, built and read back as a visitor and a crawler would."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import yaml
from conftest import BASE_URL, CONTENT
from pythainlp.util import collate
from sitecheck import broken_links, html_files, parse

from generator.load.catalog import load_content

LANGS = ("th", "en")


def award_data() -> dict:
    return yaml.safe_load((CONTENT / "awards" / "2566.yaml").read_text(encoding="utf-8"))


def bundled_winners() -> list[dict]:
    return [dict(w, tier=t["id"]) for t in award_data()["tiers"] for w in t["winners"]]


def test_page_counts(site: Path):
    catalog = load_content(CONTENT)
    for lang in LANGS:
        winners = [p for p in (site / lang / "2566").iterdir() if p.is_dir()]
        assert len(winners) == 20
        for year in catalog.years:
            assert {p.name for p in (site / lang / str(year.be)).iterdir() if p.is_dir()} == {
                w.id for w in year.winners}
        assert len(list((site / lang / "provinces").glob("*/index.html"))) == 77
        assert len(list((site / lang / "regions").glob("*/index.html"))) == 6
        assert len(list((site / lang / "laos").glob("*/index.html"))) == len(catalog.laos)
        for page in ("", "2566/", "tiers/excellence/", "tiers/outstanding/", "provinces/"):
            assert (site / lang / page / "index.html").is_file()
    for path in ("index.html", "404.html", "sitemap.xml", "robots.txt", ".nojekyll",
                 "data/winners.json", "data/winners.csv"):
        assert (site / path).is_file(), path


def test_no_broken_internal_links(site: Path):
    assert broken_links(site, BASE_URL) == []


def test_every_page_has_its_twin(site: Path):
    for lang, other in (("th", "en"), ("en", "th")):
        for path in html_files(site / lang):
            rel = path.relative_to(site / lang)
            assert (site / other / rel).is_file(), f"{lang}/{rel} has no {other} twin"
            page = parse(path)
            assert page.one("html").attrs["lang"] == lang
            hreflangs = {e.attrs["hreflang"]: e.attrs["href"]
                         for e in page.all("link", rel="alternate") if "hreflang" in e.attrs}
            url = f"{BASE_URL}{lang}/{rel.parent.as_posix()}/".replace("/./", "/")
            assert hreflangs[lang] == url
            assert hreflangs[other] == url.replace(f"/{lang}/", f"/{other}/", 1)
            assert hreflangs["x-default"] == url.replace(f"/{lang}/", "/th/", 1)
            if rel.parent.name == "kit":
                # a winner's kit page is for its visitors, not search engines (noindex);
                # its canonical link names itself, as every page's does
                assert page.one("meta", name="robots").attrs["content"] == "noindex"
            assert page.one("link", rel="canonical").attrs["href"] == url
            switch = page.one("a", **{"class": "lang-switch"})
            assert switch.attrs["hreflang"] == other
            assert page.link(switch) == "/awards" + url.removeprefix(
                BASE_URL[:-1]).replace(f"/{lang}/", f"/{other}/", 1)


def test_landing_page_links_both_languages(site: Path):
    page = parse(site / "index.html")
    assert {"/awards/th/", "/awards/en/"} <= page.links()
    assert {s.attrs["lang"] for s in page.all("section")} == {"th", "en"}


def test_winner_page_shows_the_award(site: Path):
    th = parse(site / "th" / "2566" / "yala-big-data" / "index.html")
    en = parse(site / "en" / "2566" / "yala-big-data" / "index.html")
    assert th.one("h1").text == "เทศบาลนครยะลา"
    assert en.one("h1").text == "Yala City Municipality"
    # each page leads with its own language, the other beside it in its own lang
    assert th.one("p", **{"class": "project-title"}).text == "Big Data เพื่อพัฒนาคุณภาพบริการ"
    assert th.texts("p", lang="en") == ["Yala City Municipality",
                                         "Big Data to Improve Service Quality"]
    assert en.one("p", **{"class": "project-title"}).text == "Big Data to Improve Service Quality"
    assert en.texts("p", lang="th") == ["เทศบาลนครยะลา", "Big Data เพื่อพัฒนาคุณภาพบริการ"]
    hrefs = {th.link(a): a.text for a in th.all("a")}
    assert hrefs["/awards/th/laos/yala-city-municipality/"] == "เทศบาลนครยะลา"
    assert hrefs["/awards/th/provinces/yala/"] == "จังหวัดยะลา"
    assert hrefs["/awards/th/tiers/excellence/"] == "ยอดเยี่ยม"
    assert "3 ปีซ้อน" in th.text
    assert "3 years in a row" in en.text


def test_thai_pages_use_buddhist_era_and_english_pages_common_era(site: Path):
    th = parse(site / "th" / "2566" / "index.html")
    en = parse(site / "en" / "2566" / "index.html")
    assert th.all("time")[0].text == "10 ตุลาคม 2566"
    assert en.all("time")[0].text == "10 October 2023"
    assert th.one("h1").text == "รางวัลท้องถิ่นดิจิทัล ประจำปี 2566"
    assert en.one("h1").text == "Digital Local Government Awards 2023"
    en_winner = parse(site / "en" / "2566" / "bang-sare-b-buddy" / "index.html")
    assert "2023 (B.E. 2566)" in " ".join(e.text for e in en_winner.all("dd"))


def test_year_page_groups_by_tier_then_type(site: Path):
    page = parse(site / "th" / "2566" / "index.html")
    tiers = [h.text.split()[0] for h in page.all("h3") if h.attrs.get("id", "").startswith("tier-")]
    assert tiers == ["รางวัลประเภทยอดเยี่ยม", "รางวัลประเภทดีเด่น"]
    types = page.texts("h4", **{"class": "type-heading"})
    assert [t.split()[0] for t in types] == [
        "เทศบาลนคร", "เทศบาลตำบล",  # excellence
        "เทศบาลนคร", "เทศบาลเมือง", "เทศบาลตำบล", "องค์การบริหารส่วนตำบล",  # outstanding
    ]
    assert [int(t.split()[1]) for t in types] == [1, 1, 2, 4, 9, 3]


def test_lists_are_in_thai_dictionary_order_and_english_alphabetical(site: Path):
    th = parse(site / "th" / "laos" / "index.html")
    names = [e.text for e in th.all("a") if th.link(e).startswith("/awards/th/laos/")
             and th.link(e) != "/awards/th/laos/" and "#" not in e.attrs["href"]]
    assert len(names) == len(load_content(CONTENT).laos)
    assert names == collate(names)
    en = parse(site / "en" / "laos" / "index.html")
    names = [e.text for e in en.all("a") if en.link(e).startswith("/awards/en/laos/")
             and en.link(e) != "/awards/en/laos/" and "#" not in e.attrs["href"]]
    assert names == sorted(names, key=str.casefold)
    # A leading vowel does not count first: แพร่ sorts under พ, between น่าน and ลำปาง,
    # where code point order would put it after every consonant.
    north = parse(site / "th" / "regions" / "north" / "index.html")
    provinces = [e.text for e in north.all("a") if "/provinces/" in e.attrs["href"]
                 and north.link(e) != "/awards/th/provinces/"]
    assert provinces.index("น่าน") < provinces.index("แพร่") < provinces.index("ลำปาง")
    assert provinces.index("เชียงใหม่") < provinces.index("น่าน")


def test_province_index_lists_all_77_with_counts(site: Path):
    page = parse(site / "en" / "provinces" / "index.html")
    names = [th.text for th in page.all("th", scope="row")]
    counts = [int(td.text) for td in page.all("td")]
    assert len(names) == 77 and len(counts) == 77
    rows = dict(zip(names, counts, strict=True))
    winners = load_content(CONTENT).winners
    assert rows["Lamphun"] == 3 and rows["Bangkok"] == 0
    assert rows["Yala"] == len([w for w in winners if w.province.name.en == "Yala"]) > 1
    assert sum(counts) == len(winners)
    regions = [h.text for h in page.all("h2")]
    assert regions == ["North", "Northeast", "Central", "East", "West", "South"]


def test_lao_page_lists_every_award(site: Path):
    page = parse(site / "en" / "laos" / "umong-subdistrict-municipality" / "index.html")
    links = page.links()
    assert "/awards/en/2566/umong-social-welfare/" in links
    assert "/awards/en/2566/umong-smart-classroom/" in links


def test_open_data_json_matches_content(site: Path):
    text = (site / "data" / "winners.json").read_text(encoding="utf-8")
    data = json.loads(text)
    lines = text.splitlines()
    # one winner a line, in order: a diff of two releases shows each changed winner
    assert [json.loads(line.rstrip(",")) for line in lines[1:-1]] == data["winners"]
    assert data["updated"] == "2023-10-10"
    winners = [w for w in data["winners"] if w["year"] == 2566]
    source = {w["id"]: w for w in bundled_winners()}
    assert {w["id"] for w in winners} == set(source)
    assert [w["year"] for w in data["winners"]] == sorted(
        (w["year"] for w in data["winners"]), reverse=True), "newest year first"
    first = data["winners"][0]
    assert list(first) == ["year", "year_ce", "id", "tier", "lao", "province", "district",
                           "project", "themes", "url", "writeup", "sources",
                           "year_winners_announced", "year_winners_listed"]
    assert list(first["tier"]) == ["id", "rank", "th", "en"]
    assert list(first["lao"]) == ["slug", "th", "en", "type", "type_name", "code"]
    assert list(first["province"]) == ["code", "slug", "th", "en", "region", "region_name"]
    for record in winners:
        raw = source[record["id"]]
        assert record["year"] == 2566 and record["year_ce"] == 2023
        assert record["tier"]["id"] == raw["tier"]
        assert record["lao"]["th"] == raw["lao"]["th"]
        assert record["lao"]["en"] == raw["lao"]["en"]
        assert record["project"] == raw["project"]
        assert record["themes"] == raw.get("themes", [])
        for lang in LANGS:
            assert record["url"][lang] == f"{BASE_URL}{lang}/2566/{record['id']}/"
    yala = next(w for w in winners if w["id"] == "yala-big-data")
    assert yala["province"] == {"code": "TH-95", "slug": "yala", "th": "ยะลา", "en": "Yala",
                                "region": "south",
                                "region_name": {"th": "ภาคใต้", "en": "South"}}
    assert yala["lao"]["type"] == "city-municipality"
    assert yala["lao"]["type_name"] == {"th": "เทศบาลนคร", "en": "City Municipality"}
    assert yala["lao"]["code"] is None, "no official list we found gives it"
    assert yala["district"] == {"th": "อำเภอเมืองยะลา", "en": "Mueang Yala District"}
    # every winner cites first the DGA press release the bundled year comes from, at the
    # address where it is republished
    for record in winners:
        release = record["sources"][0]
        assert release["title"]["th"].startswith("รัฐบาลดิจิทัล ส่งเสริมท้องถิ่นก้าวหน้า")
        assert release["publisher"]["th"] == "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน) (DGA)"
        assert release["date"] == "2023-10-10"
        assert release["url"] == "https://khao-online.com/?p=6630"
    assert yala["writeup"] == {"th": True, "en": True}
    assert next(w for w in winners if w["id"] == "buak-khang-e-service")["writeup"] == {
        "th": False, "en": False}
    # Order: tier rank, then Thai dictionary order of lao.th, then id
    ranks = [w["tier"]["rank"] for w in winners]
    assert ranks == sorted(ranks)
    outstanding = [w["lao"]["th"] for w in winners if w["tier"]["id"] == "outstanding"]
    assert outstanding == collate(outstanding)


def test_open_data_csv_matches_json(site: Path):
    raw = (site / "data" / "winners.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    data = json.loads((site / "data" / "winners.json").read_text(encoding="utf-8"))["winners"]
    assert [r["id"] for r in rows] == [w["id"] for w in data]
    assert list(rows[0]) == [
        "year", "year_ce", "id", "tier_id", "tier_rank", "tier_th", "tier_en", "lao_slug",
        "lao_th", "lao_en", "lao_type", "lao_type_name_th", "lao_type_name_en", "lao_code",
        "province_code", "province_slug", "province_th", "province_en", "province_region",
        "province_region_name_th", "province_region_name_en", "district_th", "district_en",
        "project_th", "project_en", "themes", "url_th", "url_en", "writeup_th", "writeup_en",
        "source_th", "source_en", "source_url", "year_winners_announced", "year_winners_listed",
    ]
    for row, record in zip(rows, data, strict=True):
        assert row["lao_th"] == record["lao"]["th"]
        assert row["lao_type_name_th"] == record["lao"]["type_name"]["th"]
        assert row["province_region_name_en"] == record["province"]["region_name"]["en"]
        assert row["lao_code"] == (record["lao"]["code"] or "")
        assert row["district_th"] == (record["district"] or {}).get("th", "")
        assert row["source_th"] == record["sources"][0]["title"]["th"]
        assert row["source_url"] == (record["sources"][0]["url"] or "")
        assert row["themes"] == ";".join(record["themes"])
        assert row["writeup_th"] == str(record["writeup"]["th"]).lower()
        assert row["province_region"] == record["province"]["region"]


def test_sitemap_lists_pages(site: Path):
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{BASE_URL}th/2566/yala-big-data/</loc>" in text
    # all pages but 404.html and the winners' kit pages, which are for their visitors only
    kits = [path for path in html_files(site) if path.parent.name == "kit"]
    assert len(kits) > 40
    assert text.count("<url>") == len(html_files(site)) - 1 - len(kits)
    assert "/kit/" not in text
    assert (site / "robots.txt").read_text() .endswith(f"Sitemap: {BASE_URL}sitemap.xml\n")


def test_font_is_self_hosted_and_no_third_party_assets(site: Path):
    css = (site / "static" / "site.css").read_text()
    assert "sarabun-thai-400-normal.woff2" in css
    assert (site / "static" / "fonts" / "sarabun-thai-400-normal.woff2").stat().st_size > 5000
    for path in html_files(site):
        page = parse(path)
        for element in page.all("link") + page.all("script"):
            attr = "href" if element.tag == "link" else "src"
            if element.attrs.get("rel") in ("stylesheet", "preload", "icon") or (
                    element.tag == "script" and "src" in element.attrs):
                assert page.link(element, attr).startswith("/awards/static/"), (
                    f"{path}: third-party asset {element.attrs[attr]}")


def test_tier_and_region_pages_show_the_newest_year_and_lead_to_every_year(site: Path):
    """Issue 26: a tier or region page listed every winner again (0.8 MB at 2,000
    winners, growing with the archive); each shows its newest year's winners, and a
    tier page links every earlier year's list of it, a region page its provinces."""
    catalog = load_content(CONTENT)
    for lang in LANGS:
        for tier in catalog.tiers:
            page = parse(site / lang / "tiers" / tier.id / "index.html")
            mine = [w for w in catalog.winners if w.tier == tier]
            years = sorted({w.year for w in mine}, reverse=True)
            links = page.links()
            # the newest year's winners, each linked, and no other winner
            shown = {link for link in links if link.count("/") == 5
                     and link.startswith(f"/awards/{lang}/25")}
            assert shown == {f"/awards/{lang}/{w.year}/{w.id}/" for w in mine
                             if w.year == years[0]}
            listed = [page.link(a) for a in page.all("a")
                      if a.attrs["href"].endswith(f"#tier-{tier.id}")]
            assert listed == [f"/awards/{lang}/{be}/#tier-{tier.id}" for be in years]
            for be in years:  # each link lands on the year's list of the tier
                year = parse(site / lang / str(be) / "index.html")
                assert year.one("h3", id=f"tier-{tier.id}")
        for region in catalog.regions:
            page = parse(site / lang / "regions" / region.slug / "index.html")
            mine = [w for w in catalog.winners if w.province.region == region]
            links = page.links()
            for province in {w.province for w in mine}:
                assert f"/awards/{lang}/provinces/{province.slug}/" in links
            if mine:
                newest = max(w.year for w in mine)
                assert {link for link in links if link.count("/") == 5
                        and link.startswith(f"/awards/{lang}/25")} == {
                    f"/awards/{lang}/{w.year}/{w.id}/" for w in mine if w.year == newest}


def test_the_menu_links_the_newest_year_and_the_home_pages_list_of_every_year(site: Path):
    """One link a year on every page would grow with the archive (issue 26): the menu
    links the newest year and the home page's list, which links every year."""
    years = [year.be for year in load_content(CONTENT).years]
    assert len(years) > 1
    for lang in ("th", "en"):
        page = parse(site / lang / "2566" / "yala-big-data" / "index.html")
        start = next(i for i, e in enumerate(page.elements)
                     if e.tag == "nav" and "site-nav" in e.attrs.get("class", ""))
        end = next(i for i, e in enumerate(page.elements) if i > start and e.tag == "main")
        menu = [page.link(e) for e in page.elements[start:end] if e.tag == "a"]
        linked_years = [link for link in menu if link.rstrip("/").rsplit("/", 1)[-1].isdigit()]
        assert linked_years == [f"/awards/{lang}/{max(years)}/"]
        assert f"/awards/{lang}/#years" in menu
        home = parse(site / lang / "index.html")
        assert home.one("h2", id="years")
        assert {f"/awards/{lang}/{be}/" for be in years} <= home.links()


def test_breadcrumbs_lead_up_from_a_page_and_leave_the_page_itself_to_its_heading(site: Path):
    trails = {"2566/yala-big-data": ["", "2566/"], "laos/yala-city-municipality": ["", "laos/"],
              "provinces/yala": ["", "provinces/"], "about": [""], "2566": [""]}
    for lang in LANGS:
        for folder, expected in trails.items():
            path = site / lang / folder / "index.html"
            trail = re.search(r'<nav class="breadcrumbs".*?</nav>', path.read_text(encoding="utf-8"),
                              re.S).group(0)
            url = parse(path).url
            assert [urljoin(url, href) for href in re.findall(r'href="([^"]*)"', trail)] == [
                f"/awards/{lang}/{up}" for up in expected], path
            assert "aria-current" not in trail


def test_what_every_page_has_around_its_content_is_written_without_the_new_lines_never_shown(
        site: Path):
    """Beside a tag that starts or ends a block, a new line is never shown: the head,
    header, menu, breadcrumbs and footer go without (issue 26). Between two inline tags
    it is a space, and stays; so does every new line of the page's content."""
    for lang in LANGS:
        for folder in ("2566/yala-big-data", "laos/yala-city-municipality", "about"):
            html = (site / lang / folder / "index.html").read_text(encoding="utf-8")
            main, end = html.index("<main"), html.index("</main>")
            crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
            around = html[:main] + crumbs + html[end:]
            assert re.findall(r">\n</?(?:head|meta|link|title|header|nav|ul|li|div|p|footer)\b",
                              around) == [], folder
            # the site's name and the language switch stay two words without a style sheet
            assert re.search(r'</a>\n<a class="lang-switch"', html), folder
            assert html[main:end].count("\n") > 5
