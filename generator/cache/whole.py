"""A derived product's values kept as one value (cache/derived.Product.whole): a site's
80,000 stretches of Thai at 2,000 winners took a second to key and read one by one."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain
from typing import TYPE_CHECKING, Any, TypeVar

from generator.cache.keys import content_key
from generator.cache.store import Store

if TYPE_CHECKING:
    from generator.cache.product import Product

V = TypeVar("V")


def whole_key(product: Product) -> bytes:
    """The store's key of the product's one whole value."""
    return content_key(product.name, product.version, "whole")


def _sources_key(product: Product) -> bytes:
    """The store's key of what the whole value's inputs were found from (taken_whole)."""
    return content_key(product.name, product.version, "sources")


def taken_whole(store: Store, product: Product, sources: bytes, memo: Any) -> bool:
    """Every value of the product's whole value into memory (empty: the product's) if
    this machine kept it for the inputs found from `sources` (a key of what the caller
    finds its inputs from), each value telling its input (PackedCuts.absorb): the
    inputs need not be found to be checked. False: nothing was read."""
    absorb = getattr(memo, "absorb", None) if product.pack else None
    found = store.get_many([_sources_key(product), whole_key(product)], whole=True)
    record, kept = found.get(_sources_key(product)), found.get(whole_key(product))
    if absorb is None or record is None or kept is None or not (record[1] and kept[1]) \
            or record[0][:len(sources)] != sources:
        return False
    check = record[0][len(sources):]
    if kept[0][:len(check)] != check:
        return False
    absorb(kept[0][len(check):], None, later=True)
    del found, record, kept, check  # the value read let go of before its cuts are sorted
    memo.compact()
    return True


def _sourced(store: Store, product: Product, sources: bytes | None, check: bytes) -> None:
    """Note that the whole value kept for `check` holds every input found from `sources`."""
    if sources is not None:
        store.put_many({_sources_key(product): sources + check})


def _check(product: Product, items: list) -> bytes:
    """What a whole value is kept for: its inputs, in order, and its form."""
    packed = "packed" if product.pack else "each"  # a kept value of the other form fails
    return content_key(product.name, product.version, packed, *items)


def _unpacked(product: Product[V], data: bytes) -> list[V]:
    """A whole value's values, in the order of its inputs, as memory keeps them."""
    if product.unpack:
        return product.unpack(data)
    values, at = [], 0
    while at < len(data):
        size = int.from_bytes(data[at:at + 4], "little")
        values.append(product.remembered(data[at + 4:at + 4 + size]))
        at += 4 + size
    return values


def _cuts_in(data: bytes | memoryview) -> int:
    """How many cuts a value that cache/cuts.pack_cuts made holds, from its head."""
    at = 4 + int.from_bytes(data[:4], "little")
    return int.from_bytes(data[at:at + 4], "little")


def whole_values(store: Store, product: Product, items: list[str], memo: dict,
                 sources: bytes | None = None) -> bytes | None:
    """Values of `items` into memory from the product's one whole value, if this machine
    sealed it: all of them if it was kept for these same inputs, else (a product whose
    values tell their input: Product.made_from) those of the inputs this build shares
    with the one that kept it. What a whole value kept for `items` is checked against,
    or None where the kept one holds them all."""
    items = sorted(items)
    check = _check(product, items)
    found = store.get_many([whole_key(product)], whole=True).get(whole_key(product))
    if found is None or not found[1]:
        return check
    same = found[0][:len(check)] == check
    # memory that holds values packed takes them so, never one object each (PackedCuts), and
    # sorts them when next asked: once the value read is let go of (17 MB at 10,000 winners)
    absorb = getattr(memo, "absorb", None) if product.pack else None
    body = found[0][len(check):] if absorb else bytes(found[0][len(check):])
    if same:
        if absorb is not None:
            absorb(body, items, later=True)
        else:
            memo.update(zip(items, _unpacked(product, body), strict=True))
        _sourced(store, product, sources, check)
        return None
    if product.made_from is not None:
        try:  # kept for other inputs: perhaps in the other form, which does not unpack
            if absorb is not None:  # a build that shares most of its stretches with the
                # one that kept them takes all its cuts (those it no longer has are never
                # asked for as stretches), not the set of its stretches that picks them and
                # their copy (an editor's build at 10,000 winners: 48 MB more at its peak)
                every = _cuts_in(body) <= 2 * len(items)
                absorb(body, None, None if every else set(items), later=True)
                memo.others = every  # so no run is taken for a stretch it found (typography)
                return check
            values = _unpacked(product, body)
        except (ValueError, IndexError):
            return check
        told = {product.made_from(value): value for value in values}
        memo.update((item, told[item]) for item in items if item in told)
    return check


def keep_whole(store: Store, product: Product, items: Iterable[str], memo: dict,
               check: bytes | None, as_stored: dict[Any, bytes], sources: bytes | None = None,
               rows: dict[str, int] | None = None) -> None:
    """Keep every value of `items` as the product's one whole value (one a product:
    a build with other inputs replaces it, so the store does not grow); values read
    or made as bytes just now are kept as those bytes. A product whose values tell
    their input keeps only those that tell it right. `rows`: where memory that holds
    values packed holds each (PackedCuts.packed). `check`: _check of the items, where made."""
    items = sorted(items)
    check = _check(product, items) if check is None else check
    packed = getattr(memo, "packed", None) if product.pack else None
    if packed is not None:  # held packed: packed from there, only cuts that tell their input
        told, size, pieces = packed(items, rows)  # written into the store a piece at a time
        if len(told) < len(items):
            check, sources = _check(product, told), None  # a value kept would be missing
        store.put_streamed(whole_key(product), len(check) + size, chain((check,), pieces))
        _sourced(store, product, sources, check)
        return
    if product.made_from is not None:
        told = [item for item in items if product.made_from(memo[item]) == item]
        if len(told) < len(items):
            items, check = told, _check(product, told)
    if product.pack:
        data = product.pack([memo[item] for item in items])
        store.put_many({whole_key(product): check + data})
        return
    parts = [check]
    for item in items:
        data = as_stored.get(item) or product.encode(memo[item])
        if data is None:
            return
        parts += [len(data).to_bytes(4, "little"), data]
    store.put_many({whole_key(product): b"".join(parts)})
