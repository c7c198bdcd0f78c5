"""Helpers that several test modules share: tree snapshots, edits, rejections."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import pytest
from PIL import Image

AWARD = "content/awards/2566.yaml"
YALA_TH = "content/entries/2566/yala-big-data.th.md"

# Symbolic links an unprivileged user may make, SIGKILL and SIGINT: not on Windows
posix_only = pytest.mark.skipif(os.name != "posix", reason="needs symlinks and signals (POSIX)")


def image_bytes(kind: str = "PNG", width: int = 400, height: int = 300) -> bytes:
    """A real image that Pillow opens: write-up photos are re-encoded, so a header
    followed by zeros no longer passes for one."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#3a6ea5").save(buffer, kind)
    return buffer.getvalue()


PNG = image_bytes()


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def snapshot(root: Path) -> dict[str, tuple[str, int]]:
    return {
        p.relative_to(root).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(),
                                         p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*")) if p.is_file()
    }


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not unique in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, snippet: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [n for n, line in enumerate(lines, start=1) if snippet in line]
    assert len(found) == 1, f"{snippet!r} found on lines {found}"
    return found[0]


def rejected(awards, site: Path) -> list[str]:
    """Build the edited content; it must fail, report, and leave output/ as it was."""
    before = snapshot(site / "output")
    run = awards("build", "--content", "content", "--output", "output")
    assert run.code == 1, run.out
    assert run.err.rstrip().endswith("output/ left unchanged"), run.err
    assert snapshot(site / "output") == before
    assert not [p for p in site.iterdir() if p.name.startswith(".output")], "stage left behind"
    return run.problems
