"""Text hygiene: Unicode normalization, slugs, sort keys, suggestions."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable
from importlib.metadata import version
from importlib.resources import as_file, files

import nlpo3
from pythainlp.util import collate
from pythainlp.util import normalize as thai_normalize

from generator.problems import visible

# Invisible characters that editors paste from web pages and Word (contract §1).
INVISIBLE_CHARACTERS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
INVISIBLE = dict.fromkeys(map(ord, INVISIBLE_CHARACTERS))
# Every other format character (Unicode category Cf): bidirectional overrides and
# isolates (U+202A-U+202E, U+2066-U+2069), direction marks, Arabic and Syriac signs,
# tags. No name needs one, and they can make a name display as something else:
# "Yala City \u202egnp.exe Municipality" reads as "Yala City exe.png Municipality"
# (contract §1). test_text checks this list against Python's Unicode database.
FORMAT_CONTROLS = re.compile(
    "[\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200e\u200f"
    "\u202a-\u202e\u2061-\u2064\u2066-\u206f\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]")
# What pythainlp's normalize can repair: a repeated vowel or mark (also เเ), marks
# out of order, a doubled tone mark, sara am typed as nikhahit + sara aa, a mark
# after a space or at the start. Text without any of them it returns unchanged
# (but for spaces, which clean_name collapses itself), so it is not called:
# most names have none, and normalize costs tens of microseconds a name.
_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
THAI_SLIPS = re.compile(
    f"([\u0e30\u0e32\u0e33\u0e40-\u0e44\u0e45{_MARKS}]) *\\1"  # repeated (also เเ)
    "|[\u0e48-\u0e4c][\u0e31\u0e34-\u0e37\u0e4d\u0e47\u0e38\u0e39]"  # tone before vowel
    "|[\u0e30\u0e32\u0e33\u0e45][\u0e48-\u0e4b]"  # vowel before tone mark
    "|[\u0e48-\u0e4b]{2}|[\u0e4d\u0e45]"  # two tone marks, nikhahit, lakkhangyao
    f"|(?:^|\\s)[{_MARKS}]"  # dangling mark
)
SPACES = re.compile(r"\s+")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ID_PATTERN = re.compile(r"[a-z0-9-]+", re.ASCII)
# An id is a folder name in output/ and part of a URL someone types or prints
MAX_ID_LENGTH = 80


def normalize_source(text: str) -> str:
    """Drop a leading BOM, turn CRLF/CR into LF and compose to NFC."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def clean_name(text: str) -> str:
    """Normalize a name or title: NFC, no invisible characters, single spaces.

    Thai typing slips are repaired with pythainlp: sara am typed as nikhahit +
    sara aa, a doubled tone mark, sara ae typed as two sara e (เเ).
    """
    text = _visible_only(unicodedata.normalize("NFC", text))
    if THAI_SLIPS.search(text):
        text = thai_normalize(text)
    return SPACES.sub(" ", text).strip()


def control_problem(text: str) -> str | None:
    """Why a name or label may not hold a format control it holds, or None."""
    found = FORMAT_CONTROLS.search(text)
    if found is None:
        return None
    code = ord(found[0])
    name = unicodedata.name(found[0], "a format character").lower()
    return (f"holds U+{code:04X} ({name}) at character {found.start() + 1}, an invisible "
            "control that can make text display as something else")


def _visible_only(text: str) -> str:
    # str.translate looks up every character; a substring test is a fast scan
    if any(character in text for character in INVISIBLE_CHARACTERS):
        return text.translate(INVISIBLE)
    return text


def slugify(text: str) -> str:
    """ASCII slug of an English name: lower case, other runs as one hyphen.

    Never used on Thai: machine romanization garbles place names.
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def search_key(text: str) -> str:
    """Text as the explorer matches it: lower case, no spaces, no invisible characters.

    Thai is written without spaces between words, so matching ignores spaces
    altogether: a query with or without a stray space finds the same rows.
    static/explorer.js normalizes queries the same way.
    """
    return "".join(_visible_only(unicodedata.normalize("NFC", text)).lower().split())


def is_id(text: str) -> bool:
    """True when text is a valid id or slug: [a-z0-9-]+ (contract §1), not too long."""
    return len(text) <= MAX_ID_LENGTH and bool(ID_PATTERN.fullmatch(text))


def id_problem(text: str) -> str | None:
    """Why text is not a valid id or slug, or None."""
    if not ID_PATTERN.fullmatch(text):
        return f"must use only a-z, 0-9 and '-', found '{visible(text)}'"
    if len(text) > MAX_ID_LENGTH:
        return f"is {len(text)} characters long; the most is {MAX_ID_LENGTH}"
    return None


def fold(text: str) -> str:
    """Loose key for matching spelling variants: case, spaces, dots and hyphens ignored."""
    return re.sub(r"[\s.\-'’]+", "", clean_name(text).casefold())


def thai_ranks(names: Iterable[str]) -> dict[str, int]:
    """Position of each name in Thai dictionary order (pythainlp's collation).

    Names are first sorted by code point so that ties in the collation key
    (names differing only in tone marks) still come out in a fixed order.
    """
    return {name: rank for rank, name in enumerate(collate(sorted(set(names))))}


def english_key(text: str) -> tuple[str, str]:
    """Alphabetical sort key for English names, case-insensitive but stable."""
    return (text.casefold(), text)


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The closest choice to a mistyped word, for 'did you mean' hints."""
    choices = list(choices)
    by_fold = {fold(c): c for c in choices}
    match = difflib.get_close_matches(fold(word), list(by_fold), n=1, cutoff=0.6)
    return by_fold[match[0]] if match else None


# What is Thai: the Thai block of Unicode (letters, vowels, marks, digits). The one
# definition for pages, search, images and messages; static/search.js has its twin.
THAI_LETTERS = "\u0e00-\u0e7f"
THAI_RUN = re.compile(f"[{THAI_LETTERS}]+")


def is_thai(character: str) -> bool:
    """True for a character of the Thai block."""
    return "\u0e00" <= character <= "\u0e7f"


# The Thai word cutter of pages, search and images: newmm with pythainlp's dictionary,
# run by nlpo3 (the same algorithm in Rust; the same words as pythainlp's newmm on a
# run of Thai letters, checked on all our content; issue 26). Stored cuts are keyed
# with SEGMENTER, so that an upgrade of either cuts again.
SEGMENTER = f"newmm by nlpo3 {version('nlpo3')}, pythainlp {version('pythainlp')} words"
# What pythainlp's word_tokenize joins again after the cut (12:30, 1,234.5): a text
# without one it hands back as nlpo3 cut it, so nlpo3 is asked directly. A Thai run
# never holds one (its separators are not Thai); word_tokenize's own work per call
# (an empty dictionary made, the engine looked up) was a third of a cut (issue 26)
FORMATTED_NUMBER = re.compile(r"(\d+[\.\,:])+\d+")
# The derived product of pages' cuts (emit/typography.WORDS), which the search index
# reads where it cuts the same run
WORD_CUTS = "thai-words"


def thai_words(run: str) -> list[str]:
    """A run of Thai letters cut into dictionary words: word_tokenize(run,
    engine="nlpo3"), without its work per call."""
    if FORMATTED_NUMBER.search(run):
        from pythainlp.tokenize import word_tokenize
        return word_tokenize(run, engine="nlpo3", keep_whitespace=True)
    return nlpo3.segment(run, _loaded("words_th.txt"))


# Where nlpo3's character clusters differ from those of pythainlp's newmm: the vowel
# เ-ีย (เสบียง: เส|บี|ยง, not เสบียง), รร (สกรรจ์), and a character outside the Thai
# block (ภ.ป.ร., which no Thai run holds); nowhere else in pythainlp's dictionary, our
# content, or 500,000 random stretches of them
CLUSTERS_DIFFER = re.compile(f"\u0e35[\u0e48-\u0e4b]?\u0e22|\u0e23\u0e23|[^{THAI_LETTERS}]")


def thai_syllables(word: str) -> list[str]:
    """A dictionary word of Thai letters cut into syllables: pythainlp's newmm with its
    syllable dictionary, run by nlpo3 where their character clusters agree (a fifth of
    pythainlp's time, without building its syllable trie in Python)."""
    if CLUSTERS_DIFFER.search(word):
        from pythainlp.tokenize import newmm, syllable_dict_trie
        return newmm.segment(word, syllable_dict_trie())
    return nlpo3.segment(word, _loaded("syllables_th.txt"))


@functools.cache
def _loaded(name: str) -> str:
    """One of pythainlp's word lists loaded into nlpo3, once a process, only when there
    is Thai to cut (the word dictionary takes 60 MB): the name nlpo3 knows it by."""
    known = f"awards: pythainlp {name}"
    with as_file(files("pythainlp.corpus").joinpath(name)) as path:
        message, loaded = nlpo3.load_dict(str(path), known)
    if not loaded:
        raise RuntimeError(message)
    return known


def tree_pattern(names: set[str]) -> str:
    """A regular expression that matches the longest of `names` that starts where it is
    tried: the names' letters as a tree of alternatives, a longer name before a shorter
    one that it continues (abc(?:de|) matches abcde, else abc)."""
    tree: dict = {}
    for name in names:
        node = tree
        for letter in name:
            node = node.setdefault(letter, {})
        node[""] = {}  # a name ends here

    def pattern(node: dict) -> str:
        branches = [re.escape(letter) + pattern(child)
                    for letter, child in sorted(node.items()) if letter]
        if "" in node:
            return f"(?:{'|'.join(branches)}|)" if branches else ""
        return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"

    return pattern(tree)
