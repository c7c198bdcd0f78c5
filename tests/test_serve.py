"""awards serve as an editor uses it: edit, break, fix, and see the site follow."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import posix_only

from generator.serve.server import free_port


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except OSError:
        return 0, ""


def wait_for(check: Callable[[], bool], what: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}")


@contextlib.contextmanager
def running_server(content: Path, tmp_path: Path, port: int, **popen):
    """`awards serve` in a process of its own, and the log it writes; killed at the end
    if it is still running."""
    with open(tmp_path / "serve.log", "w+") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--content", str(content),
             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path,
            # a killed server cannot remove its scratch folder: keep it in the test's own
            env={**os.environ, "TMPDIR": str(tmp_path), **popen.pop("env", {})}, **popen)
        try:
            yield process, log
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()


@pytest.fixture
def server(content: Path, tmp_path: Path):
    """`awards serve` on a port that is taken, so it has to pick the next one."""
    port = free_port(18000 + (hash(tmp_path) % 2000))
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", port))
    blocker.listen()
    with running_server(content, tmp_path, port) as (process, log):
        yield process, log, port
    blocker.close()


def served_at(log) -> str:
    """The address the server says it serves on, once it has built the site."""

    def said() -> str | None:
        log.seek(0)
        found = re.search(r"awards serve: (http://127\.0\.0\.1:\d+)/ ", log.read())
        return found[1] if found else None

    wait_for(lambda: said() is not None, "the server to say where it serves")
    return said()


@posix_only
def test_serve_follows_edits_errors_and_fixes(server, content: Path):
    process, log, busy = server
    url = served_at(log)
    page = f"{url}/en/2566/yala-big-data/"
    wait_for(lambda: fetch(page)[0] == 200, "the first build to be served")
    status, body = fetch(page)
    assert "What changed" in body
    assert "/livereload.js" in body, "the live-reload script is injected"
    assert fetch(f"{url}/livereload.js")[0] == 200, "livereload.js comes from the server itself"

    writeup = content / "entries" / "2566" / "yala-big-data.en.md"
    writeup.write_text(writeup.read_text().replace("What changed", "How judges chose"))
    wait_for(lambda: "How judges chose" in fetch(page)[1], "the edited write-up")

    award = content / "awards" / "2566.yaml"
    award.write_text(award.read_text().replace("province: Yala", "province: Yalla"))
    wait_for(lambda: fetch(page)[0] == 500, "the error page")
    status, body = fetch(f"{url}/th/")
    assert status == 500 and "Build failed" in body
    assert "unknown province &#x27;Yalla&#x27; (did you mean &#x27;Yala&#x27;?)" in body
    assert "/livereload.js" in body, "the error page reloads itself when fixed"

    award.write_text(award.read_text().replace("province: Yalla", "province: Yala"))
    wait_for(lambda: fetch(page)[0] == 200, "the site to come back")
    assert "How judges chose" in fetch(page)[1]
    assert fetch(f"{url}/no/such/page/")[0] == 404

    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=10) == 0
    log.seek(0)
    output = log.read()
    assert f"port {busy} is in use; using port {busy + 1} instead" in output
    assert "unknown province 'Yalla'" in output
    assert "awards serve: stopped" in output
    assert "Traceback" not in output


@pytest.mark.parametrize("notifications", ["os", "failing"])
def test_watcher_reports_each_burst_of_saves_once_and_ignores_editor_droppings(
        tmp_path: Path, monkeypatch, notifications: str):
    from generator.serve import watcher as serve
    from generator.serve.watcher import ChangeWatcher

    if notifications == "failing":  # as when the system's limit of inotify watches is reached
        real = serve.watchfiles.watch

        def watch(*args, **kwargs):
            raise OSError("OS file watch limit reached")
            yield from real(*args, **kwargs)

        monkeypatch.setattr(serve.watchfiles, "watch", watch)

    root = tmp_path / "content"
    (root / "entries").mkdir(parents=True)
    writeup = root / "entries" / "a.th.md"
    writeup.write_text("one")
    calls: list[list[Path]] = []
    watcher = ChangeWatcher([root], calls.append)
    try:
        def settled() -> list[list[Path]]:
            """What the server's loop saw in the second after the saves (each is
            reported within milliseconds)."""
            deadline = time.monotonic() + 1
            while time.monotonic() < deadline:
                watcher.examine()
                time.sleep(0.02)
            found = list(calls)
            calls.clear()
            return found

        writeup.write_text("two")
        writeup.write_text("three")
        assert settled() == [[writeup.absolute()]]
        (root / "entries" / ".a.th.md.swp").write_text("swap")
        (root / "entries" / "a.th.md~").write_text("backup")
        probe = root / "entries" / "4913"  # vim's probe: made and deleted at once
        probe.write_text("")
        probe.unlink()
        assert settled() == []
        writeup.unlink()
        assert settled() == [[writeup.absolute()]]
    finally:
        watcher.close()


def raw_request(url: str, lines: list[str]) -> str:
    """Send a hand-written HTTP request; the status line of the answer."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as connection:
        connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        return connection.recv(4096).decode(errors="replace").split("\r\n", 1)[0]


def test_serve_answers_this_computer_only(server):
    _, log, _ = server
    url = served_at(log)
    port = url.rsplit(":", 1)[1]
    wait_for(lambda: fetch(f"{url}/th/")[0] == 200, "the first build to be served")
    for host, status in ((f"127.0.0.1:{port}", "200"), (f"localhost:{port}", "200"),
                         (f"evil.example:{port}", "403"), ("evil.example", "403"),
                         (f"127.0.0.1.evil.example:{port}", "403")):
        for path in ("/th/", "/livereload.js"):
            line = raw_request(url, [f"GET {path} HTTP/1.1", f"Host: {host}",
                                     "Connection: close"])
            assert line.split()[1] == status, (host, path, line)
    assert fetch(f"{url}/%00")[0] == 404
    assert fetch(f"{url}/th/%00/")[0] == 404
    socket_request = ["GET /livereload HTTP/1.1", f"Host: 127.0.0.1:{port}",
                      "Upgrade: websocket", "Connection: Upgrade",
                      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13"]
    assert raw_request(url, [*socket_request, "Origin: https://evil.example"]).split()[1] == "403"
    assert raw_request(url, [*socket_request, f"Origin: {url}"]).split()[1] == "101"


def test_serve_recovers_when_the_content_folder_is_deleted_and_put_back(server, content,
                                                                       tmp_path):
    _, log, _ = server
    url = served_at(log)
    page = f"{url}/en/2566/yala-big-data/"
    wait_for(lambda: fetch(page)[0] == 200, "the first build to be served")
    away = tmp_path / "stashed"
    content.rename(away)  # as `git stash` or switching branches can
    wait_for(lambda: "content folder not found" in fetch(page)[1], "the missing content shown")
    away.rename(content)
    wait_for(lambda: fetch(page)[0] == 200, "the site back by itself")
    writeup = content / "entries" / "2566" / "yala-big-data.en.md"
    writeup.write_text(writeup.read_text().replace("What changed", "How judges chose"))
    wait_for(lambda: "How judges chose" in fetch(page)[1], "saves seen again")


@posix_only
def test_the_quick_path_checks_a_writeup_as_a_build_does(content, tmp_path, capsys):
    from generator.bundled import default_templates
    from generator.serve.site import DevSite

    site = DevSite(content, tmp_path / "served", "http://127.0.0.1:8000/", default_templates())
    site.rebuild()
    secret = tmp_path / "secret.md"
    secret.write_text("password: hunter2\n")
    entry = content / "entries" / "2566" / "yala-big-data.en.md"
    entry.unlink()
    entry.symlink_to(secret)
    capsys.readouterr()
    site.update([entry])
    assert "updated in" not in capsys.readouterr().out, "not shown in place"
    assert any("symbolic link points outside the content folder" in p for p in site.problems)
    page = tmp_path / "served" / "en" / "2566" / "yala-big-data" / "index.html"
    assert "hunter2" not in page.read_text()


def test_a_killed_server_leaves_no_build_process_behind(server):
    """SIGKILL gives the server no time to stop its build process: that process must see
    the server gone by itself, not live on holding memory and the output folder."""
    process, log, _ = server
    url = served_at(log)
    wait_for(lambda: fetch(f"{url}/th/")[0] == 200, "the first build to be served")
    children = children_of(process.pid)
    assert children, "the build process runs apart from the server"
    process.kill()
    process.wait()
    wait_for(lambda: all(_parent_of(pid) is None for pid in children),
             "the build process to end with its server")


def children_of(pid: int) -> list[int]:
    return [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()
            and _parent_of(int(p.name)) == pid]


def _parent_of(pid: int) -> int | None:
    """A live process's parent; None once it has ended (or is a zombie nobody reaps)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    state, parent = stat.rsplit(")", 1)[1].split()[:2]
    return None if state == "Z" else int(parent)


@posix_only
def test_a_closed_terminal_stops_the_server_and_its_scratch_goes(server, tmp_path: Path):
    """A terminal that closes sends SIGHUP: the server stops as on Ctrl-C and removes the
    scratch folder it built into, rather than leaving a site's copy in the temp folder."""
    process, log, _ = server
    url = served_at(log)
    wait_for(lambda: fetch(f"{url}/th/")[0] == 200, "the first build to be served")
    assert list(tmp_path.glob("awards-serve-*")), "the server builds in a scratch folder"
    process.send_signal(signal.SIGHUP)
    assert process.wait(timeout=20) == 0
    assert not list(tmp_path.glob("awards-serve-*"))


def _ignoring_interrupts_and_hangups() -> None:
    """As `nohup awards serve &` in a script starts the server: a shell without job control
    starts a background command with SIGINT ignored, and nohup ignores SIGHUP."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)


@posix_only
def test_a_server_started_with_signals_ignored_keeps_nohup_and_still_stops_on_ctrl_c(
        content: Path, tmp_path: Path):
    port = free_port(19500 + hash(tmp_path) % 400)
    with running_server(content, tmp_path, port,
                        preexec_fn=_ignoring_interrupts_and_hangups) as (process, log):
        url = served_at(log)
        wait_for(lambda: fetch(f"{url}/th/")[0] == 200, "the first build to be served")
        process.send_signal(signal.SIGHUP)  # the terminal closed: nohup's to keep serving
        time.sleep(1)
        assert process.poll() is None and fetch(f"{url}/th/")[0] == 200
        process.send_signal(signal.SIGINT)  # as `kill -INT` from the script
        assert process.wait(timeout=15) == 0
        log.seek(0)
        assert "awards serve: stopped" in log.read()
    assert not list(tmp_path.glob("awards-serve-*")), "its scratch folder removed"


@posix_only
def test_ctrl_c_during_the_first_build_stops_the_server_and_its_build(content: Path,
                                                                      tmp_path: Path):
    """The first build of a large site takes minutes: Ctrl-C meanwhile must not wait for it,
    nor leave its build process or scratch folder behind. A cache of its own makes the
    build draw every image, so that it is still building when Ctrl-C comes."""
    port = free_port(19900 + hash(tmp_path) % 90)
    with running_server(content, tmp_path, port,
                        env={"AWARDS_CACHE_DIR": str(tmp_path / "own-cache")}) as (process, log):
        wait_for(lambda: list((tmp_path / "own-cache").glob("share*/*")),
                 "the first build to draw")
        children = children_of(process.pid)
        assert children, "the build process runs"
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0
        log.seek(0)
        output = log.read()
    assert "awards serve: http" not in output, "stopped before the first build was done"
    assert "awards serve: stopped" in output and "Traceback" not in output, output
    wait_for(lambda: all(_parent_of(pid) is None for pid in children),
             "the build process to end with its server")
    assert not list(tmp_path.glob("awards-serve-*")), "its scratch folder removed"
