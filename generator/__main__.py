"""The `awards` program: the command line, then an exit that leaves the heap to the kernel."""

from __future__ import annotations

import atexit
import os
import sys
import threading

from generator.cli import main


def run() -> None:
    """Run the command and exit with its status. Python's own exit, after its atexit
    handlers, frees the build's objects one at a time (0.1-0.2 s at 2,000 winners, on
    one core, after the site is written, issue 26): the kernel takes them back at once.
    Only for `awards build`, the one command that ends with a large heap, and only with
    nothing left running, every handler run and the output flushed: else Python's exit."""
    if sys.argv[1:2] != ["build"]:
        sys.exit(main())
    code = main()
    # multiprocessing imported only if a build forked: an up-to-date one never does
    processes = sys.modules.get("multiprocessing")
    if not isinstance(code, int) or threading.active_count() > 1 \
            or (processes is not None and processes.active_children()):
        sys.exit(code)
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # a closed pipe, say: Python's exit says so as it always did
        sys.exit(code)
    os._exit(code)


if __name__ == "__main__":
    run()
