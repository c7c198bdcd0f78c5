"""One piece of work started now in a forked process, its result asked for later."""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

from generator.work.workers import cores, forking_is_safe, frozen, own_group

T = TypeVar("T")


class Soon(Generic[T]):
    """make(), started now in a forked process: for work whose inputs are ready while
    this process still has serial work to do, which would leave a core idle. get()
    gives its result, or raises its exception, as make() would. Where forking is not
    safe, or on one core, make() runs when get() asks. close() stops a process whose
    result was never asked for (the build failed first)."""

    def __init__(self, make: Callable[[], T]):
        self._make, self._process, self._receive = make, None, None
        self._streams = False  # its result comes a part at a time (PARTS)
        if cores() < 2 or not forking_is_safe():
            return
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        # not a daemon: make() may share its own work between processes (a daemon may not)
        self._process = context.Process(target=_send_result, args=(make, send, os.getpid()))
        with frozen():
            self._process.start()
        send.close()

    @property
    def apart(self) -> bool:
        """Whether make() runs in a process of its own (else in this one, when asked)."""
        return self._process is not None

    def ready(self) -> bool:
        """Whether get() would answer at once (where nothing was forked, it makes it)."""
        return self._process is None or self._receive.poll()

    def get(self) -> T:
        value = self.stream()
        return tuple(list(part) for part in value) if self._streams else value  # whole

    def stream(self) -> T:
        """get(), but a tuple of lists made apart comes as a tuple of iterators, each item
        read from the process as it is asked for: iterate them in order, once. The process
        that asked then holds one item at a time, never all of them (the data files of
        10,000 winners, staged by the build as they come: 55 MB, issue 26)."""
        if self._process is None:
            return self._make()
        done, value = self._received()
        if done == PARTS:
            self._streams = True
            return tuple(self._items(size, at == len(value) - 1) for at, size in enumerate(value))
        self.close()
        if not done:
            raise value
        return value

    def _items(self, size: int, last: bool) -> Iterator[Any]:
        for _ in range(size):
            yield self._received()
        if last:
            self.close()

    def _received(self) -> Any:
        try:
            return self._receive.recv()
        except EOFError:
            process = self._process
            self.close()
            raise RuntimeError(f"a worker died (exit code {process.exitcode})") from None

    def close(self) -> None:
        if self._process is not None:
            self._receive.close()
            if self._process.is_alive():
                self._process.kill()  # done already when get() has its result
            self._process.join()
            self._process = None
            self._make = _asked_twice


# A result that is a tuple of lists travels an item at a time: as one message, the
# process that asked held its bytes and what they unpickle to at once (the data files
# of 10,000 winners: 40 MB more at that process's peak, issue 26)
PARTS = "parts"


def _send_result(make: Callable[[], Any], send: Any, parent: int) -> None:
    own_group(parent)
    try:
        result = (True, make())
    except BaseException as error:  # raised again by the process that asked
        result = (False, error)
    value = result[1]
    if result[0] and isinstance(value, tuple) and all(isinstance(v, list) for v in value):
        send.send((PARTS, [len(part) for part in value]))
        for item in (item for part in value for item in part):
            send.send(item)  # one that cannot be pickled ends this process: "a worker died"
        return
    try:
        send.send(result)
    except Exception:  # an exception that cannot be pickled: its story as text
        send.send((False, RuntimeError("".join(traceback.format_exception(result[1])))))


def _asked_twice() -> Any:
    raise RuntimeError("Soon.get(): asked after its process was closed")
