"""The fast paths (cores, stored Markdown, incremental rendering) change nothing in the output."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from test_build import tree

from generator import markup
from generator.build import RenderCache, build
from generator.parallel import fork_map

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import synth  # noqa: E402


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    """60 winners: enough write-ups and pages for both to be shared between cores."""
    return synth.generate(tmp_path_factory.mktemp("synthetic"), winners=60, seed=7)


def test_work_is_shared_between_processes_and_keeps_its_order():
    def job(n: int) -> tuple[int, int]:
        time.sleep(0.003)  # long enough that one worker cannot take every chunk
        return n * n, os.getpid()

    results = fork_map(job, list(range(300)), workers=2)
    assert [square for square, _ in results] == [n * n for n in range(300)]
    assert len({pid for _, pid in results} - {os.getpid()}) == 2


def test_parallel_stored_and_incremental_builds_match_a_clean_serial_build(
        synthetic, tmp_path, monkeypatch):
    def fresh_process():  # what a new `awards build` starts with
        markup._memo.clear()

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
