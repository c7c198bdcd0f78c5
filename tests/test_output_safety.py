"""Do no harm to the output folder (issue 12): dangerous destinations are refused,
a build touches only what an earlier build wrote, and publishing is atomic.

Every test that writes or deletes works under tmp_path, with HOME pointed there.
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CONTENT
from helpers import PNG, posix_only, tree

import generator
from generator.build import output as output_module
from generator.build.destination import MANIFEST, Refused, claim, read_manifest
from generator.build.pipeline import build
from generator.bundled import default_templates

TEMPLATES = default_templates()


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch) -> Path:
    """A home folder under tmp_path: nothing here can reach the real one."""
    folder = tmp_path / "home"
    folder.mkdir()
    (folder / ".profile").write_text("# the user's own\n")
    monkeypatch.setenv("HOME", str(folder))
    return folder


def snapshot(root: Path) -> dict[str, tuple[bytes, int, int]]:
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_ino,
                                            p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()}


def leftovers(output: Path) -> list[str]:
    beside = [p.name for p in output.parent.iterdir() if p.name.startswith(f".{output.name}.")]
    inside = [p.name for p in output.iterdir() if p.name.startswith(".awards-stage")] \
        if output.is_dir() else []
    return beside + inside


# -- destinations refused outright -------------------------------------------------------

@pytest.mark.parametrize(("where", "reason"), [
    (".", "contains the content folder"),
    ("content", "is the content folder"),
    ("content/entries", "is inside the content folder"),
    ("content/awards/2566.yaml", "is inside the content folder"),
    ("home", "is your home folder"),
    ("notes.txt", "is a file, not a folder"),
])
def test_dangerous_destinations_are_refused_before_anything_is_read_or_written(
        tmp_path, content, awards, where, reason):
    (tmp_path / "notes.txt").write_text("mine\n")
    # a broken award file: refusing must come before reading content
    (content / "awards" / "2567.yaml").write_text("year: [\n", encoding="utf-8")
    before = snapshot(tmp_path)
    run = awards("build", "--content", "content", "--output", where)
    assert run.code == 2, run.err
    assert run.err.startswith(f"awards: refusing to write the site into {where}: {reason}")
    assert "2567.yaml" not in run.err, "nothing was read"
    assert snapshot(tmp_path) == before, "nothing was written or deleted"


@pytest.mark.parametrize(("output", "reason"), [
    ("/", "is the root of the file system"),
    ("{project}", "contains the content folder"),
    ("{project}/site/templates/static", "is inside the templates folder"),
    ("{project}/site", "contains the templates folder"),
    ("{generator}", "is the generator's own folder"),
    ("{generator}/data", "is inside the generator's own folder"),
])
def test_claim_refuses_the_root_templates_and_generator(tmp_path, output, reason):
    """The same rules on folders no test may hand to a build."""
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    (project / "site" / "templates" / "static").mkdir(parents=True)
    package = Path(generator.__file__).parent
    path = Path(output.format(project=project, generator=package))
    with pytest.raises(Refused, match=reason):
        claim(path, project / "content", project / "site" / "templates")


@posix_only
def test_a_link_to_a_dangerous_folder_is_refused_too(tmp_path, content, awards):
    (tmp_path / "site").symlink_to(content)
    run = awards("build", "--content", "content", "--output", "site")
    assert run.code == 2 and "is the content folder" in run.err


# -- only files of ours ----------------------------------------------------------------

def test_a_non_empty_folder_that_no_build_wrote_is_refused_and_left_alone(tmp_path, content,
                                                                          awards):
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "thesis.docx").write_bytes(b"years of work")
    run = awards("build", "--content", "content", "--output", "output")
    assert run.code == 2
    assert "the folder is not empty and no build of ours wrote it" in run.err
    assert "choose an empty or new folder" in run.err
    assert (tmp_path / "output" / "thesis.docx").read_bytes() == b"years of work"
    assert sorted(p.name for p in (tmp_path / "output").iterdir()) == ["thesis.docx"]
    assert leftovers(tmp_path / "output") == []


def test_an_empty_folder_is_accepted(tmp_path, content, awards):
    (tmp_path / "output").mkdir()
    assert awards("build", "--content", "content", "--output", "output").code == 0
    assert (tmp_path / "output" / "index.html").is_file()


def test_a_file_added_to_a_built_site_is_refused_and_kept(tmp_path, content, awards):
    assert awards("build", "--content", "content", "--output", "output").code == 0
    (tmp_path / "output" / "en" / "notes.txt").write_text("mine")
    run = awards("build", "--content", "content", "--output", "output")
    assert run.code == 2 and "holds 1 file that no build of ours wrote (en/notes.txt)" in run.err
    assert (tmp_path / "output" / "en" / "notes.txt").read_text() == "mine"


def test_the_manifest_lists_exactly_the_files_a_build_wrote(site):
    output = site
    written = {p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()}
    assert read_manifest(output) == written - {MANIFEST}
    assert MANIFEST not in (output / "sitemap.xml").read_text()


# -- atomic publishing -----------------------------------------------------------------

@pytest.fixture(scope="module")
def two_sites(tmp_path_factory) -> tuple[Path, Path, dict, dict]:
    """Content A (the bundled one) and B (a page changed, a winner gone, an image
    added), and the exact trees that a build of each writes."""
    root = tmp_path_factory.mktemp("two-sites")
    first, second = root / "a", root / "b"
    shutil.copytree(CONTENT, first)
    shutil.copytree(CONTENT, second)
    entry = second / "entries" / "2566" / "yala-big-data.en.md"
    entry.write_text(entry.read_text().replace("What changed", "How the panel chose"))
    award = second / "awards" / "2566.yaml"
    text = award.read_text(encoding="utf-8")
    start = text.index("      - id: bang-sare-b-buddy")
    end = text.index("      - id:", start + 10)
    award.write_text(text[:start] + text[end:], encoding="utf-8")
    (second / "entries" / "2566" / "bang-sare-b-buddy.en.md").unlink(missing_ok=True)
    (second / "entries" / "2566" / "bang-sare-b-buddy.th.md").unlink(missing_ok=True)
    (second / "entries" / "2566" / "bang-sare-b-buddy.notes.yaml").unlink(missing_ok=True)
    (second / "entries" / "2566" / "yala-big-data").mkdir()
    (second / "entries" / "2566" / "yala-big-data" / "shot.png").write_bytes(PNG)
    build(first, root / "site-a")
    build(second, root / "site-b")
    return first, second, tree(root / "site-a"), tree(root / "site-b")


def test_unchanged_files_keep_their_inode_and_mtime_through_the_exchange(tmp_path, two_sites):
    first, second, _, expected = two_sites
    output = tmp_path / "output"
    build(first, output)
    before = {p.relative_to(output).as_posix(): p.stat() for p in output.rglob("*")
              if p.is_file()}
    report = build(second, output).report
    assert tree(output) == expected
    kept = [rel for rel, info in before.items() if (output / rel).is_file()
            and (output / rel).read_bytes() == expected.get(rel)
            and (output / rel).stat().st_ino == info.st_ino
            and (output / rel).stat().st_mtime_ns == info.st_mtime_ns]
    assert report.unchanged > 300 and len(kept) >= report.unchanged
    assert report.removed > 0 and leftovers(output) == []


WRITES = {"os.rename", "os.link", "os.remove", "os.rmdir", "os.mkdir", "os.chmod",
          "shutil.rmtree", "awards.exchange", "os.symlink", "os.truncate"}


def _build_until(content: Path, output: Path, stop_at: int | None, log: Path) -> None:
    """In a forked child: build, and SIGKILL this process at the stop_at-th file-system
    write (None: count them into `log`)."""
    from generator.cli import main

    os.environ["AWARDS_WORKERS"] = "1"
    events: list[str] = []

    def hook(event: str, args: tuple) -> None:
        writing = event in WRITES or (event == "open" and (
            (isinstance(args[1], str) and any(c in args[1] for c in "wax+"))
            or (isinstance(args[2], int) and args[2] & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))))
        if writing:
            events.append(event)
            if len(events) == stop_at:
                os.kill(os.getpid(), signal.SIGKILL)

    sys.addaudithook(hook)
    code = main(["build", "--content", str(content), "--output", str(output)])
    log.write_text("\n".join([str(code), *events]))  # the hook counts this one last
    os._exit(0)


def _run_until(content: Path, output: Path, stop_at: int | None, log: Path) -> int:
    child = multiprocessing.get_context("fork").Process(
        target=_build_until, args=(content, output, stop_at, log))
    child.start()
    child.join(120)
    return child.exitcode


@posix_only
def test_a_build_killed_at_any_moment_leaves_the_old_site_or_the_new(tmp_path, two_sites,
                                                                     awards):
    first, second, site_a, site_b = two_sites
    output = tmp_path / "output"

    def old_site() -> None:  # what is left of a killed build is cleaned up on the way
        assert awards("build", "--content", str(first), "--output", str(output)).code == 0
        assert tree(output) == site_a

    old_site()
    log = tmp_path / "events.log"
    assert _run_until(second, output, None, log) == 0
    code, *events = log.read_text().split("\n")
    assert code == "0" and tree(output) == site_b
    exchange = events.index("awards.exchange") + 1  # counted from 1
    # everywhere, evenly, and at every step around the exchange and the clean-up after it
    moments = sorted(set(range(1, len(events), max(len(events) // 24, 1)))
                     | set(range(exchange - 3, min(exchange + 12, len(events)))))
    outcomes = []
    for moment in moments:
        old_site()
        assert _run_until(second, output, moment, log) == -signal.SIGKILL
        now = tree(output)
        assert now in (site_a, site_b), f"not one site or the other after a kill at write " \
                                        f"{moment} ({events[moment - 1]})"
        outcomes.append(now == site_b)
    assert outcomes[0] is False and outcomes[-1] is True, "kills both before and after"
    old_site()
    assert leftovers(output) == []


@posix_only
def test_a_real_build_killed_with_its_workers_leaves_the_old_site_or_the_new(
        tmp_path, two_sites):
    first, second, site_a, site_b = two_sites
    output = tmp_path / "output"
    build(first, output)
    command = [sys.executable, "-m", "generator", "build", "--output", str(output),
               "--content"]
    environment = {**os.environ, "AWARDS_WORKERS": "2"}
    started = time.perf_counter()
    subprocess.run([*command, str(second)], env=environment, check=True, capture_output=True)
    duration = time.perf_counter() - started
    state = site_b
    for step in range(8):
        content = first if state is site_b else second
        process = subprocess.Popen([*command, str(content)], env=environment,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        time.sleep(duration * (0.3 + 0.1 * step))
        # half the time the whole group (as Ctrl-C would), else the main process alone
        if step % 2:
            os.kill(process.pid, signal.SIGKILL)
        else:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        time.sleep(0.2)
        with _ignoring(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # orphaned workers, if any
        now = tree(output)
        assert now in (site_a, site_b), f"a mix of both sites at step {step}"
        state = site_a if now == site_a else site_b
    build(first, output)
    assert tree(output) == site_a and leftovers(output) == []


class _ignoring:
    def __init__(self, *errors: type[BaseException]):
        self.errors = errors

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, value, trace) -> bool:
        return kind is not None and issubclass(kind, self.errors)


def test_where_folders_cannot_be_exchanged_two_renames_publish(tmp_path, two_sites,
                                                              monkeypatch):
    first, second, _, site_b = two_sites

    def unsupported(*_: object) -> None:
        raise OSError(errno.ENOSYS, "no exchange here")

    monkeypatch.setattr(output_module, "exchange", unsupported)
    output = tmp_path / "output"
    build(first, output)
    build(second, output)
    assert tree(output) == site_b and leftovers(output) == []


@pytest.mark.parametrize("why", ["a mount point", "a read-only parent"])
def test_an_output_folder_that_cannot_be_renamed_still_builds_in_place(tmp_path, two_sites,
                                                                      monkeypatch, why):
    first, second, _, site_b = two_sites
    output = tmp_path / "output"
    build(first, output)
    if why == "a mount point":
        monkeypatch.setattr(output_module.os.path, "ismount", lambda path: Path(path) == output)
    else:
        real = os.access
        monkeypatch.setattr(output_module.os, "access",
                            lambda path, mode: False if Path(path) == tmp_path else real(path,
                                                                                          mode))
    renamed = []
    monkeypatch.setattr(output_module, "exchange", lambda *args: renamed.append(args))
    build(second, output)
    assert renamed == [], "output/ was not renamed"
    assert tree(output) == site_b and leftovers(output) == []


# -- failures end with a message and the old site ------------------------------------

def test_disk_full_ends_with_one_line_and_the_old_site(tmp_path, content, awards, monkeypatch):
    assert awards("build", "--content", "content", "--output", "output").code == 0
    before = snapshot(tmp_path / "output")
    entry = content / "entries" / "2566" / "yala-big-data.en.md"
    entry.write_text(entry.read_text() + "\nMore.\n")
    monkeypatch.setenv("AWARDS_WORKERS", "1")
    real = output_module._write

    def full(target: str, data) -> None:
        if target.endswith("index.html"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), target)
        real(target, data)

    monkeypatch.setattr(output_module, "_write", full)
    run = awards("build", "--content", "content", "--output", "output")
    assert run.code == 1
    lines = run.err.strip().splitlines()
    assert len(lines) == 1 and "No space left on device" in lines[0], run.err
    assert lines[0].endswith("output/ left unchanged") and "Traceback" not in run.err
    assert snapshot(tmp_path / "output") == before
    assert leftovers(tmp_path / "output") == []


@pytest.fixture
def tmpfs(tmp_path):
    """Mount a small tmpfs (root only, where the system allows it)."""
    mounted: list[Path] = []

    def mount(path: Path, size: str) -> Path:
        path.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs",
                               str(path)], capture_output=True)
        if done.returncode:
            pytest.skip("cannot mount a tmpfs here")
        mounted.append(path)
        return path

    yield mount
    for path in reversed(mounted):
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def test_on_a_real_full_disk_and_a_read_only_folder(tmp_path, tmpfs, content, awards):
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a file system")
    disk = tmpfs(tmp_path / "disk", "40m")
    output = disk / "output"
    assert awards("build", "--content", "content", "--output", str(output)).code == 0
    before = snapshot(output)
    site = content / "site.yaml"  # a new title: every page changes
    site.write_text(site.read_text(encoding="utf-8").replace(
        "en: Digital Local Government Awards", "en: Digital Local Government Awards (new)", 1),
        encoding="utf-8")
    free = shutil.disk_usage(disk).free
    (disk / "filler").write_bytes(b"\0" * (free - 64 * 1024))
    run = awards("build", "--content", "content", "--output", str(output))
    assert run.code == 1 and "No space left on device" in run.err, run.err
    assert len(run.err.strip().splitlines()) == 1 and "Traceback" not in run.err
    assert snapshot(output) == before and leftovers(output) == []
    (disk / "filler").unlink()
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    run = awards("build", "--content", "content", "--output", str(output))
    assert run.code == 1 and "Read-only file system" in run.err, run.err
    assert len(run.err.strip().splitlines()) == 1 and snapshot(output) == before


def test_an_output_folder_that_is_a_mount_point(tmp_path, tmpfs, two_sites):
    if os.geteuid() != 0:
        pytest.skip("needs root to mount a file system")
    first, second, site_a, site_b = two_sites
    output = tmpfs(tmp_path / "output", "40m")
    build(first, output)
    assert tree(output) == site_a
    build(second, output)
    assert tree(output) == site_b and leftovers(output) == []


@posix_only
def test_the_site_is_readable_by_all_whatever_the_umask(tmp_path):
    """A web server reads the site as a user of its own: a careful umask (077) where the
    build runs must not leave a file or a folder of the site that only its owner can read."""
    output = tmp_path / "output"
    subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(CONTENT),
                    "--output", str(output)], check=True, capture_output=True,
                   preexec_fn=lambda: os.umask(0o077))
    paths = [output, *output.rglob("*")]
    assert len(paths) > 500
    unreadable = [str(path.relative_to(output)) for path in paths
                  if path.stat().st_mode & 0o444 != 0o444
                  or path.is_dir() and path.stat().st_mode & 0o111 != 0o111]
    assert unreadable == []
    written = (output / "th" / "index.html").stat().st_mode & 0o777
    assert written == 0o644, oct(written)
