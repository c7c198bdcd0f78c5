"""What the HTML of a built site weighs, by kind of page, and what a winner page and an
LAO page are made of (issue 26: measure what a page is made of before cutting it).

    python bench/html_weight.py OUTPUT_DIR

OUTPUT_DIR is a built site, such as the one `python bench/compare.py --winners 2000
--bytes-only` leaves in its work folder (WORK/2000/output). Page kinds are read from
the URL layout of the contract (/{lang}/{BE}/{id}/, /{lang}/laos/..., ...); a page's
parts are cut at the elements that start and end them, and the Thai word
markup of issue 27 (<w->, <b->, their end tags, <wbr>) is counted wherever it is.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

# The parts of the three kinds of page that are 97% of the pages: (name, where it starts,
# where it ends), averaged over the pages of that kind
CHROME = (
    ("head", "<head>", "</head>"),
    ("JSON-LD (in head)", '<script type="application/ld+json">', "</script>"),
    ("header + nav", '<header class="site-header">', "</header>"),
    ("breadcrumbs", '<nav class="breadcrumbs"', "</nav>"),
    ("facts", '<dl class="facts"', "</dl>"),
)
PARTS = {
    "winner": CHROME + (
        ("link to its kit page", '<div class="kit"', "</div>"),
        ("write-up", '<section class="prose writeup"', "</section>"),
        ("sources", '<section class="sources-section"', "</section>"),
        ("neighbours", '<nav class="neighbours"', "</nav>"),
        ("footer", "<footer", "</footer>"),
    ),
    "lao": CHROME + (
        ("awards", '<section aria-labelledby="awards"', "</section>"),
        ("links to the kits", '<section class="kit"', "</section>"),
        ("footer", "<footer", "</footer>"),
    ),
    "kit": CHROME[:4] + (
        ("heading", "<h1>", '<div class="permalink">'),
        ("permalink + share links", '<div class="permalink">', "</ul>"),
        ("badges + code", '<p class="hint">', '<figure class="qr">'),
        ("QR, share image, ZIP", '<figure class="qr">', '<section class="cite"'),
        ("citation", '<section class="cite"', "</section>"),
        ("footer", "<footer", "</footer>"),
    ),
}
LABELS = {"winner": "a winner page", "lao": "an LAO page", "kit": "a winner's kit page"}
WORD_MARKUP = (b"<w->", b"</w->", b"<b->", b"</b->", b"<wbr>")


def kind(parts: tuple[str, ...]) -> str:
    if parts[-1] != "index.html" or len(parts) < 2:
        return parts[-1] if len(parts) == 1 else "other"
    if len(parts) == 4 and parts[1].isdigit():
        return "winner"
    if len(parts) == 5 and parts[1].isdigit() and parts[3] == "kit":
        return "kit"
    if len(parts) == 3 and parts[1].isdigit():
        return "year"
    if len(parts) == 4 and parts[1] in ("laos", "provinces", "regions", "tiers"):
        return parts[1][:-1]
    return "/".join(parts[1:-1]) or "home"


def part_size(page: str, start: str, end: str) -> int:
    first = page.find(start)
    last = page.find(end, first)
    return len(page[first:last + len(end)].encode()) if first >= 0 and last >= 0 else 0


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("output", type=Path)
    output = options.parse_args().output
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # files, bytes, word markup
    parts: dict[str, dict[str, int]] = {name: defaultdict(int) for name in PARTS}
    for path in sorted(output.rglob("*.html")):
        data = path.read_bytes()
        page_kind = kind(path.relative_to(output).parts)
        counts = kinds[page_kind]
        counts[0] += 1
        counts[1] += len(data)
        counts[2] += sum(data.count(mark) * len(mark) for mark in WORD_MARKUP)
        if page_kind in PARTS:
            page = data.decode()
            for name, start, end in PARTS[page_kind]:
                parts[page_kind][name] += part_size(page, start, end)
    files = sum(c[0] for c in kinds.values())
    size = sum(c[1] for c in kinds.values())
    print("| pages | files | MB | KB a page | of it, Thai word markup |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, (count, total, words) in sorted(kinds.items(), key=lambda k: -k[1][1]):
        print(f"| {name} | {count:,} | {total / 1e6:.2f} | {total / count / 1e3:.2f} | "
              f"{words / total:.0%} |")
    words = sum(c[2] for c in kinds.values())
    print(f"| **all HTML** | {files:,} | {size / 1e6:.2f} | {size / files / 1e3:.2f} | "
          f"{words / size:.0%} |")
    for page_kind, named in PARTS.items():
        pages = kinds[page_kind][0] if page_kind in kinds else 0
        if pages:
            print(f"\n| {LABELS[page_kind]}'s part | KB (average) |\n| --- | ---: |")
            for name, _, _ in named:
                print(f"| {name} | {parts[page_kind][name] / pages / 1e3:.2f} |")


if __name__ == "__main__":
    main()
