"""Share work between the machine's cores: forked workers inherit the built model.

Forking (not spawning) matters: a worker starts with the catalog, templates and
converters already in memory, so only the results travel back. Results come
back in input order, so the output never depends on how many cores did it.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from generator.work.chunks import equal_chunks

R = TypeVar("R")
T = TypeVar("T")

_job: Callable[[Any], Any] | None = None
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def cores() -> int:
    """Workers to use: $AWARDS_WORKERS, else the cores this process may run on."""
    wanted = os.environ.get("AWARDS_WORKERS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS
        return os.cpu_count() or 1


def fork_map(job: Callable[[Any], R], items: Sequence[Any], workers: int | None = None,
             least: int = 64) -> list[R]:
    """[job(item) for item in items], on several cores when there is enough work.

    Below `least` items a fork costs more than it saves. An exception in a
    worker is raised here, as it would be serially.
    """
    return fork_map_while(job, items, lambda: None, workers, least)[0]


def fork_map_while(job: Callable[[Any], R], items: Sequence[Any], meanwhile: Callable[[], T],
                   workers: int | None = None, least: int = 64,
                   cost: Callable[[Any], float] | None = None) -> tuple[list[R], T]:
    """fork_map, while this process runs meanwhile() (serially: first): other work
    that would leave a core idle. Both results are returned. `cost`: an item's work
    relative to the others' (default: all alike), so that chunks are cut to equal work."""
    results: list[R] = []
    other = fork_each_while(job, items, meanwhile, lambda _, chunk: results.extend(chunk),
                            workers, least, cost)
    return results, other


def fork_each_while(job: Callable[[Any], R], items: Sequence[Any], meanwhile: Callable[[], T],
                    take: Callable[[int, Any], object], workers: int | None = None,
                    least: int = 64, cost: Callable[[Any], float] | None = None,
                    fold: Callable[[list[R]], Any] = lambda results: results) -> T:
    """fork_map_while, each chunk's results handed to take(where the chunk starts, its
    results) in order as they come back, after meanwhile(), then let go: all at once, the
    pages' cuts at 10,000 winners were 60 MB more at the main process's peak (issue 26)."""
    chunks = fork_each(job, items, workers, least, cost, fold)
    try:
        other = meanwhile()
        for start, results in chunks:
            take(start, results)
    finally:  # a failure here stops the workers: they must not write on after it
        chunks.close()
    return other


def fork_each(job: Callable[[Any], R], items: Sequence[Any], workers: int | None = None,
              least: int = 64, cost: Callable[[Any], float] | None = None,
              fold: Callable[[list[R]], Any] = lambda results: results,
              fewest: int = 2) -> _InOrder | Iterator:
    """(where a chunk starts, its results) in order, the workers started now (serially:
    when asked). `fold`: what a worker makes of its chunk's results before it sends them
    (one object where they were thousands). `fewest`: the fewest workers worth forking;
    1 where what the job loads (a dictionary) must stay out of this process."""
    workers = min(workers or cores(), max(len(items) // least, 1))
    if workers < fewest or not forking_is_safe():
        return _serially(job, items, fold)
    global _job
    # The workers find their items in what they inherit, and are sent only where their
    # chunks start and end: pickling a text to send it also keeps its UTF-8 copy in the
    # text, in this process (the search index's and the pages' texts at 10,000 winners:
    # 115 MB more, kept to the end of the build, in every process forked after it)
    _job = lambda bounds: fold([job(item) for item in items[bounds[0]:bounds[1]]])  # noqa: E731
    try:
        chunks = equal_chunks(items, workers, cost)
        with frozen():
            pool = multiprocessing.get_context("fork").Pool(workers, own_group, (os.getpid(),))
    finally:
        _job = None  # the workers have it
    return _InOrder(pool, chunks, pool.imap(_run, chunks, chunksize=1))


def _serially(job: Callable[[Any], R], items: Sequence[Any], fold: Callable[[list[R]], Any]
              ) -> Iterator[tuple[int, Any]]:
    yield 0, fold([job(item) for item in items])


class _InOrder:
    """The workers' chunks, (where each starts, its results), in order. close() stops the
    workers, whether or not their chunks were asked for: a build that failed before it
    read them (its data files staged meanwhile) left them writing into a stage it had
    removed."""

    def __init__(self, pool: Any, chunks: list[tuple[int, int]], results: Iterator[Any]):
        self._pool, self._chunks, self._results = pool, chunks, results

    def __iter__(self) -> Iterator[tuple[int, Any]]:
        with self._pool:
            for (start, _), chunk in zip(self._chunks, self._results, strict=True):
                yield start, chunk
                del chunk  # not held while the next is awaited

    def close(self) -> None:
        self._pool.terminate()


@contextlib.contextmanager
def frozen() -> Iterator[None]:
    """Fork with every object made so far out of the collector's sight (gc.freeze), as
    Python's documentation advises: a forked process's collections then never walk the
    catalog, templates and words it inherited, nor copy the memory pages they touch
    (rendering 2,000 winners' pages, the collector's 0.55 CPU-s become 0.19). This process sees them again
    once the fork is done."""
    gc.freeze()
    give_back()
    try:
        yield
    finally:
        gc.unfreeze()


def give_back() -> None:
    """Hand the memory this process freed back to the system before a fork. A forked
    process's resident set counts every page it inherits, and the C allocator keeps
    what Python freed (the words just cut, their stored copies: 47 MB at 2,000 winners
    in a cold build), so each worker started as large as everything this process had
    ever held (issue 26: peak memory)."""
    with contextlib.suppress(OSError, AttributeError):  # not glibc
        ctypes.CDLL(None).malloc_trim(0)


def forking_is_safe() -> bool:
    """Fork only a process with one thread: a lock that another thread holds at
    the fork stays locked forever in the child (Python 3.12 warns of it). awards
    serve does its builds in a process of their own for this reason."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def own_group(parent: int) -> None:
    """A worker leaves the terminal's process group. A signal sent to the group (Ctrl-C,
    `timeout`, a cancelled CI job) then reaches only the process that forked it, which
    stops its workers itself: a worker killed from outside while it waited for work
    died holding the pool's queue lock, and the pool's clean-up waited for that lock
    forever. Only where the kernel ends the worker with its parent (Linux): an orphan
    would keep the output folder's lock, inherited at the fork, and every later build
    would wait for it."""
    if _dies_with_parent():
        if os.getppid() != parent:  # the parent died before the kernel was asked
            os._exit(1)
        with contextlib.suppress(OSError):
            os.setpgid(0, 0)


def _dies_with_parent() -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL) == 0
    except (OSError, AttributeError):  # not Linux
        return False


def _run(chunk: tuple[int, int]) -> list[Any]:
    assert _job is not None
    return _job(chunk)
