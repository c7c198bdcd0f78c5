"""How the explorer's search matches: on words, the same in Python and in the browser.

Text is normalized by one list of replacements (rules()), which the page hands
to static/explorer.js as data, so that the two can never drift; the shared
cases in tests/search_cases.json are run through both. Then:
- Latin letters and digits make words. A query word matches the start of a
  record word; a single letter matches a whole word only. Words joined by a
  hyphen in the record, or by a space after a one-letter word, are also
  indexed joined, and a query joins its words by the same rule: e-service,
  e service, eservice and E-Service find each other. In names and titles
  (joined), Latin words are also indexed without the spaces between them, so
  that chiangmai finds Chiang Mai (issue 27): a row's in pairs (JOINED), the
  words a page holds once (provinces, regions...) up to JOINED_PLACES words.
- Everyday spellings of one word (generator/data/spellings.yaml, and a site's
  own `spellings`) become one spelling: สมาร์ท finds Smart.
- Thai, written without spaces, makes runs. A Thai query word matches within
  one run, never across a break that the record has. A single Thai character
  is never a word of its own: it joins its Thai neighbour (a stray space).
- Every query word must match (AND).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

import yaml

from generator.bundled import DATA
from generator.text import THAI_LETTERS, is_thai

SPELLINGS = DATA / "spellings.yaml"  # documented there

INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
# (from, to), applied in this order after NFC and lower case
CHARACTERS: tuple[tuple[str, str], ...] = (
    *((character, "") for character in INVISIBLE),
    ("\u0e4d\u0e32", "\u0e33"),  # sara am typed as nikhahit + sara aa (Thai PDFs)
    *((chr(0x0E50 + digit), str(digit)) for digit in range(10)),  # Thai digits
    *((chr(0x0660 + digit), str(digit)) for digit in range(10)),  # Arabic-Indic
    *((chr(0x06F0 + digit), str(digit)) for digit in range(10)),  # Persian
    *((quote, "'") for quote in "\u2018\u2019\u201a\u201b\u2032"),
    *((quote, '"') for quote in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"),
    *((dash, "-") for dash in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"),
)


def rules(spellings: Iterable[tuple[str, ...]] = ()) -> list[tuple[str, str]]:
    """The replacements, in order: characters, then spelling variants (each group's
    others to its first: the shared table's groups, then a site's own `spellings`),
    longest first so that a longer variant is not cut."""
    groups = [*shared_spellings(), *spellings]
    variants = [(_lower(variant), _lower(group[0]))
                for group in groups for variant in group[1:]]
    variants.sort(key=lambda pair: (-len(pair[0]), pair[0]))
    return [*CHARACTERS, *variants]


@functools.cache
def shared_spellings() -> tuple[tuple[str, ...], ...]:
    """The everyday spellings of loanwords and words that search treats as one."""
    return tuple(tuple(group) for group in
                 yaml.safe_load(SPELLINGS.read_text(encoding="utf-8")))


def normalize(text: str, replacements: list[tuple[str, str]]) -> str:
    """Lower case in NFC, then each replacement in turn (static/search.js does the same)."""
    text = _lower(text)
    last = _last_steps
    if replacements != last[0]:  # the same list's items compare by identity: no hashing
        last[:] = list(replacements), *_parts(tuple(replacements))
    _, steps, variants, anywhere = last
    for old, new in steps:
        if isinstance(old, str):
            if old in text:
                text = text.replace(old, new)
        elif old.search(text):  # most texts hold none of these characters
            text = old.sub(lambda match, table=new: table[match[0]], text)
    # None of the spellings can be replaced where none occurs: a short text (a name, a
    # title: 40,000 of them at 2,000 winners) is searched for them all at once, a tenth
    # of asking for each; a long one is faster asked for each
    if variants and (len(text) > SHORT_TEXT or anywhere.search(text)):
        for old, new in variants:
            if old in text:
                text = text.replace(old, new)
    return text


SHORT_TEXT = 300


def _parts(replacements: tuple[tuple[str, str], ...]) -> tuple[list, list, re.Pattern]:
    """_steps, as the steps before the last run of whole strings, that run, and a pattern
    that finds any of them."""
    steps = _steps(replacements)
    first = len(steps)
    while first and isinstance(steps[first - 1][0], str):
        first -= 1
    variants = steps[first:]
    olds = sorted({old for old, _ in variants}, key=lambda old: (-len(old), old))
    return steps[:first], variants, re.compile("|".join(map(re.escape, olds)))


# The replacements normalize() was last asked with, and their steps: a build asks with
# one list some 50,000 times, and making the key of _steps' cache (a tuple of 84 pairs,
# hashed) was a third of each call
_last_steps: list = [None, [], [], None]


@functools.lru_cache(maxsize=8)
def _steps(replacements: tuple[tuple[str, str], ...]) -> list:
    """The replacements, with each run of one-character ones as one pattern and table:
    the same result (none of them makes a character that another replaces), one pass."""
    steps: list = []
    tables: list[dict[str, str]] = []
    olds = {old for old, _ in replacements}
    for old, new in replacements:
        if len(old) == 1 and not olds.intersection(new):
            if not steps or isinstance(steps[-1], tuple):
                tables.append({})
                steps.append(tables[-1])
            tables[-1][old] = new
        else:
            steps.append((old, new))
    return [step if isinstance(step, tuple)
            else (re.compile("[" + re.escape("".join(step)) + "]"), step) for step in steps]


# A Thai run, or a run of other letters and digits: \w is letters (category L*),
# digits and numbers (N*) and "_", as \p{L}\p{N} in static/search.js without "_"
WORD = rf"[^\W_{THAI_LETTERS}]"
TOKEN = re.compile(rf"[{THAI_LETTERS}]+|{WORD}+")
# Two words that a record also holds joined: across a hyphen, or a space after a letter
# that is a word of its own. LETTER opens with the space, so that the regex engine
# skips from space to space and looks back at the letter only there (the same matches:
# a space is never a letter); opened with the letter, it was tried at every character
# of the write-ups: 0.29 CPU-s at 2,000 winners, now 0.04. A letter checked in Python
# after each of 600,000 matches took half as long again.
HYPHENATED = re.compile(rf"({WORD}+)-(?=({WORD}+))")
LETTER = re.compile(rf" (?<=(?<!{WORD})({WORD}) )(?=({WORD}+))")
# Latin words with one space between them: a name or title written with or without it
SPACED = re.compile(rf"{WORD}+(?: {WORD}+)+")
JOINED = 2  # a row's names and titles: in pairs, as static/search.js joins its cells' words
JOINED_PLACES = 4  # the most words a place name has (Nong Bua Lam Phu): held once a page


def spans(text: str) -> list[tuple[str, int, int]]:
    """The Thai runs and words of normalized text: (token, start, end)."""
    return [(match[0], match.start(), match.end()) for match in TOKEN.finditer(text)]


def record_words(texts: Iterable[str], replacements: list[tuple[str, str]],
                 joined: int = 0) -> list[str]:
    """Every word and Thai run of a record, then the words joined across a hyphen (or a
    space after a single letter), each once, in a fixed order. `joined`: for names and
    titles, the most Latin words held joined without their spaces, from each word on
    (2: chiang mai as chiangmai); write-ups have none, so that their index stays small."""
    seen: dict[str, None] = {}
    for text in texts:
        normal = normalize(text, replacements)
        seen.update(dict.fromkeys(TOKEN.findall(normal)))
        if "-" in normal:
            seen.update(dict.fromkeys(left + right for left, right
                                      in HYPHENATED.findall(normal)))
        if " " in normal:
            seen.update(dict.fromkeys(left + right for left, right in LETTER.findall(normal)))
        if joined:
            for run in SPACED.findall(normal):
                words = run.split(" ")
                seen.update(dict.fromkeys("".join(words[start:start + joined])
                                          for start in range(len(words) - 1)))
    return list(seen)


def query_words(query: str, replacements: list[tuple[str, str]]) -> list[str]:
    """The words of a query, joined where the record side joins them (a hyphen, or a
    space after a single letter), so that e-service finds only the compound."""
    normal = normalize(query, replacements)
    words: list[str] = []
    previous_end = None
    for token, start, end in spans(normal):
        last = words[-1] if words else ""
        gap = normal[previous_end:start] if previous_end is not None else ""
        previous_end = end
        if last and is_thai(token[0]) and is_thai(last[0]) and (len(token) == 1 or len(last) == 1):
            words[-1] += token  # a single Thai character is no word: a stray space
        elif last and not is_thai(token[0]) and not is_thai(last[0]) and (
                gap == "-" or (gap == " " and len(last) == 1)):
            words[-1] += token
        else:
            words.append(token)
    return words


def matches(query: list[str], words: list[str]) -> bool:
    """Whether a record with these words answers every word of the query."""
    runs = [w for w in words if is_thai(w[0])]
    latin = [w for w in words if not is_thai(w[0])]
    for word in query:
        if is_thai(word[0]):
            found = any(word in run for run in runs)
        elif len(word) == 1:
            found = word in latin
        else:
            found = any(w.startswith(word) for w in latin)
        if not found:
            return False
    return True


def _lower(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower()
