"""What each in-process cache of `awards serve` saves, on a synthetic site.

    python bench/caches.py [--winners 2000] [--work /dev/shm/awards-bench]

A rebuild after an award file edit (one project title changed), in one
process as awards serve does it, timed with each cache kept and dropped:
- the RenderCache (pages whose inputs did not change are not rendered again);
- the Markdown memo (texts converted in this process are not converted again);
- the search-text memo (a write-up's plain text is not extracted again);
and the search index alone, as awards serve writes it after a quick edit.
The persistent caches (the Markdown store, the drawn files, the build record)
are timed as whole processes by bench/compare.py.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from generator.build.pipeline import build
from generator.cache import derived
from generator.cache.pages import RenderCache
from generator.load import markup
from generator.site import fulltext, wordforms

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import synthetic  # noqa: E402  (tests/synthetic.py: the seeded test content)


def rebuild_seconds(content: Path, output: Path, award: Path, keep: set[str], runs: int
                    ) -> float:
    """Median time of a rebuild after an edit, keeping only the caches in `keep`."""
    cache = RenderCache()
    build(content, output, cache=cache, atomic=False)
    original = award.read_text(encoding="utf-8")
    times = []
    try:
        for run in range(runs):
            # one winner's project title: its pages, its LAO's, its year's and the lists
            award.write_text(original.replace("    project:\n      th: ",
                                              f"    project:\n      th: แก้ไข{run} ", 1),
                             encoding="utf-8")
            if "markdown memo" not in keep:
                derived.forget(markup.MARKDOWN)
            if "search memo" not in keep:
                forget_search()
            started = time.perf_counter()
            build(content, output, cache=cache if "render cache" in keep else RenderCache(),
                  atomic=False)
            times.append(time.perf_counter() - started)
    finally:
        award.write_text(original, encoding="utf-8")
    return statistics.median(times)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--winners", type=int, default=2000)
    options.add_argument("--work", type=Path, default=Path("/dev/shm/awards-bench"))
    options.add_argument("--runs", type=int, default=3)
    args = options.parse_args()
    work = args.work / f"caches-{args.winners}"
    if not (work / "content").is_dir():
        synthetic.generate(work, args.winners, seed=1)
    os.environ.setdefault("AWARDS_CACHE_DIR", str(work / "cache"))
    content, output = work / "content", work / "output"
    award = sorted((content / "awards").glob("*.yaml"))[-1]
    every = {"render cache", "markdown memo", "search memo"}
    kept = rebuild_seconds(content, output, award, every, args.runs)
    print(f"{args.winners:,} winners, rebuild after an award file edit, medians of {args.runs}")
    print(f"| caches | seconds | vs all kept |\n| --- | ---: | ---: |\n| all kept | {kept:.2f} | 1.00 |")
    for dropped in sorted(every):
        seconds = rebuild_seconds(content, output, award, every - {dropped}, args.runs)
        print(f"| without the {dropped} | {seconds:.2f} | {seconds / kept:.2f} |")
    catalog = build(content, output, cache=RenderCache(), atomic=False).session.catalog
    fulltext.index_files(catalog)
    started = time.perf_counter()
    fulltext.index_files(catalog)
    memo = time.perf_counter() - started
    forget_search()
    started = time.perf_counter()
    fulltext.index_files(catalog)
    fresh = time.perf_counter() - started
    print(f"\nThe search index after a quick edit: {memo:.3f} s with the search memos, "
          f"{fresh:.3f} s without (Thai cut into words again: {fresh / memo:.1f}x)")


def forget_search() -> None:
    """The search index's per-process memos: each write-up's words, and each word's forms."""
    derived.forget(fulltext.WRITEUP_WORDS)
    wordforms.formed.clear()


if __name__ == "__main__":
    main()
