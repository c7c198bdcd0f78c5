"""The winners explorer in Chromium: search, filters, sorting, sharing, printing and
exporting, as a journalist uses them, checked against the site's own open data."""

from __future__ import annotations

import csv
import io
import json
import urllib.request
from collections import Counter
from pathlib import Path

from browsing import ARTIFACTS, open_page, type_query, visible_rows
from pythainlp.util import collate
from search_set import CASES, QUERIES, in_2566


def open_data(base_url: str) -> list[dict]:
    with urllib.request.urlopen(base_url + "data/winners.json") as response:
        return json.load(response)["winners"]


def key(winner: dict) -> str:
    return f"{winner['year']}/{winner['id']}"


def test_explorer_search_filters_and_shared_urls(browser, base_url):
    page = open_page(browser, base_url + "th/winners/?year=2566")
    assert page.is_visible("#filters")
    assert len(visible_rows(page)) == 20
    # matched in their fields, then the rows whose write-ups tell of waste (Rangsit's canal),
    # as the query set has them for this year
    waste_fields, waste = in_2566("ขยะ")
    type_query(page, "ขยะ")
    assert sorted(visible_rows(page)) == waste
    assert str(len(waste_fields)) in page.inner_text("#result-count")
    for variant in ("ข ยะ", "ขย\u200bะ", " ขยะ "):  # stray space, pasted zero-width
        type_query(page, variant)
        assert sorted(visible_rows(page)) == waste, variant
    for query in ("Yala", "ยะลา"):
        type_query(page, query)
        by_name = page.eval_on_selector_all(
            "#explorer tbody tr:not([hidden]):not(.match-writeup)", "r => r.map(x => x.dataset.key)")
        assert by_name == ["2566/yala-big-data"], query
        # Khrueng's write-up names its fellow winner, and the row says where it matched
        assert page.eval_on_selector_all("tr.match-writeup", "r => r.map(x => x.dataset.key)") \
            == ["2566/khrueng-waste-management"]
    # words found only in the write-ups, loaded on demand
    _, figures = in_2566("ตัวเลข")
    type_query(page, "ตัวเลข")
    page.wait_for_function(
        f"document.querySelectorAll('tr.match-writeup').length === {len(figures)}")
    assert sorted(visible_rows(page)) == figures

    type_query(page, "")
    page.select_option("#f-region", "north")
    page.select_option("#f-type", "subdistrict-municipality")
    north = ["2566/ban-klang-one-stop-service", "2566/buak-khang-e-service",
             "2566/khrueng-waste-management", "2566/umong-smart-classroom",
             "2566/umong-social-welfare"]
    assert sorted(visible_rows(page)) == north
    page.click("th[data-key=lao] button")
    shared = page.url
    assert "region=north" in shared and "type=subdistrict-municipality" in shared
    assert "sort=lao" in shared
    names = page.eval_on_selector_all("#explorer tbody tr:not([hidden]) th a",
                                      "links => links.map(a => a.textContent)")
    assert names == collate(names)
    page.context.close()

    again = open_page(browser, shared)
    assert sorted(visible_rows(again)) == north
    assert again.input_value("#f-region") == "north"
    assert again.get_attribute("th[data-key=lao]", "aria-sort") == "ascending"
    assert again.problems == []
    again.context.close()


def test_print_stylesheet_hides_the_controls(browser, base_url):
    page = open_page(browser, base_url + "en/winners/")
    page.emulate_media(media="print")
    assert not page.is_visible("#filters")
    assert not page.is_visible(".site-nav")
    assert page.is_visible("#explorer")
    page.pdf(path=str(ARTIFACTS / "explorer-print.pdf"))
    winner = open_page(browser, base_url + "en/2566/yala-big-data/")
    winner.emulate_media(media="print")
    assert winner.is_visible("h1") and not winner.is_visible(".site-footer")
    winner.pdf(path=str(ARTIFACTS / "winner-print.pdf"))
    page.context.close()
    winner.context.close()


def test_search_js_agrees_with_python_on_the_shared_cases(browser, search_url):
    page = open_page(browser, search_url + "th/winners/")
    got = page.evaluate("""cases => {
        const s = window.awardsSearch;
        return {
            normalize: cases.normalize.map(c => s.normalize(c[0])),
            query_words: cases.query_words.map(c => s.queryWords(c[0])),
            record_words: cases.record_words.map(c => s.recordWords(c[0])),
            matches: cases.matches.map(c => s.matches(s.queryWords(c[0]), s.split(c[1]))),
        };
    }""", CASES)
    for kind in ("normalize", "query_words", "record_words", "matches"):
        assert got[kind] == [expected for *_, expected in CASES[kind]], kind
    assert page.problems == []
    page.context.close()


def test_the_query_set_in_the_explorer(browser, search_url):
    """Typed as a reader types them: the exact rows, rows matched in their fields first."""
    page = open_page(browser, search_url + "th/winners/")
    first = next(item for item in QUERIES if item["query"] == "ตัวเลข")
    type_query(page, first["query"])  # the write-up index loads on the first query
    page.wait_for_function(
        f"document.querySelectorAll('tr.match-writeup').length === {len(first['writeups'])}")
    wrong = []
    for item in QUERIES:
        type_query(page, item["query"])
        shown = page.eval_on_selector_all(
            "#explorer tbody tr:not([hidden])",
            "rows => rows.map(r => [r.dataset.key, r.classList.contains('match-writeup')])")
        fields = [key for key, in_writeup in shown if not in_writeup]
        rest = [key for key, in_writeup in shown if in_writeup]
        in_order = shown == [[key, False] for key in fields] + [[key, True] for key in rest]
        if (sorted(fields), sorted(rest)) != (item["fields"], item["writeups"]) or not in_order:
            wrong.append((item["query"], fields, rest))
    assert wrong == []
    assert page.problems == []
    page.context.close()


def options(page, facet: str) -> dict[str, dict]:
    return {o["value"]: o for o in page.eval_on_selector_all(
        f"#f-{facet} option:not([value=''])", """os => os.map(o => ({value: o.value,
        text: o.textContent, disabled: o.disabled, hidden: o.hidden,
        group: o.getAttribute('data-group')}))""")}


def facet_of(winner: dict, facet: str) -> list[str]:
    tier = winner["tier"]["id"] if winner["tier"] else "unstated"
    return {"year": [str(winner["year"])], "tier": [tier],
            "region": [winner["province"]["region"]], "province": [winner["province"]["slug"]],
            "type": [winner["lao"]["type"]], "theme": winner["themes"]}[facet]


def test_filter_options_count_what_they_would_show_and_follow_the_region(browser, base_url):
    winners = open_data(base_url)
    page = open_page(browser, base_url + "th/winners/")
    # before any filter, every option counts the winners with its value
    for facet in ("year", "tier", "region", "province", "type", "theme"):
        counts = Counter(v for w in winners for v in facet_of(w, facet))
        for value, option in options(page, facet).items():
            assert option["text"].endswith(f" ({counts[value]})"), (facet, option)
            assert option["disabled"] == (counts[value] == 0), (facet, option)
    assert options(page, "region")["north"]["text"].startswith("ภาคเหนือ (")

    page.select_option("#f-region", "north")
    north = [w for w in winners if w["province"]["region"] == "north"]
    assert sorted(visible_rows(page)) == sorted(key(w) for w in north)
    # the province list follows the region; the other filters count within it
    for value, option in options(page, "province").items():
        assert option["hidden"] == (option["group"] != "north"), option
        in_province = sum(w["province"]["slug"] == value for w in north)
        if option["group"] == "north":
            assert option["text"].endswith(f" ({in_province})")
            assert option["disabled"] == (in_province == 0)
    types = Counter(w["lao"]["type"] for w in north)
    for value, option in options(page, "type").items():
        assert option["text"].endswith(f" ({types[value]})")
        assert option["disabled"] == (types[value] == 0)
    # the chosen region's own options still count across every region
    regions = Counter(w["province"]["region"] for w in winners)
    assert options(page, "region")["south"]["text"].endswith(f" ({regions['south']})")

    # a province of another region is dropped when the region changes
    page.select_option("#f-region", "")
    page.select_option("#f-province", "yala")
    page.select_option("#f-region", "north")
    assert page.input_value("#f-province") == ""
    assert sorted(visible_rows(page)) == sorted(key(w) for w in north)
    assert page.problems == []
    page.context.close()


def test_an_unknown_value_in_a_shared_url_is_said_not_silently_dropped(browser, base_url):
    page = open_page(browser, base_url + "en/winners/?province=lampun&region=north")
    notice = page.locator("#unknown-filters")
    assert notice.is_visible()
    assert "lampun" in notice.inner_text() and "province" in notice.inner_text()
    assert page.input_value("#f-province") == "" and page.input_value("#f-region") == "north"
    north = [w for w in open_data(base_url) if w["province"]["region"] == "north"]
    assert sorted(visible_rows(page)) == sorted(key(w) for w in north)
    page.context.close()
    known = open_page(browser, base_url + "th/winners/?province=lamphun")
    assert not known.locator("#unknown-filters").is_visible()
    assert known.input_value("#f-province") == "lamphun"
    known.context.close()


def test_counts_read_naturally_for_one_row_and_for_many(browser, base_url):
    page = open_page(browser, base_url + "en/winners/?province=yala&year=2566")
    assert page.inner_text("#result-count") == "1 award found"
    assert page.inner_text("#export-csv") == "Download this row as CSV"
    page.select_option("#f-province", "")
    assert page.inner_text("#result-count") == "20 awards found"
    assert page.inner_text("#export-csv") == "Download these 20 rows as CSV"
    page.select_option("#f-region", "north")
    north = len([w for w in open_data(base_url)
                 if w["province"]["region"] == "north" and w["year"] == 2566])
    assert page.inner_text("#export-csv") == f"Download these {north} rows as CSV"
    page.context.close()


def test_the_language_switch_opens_the_same_view(browser, base_url):
    page = open_page(browser, base_url + "th/winners/")
    page.select_option("#f-region", "north")
    type_query(page, "ขยะ")
    thai = sorted(visible_rows(page))
    assert thai
    page.click("a.lang-switch[hreflang=en]")
    page.wait_for_url("**/en/winners/?*")
    assert page.input_value("#f-region") == "north" and page.input_value("#f-q") == "ขยะ"
    # the write-ups' index answers after the page loads: its rows are waited for, up to 10 s
    page.wait_for_function(
        "keys => JSON.stringify([...document.querySelectorAll('#explorer tbody tr:not([hidden])')]"
        ".map(row => row.dataset.key).sort()) === JSON.stringify(keys)", arg=thai, timeout=10_000)
    assert sorted(visible_rows(page)) == thai
    page.context.close()


def test_themes_link_rows_and_winner_pages_to_the_filtered_explorer(browser, base_url):
    winners = open_data(base_url)
    page = open_page(browser, base_url + "en/2566/buak-khang-e-service/")
    page.click(".facts ul.themes a")
    page.wait_for_url("**/en/winners/?theme=e-service")
    assert page.input_value("#f-theme") == "e-service"
    assert sorted(visible_rows(page)) == sorted(key(w) for w in winners
                                                if "e-service" in w["themes"])
    label = page.eval_on_selector("#f-theme", "s => s.selectedOptions[0].dataset.label")
    assert label == "E-services"
    # each row shows its themes, labelled and linked the same way
    row = page.locator("#explorer tbody tr:not([hidden])").first
    assert row.locator("ul.themes a", has_text="E-services").evaluate("a => a.href") \
        == base_url + "en/winners/?theme=e-service"
    page.context.close()


def test_the_header_stays_in_view_and_phones_sort_without_hidden_buttons(browser, base_url):
    page = open_page(browser, base_url + "th/winners/")
    page.mouse.wheel(0, 1500)
    page.wait_for_function("window.scrollY > 1000")
    top = page.eval_on_selector("#explorer thead th", "th => th.getBoundingClientRect().top")
    assert abs(top) < 1
    page.context.close()

    phone = open_page(browser, base_url + "th/winners/", "phone")
    # rendered but squeezed out of sight: focusable, yet nobody sees where the focus went
    hidden_focusable = phone.eval_on_selector_all(
        "main a, main button, main input, main select",
        """els => els.filter(e => e.getClientRects().length > 0 &&
                             (e.offsetWidth <= 1 || e.offsetHeight <= 1))
                     .map(e => e.outerHTML.slice(0, 80))""")
    assert hidden_focusable == []
    assert not phone.is_visible("#explorer thead") and phone.is_visible("#f-sort")
    phone.select_option("#f-sort", "-lao")
    assert "sort=-lao" in phone.url
    names = phone.eval_on_selector_all("#explorer tbody tr:not([hidden]) th a",
                                       "links => links.map(a => a.textContent)")
    assert names == collate(names, reverse=True) and len(names) == len(open_data(base_url))
    phone.context.close()


def test_the_printout_says_which_filters_and_query_were_applied(browser, base_url):
    page = open_page(browser, base_url + "en/winners/")
    page.select_option("#f-region", "north")
    type_query(page, "waste")
    page.emulate_media(media="print")
    applied = page.locator("#applied")
    assert applied.is_visible()
    assert applied.inner_text() == "Filters applied: Region: North; Search: “waste”"
    assert not page.is_visible("#filters") and not page.is_visible("#export-csv")
    page.pdf(path=str(ARTIFACTS / "explorer-filtered-print.pdf"))
    page.emulate_media(media="screen")
    assert not applied.is_visible()
    page.context.close()


def test_export_downloads_the_rows_in_view_as_open_data_csv(browser, base_url):
    with urllib.request.urlopen(base_url + "data/winners.csv") as response:
        published = response.read()
    lines = published.decode("utf-8-sig").splitlines(keepends=True)
    by_key = {f"{r['year']}/{r['id']}": line for r, line in
              zip(csv.DictReader(io.StringIO("".join(lines))), lines[1:], strict=True)}
    page = open_page(browser, base_url + "th/winners/")
    page.select_option("#f-region", "north")
    page.click("th[data-key=province] button")
    shown = visible_rows(page)
    assert 0 < len(shown) < len(by_key)
    assert page.inner_text("#export-csv") == f"ดาวน์โหลด {len(shown)} รายการที่แสดงอยู่เป็น CSV"
    with page.expect_download() as download:
        page.click("#export-csv")
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs, as in the open data
    assert data.decode("utf-8-sig").splitlines(keepends=True) == \
        [lines[0]] + [by_key[k] for k in shown]
    assert page.problems == []
    page.context.close()


def test_a_shared_link_with_unknown_values_shows_all_and_says_so_atop_the_results(
        browser, base_url):
    """Issue 27: `?province=xx&year=2570` left both lists blank, and said so below the
    fold. They show "All", and the notice opens the results."""
    page = open_page(browser, base_url + "en/winners/?province=xx&year=2570", "phone")
    for facet in ("province", "year"):
        assert page.eval_on_selector(f"#f-{facet}", "s => [s.selectedIndex, s.value]") == [0, ""]
        assert page.eval_on_selector(f"#f-{facet}", "s => s.selectedOptions[0].textContent") \
            == "All"
    notice = page.locator("#unknown-filters")
    assert notice.is_visible()
    assert "“xx”" in notice.inner_text() and "“2570”" in notice.inner_text()
    # right under the results' heading, above their count and the rows
    assert page.evaluate("""() => {
        const heading = document.getElementById('results-heading');
        return heading.nextElementSibling.id;
    }""") == "unknown-filters"
    top = page.eval_on_selector("#unknown-filters", "e => e.getBoundingClientRect().top")
    assert top < page.eval_on_selector("#result-count", "e => e.getBoundingClientRect().top")
    assert len(visible_rows(page)) == len(open_data(base_url))
    assert page.problems == []
    page.context.close()


def test_the_province_list_offers_provinces_with_winners_first(browser, base_url):
    winners = open_data(base_url)
    page = open_page(browser, base_url + "th/winners/")
    groups = page.eval_on_selector_all("#f-province optgroup", """gs => gs.map(g => [g.label,
        Array.from(g.children).map(o => [o.value, o.dataset.label, o.disabled])])""")
    assert [label for label, _ in groups] == ["มีผู้ได้รับรางวัล", "ไม่มีผู้ได้รับรางวัล (พ.ศ. 2564–2566)"]
    won = {w["province"]["slug"] for w in winners}
    first, rest = groups[0][1], groups[1][1]
    assert {value for value, _, _ in first} == won and len(first) + len(rest) == 77
    assert not any(disabled for *_, disabled in first)
    assert all(disabled for *_, disabled in rest)
    for options in (first, rest):  # each group in Thai dictionary order
        names = [label for _, label, _ in options]
        assert names == collate(names)
    # the province column still sorts by name, not in the list's order
    page.click("th[data-key=province] button")
    shown = page.eval_on_selector_all("#explorer tbody tr:not([hidden]) td:nth-child(5) a",
                                      "links => links.map(a => a.textContent)")
    assert shown == collate(shown) and len(shown) == len(open_data(base_url))
    # a region leaves its own provinces, and a group with none of them goes
    page.select_option("#f-region", "south")
    assert page.eval_on_selector_all("#f-province optgroup", "gs => gs.map(g => g.hidden)") \
        == [False, False]
    assert page.problems == []
    page.context.close()
    west = open_page(browser, base_url + "th/winners/?region=west")  # no winner there
    assert west.eval_on_selector_all("#f-province optgroup", "gs => gs.map(g => g.hidden)") \
        == [True, False]
    west.context.close()


def test_hits_in_the_table_are_counted_apart_from_hits_only_in_write_ups(browser, base_url):
    """Issue 27: เทศบาลตำบล said "11 results" for 10 municipalities, the 11th found
    only in a write-up."""
    page = open_page(browser, base_url + "th/winners/")
    type_query(page, "เทศบาลนคร")  # Khrueng's write-up names Yala City Municipality
    shown = page.eval_on_selector_all(
        "#explorer tbody tr:not([hidden])",
        "rows => rows.map(r => r.classList.contains('match-writeup'))")
    in_table, in_writeups = shown.count(False), shown.count(True)
    assert in_table == sum(w["lao"]["type"] == "city-municipality"
                           for w in open_data(base_url))
    assert in_writeups >= 1 and shown == [False] * in_table + [True] * in_writeups
    assert page.inner_text("#result-count") == (
        f"พบ {in_table} รางวัลในตาราง และอีก {in_writeups} รางวัลที่พบเฉพาะในรายละเอียดผลงาน"
        " (แสดงต่อท้าย)")
    # and the rows found only in a write-up begin under a rule of their own
    assert page.eval_on_selector(
        "#explorer tbody tr.match-writeup:not([hidden]) > *",
        "cell => getComputedStyle(cell).borderTopStyle") == "double"
    type_query(page, "ภาษี")  # only in the table: one count, as before
    assert page.inner_text("#result-count") == "พบ 2 รางวัล"
    assert page.problems == []
    page.context.close()
