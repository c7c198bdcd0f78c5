"""Explorer search on Thai and English: precision, index size and query time.

    python bench/search.py                 # the bundled content
    python bench/search.py --synthetic 2000

Builds the site, serves it on 127.0.0.1, opens the explorer in headless
Chromium (Playwright, Debian's /usr/bin/chromium) and types each query the way
a reader does, timing the filter in the page. Precision is the share of rows
returned that are relevant: for the bundled content by a hand-made judgement
below, for synthetic content by the marker words tests/synthetic.py planted.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import statistics
import sys
import tempfile
import threading
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from synthetic import generate  # noqa: E402

from generator.build.pipeline import build  # noqa: E402

# query -> the winners it should find (names, titles, provinces and write-ups)
BUNDLED = {
    "ขยะ": {"2566/khrueng-waste-management", "2566/nikhom-phatthana-waste-fees"},
    "ข ยะ": {"2566/khrueng-waste-management", "2566/nikhom-phatthana-waste-fees"},
    "สุขภาพ": {"2566/phichit-smart-help-care", "2566/phibun-big-smile"},
    "ภาษี": {"2566/khet-udomsak-online-tax", "2566/samet-tai-gis-tax-map"},
    "ลำพูน": {"2566/ban-klang-one-stop-service", "2566/umong-social-welfare",
              "2566/umong-smart-classroom"},
    "ถังทอง": {"2566/khrueng-waste-management"},
    "ท้องถิ่น": None,  # in every write-up and title of the award: not judged
    # in four titles, and the theme tag of four more
    "E-Service": {"2566/buak-khang-e-service", "2566/wat-sai-e-service",
                  "2566/singhanat-e-service", "2566/takhli-smart-takhli",
                  "2566/phitsanulok-smart-prapa", "2566/khet-udomsak-online-tax",
                  "2566/thap-ma-application", "2566/ban-klang-one-stop-service"},
    "health": {"2566/phichit-smart-help-care", "2566/phibun-big-smile"},
    "Chon Buri": {"2566/khet-udomsak-online-tax", "2566/bang-sare-b-buddy"},
    "waste": {"2566/khrueng-waste-management", "2566/nikhom-phatthana-waste-fees"},
}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# Typed, then timed until the write-ups' index has answered too (aria-busy gone)
RUN_QUERY = """async q => {
  const input = document.getElementById('f-q');
  const table = document.getElementById('explorer');
  const start = performance.now();
  input.value = q;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  while (table.hasAttribute('aria-busy')) await new Promise(r => setTimeout(r, 1));
  const took = performance.now() - start;
  const rows = [...document.querySelectorAll('#explorer tbody tr:not([hidden])')];
  return {took, keys: rows.map(r => r.dataset.key)};
}"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def measure(content: Path, queries: dict[str, set[str] | None], work: Path) -> None:
    output = work / "output"
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(output)))
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    result = build(content, output, base)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    index = [path.read_bytes() for path in (output / "data" / "search").iterdir()]
    page_bytes = (output / "en" / "winners" / "index.html").read_bytes()
    print(f"{result.pages} pages; explorer page {len(page_bytes) / 1024:.0f} KiB "
          f"({len(gzip.compress(page_bytes)) / 1024:.0f} KiB gzipped); write-up index "
          f"{sum(map(len, index)) / 1024:.0f} KiB in {len(index)} files "
          f"({sum(len(gzip.compress(f)) for f in index) / 1024:.0f} KiB gzipped; a query "
          "fetches a few: bench/page_weight.py)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(base + "th/winners/")
        times, precisions = [], []
        for query, relevant in queries.items():
            page.evaluate(RUN_QUERY, "")
            first = page.evaluate(RUN_QUERY, query)  # the shards it needs are fetched
            print(f"  {query!r:24} first time, fetching its shards: {first['took']:7.1f} ms")
            runs = [page.evaluate(RUN_QUERY, query) for _ in range(5)]
            took = statistics.median(r["took"] for r in runs)
            found = set(runs[-1]["keys"])
            times.append(took)
            if relevant is None:
                print(f"  {query!r:24} {len(found):5} rows  {took:7.1f} ms  (not judged)")
                continue
            precision = len(found & relevant) / len(found) if found else 0.0
            recall = len(found & relevant) / len(relevant) if relevant else 1.0
            precisions.append(precision)
            print(f"  {query!r:24} {len(found):5} rows  {took:7.1f} ms  "
                  f"precision {precision:.2f}  recall {recall:.2f}")
        browser.close()
    server.shutdown()
    print(f"median query {statistics.median(times):.1f} ms, slowest {max(times):.1f} ms; "
          f"mean precision {statistics.mean(precisions):.2f} over {len(precisions)} judged queries")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--synthetic", type=int, metavar="N")
    args = options.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        if args.synthetic:
            content = generate(work, args.synthetic, seed=1)
            truth = yaml.safe_load((work / "markers.yaml").read_text(encoding="utf-8"))
            queries = {marker: set(keys) for marker, keys in truth.items()}
        else:
            content, queries = ROOT / "content", BUNDLED
        measure(content, queries, work)


if __name__ == "__main__":
    main()
