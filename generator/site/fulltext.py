"""The write-ups' search index, in shards the explorer loads as a query needs them.

A page of 2,000 winners cannot carry their write-ups' text (12 MB), so the
explorer asks an index instead, a shard at a time:

- data/search/docs.json: the write-ups' keys ('year/id') and the one-letter Latin
  words; every posting names a write-up by its place in that list.
- data/search/NNNN.json: the words of two or more characters whose first two
  characters fall in bucket NNNN (bucket()), filed under those two, with where they
  occur (site/lookup's packed numbers). Where one start
  has many words, they go by their first three characters (docs.json's "split"),
  and u-XXXX-XXXX.json holds where any of them occurs, for a query of just the two.

Thai runs are cut into dictionary words (newmm: generator/text.thai_words) at build time, and
each word keeps its position, so that a Thai query matches where it starts a word
and goes on through the next words of the same run: ถังขยะอัจฉริยะ finds the run
ถังขยะอัจฉริยะของเทศบาล, not ถังขยะ and อัจฉริยะ in two places. A word is also
indexed from each of its later syllables (การประเมิน as ประเมิน and เมิน too), since
newmm keeps compounds whole and a reader searches for their parts. A Latin word matches
the start of a word, a single letter a whole word (site/matching). site/lookup reads
the index, as the browser's static/search.js does.
"""

from __future__ import annotations

import functools
import html
import json
import re
from array import array
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain, count, filterfalse

from generator.cache import derived
from generator.cache.derived import Derived, Product
from generator.model import Catalog
from generator.shelf import Shelved, text_of
from generator.site.lookup import PAIR, Shard, bucket, deltas, file_name, in_order, union_file
from generator.site.matching import record_words, rules
from generator.site.wordforms import FORM, formed
from generator.text import SEGMENTER, THAI_LETTERS, THAI_RUN, WORD_CUTS, thai_words

RUN, PLACE = "\n", " "  # never in a word (site/matching.TOKEN), nor is FORM
SHARD_BYTES = 8_000  # raw JSON a shard holds, about: 2-3 KiB gzipped
SPLIT_BYTES = 24_000  # the words of a two-character start above this go by three
TAG = re.compile(r"<[^>]+>")


def index_files(catalog: Catalog, service: Derived | None = None, workers: int | None = None
                ) -> dict[str, bytes]:
    """Every file of the index by its path under data/search/: docs.json and all
    its shards, empty ones too, so that a shard a query asks for always exists: about
    SHARD_BYTES each, 16 for a small site, 1,024 at most (2,000 winners). `workers`: how
    many cut the words that are neither in memory nor stored (Derived.each)."""
    texts = writeup_texts(catalog)
    keys = sorted(texts)
    segmented = (service or Derived(None)).each(WRITEUP_WORDS, [texts[key] for key in keys],
                                                workers=workers)
    thai, latin = _postings(segmented)
    single: Shard = {w: deltas(sorted(docs)) for w, docs in latin.items() if len(w) == 1}
    starts: dict[str, Shard] = defaultdict(dict)  # first two characters -> their words
    for word, places in thai.items():
        if len(word) > 1:  # a query of one Thai character is no word (site/matching)
            # in order, each pair once: write-ups in turn, places forward
            starts[word[:2]][word] = in_order(
                places[0] if len(places) == 1 else sorted(chain.from_iterable(places)))
    for word, docs in latin.items():
        if len(word) > 1:
            starts[word[:2]][word] = deltas(sorted(docs))
    sizes = {start: len(_json(words)) for start, words in starts.items()}
    buckets = _buckets(sum(sizes.values()))
    shards: list[Shard] = [{} for _ in range(buckets)]
    split: dict[str, str] = {}
    unions: dict[str, str] = {}
    for start, words in sorted(starts.items()):
        # a start with many words (กร: กรม, กรรม, กราบ...) is shared by the third character,
        # so that a longer query opens a fraction of it
        if sizes[start] > SPLIT_BYTES:
            split[start] = "".join(sorted({word[2] for word in words if len(word) > 2}))
            # and a query of just those two characters reads, in a file of its own, where
            # any of them occurs
            unions[start] = (
                in_order(sorted(set().union(*(places for w in words for places in thai[w]))))
                if THAI_RUN.match(start) else deltas(sorted(set().union(*map(latin.get, words)))))
        for word, postings in words.items():
            shard = bucket(word[:3] if start in split and len(word) > 2 else start, buckets)
            shards[shard][word] = postings
    del thai, latin, starts  # their 5.8 million places at 10,000 winners, before the files
    files = {"docs.json": _json({"docs": keys, "single": single, "split": split,
                                 "buckets": buckets})}
    files.update((file_name(number), _json(_filed(shard))) for number, shard in enumerate(shards))
    files.update((union_file(start), _json(postings)) for start, postings in unions.items())
    return files


def _postings(segmented: Iterable[str]) -> tuple[dict[str, list[array]], dict[str, set[int]]]:
    """Where each Thai form occurs: the places that hold it, each an array of (write-up,
    position) pairs (PAIR); and each Latin word's write-ups. Pairs are filed by place, in a
    C-level pass, then by form: 35,000 distinct of 800,000 places, each split once."""
    at: dict[str, array] = defaultdict(lambda: array("q"))
    latin: dict[str, set[int]] = defaultdict(set)
    for doc, text in enumerate(segmented):
        runs = text.split(RUN)
        for run in filterfalse(THAI_RUN.match, runs):
            latin[run].add(doc)
        # runs apart by an empty place: a gap, so that no query goes on across runs
        places = (PLACE + PLACE).join(filter(THAI_RUN.match, runs)).split(PLACE)
        deque(map(array.append, map(at.__getitem__, places), count(doc * PAIR)), 0)
    at.pop("", None)
    forms: dict[str, list[array]] = defaultdict(list)
    for place, pairs in at.items():
        for form in place.split(FORM):
            forms[form].append(pairs)
    return forms, latin


def _filed(shard: Shard) -> dict[str, Shard]:
    """A shard's words under their first two characters, each written once (site/lookup)."""
    filed: dict[str, Shard] = defaultdict(dict)
    for word, postings in shard.items():
        filed[word[:2]][word[2:]] = postings
    return filed


def _buckets(size: int) -> int:
    """A power of two between 16 and 1,024 that gives shards of about SHARD_BYTES."""
    buckets = 16
    while buckets < 1024 and size / buckets > SHARD_BYTES:
        buckets *= 2
    return buckets


def writeup_texts(catalog: Catalog) -> dict[str, tuple[str | Shelved, ...]]:
    """What each winner's write-ups (summaries included) are indexed from, in all
    languages, by 'year/id': the search's replacements (as JSON), then each summary and
    HTML as written. Their words are made with the cut (_segment_text): a build whose
    cuts are stored reads no write-up word by word (1.3 s at 2,000 winners). The HTML
    as the catalog keeps it: read from a shelf only to be keyed or cut, so that the
    words' memory (and the data files' process) holds no copy of it (issue 26)."""
    replacements = json.dumps(rules(catalog.site.spellings), ensure_ascii=False)
    found = {}
    for winner in catalog.winners:
        parts = tuple(part for writeup in winner.writeups.values()
                      for part in (writeup.summary or "", writeup.kept_html))
        if any(parts):
            found[f"{winner.year}/{winner.id}"] = (replacements, *parts)
    return found


def _words(texts: tuple[str | Shelved, ...]) -> list[str]:
    """The words and Thai runs of writeup_texts' texts, normalized as the explorer
    normalizes a query."""
    replacements, *parts = texts
    return record_words([part if index % 2 == 0 else html.unescape(TAG.sub(" ", text_of(part)))
                         for index, part in enumerate(parts)], _rules(replacements))


@functools.lru_cache(maxsize=8)
def _rules(replacements: str) -> list[tuple[str, str]]:
    return [tuple(pair) for pair in json.loads(replacements)]


def prepare(catalog: Catalog, service: Derived) -> None:
    """Cut every write-up into words now, on every core, before the pages are rendered:
    done beside the page workers, in the data phase, pure-Python newmm (7 ms a write-up)
    made a first build of 2,000 winners 2.4 times as long."""
    service.prepare(WRITEUP_WORDS, list(writeup_texts(catalog).values()))


def stored(catalog: Catalog, service: Derived, read: bool = True) -> bool:
    """Whether every write-up's words are in memory now, read from the store; none is cut.
    read=False: in memory or in the store, for index_files to read (Derived.each)."""
    texts = list(writeup_texts(catalog).values())
    return service.stored(WRITEUP_WORDS, texts) if read else service.held(WRITEUP_WORDS, texts)


def _segment_text(texts: tuple[str | Shelved, ...]) -> str:
    """writeup_texts' texts as runs, each a list of places, each place the forms indexed there (a
    dictionary word and its ends from a later syllable on; a Latin word stays whole),
    as one string (RUN, PLACE, FORM between them): a million small lists would take
    hundreds of MB at 2,000 winners."""
    cuts = derived.held(WORD_CUTS) or {}  # the pages' cuts (_run_words), asked for each run
    return RUN.join(_places(word, cuts) if THAI_RUN.match(word) else word for word in _words(texts))


def _places(run: str, cuts: Mapping[str, Sequence[str]]) -> str:
    """A Thai run's places (PLACE between them), each its forms (FORM between them)."""
    cut = _run_words(run, cuts)
    if LETTERS.isdisjoint(cut):  # four runs in five: no word to join (no one-letter word)
        return PLACE.join(map(formed.__getitem__, cut))
    words: list[str] = []
    for word in cut:
        # a one-character word (ๆ, ณ) joins the word before it: no shard holds it alone
        if words and (len(word) == 1 or len(words[-1]) == 1):
            words[-1] += word
        else:
            words.append(word)
    return PLACE.join(map(formed.__getitem__, words))


def _run_words(run: str, cuts: Mapping[str, Sequence[str]]) -> Sequence[str]:
    """thai_words(run), or words that _places makes the same places of: the pages' cut
    of the same run in this build (`cuts`), if it did (prepare_words cuts for pages first:
    nine in ten runs of a write-up are cut for both)."""
    words = cuts.get(run)
    if words is None:
        return thai_words(run)
    if "ๆ" not in run and "ฯ" not in run:
        return words
    # That cut joined each ๆ and ฯ the cutter gave alone to the word before, as _places
    # joins any one-letter word: split off again, they join the same word here. Only a
    # letter alone before them (ก ๆ) would join the word before it, and the pages' กๆ
    # does not tell whether the cutter gave it alone: such a run is cut again. (Runs with
    # ๆ or ฯ are one in seven of a write-up's: cut again, a fifth of the index's cut.)
    found: list[str] = []
    for index, word in enumerate(words):
        base = word.rstrip(ATTACHED)
        if base == word:
            found.append(word)
        elif index and len(base) < 2:
            return thai_words(run)
        else:
            found += [base, *word[len(base):]] if base else [*word]
    return found


ATTACHED = "ๆฯ"  # what the pages' cut joins to the word before (emit/typography.cut)
LETTERS = frozenset(map(chr, range(ord(THAI_LETTERS[0]), ord(THAI_LETTERS[-1]) + 1)))  # one-letter words


# A write-up's words as the index keeps them; "fulltext 7": made from the texts as written
WRITEUP_WORDS = Product("fulltext 7", SEGMENTER, _segment_text, str.encode, bytes.decode)


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
