"""Inputs found by the workers that make their values (cache/finding.py): a cold build's
stretches of Thai, found and cut on the workers, are those the main process finds, cut
alike, and kept whole as it keeps them."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import CONTENT
from test_packedcuts import letter_cuts

from generator.bundled import default_templates
from generator.cache import derived, whole
from generator.cache.cuts import PackedCuts, unpack_cuts
from generator.cache.derived import Derived
from generator.cache.store import Store
from generator.emit import pagewords
from generator.emit.templates import make_renderer
from generator.emit.typography import WORDS, Typesetter, cut
from generator.load.catalog import load_content

# texts whose words (the inputs) repeat within a chunk and across chunks
TEXTS = [f"ก{n % 7} ข{n % 11} ค{n}" for n in range(300)]


@pytest.fixture(autouse=True)
def fresh_memory(monkeypatch):
    monkeypatch.setattr(derived, "_memory", {})
    monkeypatch.setattr(derived, "_made", Counter())
    monkeypatch.setenv("AWARDS_WORKERS", "2")


def words_of(texts: list[str]) -> set[str]:
    return {word for text in texts for word in text.split()}


def kept_whole(store: Store, product) -> tuple[bytes, list]:
    """The whole value kept: what it was kept for, and its values in order."""
    data = store.get_many([whole.whole_key(product)])[whole.whole_key(product)][0]
    check = whole._check(product, sorted(words_of(TEXTS)))
    assert data.startswith(check)
    return check, unpack_cuts(data[len(check):])


def test_inputs_found_by_the_workers_are_those_found_here_made_and_kept_alike(tmp_path):
    made = []
    product = letter_cuts(made, made_from="".join, memory=PackedCuts, least=8)
    here, there = Store(tmp_path / "here.sqlite"), Store(tmp_path / "there.sqlite")
    Derived(here).prepare(product, lambda: words_of(TEXTS), sources=b"texts")
    cuts_here = dict(derived._memory.pop(product.name).items())
    Derived(there).prepare(product, pytest.fail, sources=b"texts", within=(TEXTS, words_of))
    assert dict(derived._memory[product.name].items()) == cuts_here
    assert derived.made(product) == 2 * len(words_of(TEXTS)), "each input made once a build"
    assert made == [], "made by the workers, not here"
    assert kept_whole(there, product) == kept_whole(here, product)
    derived.forget()
    Derived(there).prepare(product, pytest.fail, sources=b"texts", within=(TEXTS, pytest.fail))
    assert derived.made(product) == 2 * len(words_of(TEXTS)), "read whole: none found or made"
    assert derived.value(product, "ค7") == ("ค", "7")


def test_a_cold_build_finds_the_stretches_on_the_workers_as_the_main_process_does(tmp_path):
    """A cold build (nothing of the words kept) finds its stretches on the workers; an
    edit build, with a whole value kept, finds them here (Typesetter._stretches)."""
    catalog = load_content(CONTENT, None, Derived(None), False)
    renderer = make_renderer(default_templates(), catalog, compiled=False)
    typesetter = Typesetter(catalog)
    texts = pagewords.thai_texts(catalog, renderer.strings)
    assert list(texts) == [texts[index] for index in range(len(texts))] == texts[:]
    assert len(texts) >= 2 * WORDS.least, "enough for two workers"
    stretches = typesetter._stretches(texts)
    typesetter.prepare(lambda: texts, Derived(Store(tmp_path / "store.sqlite")))
    memo = derived._memory[WORDS.name]
    assert len(memo) == len(stretches) == derived.made(WORDS) and len(stretches) > 1000
    assert all(memo[stretch] == cut(stretch) for stretch in stretches)
    data = Store(tmp_path / "store.sqlite").get_many([whole.whole_key(WORDS)])[whole.whole_key(WORDS)][0]
    check = whole._check(WORDS, sorted(stretches))
    assert data.startswith(check)
    assert unpack_cuts(data[len(check):]) == [cut(stretch) for stretch in sorted(stretches)]
