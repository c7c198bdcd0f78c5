"""`awards build` in one call: the output folder claimed (its lock held, its files
checked to be ours), nothing written when it already holds what these inputs build,
else the build. cli.py only parses the arguments and prints what came of it."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.build import record
from generator.build.destination import own
from generator.build.lock import located
from generator.build.swap import remove_leftovers
from generator.bundled import default_templates

if TYPE_CHECKING:
    from generator.build.pipeline import BuildResult


@dataclass(frozen=True)
class UpToDate:
    """The output folder held what these inputs build already: nothing was written."""

    pages: int
    files: int
    seconds: float


def build_site(content: Path, output: Path, base_url: str | None = None, drafts: bool = False,
               waiting: Callable[[str], None] | None = None) -> BuildResult | UpToDate:
    """Build the site into `output`, unless it is up to date. A build into the same
    folder that started first is waited for (`waiting` is told its owner).

    Raises Refused for a folder a build must not write into, before anything is read;
    ContentError listing every problem, and OSError when the folder cannot be written,
    with output left as it was.
    """
    started = time.perf_counter()
    templates = default_templates()
    with located(output, content, templates, waiting) as destination:
        inputs = record.inputs_key(content, templates, base_url, drafts)
        last = record.load(destination.path)
        if record.is_current(last, inputs, destination.path):
            remove_leftovers(destination.path)  # of builds killed since this one
            return UpToDate(last.pages, last.files, time.perf_counter() - started)
        # not held through the build, nor by every worker it forks: a number for each file
        # of the site (69 MB at 10,000 winners, issue 26)
        del last
        # the heavy imports, only when there is something to build: an up-to-date
        # check stays a fraction of a second
        from generator.build.pipeline import build

        return build(content, own(destination), base_url, inputs=inputs, drafts=drafts,
                     once=True)
