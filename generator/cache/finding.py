"""Inputs found by the workers that make their values (cache/derived.Derived.prepare's
`within`): where nothing of a product is kept (a cold build), this process need not find
a site's stretches of Thai before the workers fork (0.8 s at 2,000 winners with one core
busy, issue 26): each worker finds those of its chunk of the texts and cuts them."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from generator.cache.batches import Folded, folded, made_as_stored, unfolded
from generator.work.workers import fork_each_while

if TYPE_CHECKING:
    from generator.cache.product import Product

T = TypeVar("T")

# Where the inputs are found: the sources (a Sequence, inherited by the workers, of
# which each is sent only where its chunk starts and ends) and what finds the inputs
# in a chunk of them
Within = tuple[Sequence[Any], Callable[[list[Any]], Iterable[Any]]]


def _found_and_made(product: Product, find: Callable[[list[Any]], Iterable[Any]],
                    seen: set, sources: list[Any]) -> tuple[list[Any], Folded]:
    """A worker's chunk: the inputs its sources hold that this worker has not met in an
    earlier chunk (`seen`: its own, from the fork on), and their values as made_as_stored
    sends them."""
    items = [item for item in find(sources) if item not in seen]
    seen.update(items)
    return items, folded([made_as_stored(product, item) for item in items])


def made_within(product: Product, within: Within, memo: Any, meanwhile: Callable[[], T]
                ) -> tuple[dict[Any, int], T]:
    """Every input found in within's sources, each once (two workers may find one: the
    first is kept), with its value in (empty) memory: made on every core while this
    process runs meanwhile(), whose result is returned too. Each input tells where
    memory holds its value (-1: not known), where memory packs values as it takes them
    (PackedCuts.take), in the order taken, until it is next asked; those it keeps apart
    (`extra`) have no place. One table: at 10,000 winners 408,000 inputs."""
    sources, find = within
    keep = product.kept or (lambda value: value)
    take, found = getattr(memo, "take", None), {}

    def taken(start: int, chunk: tuple[list[Any], Folded]) -> None:
        items, made = chunk
        for offset, value in made[2].items():
            if items[offset] not in found:
                memo[items[offset]] = keep(value)
        fresh = [(item, data) for item, data in unfolded(items, 0, made) if item not in found]
        found.update(dict.fromkeys(items, -1))
        take(fresh) if take else memo.update((i, product.remembered(d)) for i, d in fresh)

    other = fork_each_while(lambda source: source, sources, meanwhile, taken,
                            least=product.least,
                            fold=functools.partial(_found_and_made, product, find, set()))
    row, extra = 0, getattr(memo, "extra", {})
    for item in found if take is not None else ():
        found[item] = -1 if item in extra else row
        row += item not in extra
    return found, other
