"""The winner before the kit (issue 27), as Chromium lays a phone's screen out: the first
screen of a winner page says who won what, in which tier and year, and why; the kit
(share, embed, badges, citation; on a page of its own since issue 26, which a winner
page links) takes at most a quarter of a winner or LAO page and opens in one tap
without JavaScript; a name equal in both languages is shown once;
each winner page leads to the previous and next winner of its year and tier."""

from __future__ import annotations

import json
import urllib.request

from browsing import open_page

PHONE = (390, 844)

# The height of the page and of its kit, and how far down each part of the winner ends
MEASURE = """() => {
  const bottom = selector => {
    const found = document.querySelector(selector);
    return found ? found.getBoundingClientRect().bottom + scrollY : null;
  };
  const kits = [...document.querySelectorAll('.kit')];
  // the summary may go on below the fold, but it begins on the first screen: its first line
  const summary = document.querySelector('.summary');
  const why = summary && summary.getBoundingClientRect().top + scrollY
    + parseFloat(getComputedStyle(summary).lineHeight);
  return {
    page: document.documentElement.scrollHeight,
    kit: kits.reduce((sum, kit) => sum + kit.getBoundingClientRect().height, 0),
    kits: kits.length,
    year: bottom('.eyebrow'), who: bottom('h1'), tier: bottom('.tier-badge'),
    what: bottom('.project-title'), why: why,
  };
}"""


def winners(base_url: str) -> list[dict]:
    with urllib.request.urlopen(base_url + "data/winners.json") as response:
        return json.load(response)["winners"]


def test_the_first_screen_of_a_winner_page_shows_the_winner_and_the_kit_is_one_line(
        browser, base_url):
    context = browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]})
    page = context.new_page()
    wrong, summaries = [], 0
    for winner in winners(base_url):
        for lang in ("th", "en"):
            page.goto(winner["url"][lang], wait_until="load")
            seen = page.evaluate(MEASURE)
            name = f"{lang}/{winner['year']}/{winner['id']}"
            # a winner whose tier no source states has no tier to show (its facts say so)
            parts = ("year", "who", "what") + (("tier",) if winner["tier"] else ()) + (
                ("why",) if seen["why"] else ())
            summaries += bool(seen["why"])
            late = [part for part in parts if seen[part] is None or seen[part] > PHONE[1]]
            if late:
                wrong.append(f"{name}: below the first screen: {late}")
            if seen["kits"] != 1 or seen["kit"] > seen["page"] / 4:
                wrong.append(f"{name}: kit {seen['kit']:.0f} of {seen['page']} px")
    context.close()
    assert summaries >= 2  # the write-ups' summaries, the why, are on the first screen too
    assert not wrong, wrong


def test_an_lao_page_keeps_its_kit_to_a_quarter_of_the_page(browser, base_url):
    slugs = sorted({w["lao"]["slug"] for w in winners(base_url)})
    context = browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]})
    page = context.new_page()
    wrong = []
    for slug in slugs:
        for lang in ("th", "en"):
            page.goto(f"{base_url}{lang}/laos/{slug}/", wait_until="load")
            seen = page.evaluate(MEASURE)
            if seen["kits"] != 1 or seen["kit"] > seen["page"] / 4:
                wrong.append(f"{lang}/laos/{slug}: kit {seen['kit']:.0f} of {seen['page']} px")
    context.close()
    assert len(slugs) > 10
    assert not wrong, wrong


def test_the_kit_opens_in_one_tap_without_javascript(browser, base_url):
    page = open_page(browser, base_url + "th/2566/umong-social-welfare/", PHONE, javascript=False)
    assert not page.locator("#permalink").count()
    page.locator("#kit a").click()  # its one link, in the heading where the kit was
    page.wait_for_url("**/2566/umong-social-welfare/kit/")
    assert page.locator("#permalink").is_visible()
    kit = page.locator("main a[download]").first
    assert kit.is_visible() and kit.get_attribute("href") == "../badge.svg"
    assert page.locator("a[data-kit]").first.is_visible()  # the whole kit
    assert page.problems == []
    page.context.close()


def test_a_link_to_a_kit_opens_it(browser, base_url):
    """An LAO page's link to an award's badges lands on them, on its kit page; an old
    link to a winner page's kit (#kit, #share) lands on the link to it."""
    page = open_page(browser, base_url + "en/laos/umong-subdistrict-municipality/", PHONE)
    page.locator(".kit a[href$='2566/umong-social-welfare/kit/']").click()
    page.wait_for_url("**/2566/umong-social-welfare/kit/")
    assert page.locator("#code-badge").is_visible()
    for old in ("#kit", "#share"):
        page.goto(base_url + "en/2566/umong-social-welfare/" + old, wait_until="load")
        link = page.locator(old + " a")
        assert link.is_visible() and link.get_attribute("href") == "kit/"
    assert page.problems == []
    page.context.close()


def test_a_name_or_title_equal_in_both_languages_is_shown_once(browser, base_url):
    page = open_page(browser, base_url + "en/2566/buak-khang-e-service/", PHONE)
    title = page.inner_text(".project-title")
    assert title == "Buakkhang E-Service"  # its Thai title is the same
    assert page.locator(".project-title-other").count() == 0
    assert page.locator("main").inner_text().count(title) == 1 + page.locator(
        ".kit").inner_text().count(title)  # once (the kit's citation is on its own page)
    page.context.close()
    other = open_page(browser, base_url + "th/2566/yala-big-data/", PHONE)
    assert other.inner_text(".project-title-other") == "Big Data to Improve Service Quality"
    assert other.inner_text(".other-name") == "Yala City Municipality"
    other.context.close()


# Each tier's winners on the year page, in its order: their links
TIER_ORDER = """() => [...document.querySelectorAll('.tier-section')].map(section =>
  [...section.querySelectorAll('.card-title a')].map(a => a.href))"""
NEIGHBOURS = """() => ['prev', 'next'].map(rel => {
  const link = document.querySelector(`.neighbours a[rel=${rel}]`);
  return link ? link.href : null;
})"""


def test_each_winner_page_links_the_previous_and_next_winner_of_its_year_and_tier(
        browser, base_url):
    page = open_page(browser, base_url + "th/2566/", PHONE)
    tiers = page.evaluate(TIER_ORDER)
    assert len(tiers) >= 2 and sum(map(len, tiers)) == 20
    checked = 0
    for in_order in tiers:
        for index, url in enumerate(in_order):
            page.goto(url, wait_until="load")
            expected = [in_order[index - 1] if index else None,
                        in_order[index + 1] if index + 1 < len(in_order) else None]
            assert page.evaluate(NEIGHBOURS) == expected, url
            checked += 1
    assert checked == 20
    page.context.close()
