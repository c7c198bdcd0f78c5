"""The explorer's search (issue 14): words, not a run-together string, measured.

The same cases (tests/search_cases.json) run here through generator/site/matching
and in Chromium through static/search.js (test_browser.py), so the two cannot
drift; the query set (tests/search_queries.yaml) is answered from the built
pages' own data here, and by typing each query into the explorer there.
"""

from __future__ import annotations

import functools
import html
import json
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import BASE_URL, CONTENT, ROOT
from search_set import CASES, HERE, QUERIES, search_content
from sitecheck import parse

from generator.build.pipeline import build
from generator.load.catalog import load_content
from generator.site import fulltext, matching
from generator.site.lookup import file_name, find
from generator.site.matching import (
    JOINED,
    matches,
    normalize,
    query_words,
    record_words,
    rules,
)


@pytest.fixture(scope="module", params=["whole", "split"])
def searched(request, tmp_path_factory) -> Path:
    """The search site, its index as a real site's would be (the session's), and with
    every start of more than 40 bytes split by its third character, as a large site's
    common ones are."""
    if request.param == "whole":
        output = request.getfixturevalue("search_site")
    else:
        root = tmp_path_factory.mktemp("search")
        output = root / "output"
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(fulltext, "SPLIT_BYTES", 40)
            build(search_content(root / "content"), output, BASE_URL)
    docs = json.loads((output / "data" / "search" / "docs.json").read_bytes())
    assert bool(docs["split"]) == (request.param == "split")
    return output


def bundled_rules() -> list[tuple[str, str]]:
    return rules(load_content(CONTENT).site.spellings)


def test_a_letter_joins_the_next_word_wherever_the_letter_stands_alone():
    """matching.LETTER opens with the space for speed: it finds what a pattern that opens
    with the letter finds, on every short mix of letters, digits, Thai, spaces and marks."""
    word = matching.WORD
    plain = re.compile(rf"({word}) (?<!{word}{word} )(?=({word}+))")
    rng = random.Random(26)
    for _ in range(20_000):
        text = "".join(rng.choice("ab1 -_กขé.") for _ in range(rng.randint(0, 12)))
        assert matching.LETTER.findall(text) == plain.findall(text), text
    assert record_words(["e service และ a b c"], []) == [
        "e", "service", "และ", "a", "b", "c", "eservice", "ab", "bc"]


def test_shared_cases_in_python():
    replacements = bundled_rules()
    for text, expected in CASES["normalize"]:
        assert normalize(text, replacements) == expected, text
    for text, expected in CASES["query_words"]:
        assert query_words(text, replacements) == expected, text
    for texts, expected in CASES["record_words"]:
        assert record_words(texts, replacements, JOINED) == expected, texts
    for query, words, expected in CASES["matches"]:
        assert matches(query_words(query, replacements), words.split()) is expected, (query, words)


FACETS = {"year": "data-year", "tier": "data-tier", "type": "data-type",
          "province": "data-province", "region": "data-region", "theme": "data-themes"}


ROW = re.compile(r'<tr (data-year=.*?)>(.*?)</tr>', re.S)
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
# the LAO's name, and the project's title before the row's themes (explorer.js reads
# the same two texts from the same cells)
CELLS = re.compile(r'<th scope="row"><a [^>]*>(.*?)</a>.*<td>(.*?)(?:<ul|</td>)', re.S)
TAG = re.compile(r"<[^>]+>")  # the word markup (<w->, <wbr>) inside the cells


def explorer_rows(page: str, replacements) -> dict[str, list[str]]:
    """Each row's words as explorer.js puts them together: its own (data-words), its
    LAO and project cells', and its values' (#facet-words)."""
    facet_words = json.loads(page.split('id="facet-words">', 1)[1].split("</script>", 1)[0])
    rows = {}
    for attributes, cells in ROW.findall(page):
        attrs = {k: html.unescape(v) for k, v in ATTRIBUTE.findall(attributes)}
        words = attrs["data-words"].split()
        words += record_words([html.unescape(TAG.sub("", t)) for t in CELLS.search(cells).groups()],
                              replacements, JOINED)
        for facet, attribute in FACETS.items():
            for value in filter(None, attrs[attribute].split("|")):
                words += facet_words[facet][value].split()
        rows[attrs["data-key"]] = words
    return rows


def answers(site: Path, lang: str) -> dict[str, tuple[list[str], list[str]]]:
    """Each query's rows, from the built explorer page and search index: (fields, write-ups)."""
    page = parse(site / lang / "winners" / "index.html")
    replacements = [tuple(rule) for rule in json.loads(page.one("script", id="search-rules").text)]
    rows = explorer_rows(page.path.read_text(encoding="utf-8"), replacements)
    assert len(rows) == len(page.all("tr")) - 1  # every row but the header's
    index = site / "data" / "search"
    docs = json.loads((index / "docs.json").read_text(encoding="utf-8"))

    @functools.cache
    def shard(number: int | str) -> dict:
        return json.loads((index / file_name(number)).read_text(encoding="utf-8"))

    found = {}
    for item in QUERIES:
        words = query_words(item["query"], replacements)
        fields = sorted(key for key, row in rows.items() if matches(words, row))
        rest = sorted(find(words, docs, shard) - set(fields))
        found[item["query"]] = (fields, rest)
    return found


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_query_set_is_answered_with_precision_and_recall_1(searched, lang):
    assert len(QUERIES) >= 40
    found = answers(searched, lang)
    relevant = retrieved = hits = 0
    wrong = []
    for item in QUERIES:
        expected = set(item["fields"]) | set(item["writeups"])
        fields, rest = found[item["query"]]
        got = set(fields) | set(rest)
        relevant, retrieved, hits = relevant + len(expected), retrieved + len(got), \
            hits + len(expected & got)
        if (fields, rest) != (sorted(item["fields"]), sorted(item["writeups"])):
            wrong.append((item["query"], fields, rest))
    precision, recall = hits / retrieved, hits / relevant
    print(f"{lang}: {len(QUERIES)} queries, precision {precision:.3f}, recall {recall:.3f}")
    assert wrong == [] and (precision, recall) == (1.0, 1.0), "\n".join(map(str, wrong))


def test_the_rules_a_reader_was_let_down_by(searched):
    """Issue 14's own examples, by name."""
    found = answers(searched, "th")
    forms = {query: found[query] for query in ("e-service", "e service", "eservice", "E-Service")}
    assert len(set(map(str, forms.values()))) == 1 and len(forms["e-service"][0]) == 9
    assert found["ลําพูน"] == found["ลำพูน"] and len(found["ลำพูน"][0]) == 4
    assert found["ทต.อุโมงค์"][0] == ["2566/umong-smart-classroom", "2566/umong-social-welfare"]
    assert found["เทศบาลอุโมงค์"] == found["อุโมงค์"]
    assert found["แอพพลิเคชัน"] == found["แอปพลิเคชัน"]
    assert len(found["2566"][0]) == 20 and found["2566"] == found["2023"]


NODE_RUNNER = """
const fs = require("fs"), vm = require("vm");
const [script, rules, cases] = process.argv.slice(1).map(p => fs.readFileSync(p, "utf8"));
const sandbox = {window: {}, document: {getElementById: () => ({textContent: rules})}};
vm.runInNewContext(script, sandbox);
const s = sandbox.window.awardsSearch, c = JSON.parse(cases);
console.log(JSON.stringify({
  normalize: c.normalize.map(x => s.normalize(x[0])),
  query_words: c.query_words.map(x => s.queryWords(x[0])),
  record_words: c.record_words.map(x => s.recordWords(x[0])),
  matches: c.matches.map(x => s.matches(s.queryWords(x[0]), s.split(x[1]))),
}));
"""


def test_shared_cases_in_javascript(tmp_path):
    """The same cases through static/search.js in Node, with the rules the explorer
    page carries (the shared spellings table and the site's): no browser needed."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    rules_file = tmp_path / "rules.json"
    rules_file.write_text(json.dumps(bundled_rules(), ensure_ascii=False), encoding="utf-8")
    script = ROOT / "templates" / "static" / "search.js"
    ran = subprocess.run([node, "-e", NODE_RUNNER, str(script), str(rules_file),
                          str(HERE / "search_cases.json")],
                         capture_output=True, text=True, check=True, timeout=60)
    got = json.loads(ran.stdout)
    for kind in ("normalize", "query_words", "record_words", "matches"):
        assert got[kind] == [expected for *_, expected in CASES[kind]], kind
