"""Text hygiene: what editors paste from Word and the web comes out clean."""

from __future__ import annotations

import unicodedata

from generator.problems import Problems
from generator.sources import parse_yaml, read_text
from generator.text import clean_name, normalize_source, slugify, suggest, thai_ranks


def test_invisible_characters_and_spaces_are_removed_from_names():
    pasted = "\u200bเทศบาล\u200cนคร\u00adยะลา\ufeff  \u2060 City\u200d  "
    assert clean_name(pasted) == "เทศบาลนครยะลา City"


def test_nfd_is_composed_and_bom_and_crlf_are_dropped(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Café ผลงาน")
    path = tmp_path / "x.yaml"
    path.write_bytes(("\ufeffname: " + decomposed + "\r\nother: 1\r\n").encode("utf-8"))
    text = read_text(path, "x.yaml", Problems())
    assert text == "name: Café ผลงาน\nother: 1\n"
    assert normalize_source("a\rb") == "a\nb"


def test_thai_typing_slips_are_repaired():
    # NFC does not compose these; a name typed either way must still match
    assert clean_name("เทศบาลต\u0e4d\u0e32บล") == "เทศบาลตำบล"  # sara am as two characters
    assert clean_name("เเม่เหียะ") == "แม่เหียะ"  # sara ae typed as two sara e
    assert clean_name("แม่่เหียะ") == "แม่เหียะ"  # doubled tone mark


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
