"""Texts kept out of memory (generator/shelf.py) read back as they were given."""

from __future__ import annotations

import os

import pytest

from generator.cache import derived
from generator.cache.keys import content_key
from generator.cache.pages import digest
from generator.load import markup
from generator.model import Writeup
from generator.shelf import Shelf, Shelved, text_of

TEXTS = ["<p>โครงการ <em>ท้องถิ่น</em> ดิจิทัล</p>", "", "plain", "\ud800 lone surrogate",
         "ก" * 100_000]


@pytest.mark.skipif(not hasattr(os, "pread"), reason="kept in memory where there is no pread")
def test_shelved_texts_read_back_as_given_in_this_process_and_a_forked_one():
    shelf = Shelf()
    kept = [shelf.put(text) for text in TEXTS]
    assert any(isinstance(handle, Shelved) for handle in kept)
    assert [text_of(handle) for handle in kept] == TEXTS
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # a worker reads what its parent shelved before the fork
        os.write(write, b"1" if [text_of(h) for h in kept] == TEXTS else b"0")
        os._exit(0)
    os.waitpid(child, 0)
    assert os.read(read, 1) == b"1"


def test_a_shelved_writeup_fingerprints_as_one_held_in_memory():
    """awards serve's page fingerprints spell the HTML, wherever it is kept: two builds'
    shelves put different texts at the same place."""
    html = TEXTS[0]
    shelved = Writeup("th", "a.th.md", Shelf().put(html))
    other = Writeup("th", "a.th.md", Shelf().put(html.replace("ท้องถิ่น", "ชุมชนนน")))
    assert shelved.html == Writeup("th", "a.th.md", html).html == html
    assert digest(shelved, {}) == digest(Writeup("th", "a.th.md", html), {})
    assert digest(other, {}) != digest(shelved, {})
    assert content_key(repr(shelved.kept_html)) == content_key(repr(html))


def test_markdown_prepared_with_a_shelf_is_kept_there_and_converts_the_same():
    """awards build shelves each conversion as the store or a worker hands it over."""
    text = "# ท้องถิ่น *ดิจิทัล*"
    derived.forget(markup.MARKDOWN)
    try:
        markup.prepare([text], None, shelf=Shelf())
        kept = markup.converted(text)
        assert isinstance(kept, Shelved) == hasattr(os, "pread")
        assert markup.to_html(text) == text_of(kept) == "<h2>ท้องถิ่น <em>ดิจิทัล</em></h2>"
    finally:
        derived.forget(markup.MARKDOWN)
