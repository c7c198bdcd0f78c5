"""The search index's Thai cuts, made faster, are the cuts pythainlp makes (issue 26):
the same words and syllables, so that the search answers exactly as before.

    python -c "import sys; sys.path[:0] = ['tests', '.']; import test_cutter as t; \
t.check_content(__import__('pathlib').Path('CONTENT'))"

checks the words of any content folder (the 2,000-winner bench content: see bench/README.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CONTENT
from pythainlp.corpus import thai_words
from pythainlp.tokenize import syllable_tokenize, word_tokenize

from generator.cache.derived import Derived
from generator.load.catalog import load_content
from generator.site import fulltext
from generator.text import THAI_RUN
from generator.text import thai_words as cut


def content_words(content: Path) -> tuple[set[str], set[str]]:
    """The Thai runs of a content folder's write-ups, and every word the index cuts into
    syllables, as the search index asks for them."""
    asked: set[str] = set()
    forms = fulltext._forms

    def recorded(word: str) -> list[str]:
        asked.add(word)
        return forms(word)

    catalog = load_content(content, None, Derived(None))
    runs: set[str] = set()
    fulltext._formed.cache_clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fulltext, "_forms", recorded)
        for texts in fulltext.writeup_texts(catalog).values():
            runs.update(word for word in fulltext._words(texts) if THAI_RUN.fullmatch(word))
            fulltext._segment_text(texts)
    fulltext._formed.cache_clear()
    return runs, asked


def check_content(content: Path) -> None:
    runs, words = content_words(content)
    assert runs and words
    assert [run for run in runs if cut(run) != word_tokenize(run, engine="nlpo3")] == []
    assert [word for word in words if len(word) > 3
            and fulltext._syllables(word) != syllable_tokenize(word, engine="dict")] == []
    print(f"{len(runs)} runs, {len(words)} words: cut as pythainlp cuts them")


def test_the_word_cut_is_word_tokenizes_with_nlpo3():
    # word_tokenize joins a formatted number again after the cut; a text with one still
    # goes through it
    for text in ("เวลา12:30น", "งบ1,234.5บาท", "ท้องถิ่นดิจิทัล", "", "๑๒:๓๐"):
        assert cut(text) == word_tokenize(text, engine="nlpo3")


def test_the_syllable_cut_is_pythainlps_on_every_dictionary_word():
    """Every word of pythainlp's dictionary: a write-up's words are dictionary words
    but for the stretches newmm finds none for."""
    words = sorted(word for word in thai_words() if len(word) > 3)
    assert len(words) > 50_000
    differ = [w for w in words if fulltext._syllables(w) != syllable_tokenize(w, engine="dict")]
    assert differ == []


def test_the_cuts_are_pythainlps_on_the_bundled_content():
    check_content(CONTENT)


def test_the_cuts_are_pythainlps_on_synthetic_content(synthetic):
    check_content(synthetic)
