"""CPU-seconds of converting every write-up of a content folder to safe HTML.

    python bench/markup_cost.py CONTENT [--passes 3] [--save FILE] [--against FILE]

Converts each write-up of CONTENT/entries/*/*.md with the generator's own converter
(load/markup.py: Python-Markdown, then nh3), one core, as a cold build does when
nothing is stored, and prints the CPU-seconds of the best of the passes. --save
writes every text's HTML to FILE; --against reads such a file and says how many
texts now convert to different HTML (a faster converter must say 0).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from generator.load import markup
from generator.load.parsing import split_front_matter


def texts(content: Path) -> dict[str, str]:
    found = {}
    for path in sorted(content.glob("entries/*/*.md")):
        found[str(path.relative_to(content))] = split_front_matter(
            path.read_text(encoding="utf-8"))[1]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--save", type=Path)
    parser.add_argument("--against", type=Path)
    args = parser.parse_args()
    bodies = texts(args.content)
    seconds, html = [], {}
    for _ in range(args.passes):
        markup._converters.clear()  # each pass builds its converters, as a build does
        start = time.process_time()
        html = {name: markup._convert_and_sanitize(text) for name, text in bodies.items()}
        seconds.append(time.process_time() - start)
    print(f"{len(bodies)} write-ups: {min(seconds):.2f} CPU-s (best of "
          f"{', '.join(f'{s:.2f}' for s in seconds)})")
    if args.save:
        args.save.write_text(json.dumps(html, ensure_ascii=False, sort_keys=True))
    if args.against:
        before = json.loads(args.against.read_text())
        differ = sorted(name for name in bodies if before.get(name) != html[name])
        print(f"{len(differ)} of {len(bodies)} convert to other HTML than before",
              *differ[:10], sep="\n  ")


if __name__ == "__main__":
    main()
