"""Ctrl-C and SIGTERM stop a build or a check with one line, not a traceback (issue 25).

Stopped travels up like KeyboardInterrupt, so the build's own clean-up (its
`finally`) removes the stage on the way and output/ is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator


class Stopped(BaseException):
    """SIGINT or SIGTERM: like KeyboardInterrupt, past every `except Exception`, so
    that the build's own clean-up (its `finally`) removes the stage on the way."""

    def __init__(self, number: int):
        super().__init__(number)
        self.signal = number


CAUGHT = (signal.SIGINT, signal.SIGTERM)


def _stop(number: int, frame: object) -> None:
    for each in CAUGHT:  # once: the clean-up runs undisturbed by a second Ctrl-C
        signal.signal(each, signal.SIG_IGN)
    raise Stopped(number)


def _forked() -> None:
    """In a forked worker: SIGTERM ends it as it ends any process, and Ctrl-C is left
    to the process that forked it, which stops the workers as it stops."""
    if signal.getsignal(signal.SIGTERM) is _stop:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_IGN)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forked)


@contextlib.contextmanager
def stopped_by_signals() -> Iterator[None]:
    """SIGINT (Ctrl-C) and SIGTERM raise Stopped while the block runs."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may handle signals; serve's builds run elsewhere
        return
    before = {each: signal.signal(each, _stop) for each in CAUGHT}
    try:
        yield
    finally:
        for each, handler in before.items():
            signal.signal(each, handler)
