"""The explorer's search (issue 14): words, not a run-together string, measured.

The same cases (tests/search_cases.json) run here through generator/site/matching
and in Chromium through static/search.js (test_browser.py), so the two cannot
drift; the query set (tests/search_queries.yaml) is answered from the built
pages' own data here, and by typing each query into the explorer there.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CONTENT
from search_set import CASES, QUERIES, search_content
from sitecheck import parse

from generator.build.pipeline import build
from generator.load.catalog import load_content
from generator.site.matching import matches, normalize, query_words, rules


@pytest.fixture(scope="module")
def searched(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("search")
    build(search_content(root / "content"), root / "output", "https://example.github.io/awards/")
    return root / "output"


def bundled_rules() -> list[tuple[str, str]]:
    return rules(load_content(CONTENT).site.spellings)


def test_shared_cases_in_python():
    replacements = bundled_rules()
    for text, expected in CASES["normalize"]:
        assert normalize(text, replacements) == expected, text
    for text, expected in CASES["query_words"]:
        assert query_words(text, replacements) == expected, text
    for query, words, expected in CASES["matches"]:
        assert matches(query_words(query, replacements), words.split()) is expected, (query, words)


def answers(site: Path, lang: str) -> dict[str, tuple[list[str], list[str]]]:
    """Each query's rows, from the built explorer page and search index: (fields, write-ups)."""
    page = parse(site / lang / "winners" / "index.html")
    rows = {row.attrs["data-key"]: row.attrs["data-words"].split()
            for row in page.all("tr") if "data-key" in row.attrs}
    replacements = [tuple(rule) for rule in json.loads(page.one("script", id="search-rules").text)]
    writeups = json.loads((site / "data" / "search.json").read_text(encoding="utf-8"))
    found = {}
    for item in QUERIES:
        words = query_words(item["query"], replacements)
        fields = sorted(key for key, row in rows.items() if matches(words, row))
        rest = sorted(key for key, text in writeups.items()
                      if key not in fields and matches(words, text.split()))
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
    assert wrong == [] and (precision, recall) == (1.0, 1.0)


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
