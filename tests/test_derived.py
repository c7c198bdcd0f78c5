"""The one service for derived values (cache/derived.py): its keys, its memory, its store
and its rule for stored values this machine did not seal."""

from __future__ import annotations

import os
import re
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from conftest import CONTENT
from test_packedcuts import letter_cuts

from generator.bundled import default_templates
from generator.cache import derived, whole
from generator.cache.derived import Derived, Product
from generator.cache.store import Store
from generator.emit.templates import make_renderer, render_page
from generator.emit.typography import WORDS, cut
from generator.load.catalog import load_content
from generator.site.graph import build_graph

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
RUN = "การบริหารจัดการขยะ"


@pytest.fixture(autouse=True)
def fresh_memory(monkeypatch):
    monkeypatch.setattr(derived, "_memory", {})
    monkeypatch.setattr(derived, "_made", Counter())


def unseal(path: Path, key: bytes, value: bytes) -> None:
    """Write a stored value as another machine would: its seal is not this one's."""
    with sqlite3.connect(path) as db:
        db.execute("UPDATE entries SET value = ? WHERE key = ?", (b"\0" * 16 + value, key))


def test_a_stored_value_this_machine_sealed_is_used_as_it_is(tmp_path):
    store = Store(tmp_path / "store.sqlite")
    store.put_many({WORDS.key(RUN): b"stored\x1fcut"})
    assert Derived(store).values(WORDS, [RUN]) == [("stored", "cut")]
    assert derived.made(WORDS) == 0, "nothing was cut"


def test_a_value_streamed_a_piece_at_a_time_is_stored_sealed_as_one(tmp_path):
    store = Store(tmp_path / "store.sqlite")
    store.put_many({b"k": b"old"})
    store.put_streamed(b"k", 9, [b"one", bytearray(b"two"), memoryview(b"six")])
    assert store.get_many([b"k"]) == {b"k": (b"onetwosix", True)}
    assert Store(tmp_path / "store.sqlite").get_many([b"k"])[b"k"][1], "sealed as put_many"
    with pytest.raises(ValueError):
        store.put_streamed(b"k", 9, [b"short"])
    assert store.get_many([b"k"])[b"k"][0] == b"onetwosix", "nothing half written kept"
    view, sealed = store.get_many([b"k"], whole=True)[b"k"]
    assert isinstance(view, memoryview) and view == b"onetwosix" and sealed, "a view, not a copy"


def test_an_unsealed_stored_value_is_made_again_unless_its_product_can_check_it(tmp_path):
    path = tmp_path / "store.sqlite"
    Store(path).put_many({WORDS.key(RUN): b"poisoned"})
    unseal(path, WORDS.key(RUN), b"poisoned")
    assert Derived(Store(path)).values(WORDS, [RUN]) == [cut(RUN)]
    # a product that can check such a value checks it, and uses what the check gives
    checked = Product("checked", "1", str.upper, str.encode, bytes.decode,
                      recheck=lambda data: "checked " + data.decode())
    Store(path).put_many({checked.key("a"): b"stored"})
    unseal(path, checked.key("a"), b"stored")
    assert Derived(Store(path)).values(checked, ["a"]) == ["checked stored"]


def test_a_key_names_the_product_its_version_and_the_input(tmp_path):
    store = Store(tmp_path / "store.sqlite")
    old = Product("upper", "1", str.upper, str.encode, bytes.decode)
    Derived(store).prepare(old, ["a"])
    derived.forget()
    new = Product("upper", "2", lambda text: text.upper() + "!", str.encode, bytes.decode)
    assert Derived(store).values(new, ["a"]) == ["A!"], "an upgrade makes values anew"
    other = Product("lower", "1", str.lower, str.encode, bytes.decode)
    assert len({old.key("a"), new.key("a"), other.key("a"), old.key("b")}) == 4


def test_memory_serves_the_next_build_without_making_or_reading_anything(tmp_path):
    calls = []
    counted = Product("counted", "1", lambda text: calls.append(text) or text * 2,
                      str.encode, bytes.decode)
    assert Derived(Store(tmp_path / "store.sqlite")).values(counted, ["a", "b", "a"]) == \
        ["aa", "bb", "aa"]
    assert Derived(None).values(counted, ["b", "a"]) == ["bb", "aa"]
    assert calls == ["a", "b"] and derived.made(counted) == 2


def test_a_closed_service_answers_without_its_store(tmp_path):
    service = Derived(Store(tmp_path / "store.sqlite"))
    service.close()
    plain = Product("plain", "1", str.upper, str.encode, bytes.decode)
    assert service.values(plain, ["a"]) == ["A"]
    assert not (tmp_path / "store.sqlite").exists(), "never opened again once closed"


def test_thai_is_defined_in_one_place():
    """The Thai block's bounds are written once (text.THAI_LETTERS): pages, search,
    images and messages ask text.THAI_RUN or text.is_thai."""
    bounds = re.compile(r"\\u0e00|\\u0e7f|\u0e00|\u0e7f", re.IGNORECASE)
    found = [path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py")
             if bounds.search(path.read_text(encoding="utf-8"))]
    assert found == ["text.py"]


def test_many_values_are_kept_as_one_and_read_back_only_for_the_same_inputs(tmp_path):
    path = tmp_path / "store.sqlite"
    calls = []
    many = Product("many", "1", lambda text: calls.append(text) or text.upper(), str.encode,
                   bytes.decode, whole=3)
    assert Derived(Store(path)).values(many, ["a", "b", "c"]) == ["A", "B", "C"]
    with sqlite3.connect(path) as db:  # only the whole value is left to read
        db.execute("DELETE FROM entries WHERE key != ?", (whole.whole_key(many),))
        (kept,) = db.execute("SELECT value FROM entries").fetchone()
    derived.forget()
    assert Derived(Store(path)).values(many, ["c", "a", "b"]) == ["C", "A", "B"]
    assert calls == ["a", "b", "c"], "read as one, whatever the order"
    derived.forget()
    assert Derived(Store(path)).values(many, ["a", "b", "d"]) == ["A", "B", "D"]
    assert calls[3:] == ["a", "b", "d"], "other inputs: not theirs"
    # sealed elsewhere: not used (a and b are read one by one, kept so by the last build)
    unseal(path, whole.whole_key(many), kept[16:])
    derived.forget()
    assert Derived(Store(path)).values(many, ["a", "b", "c"]) == ["A", "B", "C"]
    assert calls[6:] == ["c"]


def test_cuts_kept_as_one_are_read_back_with_each_word_once(tmp_path):
    path = tmp_path / "store.sqlite"
    made = []
    cuts = letter_cuts(made)
    texts = ["กขก", "ขข", "ก", "ค"]
    assert Derived(Store(path)).values(cuts, texts) == list(map(tuple, texts))
    with sqlite3.connect(path) as db:  # only the whole value is left to read
        db.execute("DELETE FROM entries WHERE key != ?", (whole.whole_key(cuts),))
    derived.forget()
    read = Derived(Store(path)).values(cuts, texts)
    assert read == list(map(tuple, texts)) and made == texts, "read, not made again"
    assert read[0][0] is read[0][2] is read[2][0], "one string for a word"


def test_the_data_pages_thai_is_cut_before_the_workers_fork():
    """A text missed by the words prepared before the fork is cut by the render worker
    that meets it, which loads the cutter's dictionary (60 MB) for it: the build's
    largest process at 2,000 winners (issue 26). The data page's field list was such a
    text."""
    templates = default_templates()
    catalog = load_content(CONTENT, None, Derived(None), False)
    renderer = make_renderer(templates, catalog)
    renderer.prepare(Derived(None))
    prepared = derived.made(WORDS)
    data_pages = [page for page in build_graph(catalog, templates).pages
                  if page.path in ("th/data/", "en/data/")]
    for page in data_pages:
        render_page(renderer, page, templates)
    assert len(data_pages) == 2 and derived.made(WORDS) == prepared


def test_values_that_tell_their_input_are_kept_only_whole_and_serve_another_build(tmp_path):
    """A cut's words joined are its stretch (Product.made_from): its values are stored
    only whole, and a build of other stretches (an edit) reads those it shares."""
    path = tmp_path / "store.sqlite"
    made = []
    cuts = letter_cuts(made, made_from="".join)
    assert Derived(Store(path)).values(cuts, ["กข", "ขค", "คง"]) == [tuple("กข"), tuple("ขค"),
                                                                   tuple("คง")]
    with sqlite3.connect(path) as db:
        assert [key for (key,) in db.execute("SELECT key FROM entries")] == [whole.whole_key(cuts)]
    derived.forget()
    assert Derived(Store(path)).values(cuts, ["ขค", "งจ", "กข"]) == [tuple("ขค"), tuple("งจ"),
                                                                   tuple("กข")]
    assert made[3:] == ["งจ"], "only the edited stretch is cut"
    derived.forget()
    assert Derived(Store(path)).values(cuts, ["กข", "ขค", "งจ"])[1] == tuple("ขค")
    assert made[4:] == [], "kept whole again for the inputs of the last build"
    derived.forget()


def test_values_read_a_few_at_a_time_are_not_kept(tmp_path):
    """The search index's words, all stored, are read by the process that makes the index a
    batch at a time and not kept (Derived.each); the build only asks whether they are
    stored (Derived.held), reading none (issue 26: 65 MB at 10,000 winners, held twice)."""
    path, calls = tmp_path / "store.sqlite", []
    upper = Product("upper", "1", lambda text: calls.append(text) or text.upper(), str.encode,
                    bytes.decode)
    Derived(Store(path)).prepare(upper, ["a", "b", "c"])
    derived.forget()
    service = Derived(Store(path))
    assert service.held(upper, ["a", "b", "c"]) and not service.held(upper, ["a", "d"])
    assert "upper" not in derived._memory, "none read"
    assert list(service.each(upper, ["c", "a", "d", "b", "a"], batch=2)) == list("CADBA")
    assert calls[3:] == ["d"], "only what the store lacks is made"
    assert "upper" not in derived._memory, "those read or made are not kept"
    assert service.held(upper, ["d"]), "what is made is stored"
    unseal(path, upper.key("b"), b"X")  # sealed elsewhere: made again, not used
    assert list(Derived(Store(path)).each(upper, ["b"])) == ["B"] and calls[4:] == ["b"]


def test_values_made_a_chunk_at_a_time_come_in_order_and_are_stored(tmp_path):
    """A cold build's search index: the words cut on every core by the process that makes
    the index, stored and handed over a chunk at a time, in the order asked, none kept;
    an input asked twice gets its value twice."""
    path = tmp_path / "store.sqlite"
    upper = Product("upper", "1", str.upper, lambda made: None if made == "X9" else made.encode(),
                    bytes.decode, least=8)
    items = [f"x{n}" for n in range(300)] + ["x5", "x299"]
    service = Derived(Store(path))
    assert list(service.each(upper, items, batch=7)) == [item.upper() for item in items]
    assert "upper" not in derived._memory, "none kept"
    assert service.held(upper, items[:9] + items[10:]) and not service.held(upper, ["x9"])



def test_values_made_by_a_set_number_of_workers_are_made_apart_from_this_process(tmp_path):
    """The data files' process cuts the search index's words on one worker beside the
    render's (build/files.made_from_catalog): that worker, never the process itself, loads
    the cutter's dictionary, and the values come in order all the same."""
    pid = Product("pid", "1", lambda item: f"{item}:{os.getpid()}", str.encode, bytes.decode,
                  least=8)
    items = [f"x{n}" for n in range(100)]
    made = list(Derived(Store(tmp_path / "store.sqlite")).each(pid, items, workers=1))
    assert [value.split(":")[0] for value in made] == items
    makers = {value.split(":")[1] for value in made}
    assert len(makers) == 1 and str(os.getpid()) not in makers
