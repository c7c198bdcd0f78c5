"""The pages' word cuts as a process holds them (cache/cuts.PackedCuts): packed, found by
their stretch's hash, and never taken for another stretch's."""

from __future__ import annotations

from collections import Counter

import pytest

from generator.cache import cuts, derived
from generator.cache.cuts import PackedCuts, pack_cuts, unpack_cuts
from generator.cache.derived import Derived, Product
from generator.cache.store import Store

CUTS = {"การบริหารจัดการ": ("การ", "บริหาร", "จัดการ"), "ขยะ": ("ขยะ",),
        "ชุมชนเข้มแข็ง": ("ชุมชน", "เข้มแข็ง"), "บ้านๆ": ("บ้านๆ",)}


@pytest.fixture(autouse=True)
def fresh_memory(monkeypatch):
    monkeypatch.setattr(derived, "_memory", {})
    monkeypatch.setattr(derived, "_made", Counter())


def packed(stretches: list[str]) -> PackedCuts:
    held = PackedCuts()
    held.absorb(pack_cuts([CUTS[stretch] for stretch in stretches]), stretches)
    return held


def test_packed_cuts_answer_as_a_dict_of_them_would():
    held = packed(sorted(CUTS)[:3])
    held["บ้านๆ"] = CUTS["บ้านๆ"]  # one by one: kept as it is until compacted
    for stretch, words in CUTS.items():
        assert held[stretch] == words and stretch in held
    assert "ขยะมูลฝอย" not in held and held.get("ขยะมูลฝอย") is None and 5 not in held
    held.compact()
    assert not held.extra and len(held) == 4 and sorted(held) == sorted(CUTS)
    assert dict(held.items()) == CUTS
    told, size, pieces = held.packed(sorted(CUTS))
    data = b"".join(pieces)
    assert told == sorted(CUTS) and unpack_cuts(data) == [CUTS[s] for s in told]
    assert size == len(data)
    only = held.only(["ขยะ", "ไม่มี"])
    assert dict(only.items()) == {"ขยะ": ("ขยะ",)}


def test_two_stretches_of_one_hash_are_never_taken_for_each_other(monkeypatch):
    monkeypatch.setattr(cuts, "hash", lambda stretch: 7, raising=False)
    held = packed(list(CUTS))
    assert all(held[stretch] == words for stretch, words in CUTS.items())
    with pytest.raises(KeyError):
        held["ขยะขยะ"]


def test_a_cut_that_does_not_tell_its_stretch_is_kept_as_it_is():
    held = PackedCuts()
    held["ขยะ"] = ("ของเสีย",)
    held.compact()
    assert held["ขยะ"] == ("ของเสีย",) and held.extra
    assert held.packed(["ขยะ"])[0] == [], "never stored whole"


def letter_cuts(made: list[str], **more) -> Product:
    """A cutter that cuts a text into its letters, kept whole from three texts up,
    noting each text it cuts in `made`."""
    return Product("cuts", "1", lambda text: made.append(text) or tuple(text),
                   lambda words: "\x1f".join(words).encode(),
                   lambda data: tuple(data.decode().split("\x1f")), whole=3,
                   pack=pack_cuts, unpack=unpack_cuts, **more)


def test_packed_memory_reads_a_whole_value_and_the_part_an_edit_shares(tmp_path):
    path = tmp_path / "store.sqlite"
    made = []
    product = letter_cuts(made, made_from="".join, memory=PackedCuts)
    assert Derived(Store(path)).values(product, ["กข", "ขค", "คง"]) == [
        tuple("กข"), tuple("ขค"), tuple("คง")]
    assert isinstance(derived._memory["cuts"], PackedCuts) and not derived._memory["cuts"].extra
    derived.forget()
    assert Derived(Store(path)).values(product, ["คง", "กข", "ขค"])[0] == tuple("คง")
    assert made == ["กข", "ขค", "คง"], "read whole, packed"
    derived.forget()
    assert Derived(Store(path)).values(product, ["ขค", "งจ", "กข"]) == [
        tuple("ขค"), tuple("งจ"), tuple("กข")]
    assert made[3:] == ["งจ"], "only the edited stretch is cut"
    held = derived._memory["cuts"]
    assert isinstance(held, PackedCuts) and derived.value(product, "จฉ") == tuple("จฉ")


def test_cuts_absorbed_later_are_sorted_by_hash_when_first_asked_for(monkeypatch):
    """Sorted as one int each (hash and place): those of one hash stay in the order they came."""
    monkeypatch.setattr(cuts, "hash", lambda stretch: -1 if stretch == "ขยะ" else 7, raising=False)
    held = PackedCuts()
    held.absorb(pack_cuts(list(CUTS.values())), list(CUTS), later=True)
    assert held.unsorted and list(held.hashes) == [7, -1, 7, 7]
    assert all(held[stretch] == words for stretch, words in CUTS.items()) and not held.unsorted
    assert list(held.hashes) == [-1, 7, 7, 7] and list(held) == ["ขยะ"] + [s for s in CUTS if s != "ขยะ"]


def test_cuts_sent_by_workers_are_packed_as_they_are_read():
    held = PackedCuts()
    held.take((stretch, "\x1f".join(words).encode()) for stretch, words in CUTS.items())
    held.take([("ขยะ", "ของ\x1fเสีย".encode())])  # does not tell its stretch: as it is
    assert held["ชุมชนเข้มแข็ง"] == CUTS["ชุมชนเข้มแข็ง"] and held["ขยะ"] == ("ของ", "เสีย")
    assert len(held.hashes) == 4 and list(held.extra) == ["ขยะ"]


def test_inputs_found_from_the_same_sources_are_read_whole_and_never_found(tmp_path):
    """Where the whole value was kept for the stretches found from the same texts (a key of
    them: `sources`), a build reads it whole and never finds the stretches (408,000 at
    10,000 winners, 280 MB more at the peak, to learn they were those kept)."""
    path, made, found = tmp_path / "store.sqlite", [], []
    product = letter_cuts(made, made_from="".join, memory=PackedCuts)

    def stretches(*items: str):
        return lambda: found.append(items) or list(items)

    Derived(Store(path)).prepare(product, stretches("กข", "ขค", "คง"), sources=b"texts 1")
    for sources in (b"texts 1", b"texts 1"):
        derived.forget()
        Derived(Store(path)).prepare(product, stretches("กข", "ขค", "คง"), sources=sources)
        assert dict(derived._memory["cuts"].items()) == {s: tuple(s) for s in ("กข", "ขค", "คง")}
    assert made == ["กข", "ขค", "คง"] and len(found) == 1, "read whole, never found again"
    derived.forget()
    Derived(Store(path)).prepare(product, stretches("ขค", "งจ", "กข"), sources=b"texts 2")
    assert made[3:] == ["งจ"] and len(found) == 2, "other texts: found, and what they share read"
    # the cut they no longer have is taken with the others (no set of the stretches picks
    # them), never asked for, and not kept again
    assert dict(derived._memory["cuts"].items()) == {s: tuple(s) for s in ("กข", "ขค", "คง", "งจ")}
    derived.forget()
    Derived(Store(path)).prepare(product, stretches("ขค", "งจ", "กข"), sources=b"texts 2")
    assert len(found) == 2 and made[4:] == []
    # a memory that holds cuts already (awards serve) finds its stretches
    Derived(Store(path)).prepare(product, stretches("ขค", "งจ", "กข"), sources=b"texts 2")
    assert len(found) == 3
