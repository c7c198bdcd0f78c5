"""What /th/winners/ costs a reader to load, and what each search adds (gzip -6, as
GitHub Pages serves it).

    python bench/page_weight.py                  # the bundled content
    python bench/page_weight.py --synthetic 2000

The page is its HTML, its two scripts and the shared stylesheet. A query adds the
write-up index's docs.json and the shards generator/site/lookup.find() opens
for it, which are the ones static/search.js fetches (test_explorer.py holds the two
to the same answers). The queries: tests/search_queries.yaml, and for synthetic
content also 300 seeded words and word starts from its Thai and English vocabulary,
as a reader types them.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import random
import statistics
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from synthetic import ENGLISH, generate  # noqa: E402

from generator.build.pipeline import build  # noqa: E402
from generator.site.lookup import file_name, find  # noqa: E402
from generator.site.matching import query_words  # noqa: E402


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def measure(output: Path, queries: list[str]) -> None:
    page = output / "th" / "winners" / "index.html"
    parts = {"HTML": page, "search.js": output / "static" / "search.js",
             "explorer.js": output / "static" / "explorer.js",
             "site.css": output / "static" / "site.css"}
    sizes = {name: gz(path.read_bytes()) for name, path in parts.items()}
    initial = sum(sizes.values())
    rules_text = page.read_text(encoding="utf-8").split('id="search-rules">', 1)[1]
    replacements = [tuple(rule) for rule in json.loads(rules_text.split("</script>", 1)[0])]
    index = output / "data" / "search"
    docs_bytes = (index / "docs.json").read_bytes()
    docs = json.loads(docs_bytes)

    @functools.cache
    def shard_bytes(number: int | str) -> bytes:
        return (index / file_name(number)).read_bytes()

    costs = []
    for query in queries:
        opened: set[int | str] = set()

        def shard(number: int | str, opened: set[int | str] = opened) -> dict:
            opened.add(number)
            return json.loads(shard_bytes(number))

        words = query_words(query, replacements)
        if words:
            find(words, docs, shard)
        costs.append((gz(docs_bytes) + sum(gz(shard_bytes(n)) for n in opened), query))
    costs.sort()
    kib = 1024
    print("| part | KiB gzipped |\n| --- | ---: |")
    for name, size in sizes.items():
        print(f"| {name} | {size / kib:.1f} |")
    print(f"| **the page** | **{initial / kib:.1f}** |")
    search = [cost for cost, _ in costs]
    print(f"\nSearch, over {len(costs)} queries: the index adds a median "
          f"{statistics.median(search) / kib:.1f} KiB, 90% under "
          f"{search[int(len(search) * 0.9)] / kib:.1f} KiB, at most "
          f"{search[-1] / kib:.1f} KiB ({costs[-1][1]!r})")
    print(f"Page and its costliest query: {(initial + search[-1]) / kib:.1f} KiB; the whole "
          f"index holds {sum(gz(p.read_bytes()) for p in index.iterdir()) / kib:.0f} KiB")


def synthetic_queries(content: Path, count: int) -> list[str]:
    """Words and word starts a reader might type: Thai from the write-ups, English too."""
    rng = random.Random(7)
    from pythainlp.corpus import thai_words
    thai = sorted(w for w in thai_words() if 2 <= len(w) <= 6)
    found = []
    for _ in range(count):
        word = rng.choice(thai) if rng.random() < 0.7 else rng.choice(ENGLISH)
        found.append(word[:rng.randint(2, len(word))])
    return found


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--synthetic", type=int, metavar="N")
    options.add_argument("--output", type=Path, help="a site already built from that content")
    args = options.parse_args()
    queries = [item["query"] for item in yaml.safe_load(
        (ROOT / "tests" / "search_queries.yaml").read_text(encoding="utf-8"))]
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        content = generate(work, args.synthetic, seed=1) if args.synthetic else ROOT / "content"
        if args.synthetic:
            queries += synthetic_queries(content, 300)
        output = args.output or work / "output"
        if args.output is None:
            build(content, output)
        print(f"/th/winners/ of {'synthetic ' + str(args.synthetic) if args.synthetic else 'the bundled'}"
              " winners\n")
        measure(output, queries)


if __name__ == "__main__":
    main()
