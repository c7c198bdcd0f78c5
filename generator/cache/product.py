"""What a derived product is (cache/derived.py makes, keeps and stores its values): how
one value is made from one input, keyed, and kept as bytes."""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from generator.cache.keys import prefixed_key
from generator.shelf import Shelved

V = TypeVar("V")


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
    # "module:NAME" of this product, whose values are made by a new process where they are
    # too few to fork workers for: what making them loads stays out (cache/apart.py)
    apart: str | None = None
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
