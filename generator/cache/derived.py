"""One way to make what is derived from content: Markdown as HTML, Thai cut into words
(for pages, images and the search index). Each product says how one value is made;
this service does the rest, the same way for all of them:

- the key: the product's name and version (its code and the libraries it runs on)
  and the input, by the one key function (cache/keys.py), so that an upgrade of
  either makes values anew;
- the memory of this process: `awards serve` keeps it between builds, so an edit
  makes only what changed;
- the store, opened once per build (cache/store.py), and one rule for what it
  hands back unsealed (another machine's or workflow's: a CI cache): never used as
  it is. A product that can check such a value (Markdown: sanitized again) checks
  it; any other product makes the value again;
- the workers: what is missing is made on every core at once (work/workers.py).

build() owns one Derived for its run (Derived.at); products ask it, and `value`
answers from memory while pages render. Drawn files (share images, badges, QR codes)
are too large for the store: the service hands the build their folder on disk
(cache/drawn.py), where each is kept by a key of what is drawn on it, the drawing
code and the libraries that draw (emit/artwork.py).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from generator.cache.drawn import DrawnFiles
from generator.cache.keys import prefixed_key
from generator.cache.store import Store
from generator.cache.whole import keep_whole, whole_values
from generator.shelf import Shelved
from generator.work.workers import fork_map_while

V = TypeVar("V")
T = TypeVar("T")

# Values kept per product: enough for 10,000 winners' texts; past it a build keeps
# only its own (serve's memory does not grow with every edit)
LIMIT = 200_000
READ_BATCH = 900  # stored values read at once: SQLite's limit on a query's parameters


@dataclass(frozen=True)
class Product(Generic[V]):
    """One kind of derived value: how it is made from one input and kept as bytes."""

    name: str  # part of every key: no two products share one
    version: str | bytes  # the code and libraries a value depends on
    make: Callable[[Any], V]  # run on the workers: a module-level function
    encode: Callable[[V], bytes | None]  # None: not kept (a failure, made again next time)
    decode: Callable[[bytes], V]  # a value this machine sealed
    # an unsealed stored value, made safe to use; None: such a value is made again
    recheck: Callable[[bytes], V] | None = None
    least: int = 64  # inputs below which forking workers costs more than it saves
    # a value as this process keeps it, made or read (the words of a cut: one string
    # for each distinct word, not one for each time a text uses it)
    kept: Callable[[V], V] | None = None
    # this many text inputs or more, missing from memory, are also kept as one value
    # (Derived.prepare); 0: never
    whole: int = 0
    # the whole value's body from the values of its inputs in order, and back, as memory
    # keeps them; None: each value as it is stored, after its length
    pack: Callable[[list[V]], bytes] | None = None
    unpack: Callable[[bytes], list[V]] | None = None
    # the input a value was made from, where the value tells it (a cut's words joined are
    # its stretch): such a product, kept whole, is not also stored value by value (80,000
    # keys and rows took a CPU-second of a cold build), and its whole value answers the
    # inputs that another build shares (an edit changes a few of a site's stretches)
    made_from: Callable[[V], Any] | None = None
    # what this process holds the values in (the cuts: packed, cache/cuts.PackedCuts)
    memory: Callable[[], MutableMapping] = dict

    def key(self, item: str | tuple[str | Shelved, ...]) -> bytes:
        if not isinstance(item, tuple):
            return prefixed_key((self.name, self.version), item)
        # a shelved text (generator/shelf.py) keyed as the UTF-8 it is kept as: the key it
        # has held in memory
        return prefixed_key((self.name, self.version),
                            *(part.data if isinstance(part, Shelved) else part for part in item))

    def remembered(self, data: bytes) -> V:
        """A value from the bytes it is stored as, as memory keeps it (`kept`)."""
        value = self.decode(data)
        return self.kept(value) if self.kept else value


_memory: dict[str, dict[Any, Any]] = {}  # product name -> input -> value, per process
_made: Counter[str] = Counter()  # values made by this process (in it or its workers)


def value(product: Product[V], item: Any) -> V:
    """The product's value for one input: from memory, else made here."""
    memo = _memory.get(product.name)  # asked for every stretch of every page: no new dict
    if memo is None:
        memo = _memory[product.name] = product.memory()
    try:
        return memo[item]
    except KeyError:
        made = memo[item] = product.make(item)
        _made[product.name] += 1
        return made


def known(name: str, item: Any) -> Any:
    """The value of the product called `name` for `item` if this process holds it (made
    or read here, or in the process that forked this one), else None: for a product
    that can reuse another's work."""
    memo = _memory.get(name)
    return memo.get(item) if memo else None


def made(product: Product) -> int:
    """Values of the product made so far by this process, not taken from memory or the store."""
    return _made[product.name]


def forget(product: Product | None = None) -> None:
    """Drop this process's memory of one product, or of all: what a new process starts with."""
    if product is None:
        _memory.clear()
    else:
        _memory.pop(product.name, None)


def _made_as_stored(product: Product[V], item: Any) -> tuple[bytes | None, V | None]:
    """A value made (on a worker) as the bytes it is stored as, which travel back as one
    object where the value may be thousands (a cut's words: 800,000 strings at 2,000
    winners, held twice in this process while it kept them); the value itself when
    it is not stored (a failure)."""
    value = product.make(item)
    data = product.encode(value)
    return (data, None) if data is not None else (None, value)


def _stored(store: Store, keys: dict[Any, bytes]) -> Iterator[tuple[Any, tuple[bytes, bool]]]:
    """(input, (bytes, sealed)) of each input whose key the store holds, read a batch at a
    time: the bytes of all of them at once, beside what they become, were 85 MB at the
    load's peak with the write-ups' HTML of 10,000 winners."""
    items = list(keys.items())
    for start in range(0, len(items), READ_BATCH):
        batch = items[start:start + READ_BATCH]
        found = store.get_many(key for _, key in batch)
        for item, key in batch:
            if key in found:
                yield item, found.pop(key)


class Derived:
    """The store and the drawn files of one build, and the values it makes."""

    def __init__(self, store: Store | None, files: DrawnFiles | None = None):
        self.store = store
        self.files = files

    @classmethod
    def at(cls, folder: Path) -> Derived:
        """The service for a build keeping its values in `folder` (the cache folder)."""
        return cls(Store(folder / "store.sqlite"), DrawnFiles(folder))

    def prepare(self, product: Product[V], items: Iterable[Any],
                meanwhile: Callable[[], T] = lambda: None) -> T:
        """Make sure every input's value is in memory: from the store, or made on every
        core while this process runs meanwhile(), whose result is returned."""
        return self._prepare(product, items, meanwhile, make=True)

    def stored(self, product: Product, items: Iterable[Any]) -> bool:
        """Whether every input's value is in memory now, read from the store if it holds
        it; none is made. A product kept as one whole value is not read whole here."""
        return self._prepare(product, items, lambda: None, make=False)

    def _prepare(self, product: Product[V], items: Iterable[Any], meanwhile: Callable[[], T],
                 make: bool) -> T | bool:
        memo = _memory.get(product.name)
        if memo is None:
            memo = _memory[product.name] = product.memory()
        wanted = list(dict.fromkeys(items))
        if len(memo) > LIMIT:
            only = getattr(memo, "only", None)
            memo = _memory[product.name] = only(wanted) if only else {
                item: memo[item] for item in wanted if item in memo}
        missing = [item for item in wanted if item not in memo]
        whole = bool(make and self.store and product.whole and len(missing) >= product.whole)
        # None: the whole value kept held every value as it is, and is not kept again
        check = whole_values(self.store, product, missing, memo) if whole else None
        left = [item for item in missing if item not in memo]
        alone = not whole or product.made_from is None  # values also stored one by one
        keys = {item: product.key(item) for item in left} if alone else {}
        keep = product.kept or (lambda value: value)
        as_stored: dict[Any, bytes] = {}  # what the whole value is made of, not encoded again
        for item, (data, sealed) in _stored(self.store, keys) if self.store else ():
            if sealed:
                memo[item] = product.remembered(data)
                if check is not None:
                    as_stored[item] = data
            elif product.recheck is not None:
                memo[item] = keep(product.recheck(data))
        todo = [item for item in left if item not in memo]
        if not make:
            return not todo
        # What make needs (the cutter's dictionary: 61 MB) is loaded by each worker, not
        # here before the fork: this process would keep it to the end of the build
        made, other = fork_map_while(functools.partial(_made_as_stored, product), todo, meanwhile,
                                     least=product.least)
        to_store = {}
        take = getattr(memo, "take", None)  # memory that packs values as they are read
        for item, (data, value) in zip(todo, made, strict=True):
            if data is not None:
                if take is None:
                    memo[item] = product.remembered(data)
                if not product.pack:  # else the whole value is packed from memory
                    as_stored[item] = data
                if alone:
                    to_store[keys[item]] = data
            else:
                memo[item] = keep(value)
        if take is not None:
            take((item, data) for item, (data, _) in zip(todo, made, strict=True) if data is not None)
        del made
        if hasattr(memo, "compact"):  # held packed before the workers fork
            memo.compact()
        _made[product.name] += len(todo)
        if self.store is not None and to_store:
            self.store.put_many(to_store)
        if check is not None and self.store is not None:
            keep_whole(self.store, product, missing, memo, check, as_stored)
        return other

    def values(self, product: Product[V], items: list[Any]) -> list[V]:
        """Each input's value, prepared first."""
        self.prepare(product, items)
        return [value(product, item) for item in items]

    def close(self) -> None:
        """The store is done with: closed before workers fork to render, so that no
        connection crosses a fork. Asked again, the service answers without it."""
        if self.store is not None:
            self.store.close()
            self.store = None
