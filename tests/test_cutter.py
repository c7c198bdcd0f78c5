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

from generator.bundled import default_templates
from generator.cache import derived
from generator.cache.derived import Derived
from generator.emit.templates import make_renderer
from generator.emit.typography import cut as page_cut
from generator.load.catalog import load_content
from generator.site import fulltext, wordforms
from generator.text import THAI_RUN
from generator.text import thai_words as cut


def content_words(content: Path) -> tuple[set[str], set[str]]:
    """The Thai runs of a content folder's write-ups, and every word the index cuts into
    syllables, as the search index asks for them."""
    asked: set[str] = set()
    forms = wordforms.forms

    def recorded(word: str) -> list[str]:
        asked.add(word)
        return forms(word)

    catalog = load_content(content, None, Derived(None))
    runs: set[str] = set()
    wordforms.formed.clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(wordforms, "forms", recorded)
        for texts in fulltext.writeup_texts(catalog).values():
            runs.update(word for word in fulltext._words(texts) if THAI_RUN.fullmatch(word))
            fulltext._segment_text(texts)
    wordforms.formed.clear()
    return runs, asked


def check_content(content: Path) -> None:
    runs, words = content_words(content)
    assert runs and words
    assert [run for run in runs if cut(run) != word_tokenize(run, engine="nlpo3")] == []
    assert [word for word in words if len(word) > 3
            and wordforms.syllables(word) != syllable_tokenize(word, engine="dict")] == []
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
    differ = [w for w in words if wordforms.syllables(w) != syllable_tokenize(w, engine="dict")]
    assert differ == []


def test_the_cuts_are_pythainlps_on_the_bundled_content():
    check_content(CONTENT)


def test_the_cuts_are_pythainlps_on_synthetic_content(synthetic):
    check_content(synthetic)


@pytest.mark.parametrize("which", ["bundled", "synthetic"])
def test_the_index_reads_the_pages_cuts_of_a_run_into_the_same_words(which, request):
    content = CONTENT if which == "bundled" else request.getfixturevalue("synthetic")
    catalog = load_content(content, None, Derived(None))
    texts = list(fulltext.writeup_texts(catalog).values())
    derived.forget()
    alone = [fulltext._segment_text(text) for text in texts]
    make_renderer(default_templates(), catalog).prepare(Derived(None))  # the pages' cuts
    cuts = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fulltext, "thai_words", lambda run: cuts.append(run) or cut(run))
        assert [fulltext._segment_text(text) for text in texts] == alone
    runs, _ = content_words(content)
    assert len(cuts) < len(runs) / 2  # most runs were cut for the pages already
    derived.forget()


@pytest.mark.parametrize("run", ["เด็กๆ", "กรุงเทพฯ", "ต่างๆนานา", "เด็กๆๆ", "ๆเด็ก", "ฯลฯ",
                                 "บ้านกๆ", "ทุกคนๆไป", "ก็ดีๆ", "นายกฯ"])
def test_a_run_with_mai_yamok_or_paiyannoi_has_the_same_places_from_the_pages_cut(run):
    """The pages' cut joins ๆ and ฯ to the word before; split off again, _places joins
    them to the same word as it does the one cutter's."""
    assert fulltext._places(run, {run: page_cut(run)}) == fulltext._places(run, {})


def test_a_run_is_read_from_the_pages_cut_but_for_a_letter_alone_before_mai_yamok():
    """A letter with ๆ after another word (กๆ) is cut again: _places joins the letter to
    the word before only where the cutter gave it alone, which the pages' cut hides."""
    pages = {"บ้านกๆ": ("บ้าน", "กๆ"), "เด็กๆ": ("เด็กๆ",), "บ้าน": ("pages",)}
    assert fulltext._run_words("บ้านกๆ", pages) == cut("บ้านกๆ")
    assert fulltext._run_words("เด็กๆ", pages) == ["เด็ก", "ๆ"]
    assert fulltext._run_words("บ้าน", pages) == ("pages",)
