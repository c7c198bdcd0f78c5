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

build() owns one Derived for its run (Derived.at); products ask it, and `value` answers
from memory while pages render. Drawn files (share images, badges, QR codes) are too large
for the store: the service hands the build their folder on disk (cache/drawn.py), each kept
by a key of what is drawn on it, the drawing code and its libraries (emit/artwork.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from generator.cache.apart import made_while
from generator.cache.batches import Folded, made_in_order, unfolded
from generator.cache.drawn import DrawnFiles
from generator.cache.finding import Within, made_within
from generator.cache.product import Product
from generator.cache.store import Store
from generator.cache.whole import keep_whole, taken_whole, whole_key, whole_values
from generator.work.workers import give_back

V = TypeVar("V")
T = TypeVar("T")

# Values kept per product: enough for 10,000 winners' texts; past it a build keeps
# only its own (serve's memory does not grow with every edit)
LIMIT = 200_000


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
    """The value of the product called `name` for `item` if this process holds it (made or
    read here, or by the process that forked it), else None: to reuse another's work."""
    memo = _memory.get(name)
    return memo.get(item) if memo else None


def held(name: str) -> Any:  # this process's memory of the product called `name`, or None
    return _memory.get(name)


def made(product: Product) -> int:
    """Values of the product made so far by this process, not taken from memory or the store."""
    return _made[product.name]


def forget(product: Product | None = None) -> None:
    """Drop this process's memory of one product, or of all: what a new process starts with."""
    if product is None:
        _memory.clear()
    else:
        _memory.pop(product.name, None)


def _absent(items: list, memo: Any) -> list:
    """The items whose value memory does not hold: all of them, the same list, where it
    holds none (a cold build: 408,000 stretches at 10,000 winners, each asked for)."""
    return [item for item in items if item not in memo] if len(memo) else items


class Derived:
    """The store and the drawn files of one build, and the values it makes."""

    def __init__(self, store: Store | None, files: DrawnFiles | None = None):
        self.store = store
        self.files = files

    @classmethod
    def at(cls, folder: Path) -> Derived:
        """The service for a build keeping its values in `folder` (the cache folder)."""
        return cls(Store(folder / "store.sqlite"), DrawnFiles(folder))

    def prepare(self, product: Product[V], items: Iterable[Any] | Callable[[], Iterable[Any]],
                meanwhile: Callable[[], T] = lambda: None,
                sources: bytes | Callable[[], bytes] | None = None, within: Within | None = None) -> T:
        """Make sure every input's value is in memory: from the store, or made on every
        core while this process runs meanwhile(), whose result is returned. `items` may be
        a function that finds them, and `sources` a key of what it finds them from (or what
        makes it): where the whole value was kept for the inputs found from the same sources,
        it is read whole into an empty memory and the inputs are never found (408,000
        stretches at 10,000 winners: 280 MB more at main's peak, to learn that they were those
        kept, issue 26). `within`: where the workers can find the same inputs (cache/finding.py),
        as they do where nothing of the product is kept, in memory or whole (a cold build)."""
        if within is not None and not _memory.get(product.name) and (
                self.store is None or not self.store.has([whole_key(product)])):
            return self._found(product, within, meanwhile, sources)
        sources = sources() if callable(sources) else sources
        if sources is not None and self.store is not None and product.whole \
                and not _memory.get(product.name):
            memo = _memory[product.name] = product.memory()
            if taken_whole(self.store, product, sources, memo):
                return meanwhile()
        if callable(items):  # what the load let go of, handed back before the inputs are
            give_back()  # found: this process held both at its peak (10,000 winners: 300 MiB)
        return self._prepare(product, items, meanwhile, make=True, sources=sources)

    def _found(self, product: Product[V], within: Within, meanwhile: Callable[[], T],
               sources: bytes | Callable[[], bytes] | None) -> T:
        """prepare's inputs found by the workers that make their values, and kept whole with
        the key of their sources, which this process makes meanwhile."""
        memo, key = _memory.setdefault(product.name, product.memory()), [sources]

        def also() -> T:
            key[0] = sources() if callable(sources) else sources
            return meanwhile()

        rows, other = made_within(product, within, memo, also)
        _made[product.name] += len(rows)
        if self.store is not None and product.whole:
            keep_whole(self.store, product, rows, memo, None, {}, key[0], rows)
        del rows  # the only copy of each stretch (10,000 winners: 408,000), let go of before
        getattr(memo, "compact", lambda: None)()  # the sort, once, before a fork
        return other

    def stored(self, product: Product, items: Iterable[Any]) -> bool:
        """Whether every input's value is in memory now, read from the store if it holds
        it; none is made. A product kept as one whole value is not read whole here."""
        return self._prepare(product, items, lambda: None, make=False)

    def _prepare(self, product: Product[V], items: Iterable[Any] | Callable[[], Iterable[Any]],
                 meanwhile: Callable[[], T], make: bool, sources: bytes | None = None) -> T | bool:
        memo = _memory.setdefault(product.name, product.memory())
        items = items() if callable(items) else items  # found here, so that they are let go of:
        # a set's items are distinct: no dict to find them (408,000 stretches: 20 MB)
        wanted = list(items) if isinstance(items, (set, frozenset)) else list(dict.fromkeys(items))
        del items  # found as a set, it was held to the end (10,000 winners' stretches: 16 MB)
        if len(memo) > LIMIT:
            only = getattr(memo, "only", None)
            memo = _memory[product.name] = only(wanted) if only else {
                item: memo[item] for item in wanted if item in memo}
        missing = _absent(wanted, memo)
        if len(missing) < len(wanted):  # the whole value kept is not all that they give
            sources = None
        whole = bool(make and self.store and product.whole and len(missing) >= product.whole)
        # None: the whole value kept held every value as it is, and is not kept again
        check = whole_values(self.store, product, missing, memo, sources) if whole else None
        left = _absent(missing, memo)
        alone = not whole or product.made_from is None  # values also stored one by one
        keys = {item: product.key(item) for item in left} if alone else {}
        keep = product.kept or (lambda value: value)
        as_stored: dict[Any, bytes] = {}  # what the whole value is made of, not encoded again
        for item, (data, sealed) in self.store.each_found(keys) if self.store else ():
            if sealed:
                memo[item] = product.remembered(data)
                if check is not None:
                    as_stored[item] = data
            elif product.recheck is not None:
                memo[item] = keep(product.recheck(data))
        todo = _absent(left, memo)
        if not make:
            return not todo
        to_store, take = {}, getattr(memo, "take", None)  # memory that packs values as read

        def taken(start: int, chunk: Folded) -> None:
            for offset, value in chunk[2].items():
                memo[todo[start + offset]] = keep(value)
            made = list(unfolded(todo, start, chunk))
            take(made) if take else memo.update((i, product.remembered(d)) for i, d in made)
            for item, data in made:
                if not product.pack:  # else the whole value is packed from memory
                    as_stored[item] = data
                if alone:
                    to_store[keys[item]] = data

        other, later = made_while(product, todo, meanwhile, taken)
        getattr(memo, "compact", lambda: None)()  # packed before workers fork
        _made[product.name] += len(todo)
        if self.store is not None and to_store:
            self.store.put_many(to_store)
        if check is not None and self.store is not None:
            keep_whole(self.store, product, missing, memo, check, as_stored, sources)
        if later:  # the inputs let go of, and what finding them took handed back, first
            del wanted, missing, left, todo, keys, as_stored, to_store
            return give_back() or meanwhile()
        return other

    def held(self, product: Product, items: Iterable[Any]) -> bool:
        """Whether every input's value is in memory or in the store; none is read."""
        memo = _memory.get(product.name) or {}
        keys = {product.key(item) for item in items if item not in memo}
        return not keys or self.store is not None and len(self.store.has(keys)) == len(keys)

    def each(self, product: Product[V], items: list[Any], batch: int = 256,
             workers: int | None = None) -> Iterator[V]:
        """Each input's value in turn: from memory, else read from the store a batch at a
        time, else made on every core (or by `workers`: made_in_order) and stored a chunk
        at a time, and not kept (the search index's words: 65 MB at 10,000 winners, held
        all at once by its process, issue 26)."""
        memo = _memory.get(product.name) or {}
        keys = {item: product.key(item) for item in items if item not in memo}
        held = self.store.has(keys.values()) if self.store and keys else set()
        todo = [item for item, key in keys.items() if key not in held]
        _made[product.name], fresh = _made[product.name] + len(todo), {}
        made = made_in_order(product, todo, self.store, workers)
        last = {item: index for index, item in enumerate(items) if item in keys}
        for start in range(0, len(items), batch):
            memo, part = _memory.get(product.name) or {}, items[start:start + batch]
            wanted = {item: keys[item] for item in part if keys.get(item) in held}
            stored = self.store.get_many(wanted.values()) if wanted else {}
            found = {item: product.remembered(stored[key][0]) for item, key in wanted.items()
                     if stored.get(key, (b"", False))[1]}
            left = [item for item in wanted if item not in found]  # sealed elsewhere
            if left:
                found.update(zip(left, self.values(product, left), strict=True))
            for index, item in enumerate(part, start):
                while item not in memo and item not in found and item not in fresh:
                    fresh.update((next(made),))
                if item in memo or item in found:
                    yield memo[item] if item in memo else found[item]
                else:
                    yield fresh.pop(item) if last[item] == index else fresh[item]

    def values(self, product: Product[V], items: list[Any]) -> list[V]:
        """Each input's value, prepared first."""
        self.prepare(product, items)
        return [value(product, item) for item in items]

    def disconnect(self) -> None:
        """The store's connection closed before a fork, opened again when next asked."""
        if self.store is not None:
            self.store.close()

    def close(self) -> None:
        """The store is done with: closed before workers fork to render, so that no
        connection crosses a fork. Asked again, the service answers without it."""
        if self.store is not None:
            self.store.close()
            self.store = None
