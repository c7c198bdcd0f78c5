from __future__ import annotations

import contextlib
import functools
import http.server
import io
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import synthetic as synthetic_content
from browsing import CHROMIUM, CHROMIUM_ARGS, require
from search_set import search_content

from generator.build.destination import claim
from generator.build.output import Staging, WriteReport
from generator.build.pipeline import BuildResult, build
from generator.bundled import default_templates
from generator.cli import main
from generator.site import fulltext

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
BASE_URL = "https://example.github.io/awards/"


@pytest.fixture(scope="session", autouse=True)
def image_cache(tmp_path_factory):
    """One share-image cache for the session, apart from the user's own; and a home
    folder under pytest's temporary folder, so that no test can reach the real one."""
    folder = _shared_between_workers(tmp_path_factory, "cache")
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AWARDS_CACHE_DIR", str(folder))
        patch.setenv("HOME", str(home))
        patch.setenv("USERPROFILE", str(home))  # Windows' home folder
        patch.delenv("XDG_CACHE_HOME", raising=False)
        # the tests' planted mistakes are not the pull request's: no annotations
        patch.delenv("GITHUB_ACTIONS", raising=False)
        yield folder


def _shared_between_workers(tmp_path_factory, name: str) -> Path:
    """A folder of the whole run: under pytest-xdist, the one every worker uses (the
    cache is keyed by content and written whole, as for two builds at once), so that
    each image is drawn once per run, not once per worker."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        folder = tmp_path_factory.getbasetemp().parent / name
        folder.mkdir(exist_ok=True)
        return folder
    return tmp_path_factory.mktemp(name)


@pytest.fixture(scope="session")
def bundled_build(tmp_path_factory) -> tuple[Path, BuildResult]:
    """The bundled content, built once for the whole session, and what build() said."""
    output = tmp_path_factory.mktemp("site") / "output"
    return output, build(CONTENT, output, BASE_URL)


@pytest.fixture(scope="session")
def site(bundled_build) -> Path:
    """The bundled site as published at BASE_URL (site.yaml's): for tests that only
    read it, or copy it to start from an existing site."""
    return bundled_build[0]


@pytest.fixture
def built_here(tmp_path, content, site) -> Path:
    """tmp_path with a private copy of the bundled content and, in output/, the site that
    `awards build --content content --output output` makes of it there: a copy of the
    session's build, which has the same bytes (the same content, site.yaml's base URL)."""
    shutil.copytree(site, tmp_path / "output")
    return tmp_path


@pytest.fixture(scope="session")
def search_site(tmp_path_factory) -> Path:
    """The search tests' content (search_set), built once for BASE_URL, its index whole."""
    root = tmp_path_factory.mktemp("search-site")
    build(search_content(root / "content"), root / "output", BASE_URL)
    return root / "output"


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory) -> Path:
    """60 seeded winners: enough write-ups and pages to share between cores."""
    return synthetic_content.generate(tmp_path_factory.mktemp("synthetic"), winners=60, seed=7)


@pytest.fixture
def content(tmp_path) -> Path:
    """A private copy of the bundled content, for a test to change."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


class Run:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err

    @property
    def problems(self) -> list[str]:
        """The path:line: message lines, without the closing summary."""
        return [line for line in self.err.splitlines() if not line.startswith("awards ")]


@pytest.fixture
def awards(capsys, monkeypatch, tmp_path):
    """Run the command line in-process from tmp_path, as an editor would."""
    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> Run:
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def write_site(files: dict, output: Path) -> WriteReport:
    """Publish `files` (destination -> bytes, Path or SharedFile) as a build would."""
    staging = Staging(claim(output, CONTENT, default_templates()))
    try:
        staged = [rel for rel in sorted(files) if staging.put(rel, files[rel])]
        return staging.commit(files, staged)
    finally:
        staging.discard()


# The browser tests' Chromium, and the sites they open

@contextlib.contextmanager
def built_and_served(content: Path, output: Path) -> Iterator[str]:
    """`content` built into `output` for, and served at, a free port on 127.0.0.1:
    the site's URL, while the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(output))
    server = _Server(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        build(content, output, url)
        threading.Thread(target=server.serve_forever, daemon=True).start()
    except BaseException:
        server.server_close()
        raise
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


# base_url and browser are per module, not per session: each runs a thread in this
# process (the server's; Playwright's child watcher), and builds fork their workers only
# from a process with one thread, so that the other modules' builds stay parallel.
@pytest.fixture(scope="module")
def base_url(tmp_path_factory) -> str:
    """The bundled site built for, and served at, a free port on 127.0.0.1."""
    with built_and_served(CONTENT, tmp_path_factory.mktemp("served") / "output") as url:
        yield url


@pytest.fixture(scope="module")
def search_url(tmp_path_factory) -> str:
    """The bundled content plus the synthetic year of the search tests, served, with
    the write-ups' index split as a large site's is (base_url's is whole), so that the
    browser walks both ways through it."""
    root = tmp_path_factory.mktemp("search-served")
    with contextlib.ExitStack() as serving:
        with pytest.MonkeyPatch.context() as patch:  # for the build only
            patch.setattr(fulltext, "SPLIT_BYTES", 40)
            url = serving.enter_context(
                built_and_served(search_content(root / "content"), root / "output"))
        yield url


class _Server(http.server.ThreadingHTTPServer):
    # a browser opens several connections at once; with the default backlog of 5 a
    # loaded machine refused some, and a test saw a stylesheet "fail" to load
    request_queue_size = 64


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def served_at(output: Path, mount: str) -> Iterator[str]:
    """A built site served at the URL path `mount` ('/', '/awards/'), as GitHub Pages
    serves a project site: a missing file answers 404 with the site's 404.html, at
    any depth. The site's URL, while the block runs."""
    class Mounted(_QuietHandler):
        def send_head(self):
            path = self.path.split("?", 1)[0]
            if not path.startswith(mount):
                self.send_error(404)
                return None
            self.path = "/" + self.path[len(mount):]
            if not os.path.exists(self.translate_path(self.path)):
                body = (output / "404.html").read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                return io.BytesIO(body)
            return super().send_head()

    handler = functools.partial(Mounted, directory=str(output))
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{mount}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser():
    require(Path(CHROMIUM).is_file(), f"Chromium ({CHROMIUM})")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
