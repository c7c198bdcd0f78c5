"""The fast paths (cores, stored Markdown, incremental rendering) change nothing in the output."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import threading
import time

import jinja2
import pytest
from helpers import tree

from generator.build.pipeline import build
from generator.cache import derived
from generator.cache.pages import RenderCache
from generator.emit.scope import LeanContext, reads_names
from generator.work.soon import Soon
from generator.work.workers import fork_map, fork_map_while


def test_work_is_shared_between_processes_and_keeps_its_order():
    def job(n: int) -> tuple[int, int]:
        time.sleep(0.003)  # long enough that one worker cannot take every chunk
        return n * n, os.getpid()

    results = fork_map(job, list(range(300)), workers=2)
    assert [square for square, _ in results] == [n * n for n in range(300)]
    assert len({pid for _, pid in results} - {os.getpid()}) == 2


def test_a_process_with_threads_is_never_forked():
    """Python 3.12 warns of it: a lock held by another thread stays locked in the child.
    awards serve runs its builds in a process of their own for this reason."""
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert set(fork_map(lambda n: os.getpid(), list(range(300)), workers=2)) == {os.getpid()}
    finally:
        stop.set()
        other.join()
    assert set(fork_map(lambda n: (time.sleep(0.003), os.getpid())[1], list(range(300)),
                        workers=2)) - {os.getpid()}


@pytest.mark.parametrize("workers", [1, 2])
def test_other_work_runs_here_while_workers_work_and_its_errors_are_raised(workers):
    squares, done = fork_map_while(lambda n: n * n, list(range(200)), os.getpid,
                                   workers=workers)
    assert squares == [n * n for n in range(200)] and done == os.getpid()

    def broken() -> None:
        raise ValueError("meanwhile failed")

    with pytest.raises(ValueError, match="meanwhile failed"):
        fork_map_while(lambda n: n, list(range(200)), broken, workers=workers)
    # and its workers are stopped with it: none writes on into a stage the build removed
    assert multiprocessing.active_children() == [] and threading.active_count() == 1


def test_a_function_called_in_a_loop_or_a_block_sees_what_a_copied_context_shows():
    """emit/scope: t() in a loop or a block reads its variables by name, not from a copy
    of the whole context; what it reads is the same, the loop's and block's first."""
    source = ("{{ f() }}|{% for i in [1, 2] %}{{ f() }}{% set lang = 'en' %}{{ f() }}"
              "{% endfor %}|{% block b %}{% set lang = 'fr' %}{{ f() }}{% for i in [1] %}"
              "{% set lang = 'de' %}{{ f() }}{% endfor %}{{ f() }}{% endblock %}")

    def rendered(lean: bool) -> str:
        environment = jinja2.Environment()
        if lean:
            environment.context_class = LeanContext
        function = reads_names(lambda context: context["lang"])
        environment.globals["f"] = function if lean else jinja2.pass_context(
            lambda context: context["lang"])
        return environment.from_string(source).render(lang="th")

    assert rendered(lean=True) == rendered(lean=False) == "th|thenthen|frdefr"


@pytest.mark.parametrize("workers", ["1", "2"])
def test_work_started_soon_gives_its_result_or_its_error_when_asked(workers, monkeypatch):
    """The data files are made by a process of their own while this one cuts words
    (build/pipeline._model): on one core, or where forking is unsafe, when asked."""
    monkeypatch.setenv("AWARDS_WORKERS", workers)
    here = os.getpid()
    soon = Soon(lambda: (os.getpid(), b"x" * 5_000_000))  # more than a pipe holds
    pid, data = soon.get()
    assert data == b"x" * 5_000_000 and (pid == here) == (workers == "1")
    # a tuple of lists (the data files) comes back whole, sent an item at a time
    assert Soon(lambda: ([b"y" * 100_000, ("a", 1)], [], ["b"])).get() == (
        [b"y" * 100_000, ("a", 1)], [], ["b"])
    # or read an item at a time as it is asked for, the lists in turn (the build stages each)
    first, empty, last = Soon(lambda: ([b"y" * 100_000, ("a", 1)], [], ["b"])).stream()
    assert (list(first), list(empty), list(last)) == ([b"y" * 100_000, ("a", 1)], [], ["b"])
    # its work may be shared between processes of its own
    assert Soon(lambda: fork_map(lambda n: n * n, list(range(300)))).get() == [
        n * n for n in range(300)]

    def broken() -> None:
        raise ValueError("data files failed")

    with pytest.raises(ValueError, match="data files failed"):
        Soon(broken).get()
    lost = Soon(lambda: time.sleep(60))  # the build failed before asking for it
    started = time.monotonic()
    lost.close()
    assert time.monotonic() - started < 10


def test_parallel_stored_and_incremental_builds_match_a_clean_serial_build(
        synthetic, tmp_path, monkeypatch):
    def fresh_process():  # what a new `awards build` starts with
        derived.forget()

    monkeypatch.setenv("AWARDS_CACHE_DIR", str(tmp_path / "serial-cache"))
    monkeypatch.setenv("AWARDS_WORKERS", "1")
    fresh_process()
    serial = build(synthetic, tmp_path / "serial")
    assert serial.converted == 120 and serial.rendered == serial.pages

    monkeypatch.setenv("AWARDS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("AWARDS_WORKERS", "2")
    fresh_process()
    parallel = build(synthetic, tmp_path / "parallel")
    assert parallel.converted == 120
    assert tree(tmp_path / "parallel") == tree(tmp_path / "serial")

    fresh_process()
    stored = build(synthetic, tmp_path / "stored")
    assert stored.converted == 0, "every write-up came from the store"
    assert tree(tmp_path / "stored") == tree(tmp_path / "serial")

    # An edit seen by a long-running process (awards serve) and by a clean serial build
    cache = RenderCache()
    build(synthetic, tmp_path / "incremental", cache=cache)
    entry = next((synthetic / "entries" / "2566").glob("*.en.md"))
    entry.write_text(entry.read_text(encoding="utf-8") + "\nOne more *edited* line.\n",
                     encoding="utf-8")
    edited = build(synthetic, tmp_path / "incremental", cache=cache)
    assert edited.converted == 1 and 0 < edited.rendered < edited.pages
    monkeypatch.setenv("AWARDS_CACHE_DIR", str(tmp_path / "serial-cache-2"))
    monkeypatch.setenv("AWARDS_WORKERS", "1")
    fresh_process()
    build(synthetic, tmp_path / "serial-edited")
    assert tree(tmp_path / "incremental") == tree(tmp_path / "serial-edited")


def test_a_build_with_nothing_changed_does_nothing_and_anything_changed_builds(awards, content):
    output = content.parent / "output"

    def build_cli(*extra: str) -> str:
        run = awards("build", "--content", str(content), "--output", str(output), *extra)
        assert run.code == 0, run.err
        return run.out

    first = build_cli()
    assert "written" in first
    stats = {p: p.stat().st_mtime_ns for p in output.rglob("*")}
    assert "up to date, nothing written" in build_cli()
    assert {p: p.stat().st_mtime_ns for p in output.rglob("*")} == stats

    page = output / "en" / "2566" / "yala-big-data" / "index.html"
    original = page.read_bytes()
    page.write_bytes(b"edited by hand")  # an output file changed: put it back
    assert "1 written" in build_cli() and page.read_bytes() == original
    page.unlink()
    assert "1 written" in build_cli() and page.read_bytes() == original
    (output / "stray.html").write_text("x")  # not ours: refused, and left alone
    run = awards("build", "--content", str(content), "--output", str(output))
    assert run.code == 2 and "stray.html" in run.err and (output / "stray.html").exists()
    (output / "stray.html").unlink()
    # The stray's coming and going changed output/'s ctime: trusted, it means a full build
    # (that writes nothing); within a second of the record the folder is listed instead
    # and found as it was. Which of the two depends on how long the last build took.
    again = build_cli()
    assert "up to date" in again or ": 0 written, " in again

    entry = content / "entries" / "2566" / "yala-big-data.en.md"
    entry.write_text(entry.read_text().replace("What changed", "How the panel chose"))
    assert "written" in build_cli() and b"How the panel chose" in page.read_bytes()
    assert "up to date" in build_cli()
    assert "up to date" not in build_cli("--base-url", "https://other.example.org/")
    assert "https://other.example.org/" in page.read_text()


def test_serve_shows_an_edited_writeup_in_place_and_ends_as_a_clean_build(
        content, tmp_path, capsys, monkeypatch):
    from generator.bundled import default_templates
    from generator.serve.site import DevSite

    base_url = "http://127.0.0.1:8000/"
    site = DevSite(content, tmp_path / "served", base_url, default_templates())
    site.rebuild()
    entry = content / "entries" / "2566" / "yala-big-data.en.md"
    page = tmp_path / "served" / "en" / "2566" / "yala-big-data" / "index.html"
    untouched = {p: p.stat().st_mtime_ns for p in (tmp_path / "served").rglob("*") if p.is_file()}
    entry.write_text(entry.read_text().replace("What changed", "How the panel chose"))
    capsys.readouterr()
    site.update([entry])
    assert capsys.readouterr().out.startswith("updated in "), "the quick path was taken"
    assert "How the panel chose" in page.read_text()
    index = tmp_path / "served" / "data" / "search"
    site.settle()  # the editor may save again at once: the index waits for a pause
    assert {p for p, ns in untouched.items() if p.stat().st_mtime_ns != ns} == {page}
    monkeypatch.setattr("generator.serve.site.SETTLE_SECONDS", 0)
    site.settle()  # starts the index in a process of its own: the watcher is free meanwhile
    deadline = time.monotonic() + 60
    while site.indexing is not None and time.monotonic() < deadline:
        time.sleep(0.05)
        site.settle()  # the watcher asks at each quiet moment; the index is written when made
    changed = {p for p, ns in untouched.items() if p.stat().st_mtime_ns != ns}
    assert page in changed and changed - {page}  # the shards of the new words
    assert all(p.parent == index for p in changed - {page})
    build(content, tmp_path / "clean", base_url)
    assert tree(tmp_path / "served") == tree(tmp_path / "clean")

    # Front matter is shown on other pages: that edit takes a full rebuild
    entry.write_text(entry.read_text().replace("summary: ", "summary: Edited. "))
    site.update([entry])
    assert "rebuilt in" in capsys.readouterr().out
    build(content, tmp_path / "clean", base_url)
    assert tree(tmp_path / "served") == tree(tmp_path / "clean")


def test_keys_name_each_library_at_its_installed_version():
    import importlib.metadata

    from generator.build import record
    from generator.cache.keys import version

    # read from the metadata folders' names, so that an up-to-date build need not
    # import importlib.metadata
    assert {name: version(name) for name in record.LIBRARIES} == {
        name: importlib.metadata.version(name) for name in record.LIBRARIES}


@pytest.mark.parametrize("recent", [True, False])
def test_the_up_to_date_check_sees_any_file_added_removed_or_changed_in_output(
        tmp_path, monkeypatch, recent):
    """The check stats the files its record names and the folders' ctimes (a name added
    or removed changes its folder's), or lists a folder changed just before the record
    (`recent`), whose ctime may not change again within the clock's tick."""
    from generator.build import record

    if not recent:  # every folder old enough that its ctime is trusted
        monkeypatch.setattr(record, "RACY_NS", -10**18)
    output = tmp_path / "output"

    def site() -> None:
        shutil.rmtree(output, ignore_errors=True)
        (output / "en" / "2566" / "a").mkdir(parents=True)
        (output / "en" / "2566" / "a" / "index.html").write_text("page")
        (output / "index.html").write_text("home")

    def current_after(change) -> bool:
        site()
        saved = record.Record("key", 2, record.snapshot(output))
        assert all((folder[0] is None) == recent for folder in saved.folders.values())
        assert saved.files == 2 and record.is_current(saved, "key", output)
        time.sleep(0.05)  # past the file system clock's tick, as any later edit is
        change()
        return record.is_current(saved, "key", output)

    deep = output / "en" / "2566" / "a"
    assert not current_after(lambda: (deep / "stray.html").write_text("x"))
    assert not current_after(lambda: (deep / "extra").mkdir())
    assert not current_after(lambda: (deep / "index.html").unlink())
    assert not current_after(lambda: (deep / "index.html").write_text("PAGE"))  # same size
    assert not current_after(lambda: os.replace(deep / "index.html", output / "en" / "moved"))
    assert current_after(lambda: (deep / "index.html").read_bytes())


@pytest.mark.parametrize("workers", ["1", "2"])
def test_the_record_of_a_large_output_is_walked_by_two_processes_as_by_one(
        tmp_path, monkeypatch, workers):
    """Below its top two levels, the walk's folders are shared with a forked process
    (one core: walked here); either way, the same record as one walk of it all."""
    from generator.build import record

    monkeypatch.setenv("AWARDS_WORKERS", workers)
    output = tmp_path / "output"
    for lang in ("en", "th"):
        for year, count in (("2565", 3), ("2566", 5), ("laos", 7)):
            for n in range(count):
                folder = output / lang / year / f"w{n}"
                (folder / "deeper").mkdir(parents=True)
                (folder / "index.html").write_text(f"{lang}{year}{n}")
                (folder / "deeper" / "a.png").write_bytes(b"x" * n)
    (output / "index.html").write_text("home")
    (output / "en" / "index.html").write_text("en")
    whole = record.snapshot(output)
    monkeypatch.setattr(record, "APART", 0)
    shared = record.snapshot(output)
    assert shared == whole and list(shared) != list(whole)
    assert len(whole) == 1 + 2 + 6 + 2 * 15 * 2
    mine, theirs = record._halves([(f"{n}", f"{n}", os.stat(output)) for n in range(5)])
    assert len(mine) == 3 and len(theirs) == 2


def test_serve_shows_an_edited_title_first_and_the_rest_at_the_next_pause(
        content, tmp_path, capsys, monkeypatch):
    """A project title edited in its award file: the winner's pages at once, the other pages
    that show the title at the editor's next pause, and then a clean build's site."""
    from generator.bundled import default_templates
    from generator.serve.site import DevSite

    base_url = "http://127.0.0.1:8000/"
    site = DevSite(content, tmp_path / "served", base_url, default_templates())
    site.rebuild()
    award = content / "awards" / "2566.yaml"
    served = tmp_path / "served"
    page = served / "en" / "2566" / "yala-big-data" / "index.html"
    lao_page = served / "en" / "laos" / "yala-city-municipality" / "index.html"
    assert "Big Data to Improve Service Quality" in lao_page.read_text()
    entry = content / "entries" / "2566" / "yala-big-data.en.md"  # shown in place first
    entry.write_text(entry.read_text().replace("What changed", "How the panel chose"))
    site.update([entry])
    award.write_text(award.read_text().replace(
        "en: Big Data to Improve Service Quality", "en: 'Big Data for Faster Services'"))
    capsys.readouterr()
    site.update([award])
    assert capsys.readouterr().out.startswith("updated in "), "the quick path was taken"
    assert "Big Data for Faster Services" in page.read_text()
    assert "Big Data for Faster Services" in (page.parent / "kit" / "index.html").read_text()
    assert "Big Data to Improve Service Quality" in lao_page.read_text(), "not yet"
    assert site.settle() is False, "the editor may save again at once"
    monkeypatch.setattr("generator.serve.site.SETTLE_SECONDS", 0)
    assert site.settle() is True, "the rest is shown, and the browser reloads"
    assert "Big Data for Faster Services" in lao_page.read_text()
    build(content, tmp_path / "clean", base_url)
    assert tree(served) == tree(tmp_path / "clean")

    # a title the build would refuse is not shown: the full build reports it
    award.write_text(award.read_text().replace("en: 'Big Data for Faster Services'", "en: ''"))
    site.update([award])
    assert "updated in" not in capsys.readouterr().out
    assert any("'en' is empty" in problem for problem in site.problems)
    # nor is anything else of the winner: its LAO's name is on many pages
    award.write_text(award.read_text().replace("en: ''", "en: Big Data").replace(
        "en: Yala City Municipality", "en: Yala City"))
    site.update([award])
    assert "rebuilt in" in capsys.readouterr().out and not site.problems
    build(content, tmp_path / "clean", base_url)
    assert tree(served) == tree(tmp_path / "clean")
