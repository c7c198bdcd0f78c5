"""Thai line breaking, as Chromium lays the pages out (issue 15): no Thai LAO, province
or tier name is broken, except between the LAO type (or จังหวัด) and the place; an
English one only between words."""

from __future__ import annotations

import json
import urllib.request

import pytest
from browsing import open_page
from conftest import CONTENT

from generator.emit.names import province_title
from generator.emit.typography import THAI_PREFIXES, THAI_RUN, Typesetter
from generator.load import reference
from generator.load.catalog import load_content

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
    assert '<span class="nw">เทศบาลตำบลบวกค้าง</span>' in html
    assert '<span class="nw">ยอดเยี่ยม</span>' in html
    assert "<wbr>" in html and html.count('class="nw"') >= 6
