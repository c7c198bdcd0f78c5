"""Many word cuts stored as one value: each distinct word once, then each cut as its
words' places in that list (emit/typography.WORDS keeps a site's cuts this way), and
held so in memory (PackedCuts)."""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, MutableMapping
from itertools import accumulate, chain, count, repeat
from operator import add, and_, itemgetter, lshift, or_

SEPARATOR = "\x1f"
PIECE = 1 << 20  # bytes of places at a time (_pieces)
TOP, _MISSING = 1 << 63, object()  # hash() + TOP: 0 to 2 ** 64, its top bits a bucket


def pack_cuts(cuts: list[tuple[str, ...]]) -> bytes:
    """Cuts as one value: each distinct word once, then each cut as its words' places
    in that list. Read back (unpack_cuts), a word is one string however many cuts hold
    it, without interning each of 800,000 words a build at 2,000 winners waits for (0.66
    CPU-s; this way 0.24)."""
    places = {word: place for place, word in enumerate(dict.fromkeys(chain.from_iterable(cuts)))}
    return b"".join(_pieces(list(places), array("I", map(len, cuts)),
                            array("I", map(places.__getitem__, chain.from_iterable(cuts))))[1])


def _pieces(vocabulary: list[str], sizes: array, numbers: array, starts: array | None = None
            ) -> tuple[int, Iterator[bytes]]:
    """pack_cuts' value: its size, and its bytes a piece at a time as a store takes them
    (whole: 17 MB at 10,000 winners, which SQLite copied twice more). `starts`: where each
    cut's places begin in `numbers`, else they are all of it in turn."""
    words = SEPARATOR.join(vocabulary).encode()
    count = sum(sizes) if starts is not None else len(numbers)
    return 8 + len(words) + 4 * len(sizes) + 4 * count, _in_pieces(words, sizes, numbers, starts)


def _in_pieces(words: bytes, sizes: array, numbers: array, starts: array | None) -> Iterator:
    yield len(words).to_bytes(4, "little") + words + len(sizes).to_bytes(4, "little")
    yield _little(sizes)
    piece = bytearray()
    with memoryview(numbers) as places:
        for start, size in zip(starts, sizes, strict=True) if starts is not None else ():
            piece += places[start:start + size]
            if len(piece) >= PIECE:
                yield _little(piece)
                piece = bytearray()
    yield _little(piece if starts is not None else numbers)


def _little(numbers: array | bytearray) -> bytes | array | bytearray:
    """Places as bytes, little-endian, as a store may travel (a CI cache)."""
    if sys.byteorder == "little":
        return numbers
    swapped = array("I", bytes(numbers))
    swapped.byteswap()
    return swapped


def _parts(data: bytes) -> tuple[list[str], array, array]:
    """pack_cuts' vocabulary, the size of each cut, and the words' places in turn."""
    at = 4 + int.from_bytes(data[:4], "little")
    vocabulary = bytes(data[4:at]).decode().split(SEPARATOR)
    count = int.from_bytes(data[at:at + 4], "little")
    sizes, numbers = array("I"), array("I")
    sizes.frombytes(data[at + 4:at + 4 + 4 * count])
    numbers.frombytes(data[at + 4 + 4 * count:])
    if sys.byteorder == "big":
        sizes.byteswap()
        numbers.byteswap()
    if sum(sizes) != len(numbers) or (numbers and max(numbers) >= len(vocabulary)):
        raise ValueError("not cuts packed whole")
    return vocabulary, sizes, numbers


def unpack_cuts(data: bytes) -> list[tuple[str, ...]]:
    """pack_cuts' cuts, each word as memory keeps it (interned)."""
    vocabulary, sizes, numbers = _parts(data)
    word = list(map(sys.intern, vocabulary)).__getitem__
    return [tuple(map(word, numbers[end - size:end]))
            for end, size in zip(accumulate(sizes), sizes, strict=True)]


class _Places(dict):
    """Each word's place in `words`, one not met before appended: map(places.__getitem__) in C."""

    def __init__(self, words: list[str]) -> None:
        super().__init__(zip(words, count()))
        self.words = words

    def __missing__(self, word: str) -> int:
        self.words.append(word)
        return self.setdefault(word, len(self.words) - 1)


class PackedCuts(MutableMapping):
    """Stretches of Thai -> their words, as a process holds a site's cuts: the words' places in
    one table of words, and each stretch only as its hash (Python's, which a forked process
    shares), sorted. At 10,000 winners 408,000 cuts took 128 MiB as a dict of tuples, half of it
    the stretches as keys; so about 25 MB, in arrays that no reference count touches (each render
    worker shares them with this process). A cut is decoded when asked for (the Typesetter keeps
    its HTML), and answers only for the stretch its words make: two stretches of one hash are
    never taken for each other. One that does not tell its stretch, or added alone: `extra`."""

    def __init__(self) -> None:
        self.words: list[str] = []
        self.places = _Places(self.words)
        self.hashes = array("q")  # sorted; starts and stops in the same order
        self.starts, self.stops, self.numbers = array("I"), array("I"), array("I")
        self.extra: dict[str, tuple[str, ...]] = {}
        self.others = False  # holds cuts of stretches that a build no longer has (whole.py)
        self.unsorted = True  # cuts added since the last sort, its buckets not found (_sorted)

    def _find(self, stretch: str) -> tuple[int, tuple[str, ...]]:
        """Where the cut of `stretch` is among the packed ones, and its words; (-1, ())."""
        if self.unsorted:  # a call fewer each ask: render workers ask for every run of every page
            self._sorted()
        hashes, hashed, table = self.hashes, hash(stretch), self.words
        bucket = (hashed + TOP) >> self.shift  # bisected in it: 3 steps, not 17 (_sorted)
        at = bisect_left(hashes, hashed, self.edges[bucket], self.edges[bucket + 1])
        while at < len(hashes) and hashes[at] == hashed:
            places = self.numbers[self.starts[at]:self.stops[at]]  # then in one C call:
            words = itemgetter(*places)(table) if len(places) > 1 else tuple(map(table.__getitem__, places))
            if "".join(words) == stretch:
                return at, words
            at += 1
        return -1, ()

    def get(self, stretch: object, default: object = None) -> object:  # Mapping.get: no KeyError
        if self.extra and (found := self.extra.get(stretch)) is not None:
            return found
        at, words = self._find(stretch) if isinstance(stretch, str) else (-1, ())
        return words if at >= 0 else default

    def __getitem__(self, stretch: str) -> tuple[str, ...]:
        if (found := self.get(stretch, _MISSING)) is _MISSING:
            raise KeyError(stretch)
        return found

    def __setitem__(self, stretch: str, words: tuple[str, ...]) -> None:
        self.extra[stretch] = words

    def __delitem__(self, stretch: str) -> None:
        del self.extra[stretch]  # packed cuts go only all at once (only())

    def __len__(self) -> int:
        return len(self.hashes) + len(self.extra)

    def __iter__(self) -> Iterator[str]:
        self._sorted()
        word = self.words.__getitem__
        for start, stop in zip(self.starts, self.stops, strict=True):
            yield "".join(map(word, self.numbers[start:stop]))
        yield from self.extra

    def _add(self, hashes: Iterable[int], sizes: Iterable[int], numbers: array,
             later: bool = False) -> None:
        """Cuts appended (their words' places in this table), then sorted by hash again;
        `later`: when next asked (_sorted), so that the workers' chunks are sorted once."""
        first = len(self.numbers)
        if first:
            self.numbers += numbers
        else:  # taken, not copied (16 MB at 10,000 winners)
            self.numbers = numbers
        ends = array("I", accumulate(sizes, initial=first))
        self.hashes += array("q", hashes)
        self.starts += ends[:-1]
        self.stops += ends[1:]
        self.unsorted = True
        if not later:  # never by each forked process that asks
            self._sorted()

    def _sorted(self) -> None:
        """The cuts in the order of their hashes: the sort finds the runs already in order."""
        if self.unsorted:
            # each hash with its place as one int: no list of places and one of keys (36 MB: 20)
            keys = map(or_, map(lshift, map(add, self.hashes, repeat(TOP)), repeat(32)), count())
            order = array("I", map(and_, sorted(keys), repeat(0xFFFFFFFF)))
            held = zip("qII", (self.hashes, self.starts, self.stops), strict=True)
            self.hashes, self.starts, self.stops = (array(kind, map(table.__getitem__, order))
                                                    for kind, table in held)
            self.unsorted, self.shift = False, 64 - max(len(order) // 16, 1).bit_length()  # 8-16 a bucket,
            bounds = range(-TOP, TOP + 1, 1 << self.shift)  # each one's first (10,000 winners: 128 KB)
            self.edges = array("I", map(bisect_left, repeat(self.hashes), bounds))

    def absorb(self, data: bytes, stretches: list[str] | None, wanted: set[str] | None = None,
               later: bool = False) -> None:
        """pack_cuts' cuts of `stretches`, in their order; or, where None, each cut of a stretch
        in `wanted` (its words joined), the others left out (all: None). `later`: as _add's."""
        vocabulary, sizes, numbers = _parts(data)
        if self.words or wanted is not None:  # this table's places
            known = array("I", map(self.places.__getitem__, vocabulary))
            numbers = array("I", map(known.__getitem__, numbers))
        else:  # the first: its table is this one
            self.words = list(map(sys.intern, vocabulary))
            self.places = _Places(self.words)
        if stretches is None and wanted is None:  # all, as they are: no copy of them made
            word = self.words.__getitem__
            return self._add((hash("".join(map(word, numbers[end - size:end])))
                              for end, size in zip(accumulate(sizes), sizes, strict=True)),
                             sizes, numbers, later)
        if stretches is None:
            word, told, kept_sizes, kept = self.words.__getitem__, [], array("I"), array("I")
            for end, size in zip(accumulate(sizes), sizes, strict=True):
                places = numbers[end - size:end]
                stretch = "".join(map(word, places))
                if wanted is None or stretch in wanted:
                    told.append(hash(stretch))
                    kept_sizes.append(size)
                    kept += places
            return self._add(told, kept_sizes, kept, later)
        if len(stretches) != len(sizes):
            raise ValueError("cuts of other stretches")
        self._add(map(hash, stretches), sizes, numbers, later)

    def take(self, made: Iterable[tuple[str, bytes]]) -> None:
        """Cuts as the workers send them (each word, SEPARATOR between, in UTF-8), packed
        as they are read: at 10,000 winners 408,000 cuts held as tuples until packed took
        120 MB more in the process that forks the render workers. Sorted when next asked."""
        told, sizes, numbers, place = [], array("I"), array("I"), self.places.__getitem__
        for stretch, data in made:
            words = data.decode().split(SEPARATOR)
            if "".join(words) == stretch:
                told.append(stretch)
                sizes.append(len(words))
                numbers.extend(map(place, words))  # each word let go of here, not the chunk's
            else:
                self.extra[stretch] = tuple(map(sys.intern, words))
        self._add(map(hash, told), sizes, numbers, later=True)

    def compact(self) -> None:
        """Cuts added one by one packed with the others, those that tell their stretch."""
        told = {stretch: words for stretch, words in self.extra.items()
                if "".join(words) == stretch}
        if not told:
            return self._sorted()
        self._add(map(hash, told), map(len, told.values()),
                  array("I", map(self.places.__getitem__, chain.from_iterable(told.values()))))
        self.extra = {stretch: words for stretch, words in self.extra.items()
                      if stretch not in told}

    def packed(self, stretches: list[str], rows: dict | None = None) -> tuple[list[str], int, Iterator]:
        """Those of `stretches` whose cut tells them, and pack_cuts of their cuts, in order, as its size and
        its bytes a piece at a time (_pieces). `rows`: each one's place, where known (not decoded: _find)."""
        told, sizes, starts = [], array("I"), array("I")
        for stretch in stretches:
            at = self._find(stretch)[0] if rows is None else rows.get(stretch, -1)
            if at >= 0:
                told.append(stretch)
                sizes.append(self.stops[at] - self.starts[at])
                starts.append(self.starts[at])
        return (told, *_pieces(self.words, sizes, self.numbers, starts))

    def only(self, stretches: Iterable[str]) -> PackedCuts:
        """The cuts of these stretches that this holds, packed anew."""
        kept = PackedCuts()
        kept.extra = {stretch: words for stretch in stretches if (words := self.get(stretch)) is not None}
        kept.compact()
        return kept
