"""Text hygiene: what editors paste from Word and the web comes out clean."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from pythainlp.util import normalize as thai_normalize

from generator.load.parsing import parse_yaml, read_text
from generator.problems import Problems
from generator.text import INVISIBLE, clean_name, normalize_source, search_key, slugify, suggest, thai_ranks


def test_invisible_characters_and_spaces_are_removed_from_names():
    pasted = "\u200bเทศบาล\u200cนคร\u00adยะลา\ufeff  \u2060 City\u200d  "
    assert clean_name(pasted) == "เทศบาลนครยะลา City"


def test_nfd_is_composed_and_bom_and_crlf_are_dropped(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Café ผลงาน")
    path = tmp_path / "x.yaml"
    path.write_bytes(("\ufeffname: " + decomposed + "\r\nother: 1\r\n").encode("utf-8"))
    text = read_text(str(path), "x.yaml", Problems(), 1000)
    assert text == "name: Café ผลงาน\nother: 1\n"
    assert normalize_source("a\rb") == "a\nb"


def test_thai_typing_slips_are_repaired():
    # NFC does not compose these; a name typed either way must still match
    assert clean_name("เทศบาลต\u0e4d\u0e32บล") == "เทศบาลตำบล"  # sara am as two characters
    assert clean_name("เเม่เหียะ") == "แม่เหียะ"  # sara ae typed as two sara e
    assert clean_name("แม่่เหียะ") == "แม่เหียะ"  # doubled tone mark


# Thai letters, vowels and marks, spaces and a few others: slips are likely
THAIISH = st.lists(st.sampled_from(
    [chr(c) for c in range(0x0E01, 0x0E5C) if unicodedata.name(chr(c), "")]
    + [" ", "  ", "\n", "\t", "a", ".", "\u200b", "\u00ad", "\u0e40\u0e40", "\u0e4d\u0e32"]),
    max_size=24).map("".join)


@settings(max_examples=3000, deadline=None)
@given(THAIISH)
def test_names_come_out_as_if_always_normalized(text):
    """clean_name calls pythainlp only on text with a possible slip: the result
    must be the same as calling it on every name with Thai in it."""
    always = unicodedata.normalize("NFC", text).translate(INVISIBLE)
    if re.search("[\u0e00-\u0e7f]", always):
        always = thai_normalize(always)
    assert clean_name(text) == re.sub(r"\s+", " ", always).strip()


@given(st.text(max_size=40) | THAIISH)
def test_search_keys_are_lower_case_without_spaces_or_invisible_characters(text):
    expected = re.sub(r"\s+", "", unicodedata.normalize("NFC", text).translate(INVISIBLE).lower())
    assert search_key(text) == expected


def test_slugs_are_ascii_from_english_names():
    assert slugify("Yala City Municipality") == "yala-city-municipality"
    assert slugify("Non Sa-at Subdistrict Municipality") == "non-sa-at-subdistrict-municipality"
    assert slugify("  Wat Sai (SAO) ") == "wat-sai-sao"
    assert slugify("เทศบาล") == ""  # never romanized: the caller must ask for a slug


def test_thai_dictionary_order_ignores_leading_vowels():
    words = ["ไก่", "เกิด", "กาล", "เป็ด", "หมู", "วัว", "วันที่"]
    ranks = thai_ranks(words)
    assert sorted(words, key=ranks.get) == ["กาล", "เกิด", "ไก่", "เป็ด", "วันที่", "วัว", "หมู"]


def test_suggestions_for_typos():
    assert suggest("Chonbury", ["Chon Buri", "Chanthaburi", "Yala"]) == "Chon Buri"
    assert suggest("zzzz", ["Yala"]) is None


def test_yaml_keeps_dates_as_text_and_reports_duplicates():
    problems = Problems()
    data = parse_yaml("a: 2023-02-30\nb: 1\nb: 2\n", "f.yaml", problems)
    assert data["a"] == "2023-02-30"
    assert [str(p) for p in problems.sorted()] == [
        "f.yaml:3: duplicate key 'b' (first given on line 2)"]
