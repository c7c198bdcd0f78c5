"""What `awards serve` watches: saves in content/ and templates/, one rebuild a burst.

The operating system reports changes (watchfiles: inotify, FSEvents, ...) to a
thread; the server's loop picks them up every POLL_MS. Polling file stamps
instead cost 75 ms a scan at 10,000 winners, most of a core while the editor is
idle, and up to a scan's delay after each save; it remains the fallback where
the system cannot report changes.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from pathlib import Path

import watchfiles
from tornado import ioloop

from generator.load import layout

POLL_MS = 10  # how often the server's loop looks for reported changes
FALLBACK_POLL_MS = 100  # how often files are compared where the system cannot report changes


class ChangeWatcher:
    """Stands in for livereload's Watcher: one rebuild per burst of saves.

    A watched folder that is deleted and made again (`git stash`, switching
    branches, `rm -r content && git checkout content`) is watched again once it
    is back, and the site rebuilt: the system stops reporting on a deleted folder.
    """

    def __init__(self, roots: list[Path], update: Callable[[list[Path]], None],
                 settle: Callable[[], bool] = lambda: False):
        self.roots, self.update, self.settle = roots, update, settle
        self._tasks = {str(root): None for root in roots}  # livereload checks it is not empty
        self._changes: list[tuple[str, float]] = []  # livereload puts its start-up reload here
        self.filepath: str | None = None
        self._pending: set[str] = set()
        self._known = {str(path) for root in roots for path in root.absolute().rglob("*")}
        self._known |= {str(root.absolute()) for root in roots}  # its deletion is a change
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._listening = threading.Event()
        threading.Thread(target=self._listen, name="awards-watch", daemon=True).start()
        self._listening.wait(5)

    def _listen(self) -> None:
        roots = [str(root.absolute()) for root in self.roots]
        while not self._stop.is_set():
            folders = {root: _identity(root) for root in roots}
            if None in folders.values():  # deleted: wait until it is back, then rebuild
                self._listening.set()
                while any(_identity(root) is None for root in roots):
                    if self._stop.wait(FALLBACK_POLL_MS / 1000):
                        return
                with self._lock:
                    self._pending.update(roots)
                continue
            try:
                self._watch(roots, folders)
            except Exception as error:  # e.g. the system's limit of watches reached
                print(f"awards serve: the system cannot report changes ({error}); "
                      f"looking for them every {FALLBACK_POLL_MS} ms instead", flush=True)
                self._poll(roots)
                return

    def _watch(self, roots: list[str], folders: dict[str, tuple[int, int] | None]) -> None:
        """Collect reported changes until stopped, or until a root is replaced."""
        # step: a save is reported once 5 ms pass without another change to it;
        # the first (empty) batch, after rust_timeout, says the watch is in place
        for batch in watchfiles.watch(
                *roots, watch_filter=lambda _, path: _wanted(path, roots), debounce=400,
                step=5, stop_event=self._stop, yield_on_timeout=True, rust_timeout=100,
                raise_interrupt=False):
            self._listening.set()
            with self._lock:
                self._pending.update(path for _, path in batch)
            if any(_identity(root) != folders[root] for root in roots):
                with self._lock:
                    self._pending.update(roots)
                return

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
            # a quiet moment: the reload has gone out, finish the rest (and show it)
            if not pending and self.settle():
                self.filepath = "*"
                return self.filepath, None
            return None, None
        self.update(sorted(Path(path) for path in changed))
        # files saved during the rebuild are picked up on the next call
        self.filepath = "*"
        return self.filepath, None

    def start(self, callback: Callable[[], None]) -> bool:
        ioloop.PeriodicCallback(callback, POLL_MS).start()
        return True


def _identity(folder: str) -> tuple[int, int] | None:
    """Which folder is at this path now (None: none)."""
    try:
        info = os.stat(folder)
    except OSError:
        return None
    return (info.st_dev, info.st_ino) if os.path.isdir(folder) else None


def _wanted(path: str, roots: list[str]) -> bool:
    """Not editor droppings (layout's one definition of what is never content)."""
    root = next((r for r in roots if path.startswith(r + os.sep)), None)
    rel = path[len(root) + 1:] if root else os.path.basename(path)
    return not layout.ignored_path(rel.replace(os.sep, "/"))


def _stamps(roots: list[str]) -> dict[str, tuple[int, int]]:
    stamps = {}
    for root in roots:
        for folder, dirs, names in os.walk(root):
            dirs[:] = [d for d in dirs if not layout.ignored(d)]
            for name in names:
                path = os.path.join(folder, name)
                if _wanted(path, roots):
                    with contextlib.suppress(FileNotFoundError):  # removed meanwhile
                        info = os.stat(path)
                        stamps[path] = (info.st_mtime_ns, info.st_size)
    return stamps
