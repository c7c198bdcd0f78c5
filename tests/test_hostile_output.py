"""Do no harm, part 2 (issue 25): whatever a manifest says, nothing outside the output
folder is deleted or replaced; a folder that cannot be listed is not empty.

Every test that writes or deletes works under tmp_path, with HOME pointed under
pytest's temporary folder (conftest), or under tmp_path where it plants files there.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CONTENT, write_site
from helpers import posix_only, tree

from generator.build import inside
from generator.build.destination import GENERATOR, MANIFEST, STAGE_MARK, claim
from generator.build.lock import lock_path
from generator.build.output import Staging
from generator.build.swap import remove_leftovers
from generator.bundled import default_templates

SITE = {"index.html": b"<p>home</p>", "en/index.html": b"<p>en</p>",
        "en/old.html": b"<p>old</p>"}


@pytest.fixture
def precious(tmp_path, monkeypatch) -> dict[Path, bytes]:
    """Files outside the output folder that no build may touch: beside it, in the
    home folder (HOME points there), and elsewhere."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    files = {tmp_path / "notes.txt": b"beside the output folder",
             tmp_path / "home" / "thesis.docx": b"years of work",
             tmp_path / "elsewhere" / "old.html": b"someone else's page",
             tmp_path / "elsewhere" / "index.html": b"someone else's home page"}
    for path, data in files.items():
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
    return files


def survived(files: dict[Path, bytes]) -> bool:
    return all(path.is_file() and path.read_bytes() == data for path, data in files.items())


def plant(folder: Path, entries: list[str]) -> None:
    """A hand-made manifest: as a build writes it, with these entries."""
    folder.mkdir(exist_ok=True)
    document = {"generator": GENERATOR, "format": 1, "files": entries}
    (folder / MANIFEST).write_text(json.dumps(document))


def hostile_entries(tmp_path: Path) -> list[list[str]]:
    return [["../notes.txt"], [str(tmp_path / "notes.txt")], ["en/../../notes.txt"],
            ["index.html", "../home/thesis.docx"], ["./index.html"], ["en//index.html"],
            ["en\\..\\..\\notes.txt"], [MANIFEST], ["x" * 5000 + "/../../notes.txt"]]


def test_a_manifest_edited_after_a_build_to_name_paths_outside_is_refused(
        tmp_path, precious, awards):
    """Case 1: '../notes.txt' or an absolute path in a built site's manifest."""
    output = tmp_path / "output"
    write_site(SITE, output)
    for entries in hostile_entries(tmp_path):
        listed = json.loads((output / MANIFEST).read_text())
        plant(output, listed["files"] + entries)
        run = awards("build", "--content", str(CONTENT), "--output", "output")
        assert run.code == 2, (entries, run.err)
        assert len(run.err.strip().splitlines()) == 1 and "Traceback" not in run.err
        assert f"its {MANIFEST} names '" in run.err and len(run.err) < 400, run.err
        assert survived(precious), entries
        assert (output / "en" / "old.html").read_bytes() == b"<p>old</p>"
        plant(output, listed["files"])


def test_a_downloaded_folder_holding_only_a_hand_made_manifest_is_refused(
        tmp_path, precious, awards):
    """Case 1: an unpacked site artifact, or a folder with a manifest and nothing else."""
    for entries in hostile_entries(tmp_path):
        folder = tmp_path / "downloaded"
        plant(folder, entries)
        run = awards("build", "--content", str(CONTENT), "--output", "downloaded")
        assert run.code == 2 and "no build of ours wrote that" in run.err, run.err
        assert survived(precious) and sorted(os.listdir(folder)) == [MANIFEST]


@posix_only
def test_a_manifest_naming_files_under_a_link_is_refused(tmp_path, precious, awards):
    """Case 1: a listed file whose parent is a link to another folder."""
    output = tmp_path / "output"
    write_site({"index.html": b"home"}, output)
    (output / "en").symlink_to(tmp_path / "elsewhere")
    plant(output, ["index.html", "en", "en/old.html"])
    run = awards("build", "--content", str(CONTENT), "--output", "output")
    assert run.code == 2 and "'en/old.html', under 'en', which is a link" in run.err, run.err
    assert survived(precious)


@posix_only
@pytest.mark.parametrize("atomic", [True, False], ids=["exchanged", "in-place"])
def test_a_folder_turned_into_a_link_during_a_build_is_not_followed(tmp_path, precious,
                                                                    atomic):
    """Case 1: deletion and replacement check each path at the moment they act: a
    folder of the site swapped for a link after the manifest was checked."""
    output = tmp_path / "output"
    write_site(SITE, output)
    staging = Staging(claim(output, CONTENT, default_templates()), atomic)
    try:
        new = {"index.html": b"<p>new home</p>", "en/index.html": b"<p>new en</p>"}
        staged = [rel for rel in sorted(new) if staging.put(rel, new[rel])]
        for name in os.listdir(output / "en"):
            os.unlink(output / "en" / name)
        (output / "en").rmdir()
        (output / "en").symlink_to(tmp_path / "elsewhere")
        staging.commit(new, staged)
    finally:
        staging.discard()
    assert survived(precious)
    assert (output / "index.html").read_bytes() == b"<p>new home</p>"
    assert (output / "en").is_dir() and not (output / "en").is_symlink()


@posix_only
def test_leftovers_beside_the_output_are_cleaned_only_inside_themselves(tmp_path, precious):
    """Case 1: old sites and stages of killed builds are deleted by their manifest:
    a planted one that names paths outside, or lists files under a link, keeps them."""
    output = tmp_path / "output"
    write_site({"index.html": b"home"}, output)
    planted = tmp_path / ".output.awards-planted"
    plant(planted, ["../notes.txt"])
    linked = tmp_path / ".output.awards-linked"
    plant(linked, ["en/old.html", "en/index.html"])
    (linked / "en").symlink_to(tmp_path / "elsewhere")
    remove_leftovers(output)
    assert survived(precious)
    assert inside.unlink(str(linked), "en/old.html") is False
    assert inside.unlink(str(tmp_path), "../notes.txt") is False
    assert survived(precious)


# -- listing ------------------------------------------------------------------------

@posix_only
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root lists any folder")
def test_a_folder_that_cannot_be_listed_is_not_empty(tmp_path, awards):
    """Case 3: a subfolder that cannot be listed (mode 000, lost+found)."""
    output = tmp_path / "output"
    (output / "lost+found").mkdir(parents=True)
    (output / "lost+found" / "recovered.txt").write_text("data")
    (output / "lost+found").chmod(0)
    try:
        run = awards("build", "--content", str(CONTENT), "--output", "output")
    finally:
        (output / "lost+found").chmod(0o755)
    assert run.code == 2 and len(run.err.strip().splitlines()) == 1, run.err
    assert "cannot read" in run.err and "lost+found (Permission denied)" in run.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]
    assert (output / "lost+found" / "recovered.txt").read_text() == "data"


def test_a_folder_whose_listing_fails_is_not_empty(tmp_path, awards, monkeypatch):
    """Case 3: any listing error (a path too long, an I/O error) refuses the folder."""
    output = tmp_path / "output"
    (output / "deep").mkdir(parents=True)
    (output / "deep" / "file.txt").write_text("data")
    real = os.scandir

    def failing(path):
        if str(path).endswith("deep"):
            raise OSError(36, "File name too long", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", failing)
    run = awards("build", "--content", str(CONTENT), "--output", "output")
    assert run.code == 2 and "File name too long" in run.err, run.err
    assert (output / "deep" / "file.txt").read_text() == "data"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


# -- one build at a time, and signals -------------------------------------------------

COMMAND = [sys.executable, "-m", "generator", "build", "--content", str(CONTENT), "--output"]


@pytest.fixture(scope="module")
def built(site: Path) -> Path:
    """The bundled site, built once (site.yaml's base URL, as COMMAND builds it):
    tests copy it to start from an existing site."""
    return site


def beside(output: Path) -> list[str]:
    """What a build left beside the output folder: stages, old sites, its lock."""
    return sorted(p.name for p in output.parent.iterdir()
                  if p.name.startswith(f".{output.name}."))


def start(output: Path, cold: bool = False) -> subprocess.Popen:
    """A build in a process of its own; `cold`: with an empty cache of its own, so that
    it takes seconds to draw every image, and a signal lands while it renders."""
    cache = {"AWARDS_CACHE_DIR": str(output.parent / "cold-cache")} if cold else {}
    return subprocess.Popen([*COMMAND, str(output)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env={**os.environ, "AWARDS_WORKERS": "2", **cache})


def wait_for(condition, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def staging_started(output: Path) -> bool:
    return any(".awards-" in name and not name.endswith("lock") for name in beside(output))


@posix_only
def test_a_second_build_into_the_same_folder_waits_for_the_first(tmp_path, built):
    """Case 5: two builds at once; one deleted the other's stage, failed with a
    misleading message and left a 93 MB stage behind."""
    output = tmp_path / "output"
    shutil.copytree(built, output)
    (output / "index.html").write_bytes(b"changed: both builds must write")
    manifest = json.loads((output / MANIFEST).read_text())
    first = start(output, cold=True)
    wait_for(lambda: lock_path(output).exists() or first.poll() is not None)
    second = start(output)
    out, err = second.communicate(timeout=600)
    first_out, first_err = first.communicate(timeout=600)
    assert (first.returncode, second.returncode) == (0, 0), (first_err, err)
    assert err.splitlines()[0] == f"awards build: waiting for process {first.pid}, which " \
                                  f"is building into {output}/", err
    assert "Traceback" not in err + first_err
    assert tree(output) == tree(built) and json.loads((output / MANIFEST).read_text()) == manifest
    assert beside(output) == [], "no stage, old site or lock file left beside output/"


@posix_only
@pytest.mark.parametrize(("name", "group"), [("SIGTERM", False), ("SIGINT", True)])
def test_a_signal_stops_the_build_with_one_line_and_the_old_site(tmp_path, built, name,
                                                                group):
    """Case 5: SIGTERM and Ctrl-C (SIGINT to the whole group, workers included)
    printed tracebacks and could leave an unmarked stage."""
    number = getattr(signal, name)
    output = tmp_path / "output"
    shutil.copytree(built, output)
    (output / "index.html").write_bytes(b"changed: the build must write")
    before = tree(output)
    process = start(tmp_path / "output", cold=True)
    wait_for(lambda: staging_started(output) or process.poll() is not None)
    time.sleep(0.3)  # rendering, on two workers
    (os.killpg if group else os.kill)(process.pid, number)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 128 + number, err
    assert err == f"awards build: stopped; {output}/ left as it was\n", err
    assert tree(output) == before and beside(output) == []


@posix_only
def test_only_stages_whose_owner_is_gone_are_removed(tmp_path):
    """Case 5: a stage carries its owner's pid and is kept while its owner lives."""
    output = tmp_path / "output"
    write_site({"index.html": b"home"}, output)
    live = Staging(claim(output, CONTENT, default_templates()))
    try:
        mark = Path(live.stage, STAGE_MARK)
        assert mark.read_text() == f"{os.getpid()}\n"
        child = os.fork()
        if child == 0:  # a killed build: its stage stays, its owner is gone
            Staging(claim(output, CONTENT, default_templates()))
            os._exit(0)
        os.waitpid(child, 0)
        assert len(beside(output)) == 2
        remove_leftovers(output)
        assert beside(output) == [Path(live.stage).name] and mark.is_file()
    finally:
        live.discard()
    assert beside(output) == []


@posix_only
def test_after_kills_signals_and_concurrent_starts_the_next_build_leaves_nothing(tmp_path,
                                                                                built):
    """Case 5: two builds started together both finish (one had deleted the other's
    stage); and whatever happened before, a finished build leaves nothing beside."""
    output = tmp_path / "output"
    shutil.copytree(built, output)
    (output / "index.html").write_bytes(b"changed")
    together = [start(output), start(output)]
    for process in together:
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0 and "Traceback" not in err, err
    assert tree(output) == tree(built) and beside(output) == []
    for number in (signal.SIGKILL, signal.SIGTERM, signal.SIGKILL):
        (output / "index.html").write_bytes(b"changed")
        process, other = start(output, cold=True), None
        wait_for(lambda p=process: staging_started(output) or p.poll() is not None)
        if number == signal.SIGTERM:
            other = start(output)  # a concurrent start, waiting
            time.sleep(0.5)
        os.killpg(process.pid, number)
        process.communicate(timeout=300)
        if other is not None:
            assert other.wait(timeout=600) == 0
    done = subprocess.run([*COMMAND, str(output)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert tree(output) == tree(built) and beside(output) == []
