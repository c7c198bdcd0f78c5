"""Save-to-reload time of `awards serve`: from saving a write-up to the browser showing it.

    python bench/serve_latency.py [--content content] [--writeup entries/2566/yala-big-data.en.md]
                                  [--runs 15]

Starts `awards serve` on a copy of the content, opens the edited winner's page
in headless Chromium (Playwright, driving Debian's /usr/bin/chromium), then
saves a write-up again and again and times, for each save, when the new text is
served over HTTP and when the open page shows it after live reload. Prints the
median and the slowest run.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WRITEUP = "entries/2566/yala-big-data.en.md"
# livereload.js has finished its handshake: a reload message would be acted on
CONNECTED = ("window.LiveReload && LiveReload.connector.socket"
             " && LiveReload.connector.socket.readyState === 1 && LiveReload.connector.protocol")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def start_server(content: Path, log: Path) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--content", str(content),
         "--port", "8600"], stdout=log.open("w"), stderr=subprocess.STDOUT, cwd=ROOT,
    )
    deadline = time.monotonic() + 900  # the first build of a large site draws its images
    while time.monotonic() < deadline:
        found = re.search(r"awards serve: (http://\S+/) ", log.read_text())
        if found:
            return process, found[1]
        time.sleep(0.05)
    process.kill()
    raise SystemExit("the server did not start:\n" + log.read_text())


def served(url: str, marker: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return marker in response.read().decode()
    except OSError:
        return False


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--content", type=Path, default=ROOT / "content")
    options.add_argument("--writeup", default=WRITEUP, help="the write-up to edit, in --content")
    options.add_argument("--runs", type=int, default=15)
    args = options.parse_args()
    _, be, name = args.writeup.split("/")
    winner_id, lang, _ = name.split(".")
    page_path = f"{lang}/{be}/{winner_id}/"
    from playwright.sync_api import sync_playwright

    scratch = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    content = scratch / "content"
    shutil.copytree(args.content, content)
    writeup = content / args.writeup
    original = writeup.read_text(encoding="utf-8")
    process, base = start_server(content, scratch / "serve.log")
    http_times, browser_times = [], []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(base + page_path)
            page.wait_for_function(CONNECTED)
            for run in range(args.runs):
                marker = f"bench-marker-{run}-{time.time_ns()}"
                writeup.write_text(original + f"\n{marker}\n", encoding="utf-8")
                saved = time.perf_counter()
                while not served(base + page_path, marker):
                    time.sleep(0.005)
                http_times.append(time.perf_counter() - saved)
                page.wait_for_function(f"document.body && document.body.innerText"
                                       f".includes('{marker}')", polling=5, timeout=10_000)
                browser_times.append(time.perf_counter() - saved)
                page.wait_for_function(CONNECTED)
                time.sleep(0.2)
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=300)  # it removes its built site (100,000 files at 10,000 winners)
        shutil.rmtree(scratch, ignore_errors=True)
    for name, times in (("served over HTTP", http_times), ("shown in the browser", browser_times)):
        print(f"save -> {name}: median {statistics.median(times) * 1000:.0f} ms, "
              f"slowest {max(times) * 1000:.0f} ms over {len(times)} saves")


if __name__ == "__main__":
    main()
