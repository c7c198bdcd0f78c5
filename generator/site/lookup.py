"""Reading the write-ups' search index (site/fulltext writes it): which files hold a
word, how its numbers are written, and find(), the reference search that
static/search.js follows step by step. tests/search_queries.yaml holds both to the
same answers, in Python and in Chromium."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from generator.text import is_thai

Shard = dict[str, str]
# A list of numbers (each 0 or more) is one string: each number in base 32, its last
# digit from END and any before it from MORE, so no separator is needed. Postings are
# mostly small numbers: 1 character below 32, 2 below 1,024, where a JSON list took 2
# to 4 with its commas; the index is 27% smaller (issue 26). static/search.js: the same.
END, MORE = "0123456789ABCDEFGHIJKLMNOPQRSTUV", "WXYZabcdefghijklmnopqrstuvwxyz-_"
_DIGIT = {digit: value for value, digit in enumerate(END + MORE)}


def packed(numbers: list[int]) -> str:
    # a table for the numbers of one to three digits (below 32,768: nearly all of them),
    # looked up in one C-level pass: the search index writes three million numbers, digit
    # by digit the data phase's largest cost (issue 26)
    try:
        return "".join(map(_SHORT.__getitem__, numbers))
    except IndexError:  # a larger one: each in turn
        return "".join([_SHORT[number] if number < SHORT else _digits(number)
                        for number in numbers])


def _digits(number: int) -> str:
    digits = [END[number & 31]]
    number >>= 5
    while number:
        digits.append(MORE[number & 31])
        number >>= 5
    return "".join(reversed(digits))


SHORT = 1 << 15
_SHORT = [_digits(number) for number in range(SHORT)]

BITS = 32  # a write-up's positions are fewer: (write-up, position) as one number, PAIR
PAIR, MASK = 1 << BITS, (1 << BITS) - 1


def in_order(postings: Sequence[int]) -> str:
    """(write-up, position) pairs, as numbers (PAIR) in order, each as its difference from
    the one before (the position from 0 when the write-up changes): small numbers, packed
    short. A pair before `end` is in the write-up of the one before: one subtraction."""
    short, zero = _SHORT, _SHORT[0]
    digits: list[str] = []
    last, end = 0, PAIR
    try:
        for pair in postings:
            if pair < end:
                digits += (zero, short[pair - last])
            else:
                digits += (short[(pair >> BITS) - (last >> BITS)], short[pair & MASK])
                end = (pair | MASK) + 1
            last = pair
    except IndexError:  # a number of more than three digits (SHORT): each in turn
        flat = [number for pair, before in zip(postings, [0, *postings], strict=False)
                for number in ((0, pair - before) if pair >> BITS == before >> BITS
                               else ((pair >> BITS) - (before >> BITS), pair & MASK))]
        return packed(flat)
    return "".join(digits)


def deltas(docs: list[int]) -> str:
    return packed([doc - previous for doc, previous in zip(docs, [0, *docs], strict=False)])


def unpacked(text: str) -> list[int]:
    numbers, value = [], 0
    for digit in map(_DIGIT.__getitem__, text):
        if digit < 32:
            numbers.append(value * 32 + digit)
            value = 0
        else:
            value = value * 32 + digit - 32
    return numbers


def bucket(start: str, buckets: int) -> int:
    """The shard of a word's first two characters, or three, among `buckets` (docs.json
    says how many); static/search.js: the same sum."""
    number = 0
    for character in start:
        number = (number * 31 + ord(character)) % buckets
    return number


def file_name(shard: int | str) -> str:
    """The file find() asks for: a shard by its number, or a union_file by name."""
    return shard if isinstance(shard, str) else f"{shard:04d}.json"


def union_file(start: str) -> str:
    """The file of every place a word begins with `start`: 'u-0e01-0e23.json' for กร."""
    return "u-" + "-".join(f"{ord(character):04x}" for character in start) + ".json"


def find(query: Iterable[str], docs: dict, shard: Callable[[int | str], Any]) -> set[str]:
    """The keys of the write-ups that answer every query word (site/matching's words).
    `shard` opens an index file: by its number, or by its name (a union_file)."""
    found: set[int] | None = None
    for word in query:
        here = (_thai if is_thai(word[0]) else _latin)(word, docs, shard)
        found = here if found is None else found & here
        if not found:
            return set()
    return {docs["docs"][doc] for doc in found or ()}


def _starting(rest: str, docs: dict, shard: Callable[[int | str], Any]) -> Shard:
    """The indexed words that `rest` (two characters or more) starts, or that start it."""
    start = rest[:2]
    thirds = docs["split"].get(start)
    if thirds is None:
        return _flat(shard(bucket(start, docs["buckets"])))
    if len(rest) == 2:  # every word it starts, as one
        return {rest: shard(union_file(start))}
    buckets = docs["buckets"]
    numbers = {bucket(start, buckets)} | (
        {bucket(rest[:3], buckets)} if rest[2] in thirds else set())
    return {word: postings for number in sorted(numbers)
            for word, postings in _flat(shard(number)).items()}


def _flat(shard: dict[str, Shard]) -> Shard:
    """A shard's words, which it files under their first two characters (written once,
    not in every word: 16% of the index)."""
    return {start + rest: postings for start, words in shard.items()
            for rest, postings in words.items()}


def _latin(word: str, docs: dict, shard: Callable[[int | str], Any]) -> set[int]:
    if len(word) == 1:
        return set(_undelta(docs["single"].get(word, "")))
    return {doc for key, postings in _starting(word, docs, shard).items()
            if key.startswith(word) for doc in _undelta(postings)}


def _thai(word: str, docs: dict, shard: Callable[[int | str], Any]) -> set[int]:
    """Write-ups where `word` starts a dictionary word and goes on through the next
    words of one run (the last one may be cut short, to two characters or more)."""
    found: set[int] = set()
    todo: list[tuple[str, set[tuple[int, int]] | None]] = [(word, None)]
    while todo:
        rest, at = todo.pop()
        if len(rest) < 2:  # no shard holds a one-character Thai word
            continue
        for key, postings in _starting(rest, docs, shard).items():
            ends_here = key.startswith(rest)
            goes_on = not ends_here and len(key) < len(rest) and rest.startswith(key)
            if not (ends_here or goes_on):
                continue
            places = [(doc, position) for doc, position in _unpair(postings)
                      if at is None or (doc, position) in at]
            if ends_here:
                found.update(doc for doc, _ in places)
            elif places:
                todo.append((rest[len(key):], {(doc, position + 1) for doc, position in places}))
    return found


def _undelta(deltas: str) -> list[int]:
    docs, doc = [], 0
    for delta in unpacked(deltas):
        doc += delta
        docs.append(doc)
    return docs


def _unpair(postings: str) -> list[tuple[int, int]]:
    flat = unpacked(postings)
    pairs, doc, position = [], 0, 0
    for index in range(0, len(flat), 2):
        if flat[index]:
            doc, position = doc + flat[index], 0
        position += flat[index + 1]
        pairs.append((doc, position))
    return pairs
