"""Derived values made on the workers (cache/derived.py) and sent back as the bytes they
are stored as, a chunk of them as one object."""

from __future__ import annotations

import functools
from array import array
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from generator.work.workers import fork_each

if TYPE_CHECKING:
    from generator.cache.product import Product
    from generator.cache.store import Store

V = TypeVar("V")

# A chunk's values: their bytes as one, each one's size (-1: not stored), and those
# not stored by their place in the chunk
Folded = tuple[bytes, array, dict[int, Any]]


def made_as_stored(product: Product[V], item: Any) -> tuple[bytes | None, V | None]:
    """A value made (on a worker) as the bytes it is stored as, which travel back as one
    object where the value may be thousands (a cut's words: 800,000 strings at 2,000
    winners, held twice in this process while it kept them); the value itself when
    it is not stored (a failure)."""
    value = product.make(item)
    data = product.encode(value)
    return (data, None) if data is not None else (None, value)


def folded(made: list[tuple[bytes | None, Any]]) -> Folded:
    """A worker's chunk of made_as_stored's results as it sends them: their bytes as one,
    each one's size, and the values not stored by their place (thousands of objects
    were a hundred bytes each besides their data, all held at once, issue 26)."""
    sizes = array("q", (-1 if data is None else len(data) for data, _ in made))
    failed = {offset: value for offset, (data, value) in enumerate(made) if data is None}
    return b"".join(data for data, _ in made if data is not None), sizes, failed


def unfolded(items: list[Any], start: int, chunk: Folded) -> Iterator[tuple[Any, bytes]]:
    """(input, bytes) of a folded chunk of the results for items[start:], those stored."""
    data, at = chunk[0], 0
    for offset, size in enumerate(chunk[1]):
        if size >= 0:
            yield items[start + offset], data[at:at + size]
            at += size


def made_in_order(product: Product[V], items: list[Any], store: Store | None,
                  workers: int | None = None) -> Iterator[tuple[Any, V]]:
    """(input, value) of each of `items` in turn, made on every core (or by that many
    workers, at least one, never this process), each chunk stored as it comes back and
    let go once read: none kept, none held all at once."""
    keep = product.kept or (lambda value: value)
    chunks = fork_each(functools.partial(made_as_stored, product), items, workers,
                       least=product.least, fold=folded,
                       fewest=1 if workers else 2) if items else ()
    for start, chunk in chunks:
        made = dict(unfolded(items, start, chunk))
        if store is not None and made:
            store.put_many({product.key(item): data for item, data in made.items()})
        failed = {items[start + offset]: keep(value) for offset, value in chunk[2].items()}
        for item in items[start:start + len(chunk[1])]:
            yield item, failed[item] if item in failed else product.remembered(made[item])
