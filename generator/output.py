"""Write the site: stage every file, then swap the stage in for output/.

A failed build never touches output/. Files whose bytes did not change are
hard-linked from the previous output, so they keep their inode and mtime:
servers, rsync and browsers see them as not rewritten.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


class UnsafePath(ValueError):
    """A destination that would land outside output/."""


@dataclass(frozen=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int


def check_destination(rel: str) -> str:
    """Reject any destination that could escape the output folder."""
    path = PurePosixPath(rel)
    if (not rel or "\\" in rel or "\x00" in rel or path.is_absolute()
            or any(part in ("", ".", "..") for part in rel.split("/"))):
        raise UnsafePath(f"unsafe output path {rel!r}")
    return rel


def write_site(files: dict[str, bytes | Path], output: Path) -> WriteReport:
    """Stage `files` (destination -> bytes or source file) and swap into output."""
    output = output.absolute()
    if output.exists() and not output.is_dir():
        raise NotADirectoryError(f"{output} exists and is not a folder")
    output.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{output.name}-stage-", dir=output.parent))
    stage.chmod(0o755)  # mkdtemp makes it private; the site is meant to be read
    written = unchanged = 0
    try:
        real_stage = stage.resolve()
        for rel in sorted(files):
            target = stage / check_destination(rel)
            if not target.resolve().is_relative_to(real_stage):
                raise UnsafePath(f"unsafe output path {rel!r}")
            target.parent.mkdir(parents=True, exist_ok=True)
            content = files[rel]
            previous = output / rel
            if _same(previous, content):
                _keep(previous, target)
                unchanged += 1
            elif isinstance(content, Path):
                shutil.copyfile(content, target)
                written += 1
            else:
                target.write_bytes(content)
                written += 1
        removed = _count_removed(output, files)
        _swap(stage, output)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return WriteReport(written, unchanged, removed)


def _same(previous: Path, content: bytes | Path) -> bool:
    if not previous.is_file() or previous.is_symlink():
        return False
    size = content.stat().st_size if isinstance(content, Path) else len(content)
    if previous.stat().st_size != size:
        return False
    data = content.read_bytes() if isinstance(content, Path) else content
    return previous.read_bytes() == data


def _keep(previous: Path, target: Path) -> None:
    try:
        os.link(previous, target)
    except OSError:  # file systems without hard links: a copy that keeps the mtime
        shutil.copy2(previous, target)


def _count_removed(output: Path, files: dict[str, bytes | Path]) -> int:
    if not output.is_dir():
        return 0
    return sum(
        1 for path in output.rglob("*")
        if path.is_file() and path.relative_to(output).as_posix() not in files
    )


def _swap(stage: Path, output: Path) -> None:
    """Put the stage in output's place; the old output goes only after."""
    if not output.exists():
        os.rename(stage, output)
        return
    trash = Path(tempfile.mkdtemp(prefix=f".{output.name}-old-", dir=output.parent))
    os.rename(output, trash / output.name)
    try:
        os.rename(stage, output)
    except BaseException:
        os.rename(trash / output.name, output)
        raise
    shutil.rmtree(trash, ignore_errors=True)
