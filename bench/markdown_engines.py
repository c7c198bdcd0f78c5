"""What one write-up costs to convert, with our Markdown and with other engines.

    python bench/markdown_engines.py [--winners 2000] [--work /dev/shm/awards-bench]

A cold build at 2,000 winners converts 4,000 write-ups; this prints the cost
per write-up (median of 5 passes over up to 1,000 of them, one core) of the
converter in generator/markup.py (Python-Markdown, a core dependency fixed by
the client, then nh3) and, for comparison, of the engines installed among
cmarkgfm (GitHub's cmark-gfm, C), markdown-it-py and mistune, each followed by
the same nh3 sanitizing. The others are
not used by the generator: their dialects differ from Python-Markdown's, so a
switch would change how some existing write-ups render.
    pip install cmarkgfm markdown-it-py mistune   # to compare them too
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import importlib
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import nh3

from generator.load import markup
from generator.load.parsing import split_front_matter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import synthetic as synth  # noqa: E402  (tests/synthetic.py: the seeded test content)


def engines() -> dict[str, Callable[[str], str]]:
    found = {"Python-Markdown + nh3 (ours)": markup._convert}
    try:
        cmarkgfm = importlib.import_module("cmarkgfm")
        unsafe = cmarkgfm.Options.CMARK_OPT_UNSAFE  # raw HTML kept, as ours (nh3 cleans it)
        found["cmarkgfm"] = lambda text: cmarkgfm.github_flavored_markdown_to_html(text, unsafe)
    except ImportError:
        pass
    with contextlib.suppress(ImportError):
        found["markdown-it-py"] = importlib.import_module(
            "markdown_it").MarkdownIt("commonmark").enable("table").render
    with contextlib.suppress(ImportError):
        found["mistune"] = importlib.import_module("mistune").create_markdown(
            escape=False, plugins=["table"])
    sanitize = functools.partial(nh3.clean, tags=markup.TAGS, attributes=markup.ATTRIBUTES,
                                 url_schemes=markup.URL_SCHEMES)
    # the same sanitizing after each, as ours has
    return {name: (convert if name.endswith("(ours)")
                   else lambda text, convert=convert: sanitize(convert(text)))
            for name, convert in found.items()}


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--winners", type=int, default=2000)
    options.add_argument("--work", type=Path, default=Path("/dev/shm/awards-bench"))
    args = options.parse_args()
    work = args.work / str(args.winners)
    if not (work / "content.done").exists():
        synth.generate(work, args.winners, seed=1)
        (work / "content.done").write_text("")
    files = sorted((work / "content" / "entries").rglob("*.md"))[:1000]
    texts = [split_front_matter(path.read_text(encoding="utf-8"))[1] for path in files]
    print(f"{len(texts)} write-ups, {sum(map(len, texts)) / len(texts):,.0f} characters each")
    ours = None
    for name, convert in engines().items():
        passes = []
        for _ in range(5):
            start = time.perf_counter()
            for text in texts:
                convert(text)
            passes.append((time.perf_counter() - start) / len(texts) * 1000)
        cost = statistics.median(passes)
        ours = ours or cost
        print(f"{name:30} {cost:6.3f} ms per write-up, {ours / cost:4.1f}x the speed of ours: "
              f"{cost * 2 * args.winners / 1000:5.2f} s of CPU for {args.winners:,} winners")


if __name__ == "__main__":
    main()
