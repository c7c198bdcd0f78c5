"""Thai line breaking, as Chromium lays the pages out: no Thai LAO, province or tier
name is broken, except between the LAO type (or จังหวัด) and the place; an English one
only between words (issue 15); and no visible Thai text on any page breaks a line
inside a word that the build's own cutter gives (issue 27)."""

from __future__ import annotations

import json
import re
import urllib.request
from functools import cache

import pytest
from browsing import open_page
from conftest import CONTENT

from generator.cache import derived
from generator.cache.derived import Derived
from generator.emit.names import province_title
from generator.emit.pagewords import cut_page
from generator.emit.typography import THAI_PREFIXES, THAI_RUN, Typesetter, _in_turn, units
from generator.load import reference
from generator.load.catalog import load_content
from generator.text import WORD_CUTS, tree_pattern

PAGES = ["winners/", "2566/", "2566/yala-big-data/", "2566/khet-udomsak-online-tax/",
         "2566/buak-khang-e-service/", "2566/bang-sare-b-buddy/", "provinces/", "laos/"]

# The lines a name is laid out on: each element whose whole text is one of the
# names, and none of whose children holds it all, read character by character
LINES = """names => {
  const found = [];
  for (const element of document.querySelectorAll('main *')) {
    const text = element.textContent.trim();
    if (!names.includes(text) || element.getClientRects().length === 0) continue;
    if ([...element.children].some(child => child.textContent.trim() === text)) continue;
    const lines = [];
    let top = null;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.data.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect || !node.data[i].trim()) {
          if (lines.length) lines[lines.length - 1] += node.data[i];
          continue;
        }
        if (top === null || rect.top > top + rect.height / 2) lines.push('');
        top = rect.top;
        lines[lines.length - 1] += node.data[i];
      }
    }
    found.push([text, lines.map(line => line.trim()).filter(Boolean)]);
  }
  return found;
}"""


def wrongly_broken(name: str, lines: list[str]) -> bool:
    """A Thai name may end its first line only with its type (or จังหวัด); an English
    one breaks only between words."""
    if len(lines) < 2:
        return False
    if not THAI_RUN.search(name):
        words = name.split()
        return any(line not in " ".join(words) or not set(line.split()) <= set(words)
                   for line in lines)
    return len(lines) > 2 or lines[0] not in {p for p in THAI_PREFIXES if name.startswith(p)}


def names_of(base_url: str) -> list[str]:
    with urllib.request.urlopen(base_url + "data/winners.json") as response:
        winners = json.load(response)["winners"]
    names = {w["lao"][lang] for w in winners for lang in ("th", "en")}
    names |= {w["tier"][lang] for w in winners if w["tier"] for lang in ("th", "en")}
    for province in reference.provinces():
        names |= {province.name.th, province.name.en,
                  province_title(province, "th"), province_title(province, "en")}
    return sorted(names)


@pytest.mark.parametrize("width", [390, 820, 1280])
def test_names_break_only_between_type_and_place(browser, base_url, width):
    names = names_of(base_url)
    checked = 0
    wrong = []
    for lang in ("th", "en"):
        for path in PAGES:
            page = open_page(browser, f"{base_url}{lang}/{path}", (width, 900))
            for name, lines in page.evaluate(LINES, names):
                checked += 1
                if wrongly_broken(name, lines):
                    wrong.append(f"{lang}/{path}: {' | '.join(lines)}")
            page.context.close()
    assert checked > 300, checked
    assert not wrong, wrong


def test_long_thai_is_cut_into_words_that_keep_names_whole():
    typesetter = Typesetter(load_content(CONTENT))
    html = str(typesetter.words("โครงการบริหารจัดการขยะ เทศบาลตำบลบวกค้าง รางวัลยอดเยี่ยม"))
    # a name breaks only between its type and its place; ๆ stays with its word
    assert " <b->เทศบาลตำบล</b-><w->บวกค้าง</w-> " in html
    assert "<w->ยอดเยี่ยม</w->" in html
    assert html.count("<b->") >= 3 and html.count("<w->") >= 3
    assert "<w->เด็กๆ</w->" in str(typesetter.words("เด็กๆ"))


def test_a_run_held_as_a_stretch_is_trusted_to_hold_no_name_only_by_the_typesetter_that_found_it(
        monkeypatch):
    """A stretch found between one typesetter's names may hold another's (serve's next
    build, with a place added): that one splits the run at its names, as from nothing."""
    monkeypatch.setattr(derived, "_memory", {})
    monkeypatch.setattr(Typesetter, "free", None)
    catalog, run = load_content(CONTENT), "โครงการบริหารจัดการขยะ"
    first, named = Typesetter(catalog), Typesetter(catalog)
    named.names = first.names | {"หารจัด"}
    named.pattern = re.compile(f"({tree_pattern(named.names)})")
    first.prepare(lambda: [run], Derived(None))
    alone = tuple(first.run_words(run))
    assert "".join(alone) == run and "หารจัด" not in alone and Typesetter.free is first
    named.prepare(lambda: [run], Derived(None))
    assert Typesetter.free is None and "หารจัด" in named.run_words(run)
    assert tuple(first.run_words(run)) == alone
    monkeypatch.setattr(derived, "_memory", {})
    named.prepare(lambda: [run], Derived(None))
    assert Typesetter.free is named and "หารจัด" in named.run_words(run)


def test_a_run_is_split_at_a_name_added_since_the_build_whose_cuts_an_editors_build_takes(
        monkeypatch, tmp_path):
    """An editor's build takes every cut that the build before it kept whole (cache/whole.py),
    the stretches it no longer has too: found between the names of then, one may be a run of
    now that holds a name added since, which is split at it as a build from nothing splits it."""
    monkeypatch.setattr(Typesetter, "free", None)
    words = ["การ", "ขยะ", "น้ำ", "ไฟฟ้า", "ถนน", "บ้าน", "เมือง", "ทาง", "ป่าไม้", "ชุมชน"]
    texts = [a + b + c for a in words for b in words for c in words]  # 1,000: kept whole
    catalog, run = load_content(CONTENT), "โครงการบริหารจัดการขยะ"
    first, named = Typesetter(catalog), Typesetter(catalog)
    named.names = first.names | {"หารจัด"}
    named.pattern = re.compile(f"({tree_pattern(named.names)})")
    monkeypatch.setattr(derived, "_memory", {})
    first.prepare(lambda: [run, *texts], Derived.at(tmp_path))  # the build before
    assert "หารจัด" not in first.run_words(run)
    monkeypatch.setattr(derived, "_memory", {})  # the editor's build: a process of its own
    named.prepare(lambda: [run, *texts, "ข้อความใหม่"], Derived.at(tmp_path))
    assert derived.held(WORD_CUTS).others and derived.known(WORD_CUTS, run) is not None
    assert Typesetter.free is None
    edited = tuple(named.run_words(run))
    monkeypatch.setattr(derived, "_memory", {})
    named.prepare(lambda: [run, *texts, "ข้อความใหม่"], Derived(None))
    assert "หารจัด" in edited and edited == tuple(named.run_words(run))


def test_a_page_is_cut_in_its_text_only():
    """Issue 27: the page's text nodes are cut, never its tags, attributes, scripts,
    title or form fields; a text cut once is not cut again."""
    typesetter = Typesetter(load_content(CONTENT))
    page = ('<title>หน่วยงาน</title><p title="หน่วยงาน > ต่อเนื่อง">หน่วยงานต่อเนื่อง</p>'
            '<script>var a = "หน่วยงาน";</script><textarea>หน่วยงาน</textarea>'
            '<svg><text>หน่วยงาน</text></svg><!-- หน่วยงาน --><p>A &amp; หน่วยงาน</p>')
    cut = cut_page(typesetter, page)
    assert cut == ('<title>หน่วยงาน</title><p title="หน่วยงาน > ต่อเนื่อง">'
                   "<b->หน่วยงาน</b-><w->ต่อเนื่อง</w-></p>"
                   '<script>var a = "หน่วยงาน";</script><textarea>หน่วยงาน</textarea>'
                   "<svg><text>หน่วยงาน</text></svg><!-- หน่วยงาน --><p>A &amp; <w->หน่วยงาน</w-></p>")
    assert cut_page(typesetter, cut) == cut


# Every line break inside a run of Thai letters of the page's visible text: the run
# (read across elements, as a reader reads it) and where in it the next line starts.
# A line starts where a letter sits lower than the letter before it in the same block.
THAI_BREAKS = r"""() => {
  const thai = c => c >= '\u0e00' && c <= '\u0e7f';
  const skipped = 'SCRIPT,STYLE,TITLE,TEXTAREA,SELECT,OPTION,TEMPLATE,NOSCRIPT,svg';
  const blocks = new Map();
  const blockOf = element => {
    let found = element;
    while (found.parentElement && getComputedStyle(found).display.startsWith('inline'))
      found = found.parentElement;
    return found;
  };
  const letters = [];  // [character, block, [top, height] or null] in reading order
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest(skipped)) {
      letters.push([' ', null, null]);
      continue;
    }
    const measured = /[\u0e00-\u0e7f]/.test(node.data);
    // a text laid out on one line breaks only before or after it: measure its ends
    const whole = document.createRange();
    whole.selectNodeContents(node);
    const oneLine = measured && whole.getClientRects().length < 2;
    if (!blocks.has(parent)) blocks.set(parent, blockOf(parent));
    for (let i = 0; i < node.data.length; i++) {
      let rect = null;
      if (measured && thai(node.data[i]) && !(oneLine && i > 0 && i < node.data.length - 1)) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const found = range.getClientRects()[0];
        if (found && found.height) rect = [found.top, found.height];
      }
      letters.push([node.data[i], blocks.get(parent), rect]);
    }
  }
  const breaks = [];
  letters.forEach(([c, block, rect], i) => {
    const before = letters[i - 1];
    if (!rect || !before || !before[2] || before[1] !== block) return;
    if (rect[0] > before[2][0] + before[2][1] / 2) {
      let start = i, end = i;
      while (start > 0 && thai(letters[start - 1][0])) start--;
      while (end < letters.length && thai(letters[end][0])) end++;
      breaks.push([letters.slice(start, end).map(l => l[0]).join(''), i - start]);
    }
  });
  return breaks;
}"""


@cache
def word_ends(run: str) -> frozenset[int]:
    """Where the build's cutter lets a line of this Thai run end."""
    ends, position = set(), 0
    for word in _typesetter().pieces(run):
        position += len(word)
        ends.add(position)
    return frozenset(ends)


@cache
def _typesetter() -> Typesetter:
    return Typesetter(load_content(CONTENT))


def every_page(base_url: str) -> list[str]:
    with urllib.request.urlopen(base_url + "sitemap.xml") as response:
        pages = re.findall(r"<loc>([^<]+)</loc>", response.read().decode())
    return sorted(pages) + [base_url + "404.html"]


def test_no_line_breaks_inside_a_thai_word_on_any_page(browser, base_url):
    """At a phone's, a tablet's and a desktop's width. Each page is loaded once and laid
    out again at each width: no script of the site reads the window's size, so the lines
    are those of a page opened at that width (and the loads are a third)."""
    pages = every_page(base_url)
    widths = (390, 768, 1280)
    context = browser.new_context(viewport={"width": widths[0], "height": 900})
    page = context.new_page()
    wrong, checked = [], dict.fromkeys(widths, 0)
    for url in pages:
        page.goto(url, wait_until="load")
        for width in widths:
            page.set_viewport_size({"width": width, "height": 900})
            for run, at in page.evaluate(THAI_BREAKS):
                checked[width] += 1
                if at not in word_ends(run):
                    wrong.append(f"{url.removeprefix(base_url)} at {width} px: "
                                 f"{run[:at]}|{run[at:]}")
    context.close()
    assert len(pages) > 250
    assert min(checked.values()) > 200, checked  # Thai lines do break, at 1280 px too
    assert not wrong, f"{len(wrong)} breaks inside a word: {wrong[:40]}"


# Filters that the explorer's script describes in words, and values it must say it
# does not know: the longest Thai that it writes into the page
EXPLORER_VIEW = ("th/winners/?tier=outstanding&region=north&province=chiang-mai"
                 "&type=subdistrict-municipality&year=2570&theme=nothing")
SCRIPT_LINES = """() => ['unknown-filters', 'export-csv'].map(id => {
  const range = document.createRange();
  range.selectNodeContents(document.getElementById(id));
  return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size;
})"""


# Where, inside the Thai that these elements hold, a line may break in any engine:
# between two letters (not before a vowel or tone mark) that no nowrap element holds
# together, whatever the engine's dictionary says
OPEN_PLACES = r"""ids => ids.flatMap(id => {
  const thai = c => c >= '\u0e00' && c <= '\u0e7f';
  const letters = [];
  const walker = document.createTreeWalker(document.getElementById(id), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode())
    for (let i = 0; i < node.data.length; i++) letters.push([node.data[i], node, i]);
  const found = [];
  for (let start = 0; start < letters.length;) {
    if (!thai(letters[start][0])) { start++; continue; }
    let end = start;
    while (end < letters.length && thai(letters[end][0])) end++;
    const open = [];
    for (let k = start + 1; k < end; k++) {
      if (/[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]/.test(letters[k][0])) continue;
      const range = document.createRange();
      range.setStart(letters[k - 1][1], letters[k - 1][2]);
      range.setEnd(letters[k][1], letters[k][2] + 1);
      let common = range.commonAncestorContainer;
      if (common.nodeType === Node.TEXT_NODE) common = common.parentElement;
      if (getComputedStyle(common).textWrapMode !== 'nowrap') open.push(k - start);
    }
    found.push([letters.slice(start, end).map(l => l[0]).join(''), open]);
    start = end;
  }
  return found;
})"""


@pytest.mark.parametrize("width", [390, 768, 1280])
def test_thai_that_the_explorer_writes_breaks_only_between_words(browser, base_url, width):
    page = open_page(browser, base_url + EXPLORER_VIEW, (width, 900))
    page.wait_for_function("!document.getElementById('unknown-filters').hidden")
    assert "ภาคเหนือ" in page.text_content("#applied")  # shown on paper
    lines = page.evaluate(SCRIPT_LINES)
    if width == 390:  # the script's sentences do wrap on a phone: the test can fail
        assert lines[0] > 1, lines
    wrong = [f"{run[:at]}|{run[at:]}" for run, at in page.evaluate(THAI_BREAKS)
             if at not in word_ends(run)]
    # and in Firefox's and Safari's layouts too: no place inside a word is left open
    written = page.evaluate(OPEN_PLACES, ["unknown-filters", "result-count", "export-csv",
                                          "applied"])
    assert len(written) > 10
    wrong += [f"{run[:at]}|{run[at:]}" for run, open_places in written for at in open_places
              if at not in word_ends(run)]
    assert not wrong and page.problems == [], (wrong, page.problems)
    page.context.close()


# Where lines break in the Thai runs of test elements laid out at each width: the
# offsets, in the run's text, of each line's first letter
RUN_LINES = r"""([markups, widths]) => markups.map(markup => widths.map(width => {
  const box = document.createElement('div');
  box.style.width = width + 'px';
  box.innerHTML = markup;
  document.querySelector('main').append(box);
  const starts = [];
  let top = null, at = 0;
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode())
    for (let i = 0; i < node.data.length; i++, at++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect || !rect.height) continue;
      if (top !== null && rect.top > top + rect.height / 2) starts.push(at);
      top = rect.top;
    }
  box.remove();
  return starts;
}))"""


def test_thai_lines_break_where_they_did_with_a_wbr_between_words(browser, base_url):
    """Issue 26: a line may end after a <b-> word (its ::after is a zero-width space)
    for 9 bytes of markup, where </w-><wbr><w-> cost 14. Chromium breaks the lines of
    every Thai run of the write-ups where the markup before did, at 0 to 400 px, and
    at 0 px at every place between two words: so no place to break was lost."""
    typesetter = _typesetter()
    catalog = load_content(CONTENT)
    runs = sorted({run for winner in catalog.winners for writeup in winner.writeups.values()
                   for run in THAI_RUN.findall(writeup.html)})
    made = [units(typesetter.run_words(run)) for run in runs]
    made = [each for each in made if len(each) > 1]
    made.append(["หน่วยงาน", "\u0e38\u0e49งคอร์ต", "ต่อเนื่อง"])  # malformed: a word begins with a mark
    new = [typesetter.run_html("".join(each)) for each in made[:-1]] + [_in_turn(made[-1])]
    old = ["<w->" + "</w-><wbr><w->".join(each) + "</w->" for each in made]
    widths = [0, 60, 110, 170, 250, 400]
    page = open_page(browser, base_url + "th/", (390, 900))
    before = page.evaluate(RUN_LINES, [old, widths])
    now = page.evaluate(RUN_LINES, [new, widths])
    page.context.close()
    assert len(made) > 100 and sum(map(len, made)) > 500, len(made)
    assert now == before
    assert [lines[0] for lines in now] == [
        [sum(map(len, each[:k])) for k in range(1, len(each))] for each in made]
