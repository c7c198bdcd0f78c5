"""awards serve: build, serve on 127.0.0.1, rebuild and reload as files change.

python-livereload serves the pages and pushes reloads to the browser; two of
its defaults are replaced (STYLE.md): its watcher polls every 800 ms and runs
one task per changed path, and it drops a reload within 3 s of the previous
one. ChangeWatcher is told of changes by the operating system and coalesces a
burst of saves into one rebuild, and the reload delay is set to zero.
"""

from __future__ import annotations

import contextlib
import html
import logging
import mimetypes
import os
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import unquote

import livereload
import watchfiles
from livereload.handlers import LiveReloadHandler
from tornado import ioloop

from generator.build import RenderCache, Session, build, default_templates
from generator.problems import ContentError
from generator.quick import update_search, update_writeups

POLL_MS = 10  # how often the server's loop looks for reported changes
FALLBACK_POLL_MS = 100  # how often files are compared where the system cannot report changes
SETTLE_SECONDS = 1.0


class DevSite:
    """The latest build: its output folder, or the problems that stopped it."""

    def __init__(self, content: Path, output: Path, base_url: str, templates: Path):
        self.content, self.output = content, output
        self.base_url, self.templates = base_url, templates
        self.cache = RenderCache()
        self.problems: list[str] = []
        self.session: Session | None = None
        self.search_stale, self.updated = False, 0.0

    def update(self, changed: list[Path] | None = None) -> None:
        """Show the changed files: in place when only write-up bodies changed, else rebuild."""
        if changed and self.session is not None and not self.problems:
            start = time.perf_counter()
            try:
                written = update_writeups(self.session, changed)
            except Exception:  # the full build below reports whatever went wrong
                written = None
            if written is not None:
                self.search_stale, self.updated = True, time.monotonic()
                print(f"updated in {(time.perf_counter() - start) * 1000:.0f} ms: "
                      f"{', '.join(written)}", flush=True)
                return
        self.rebuild()

    def settle(self) -> None:
        """After a pause in saving: the search index follows the quick updates.

        Not at once: at 10,000 winners writing it takes longer than the page,
        and an editor saving again soon should not wait for it.
        """
        if (self.search_stale and self.session is not None
                and time.monotonic() - self.updated > SETTLE_SECONDS):
            self.search_stale = False
            update_search(self.session)

    def rebuild(self) -> None:
        """Build once; a failure is shown, never raised: the server keeps running."""
        start = time.perf_counter()
        self.session, self.search_stale = None, False
        try:
            # in place: the folder is ours alone, and a rebuild changes a few files
            result = build(self.content, self.output, self.base_url, self.templates, self.cache,
                           atomic=False)
        except ContentError as error:
            self.problems = [str(p) for p in error.problems]
        except Exception:  # a bug must not kill the editor's server either
            self.problems = ["internal error:", *traceback.format_exc().splitlines()]
        else:
            self.problems = []
            self.session = result.session
            report = result.report
            print(f"rebuilt in {time.perf_counter() - start:.2f}s: {result.rendered} of "
                  f"{result.pages} pages rendered, {report.written} files written",
                  flush=True)
            return
        for line in self.problems:
            print(line, file=sys.stderr)
        print(f"build failed: {len(self.problems)} problem(s); fix and save to retry",
              file=sys.stderr, flush=True)

    def app(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        """WSGI: a file of the built site, or the error page while the build fails."""
        path = unquote(environ.get("PATH_INFO") or "/")
        headers = [("Cache-Control", "no-store")]
        if self.problems and (path.endswith("/") or path.endswith(".html")):
            body = error_page(self.problems)
            start_response("500 Content Error", [*headers, ("Content-Type",
                                                             "text/html; charset=utf-8")])
            return [body]
        target = self._file(path)
        status = "200 OK"
        if target is None:
            status, target = "404 Not Found", self.output / "404.html"
            if not target.is_file():
                start_response(status, [*headers, ("Content-Type", "text/plain")])
                return [b"not found"]
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind.endswith(("xml", "json", "javascript")):
            kind += "; charset=utf-8"
        start_response(status, [*headers, ("Content-Type", kind)])
        return [target.read_bytes()]

    def _file(self, path: str) -> Path | None:
        root = self.output.resolve()
        target = (root / path.lstrip("/")).resolve()
        if not target.is_relative_to(root):
            return None
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None


def error_page(problems: list[str]) -> bytes:
    items = "\n".join(f"<li><code>{html.escape(p)}</code></li>" for p in problems)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Build failed · สร้างเว็บไซต์ไม่สำเร็จ</title>
<style>body{{font:16px/1.6 system-ui,sans-serif;margin:2rem;color:#1b1f24}}
h1{{color:#a4001d}}li{{margin:.4rem 0}}code{{white-space:pre-wrap}}</style></head>
<body><main><h1>Build failed <span lang="th">· สร้างเว็บไซต์ไม่สำเร็จ</span></h1>
<p>Fix the content and save: this page reloads by itself.</p>
<ol>{items}</ol></main></body></html>
""".encode()


class ChangeWatcher:
    """Stands in for livereload's Watcher: one rebuild per burst of saves.

    The operating system reports changes (watchfiles: inotify, FSEvents, ...)
    to a thread; the server's loop picks them up every POLL_MS. Polling file
    stamps instead cost 75 ms a scan at 10,000 winners, most of a core while
    the editor is idle, and up to a scan's delay after each save; it remains
    the fallback where the system cannot report changes.
    """

    def __init__(self, roots: list[Path], update: Callable[[list[Path]], None],
                 settle: Callable[[], None] = lambda: None):
        self.roots, self.update, self.settle = roots, update, settle
        self._tasks = {str(root): None for root in roots}  # livereload checks it is not empty
        self._changes: list[tuple[str, float]] = []
        self.filepath: str | None = None
        self._pending: set[str] = set()
        self._known = {str(path) for root in roots for path in root.absolute().rglob("*")}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._listening = threading.Event()
        threading.Thread(target=self._listen, name="awards-watch", daemon=True).start()
        self._listening.wait(5)

    def _listen(self) -> None:
        roots = [str(root.absolute()) for root in self.roots]
        try:
            # step: a save is reported once 5 ms pass without another change to it;
            # the first (empty) batch, after rust_timeout, says the watch is in place
            for batch in watchfiles.watch(
                    *roots, watch_filter=lambda _, path: _wanted(path, roots), debounce=400,
                    step=5, stop_event=self._stop, yield_on_timeout=True, rust_timeout=100,
                    raise_interrupt=False):
                self._listening.set()
                with self._lock:
                    self._pending.update(path for _, path in batch)
        except Exception as error:  # e.g. the system's limit of watches reached
            print(f"awards serve: the system cannot report changes ({error}); "
                  f"looking for them every {FALLBACK_POLL_MS} ms instead", flush=True)
            self._poll(roots)

    def _poll(self, roots: list[str]) -> None:
        """The fallback: compare every file's size and mtime (ns) every FALLBACK_POLL_MS."""
        stamps = _stamps(roots)
        self._listening.set()
        while not self._stop.wait(FALLBACK_POLL_MS / 1000):
            now = _stamps(roots)
            changed = {path for path in now.keys() | stamps.keys()
                       if now.get(path) != stamps.get(path)}
            stamps = now
            with self._lock:
                self._pending.update(changed)

    def close(self) -> None:
        self._stop.set()

    def watch(self, *args: object, **kwargs: object) -> None:
        """Paths are given to the constructor; livereload may still call this."""

    def examine(self) -> tuple[str | None, float | None]:
        if self._changes:
            return self._changes.pop()
        with self._lock:
            pending, self._pending = self._pending, set()
        # A file made and deleted within the batch (vim's 4913 probe, an editor's
        # temporary copy) changed nothing
        here = {path for path in pending if os.path.exists(path)}
        changed = here | (pending & self._known)
        self._known = (self._known - pending) | here
        if not changed:
            if not pending:
                self.settle()  # a quiet moment: the reload has gone out, finish the rest
            return None, None
        self.update(sorted(Path(path) for path in changed))
        # files saved during the rebuild are picked up on the next call
        self.filepath = "*"
        return self.filepath, None

    def start(self, callback: Callable[[], None]) -> bool:
        ioloop.PeriodicCallback(callback, POLL_MS).start()
        return True


def _wanted(path: str, roots: list[str]) -> bool:
    """Not editor droppings: hidden files and folders, backups, swap files."""
    root = next((r for r in roots if path.startswith(r + os.sep)), None)
    parts = path[len(root) + 1:].split(os.sep) if root else [os.path.basename(path)]
    return not (any(part.startswith(".") for part in parts)
                or parts[-1].endswith(("~", ".swp", ".tmp")))


def _stamps(roots: list[str]) -> dict[str, tuple[int, int]]:
    stamps = {}
    for root in roots:
        for folder, dirs, names in os.walk(root):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in names:
                path = os.path.join(folder, name)
                if _wanted(path, roots):
                    with contextlib.suppress(FileNotFoundError):  # removed meanwhile
                        info = os.stat(path)
                        stamps[path] = (info.st_mtime_ns, info.st_size)
    return stamps


def free_port(port: int, attempts: int = 20) -> int:
    for candidate in range(port, port + attempts):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(("127.0.0.1", candidate))
            except OSError:
                continue
            return candidate
    raise OSError(f"ports {port}-{port + attempts - 1} are all in use")


def serve(content: Path, port: int, templates: Path | None = None) -> int:
    templates = templates or default_templates()
    try:
        chosen = free_port(port)
    except OSError as error:
        print(f"awards serve: {error}; choose another with --port", file=sys.stderr)
        return 1
    if chosen != port:
        print(f"awards serve: port {port} is in use; using port {chosen} instead", flush=True)
    base_url = f"http://127.0.0.1:{chosen}/"
    scratch = Path(tempfile.mkdtemp(prefix="awards-serve-"))
    site = DevSite(content, scratch / "site", base_url, templates)
    site.rebuild()
    watcher = ChangeWatcher([content, templates], site.update, site.settle)
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
    server = livereload.Server(app=site.app, watcher=watcher)
    server._setup_logging = lambda: None  # keep the terminal for our own messages
    logging.getLogger("tornado.access").setLevel(logging.WARNING)
    signal.signal(signal.SIGTERM, _interrupt)
    print(f"awards serve: {base_url} (watching {content} and {templates}; Ctrl-C stops)",
          flush=True)
    try:
        # debug=False: with an app, livereload would turn on Tornado's autoreload
        server.serve(port=chosen, host="127.0.0.1", debug=False, restart_delay=0)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut cleanup
        watcher.close()
        shutil.rmtree(scratch, ignore_errors=True)
    print("awards serve: stopped", flush=True)
    return 0


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt
