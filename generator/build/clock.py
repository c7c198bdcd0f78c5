"""The time each phase of a build took."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator


class Clock:
    """Times the phases of a build, for the summary line and benchmarks."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    @contextlib.contextmanager
    def __call__(self, phase: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[phase] = time.perf_counter() - start
