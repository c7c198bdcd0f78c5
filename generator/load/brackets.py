"""Where each '[' of a text closes, for Python-Markdown's link and image patterns.

Python-Markdown (3.10 on) finds, for every position of a paragraph, the ']' that
closes a bracket opened before it, one character at a time in Python, and again
for each link, as each link changes the paragraph's text: a fifth of converting a
write-up (1.5 of 7.5 CPU-s for 2,000 winners' write-ups, issue 26). The same
answers come from the brackets alone: positions between two brackets share a depth,
so they close together. Still linear in the text, as Python-Markdown's is (a text
of unclosed brackets stays cheap).
"""

from __future__ import annotations

import bisect
import re

import markdown

BRACKET = re.compile(r"[\[\]]")


class BracketEnds:
    """LinkInlineProcessor._findBracketEnds(data), the same answer for every index:
    the index just past the ']' that closes a bracket opened before it, or None."""

    __slots__ = ("starts", "ends")

    def __init__(self, data: str):
        # stretch k of positions starts at starts[k]; all of them close at ends[k]
        self.starts, depths, self.ends = [0], [0], [None]
        waiting, depth = [0], 0  # stretches not yet closed, their depths rising
        for bracket in BRACKET.finditer(data):
            depth += 1 if bracket.group() == "[" else -1
            start = bracket.end()
            while waiting and depth < depths[waiting[-1]]:
                self.ends[waiting.pop()] = start
            waiting.append(len(self.starts))
            self.starts.append(start)
            depths.append(depth)
            self.ends.append(None)

    def __getitem__(self, index: int) -> int | None:
        return self.ends[bisect.bisect_right(self.starts, index) - 1]


def find_brackets_fast(converter: markdown.Markdown) -> None:
    """Let the converter's link and image patterns find their brackets by BracketEnds.
    A Python-Markdown without _findBracketEnds keeps its own way."""
    for pattern in converter.inlinePatterns:
        if hasattr(pattern, "_findBracketEnds"):
            pattern._findBracketEnds = BracketEnds
