"""Contiguous chunks of a list of items, for the workers (work/workers.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

# Chunks a worker takes, in all: enough that the last ones to finish are short (the
# workers then end together), few enough that handing them out costs nothing
CHUNKS_PER_WORKER = 48


def equal_chunks(items: Sequence[Any], workers: int, cost: Callable[[Any], float] | None
            ) -> list[tuple[int, int]]:
    """Where contiguous chunks of about equal work start and end. Items may differ
    widely: drawing a winner's images the first time costs a hundred pages, and 16
    chunks of equal length left one worker a minute of drawing after the other had
    finished."""
    costs = [cost(item) for item in items] if cost else [1] * len(items)
    share = sum(costs) / (workers * CHUNKS_PER_WORKER)
    chunks, start, work = [], 0, 0.0
    for end, each in enumerate(costs, 1):
        work += each
        if work >= share:
            chunks.append((start, end))
            start, work = end, 0.0
    if start < len(items):
        chunks.append((start, len(items)))
    return chunks
