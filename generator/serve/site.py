"""The site that `awards serve` shows: the latest build, or why it failed.

DevSite keeps a build's model between saves, so that an edited write-up body
is shown without a build (serve/live.py) and a rebuild renders only the pages
whose inputs changed. SiteProcess runs it in a process of its own, forked
before the server starts any thread: its builds may then fork workers, which a
process with threads must not do (a lock held by another thread at the fork
stays locked forever in the child).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import sys
import time
import traceback
from multiprocessing.connection import Connection
from pathlib import Path

from generator.build.pipeline import Session, build
from generator.cache.pages import RenderCache
from generator.problems import ContentError
from generator.serve.award_edit import award_texts, update_award
from generator.serve.live import update_search, update_writeups
from generator.site.fulltext import index_files
from generator.work.soon import Soon

SETTLE_SECONDS = 1.0
STOP_SECONDS = 3.0  # that the server waits for a build in progress when it stops


class DevSite:
    """The latest build: its output folder, or the problems that stopped it."""

    def __init__(self, content: Path, output: Path, base_url: str, templates: Path):
        self.content, self.output = content, output
        self.base_url, self.templates = base_url, templates
        self.cache = RenderCache()
        self.problems: list[str] = []
        self.session: Session | None = None
        self.search_stale, self.updated = False, 0.0
        # a quick path showed a title: the pages that also show it follow at the next pause
        self.rebuild_due = False
        self.award_texts: dict[Path, str] = {}  # what the site was built from (award_edit)
        # the search index being made by a process of its own, and the session it is of
        self.indexing: tuple[Session, Soon[dict[str, bytes]]] | None = None

    def update(self, changed: list[Path] | None = None) -> None:
        """Show the changed files: in place when only write-up bodies or one project title
        changed (the rest of the site follows the title at the next pause), else rebuild."""
        if changed and self.session is not None and not self.problems:
            start = time.perf_counter()
            done = self._quickly(update_writeups, changed)
            if done is None:
                done = self._quickly(update_award, changed, self.award_texts)
                self.rebuild_due = done is not None
            if done is not None:
                self.stop_indexing()  # of the text before this save
                self.session, written = done
                self.search_stale, self.updated = True, time.monotonic()
                print(f"updated in {(time.perf_counter() - start) * 1000:.0f} ms: "
                      f"{', '.join(written)}", flush=True)
                return
        self.rebuild()

    def _quickly(self, path, *arguments):
        """A quick path's answer, or None: then the full build reports whatever went wrong."""
        try:
            return path(self.session, *arguments)
        except Exception:
            return None

    def settle(self) -> bool:
        """After a pause in saving: the search index follows the quick updates, and the
        whole site follows a title shown by itself (award_edit); True when pages changed,
        for the browser to reload them.

        Not at once: at 10,000 winners writing it takes longer than the page,
        and an editor saving again soon should not wait for it. Nor here: it is made
        by a process of its own (2 s at 2,000 winners), so that a save meanwhile is
        shown at once; that save makes it stale, and it is made again at the next
        pause.
        """
        quiet = time.monotonic() - self.updated > SETTLE_SECONDS
        if self.rebuild_due and quiet:
            print("rebuilding the other pages that show the edit…", flush=True)
            self.rebuild()
            return True
        if self.indexing is not None:
            session, making = self.indexing
            if making.ready():
                self.indexing = None
                update_search(session, making.get())
            return False
        if self.search_stale and self.session is not None and quiet:
            self.search_stale = False
            catalog = self.session.catalog
            self.indexing = (self.session, Soon(lambda: index_files(catalog)))
        return False

    def stop_indexing(self) -> None:
        if self.indexing is not None:
            self.indexing[1].close()
            self.indexing = None

    def rebuild(self) -> None:
        """Build once; a failure is shown, never raised: the server keeps running."""
        start = time.perf_counter()
        self.stop_indexing()  # the build writes the index of what it reads
        self.session, self.search_stale, self.rebuild_due = None, False, False
        texts = award_texts(self.content)  # before the build reads them
        try:
            # in place: the folder is ours alone, and a rebuild changes a few files
            # drafts too, under their banner: an editor previews the year being written
            result = build(self.content, self.output, self.base_url, self.templates, self.cache,
                           atomic=False, drafts=True)
        except ContentError as error:
            self.problems = [str(p) for p in error.problems]
        except Exception:  # a bug must not kill the editor's server either
            self.problems = ["internal error:", *traceback.format_exc().splitlines()]
        else:
            self.problems = []
            self.session, self.award_texts = result.session, texts
            report = result.report
            print(f"rebuilt in {time.perf_counter() - start:.2f}s: {result.rendered} of "
                  f"{result.pages} pages rendered, {report.written} files written",
                  flush=True)
            return
        for line in self.problems:
            print(line, file=sys.stderr)
        print(f"build failed: {len(self.problems)} problem(s); fix and save to retry",
              file=sys.stderr, flush=True)


class SiteProcess:
    """A DevSite in a process of its own; the same methods, answered in turn."""

    def __init__(self, output: Path, connection: Connection, process):
        self.output, self.problems = output, []
        self._connection, self._process = connection, process

    @classmethod
    def start(cls, content: Path, output: Path, base_url: str, templates: Path
              ) -> DevSite | SiteProcess:
        """Fork the build process; where processes cannot be forked, a DevSite here."""
        if "fork" not in multiprocessing.get_all_start_methods():
            return DevSite(content, output, base_url, templates)
        mine, theirs = multiprocessing.Pipe()
        process = multiprocessing.get_context("fork").Process(
            target=_run, args=(theirs, mine, DevSite(content, output, base_url, templates)),
            name="awards-builds")  # not a daemon: its builds have workers
        process.start()
        theirs.close()
        return cls(output, mine, process)

    def rebuild(self) -> None:
        self._ask("rebuild")

    def update(self, changed: list[Path] | None = None) -> None:
        self._ask("update", changed)

    def settle(self) -> bool:
        return bool(self._ask("settle"))

    def close(self) -> None:
        """Stop the build process: at once when idle, else within STOP_SECONDS, ended with
        the build it is in (into the scratch folder, which goes: its cache writes are whole
        or none). Never waited for: Python's exit would wait for it to the end."""
        with contextlib.suppress(OSError):
            self._connection.send(("stop",))
        self._process.join(STOP_SECONDS)
        if self._process.is_alive():  # its workers end with it (work/workers.own_group)
            self._process.kill()
            self._process.join()

    def _ask(self, *request: object) -> object:
        """The DevSite's answer to one request; its problems are kept."""
        try:
            self._connection.send(request)
            self.problems, answer = self._connection.recv()
            return answer
        except (OSError, EOFError):
            self.problems = ["internal error: the build process stopped; restart awards serve"]
            return None


def _run(connection: Connection, servers_end: Connection, site: DevSite) -> None:
    """The build process: one request at a time, answered with the problems and the
    answer."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops it, Ctrl-C does not
    # The fork inherited the server's end of the pipe: while this process holds it,
    # a killed server would never be seen as gone, and this process would live on
    servers_end.close()
    while True:
        try:
            name, *arguments = connection.recv()
        except (EOFError, OSError):  # the server is gone
            return
        if name == "stop":
            site.stop_indexing()  # a process of its own, which this one's exit would wait for
            return
        answer = getattr(site, name)(*arguments)
        connection.send((site.problems, answer))
