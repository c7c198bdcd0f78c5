"""What the axe run over every template cannot see: the focus ring's contrast, the
pages in the states a reader puts them in, and the stats page on a phone."""

from __future__ import annotations

import re

from browsing import AXE, axe_problems, open_page, require, type_query, visible_rows

PHONE = (390, 844)
RING_PAGES = ["th/", "th/winners/", "en/stats/", "en/2566/yala-big-data/", "th/data/",
              "th/provinces/"]


def luminance(color: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"[\d.]+", color)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    a, b = sorted((luminance(one), luminance(other)), reverse=True)
    return (a + 0.05) / (b + 0.05)


FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const behind = node => {  // the first opaque background around the ring
    for (let n = node; n; n = n.parentElement) {
      const bg = getComputedStyle(n).backgroundColor;
      if (bg && !bg.startsWith('rgba(0, 0, 0, 0)') && bg !== 'transparent') return bg;
    }
    return 'rgb(255, 255, 255)';
  };
  const style = getComputedStyle(el);
  const path = el.querySelector && el.querySelector('path');
  return {what: el.outerHTML.slice(0, 70), ring: style.outlineStyle !== 'none' ?
          style.outlineColor : null, width: parseFloat(style.outlineWidth),
          behind: behind(el.parentElement),
          stroke: path ? getComputedStyle(path).stroke : null,
          fill: path ? getComputedStyle(path).fill : null};
}"""


def test_the_focus_ring_stands_out_wherever_it_appears(browser, base_url):
    weak = []
    for path in RING_PAGES:
        page = open_page(browser, base_url + path)
        for _ in range(60):  # the first stops of the page, header and content alike
            page.keyboard.press("Tab")
            seen = page.evaluate(FOCUSED)
            if seen is None:  # past the last stop
                break
            if seen["stroke"]:  # a province of the map: its outline and fill change
                ratio = contrast(seen["stroke"], seen["fill"])
            elif seen["ring"] and seen["width"] >= 2:
                ratio = contrast(seen["ring"], seen["behind"])
            else:
                ratio = 0
            if ratio < 3:
                weak.append(f"{path}: {seen['what']} {ratio:.1f}:1")
        page.context.close()
    assert weak == []


def test_axe_with_a_filter_a_search_and_on_a_phone(browser, base_url):
    require(AXE.is_file(), "axe-core (npm ci --prefix tests/browser)")
    found = []
    page = open_page(browser, base_url + "th/winners/")
    page.select_option("#f-region", "north")
    found += [f"filtered: {p}" for p in axe_problems_now(page)]
    type_query(page, "ขยะ")
    assert visible_rows(page)
    found += [f"searched: {p}" for p in axe_problems_now(page)]
    page.context.close()
    for path in ("th/stats/", "en/stats/", "th/winners/?region=north"):
        phone = open_page(browser, base_url + path, PHONE)
        found += [f"{path} at 390 px: {p}" for p in axe_problems_now(phone)]
        phone.context.close()
    assert found == []


def axe_problems_now(page) -> list[str]:
    return axe_problems(page, AXE)


def test_stats_text_stays_readable_at_390_px(browser, base_url):
    for lang in ("th", "en"):
        page = open_page(browser, base_url + f"{lang}/stats/", PHONE)
        small = page.evaluate("""() => [...document.querySelectorAll('.chart-section *')]
            .filter(el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
            .filter(el => el.getClientRects().length && !el.closest('.visually-hidden, title'))
            .filter(el => parseFloat(getComputedStyle(el).fontSize) < 12)
            .map(el => el.tagName + ' ' + el.textContent.trim().slice(0, 30))""")
        assert small == [], lang
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        bars = page.eval_on_selector_all(".bars .bar-row", "rows => rows.length")
        assert bars > 0
        page.context.close()


def test_the_map_none_and_one_award_look_different(browser, base_url):
    page = open_page(browser, base_url + "th/stats/")
    fills = page.evaluate("""() => Object.fromEntries(['0', '1', '2', '3'].map(s =>
        [s, getComputedStyle(document.querySelector('.legend .shade-' + s)).backgroundColor]))""")
    assert contrast(fills["0"], fills["1"]) >= 3
    for shade in ("0", "1"):  # the legend's colours are those of the map
        area = page.query_selector(f".map path.shade-{shade}")
        assert area is not None
        assert area.evaluate("p => getComputedStyle(p).fill") == fills[shade]
    page.context.close()


def test_the_map_by_keyboard_skips_or_opens_the_explorer(browser, base_url):
    page = open_page(browser, base_url + "th/stats/")
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('skip-map')"):
            break
    else:
        raise AssertionError("the skip link is not reachable by Tab")
    box = page.locator(".skip-map").bounding_box()
    assert box["x"] >= 0 and box["width"] > 10, "the skip link shows when focused"
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.closest('.map svg') !== null")
    assert first, "the next stop is a province of the map"
    title = page.evaluate("document.activeElement.querySelector('title').textContent")
    name, count = title.rsplit(": ", 1)
    page.keyboard.press("Enter")
    page.wait_for_url("**/th/winners/?province=*")
    assert len(visible_rows(page)) == int(count)
    assert page.eval_on_selector("#f-province", "s => s.selectedOptions[0].dataset.label") == name

    page.go_back()
    page.focus(".skip-map")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#province-counts') !== null"), \
        "after the skip link, Tab goes on in the table by province"
    page.context.close()
