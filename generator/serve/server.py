"""awards serve: build, serve on 127.0.0.1, rebuild and reload as files change.

python-livereload serves the pages and pushes reloads to the browser; two of
its defaults are replaced (STYLE.md): its watcher polls every 800 ms and runs
one task per changed path, and it drops a reload within 3 s of the previous
one. ChangeWatcher is told of changes by the operating system and coalesces a
burst of saves into one rebuild, and the reload delay is set to zero; LocalServer
answers this computer only.
"""

from __future__ import annotations

import html
import logging
import mimetypes
import shutil
import signal
import socket
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import unquote

from livereload.handlers import LiveReloadHandler

from generator.bundled import default_templates
from generator.serve.localserver import LocalServer
from generator.serve.site import DevSite, SiteProcess
from generator.serve.watcher import ChangeWatcher


class Responder:
    """WSGI: a file of the latest build, or the error page while the build fails."""

    def __init__(self, site: DevSite | SiteProcess):
        self.site = site

    def app(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        """WSGI: a file of the built site, or the error page while the build fails."""
        path = unquote(environ.get("PATH_INFO") or "/")
        headers = [("Cache-Control", "no-store")]
        if self.site.problems and (path.endswith("/") or path.endswith(".html")):
            body = error_page(self.site.problems)
            start_response("500 Content Error", [*headers, ("Content-Type",
                                                             "text/html; charset=utf-8")])
            return [body]
        target = self._file(path)
        status = "200 OK"
        if target is None:
            status, target = "404 Not Found", self.site.output / "404.html"
            if not target.is_file():
                start_response(status, [*headers, ("Content-Type", "text/plain")])
                return [b"not found"]
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind.endswith(("xml", "json", "javascript")):
            kind += "; charset=utf-8"
        start_response(status, [*headers, ("Content-Type", kind)])
        return [target.read_bytes()]

    def _file(self, path: str) -> Path | None:
        root = self.site.output.resolve()
        try:  # a NUL (GET /%00) or a name too long is not a file of the site
            target = (root / path.lstrip("/")).resolve()
            if not target.is_relative_to(root):
                return None
            if target.is_dir():
                target = target / "index.html"
            return target if target.is_file() else None
        except (ValueError, OSError):
            return None


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
    # Builds run in a process of their own, made before the watcher's thread
    # exists, so that they may fork workers safely
    site = SiteProcess.start(content, scratch / "site", base_url, templates)
    _stop_on_signals()
    watcher = None
    try:
        site.rebuild()  # Ctrl-C during the first build, too, removes the scratch folder
        watcher = ChangeWatcher([content, templates], site.update, site.settle)
        LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
        server = LocalServer(app=Responder(site).app, watcher=watcher)
        server._setup_logging = lambda: None  # keep the terminal for our own messages
        logging.getLogger("tornado.access").setLevel(logging.WARNING)
        print(f"awards serve: {base_url} (watching {content} and {templates}; Ctrl-C stops)",
              flush=True)
        # debug=False: with an app, livereload would turn on Tornado's autoreload
        server.serve(port=chosen, host="127.0.0.1", debug=False, restart_delay=0)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut cleanup
        if watcher is not None:
            watcher.close()
        site.close()
        shutil.rmtree(scratch, ignore_errors=True)
    print("awards serve: stopped", flush=True)
    return 0


def _stop_on_signals() -> None:
    """Ctrl-C (SIGINT) and SIGTERM stop the server, as they stop `awards build`: also where
    the server was started with them ignored, as a shell does with `awards serve &` in a
    script, whose `kill -INT` would otherwise go unheard. A closed terminal (SIGHUP) stops
    it too, unless it is ignored on purpose (`nohup awards serve`)."""
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    if hasattr(signal, "SIGHUP") and signal.getsignal(signal.SIGHUP) is not signal.SIG_IGN:
        signal.signal(signal.SIGHUP, _interrupt)


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt
