"""Where the lines of the same pages break in two builds, in each browser engine at
hand (issue 26: a cheaper Thai word markup must break every line where the markup
before it did; see emit/typography.py).

    python bench/thai_markup.py BEFORE AFTER [--pages 120] [--engines chromium,firefox,webkit]

BEFORE and AFTER are built sites of the same content (say, `awards build` of main
and of a branch). Both are served on 127.0.0.1; each engine opens a runner page
that loads a sample of pages of every kind, from both builds, in a frame of 320,
390, 768 and 1280 px, and reads where each line of text starts (the offset of its
first letter in the page's text). The engines are Chromium (`AWARDS_CHROMIUM`, as
the tests use it), Firefox ESR and WebKitGTK's MiniBrowser under Xvfb; on Debian:
`apt-get install chromium firefox-esr webkit2gtk-driver xvfb`. An engine that is
not installed is left out.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

WIDTHS = (320, 390, 768, 1280)
CHUNK = 33  # pages a browser process lays out (WebKitGTK's web process gives out past ~60)
MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"

RUNNER = """<!doctype html><meta charset="utf-8"><body style="margin:0">
<iframe id="f" style="border:0;height:900px"></iframe>
<script>
const WIDTHS = %(widths)s, PAGES = %(pages)s;
const SKIP = 'SCRIPT,STYLE,TITLE,TEXTAREA,SELECT,OPTION,TEMPLATE,NOSCRIPT,svg';
function lineStarts(doc) {
  const starts = [];
  let top = null, at = 0;
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement || node.parentElement.closest(SKIP)) continue;
    for (let i = 0; i < node.data.length; i++, at++) {
      if (!node.data[i].trim()) continue;
      const range = doc.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect || !rect.height) continue;
      if (top === null || Math.abs(rect.top - top) > rect.height / 2) {
        starts.push(at + ' ' + node.data.slice(Math.max(0, i - 6), i) + '|' + node.data.slice(i, i + 6));
        top = rect.top;
      }
    }
  }
  return starts;
}
(async () => {
  const frame = document.getElementById('f'), found = {};
  for (const page of PAGES) for (const side of ['before', 'after']) {
    await new Promise(done => { frame.onload = done; frame.src = side + '/' + page; });
    await frame.contentDocument.fonts.ready;
    for (const width of WIDTHS) {
      frame.style.width = width + 'px';
      frame.contentDocument.body.offsetWidth;
      (found[page + ' at ' + width + ' px'] ??= {})[side] = lineStarts(frame.contentDocument);
    }
  }
  await fetch('result', {method: 'POST', body: JSON.stringify({agent: navigator.userAgent, found})});
})();
</script>
"""


def sample(site: Path, count: int) -> list[str]:
    """About `count` pages evenly spaced in path order, and the first of each folder
    depth (winner pages apart): the same pages for the same site. The explorer's
    pages (megabytes each) are left out."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    pages = [p for p in pages if "/winners/" not in f"/{p}"]
    kinds: dict[tuple[int, bool], str] = {}  # the first page of each depth, winner or not
    for page in pages:
        parts = page.split("/")
        kinds.setdefault((len(parts), len(parts) > 1 and parts[1].isdigit()), page)
    return sorted(set(pages[::max(1, len(pages) // count)]) | set(kinds.values()))


class Server(ThreadingHTTPServer):
    """Serves the work folder; a POST to /result hands its body to the waiting engine."""

    def __init__(self, folder: Path):
        self.results: dict[str, bytes] = {}
        self.arrived = threading.Condition()
        handler = type("Handler", (SimpleHTTPRequestHandler,), {
            "do_POST": _receive, "log_message": lambda *args: None})
        super().__init__(("127.0.0.1", 0), lambda *a: handler(*a, directory=str(folder)))

    def handle_error(self, request, client_address) -> None:
        """A browser ended after it answered drops its connections: nothing to report."""


def _receive(self) -> None:
    body = self.rfile.read(int(self.headers["Content-Length"]))
    with self.server.arrived:
        self.server.results[self.path.rsplit("/", 2)[-2]] = body
        self.server.arrived.notify_all()
    self.send_response(204)
    self.end_headers()


def engines(work: Path) -> dict[str, list[str]]:
    """The command that opens a URL, for each engine installed."""
    found = {}
    chromium = os.environ.get("AWARDS_CHROMIUM", "/usr/bin/chromium")
    if shutil.which(chromium):
        found["chromium"] = [chromium, "--headless", "--no-sandbox", "--disable-gpu",
                             f"--user-data-dir={work / 'chromium'}", "--remote-debugging-port=0"]
    if shutil.which("firefox-esr"):
        found["firefox"] = ["firefox-esr", "--headless", "--no-remote", "--profile"]
    if Path(MINIBROWSER).exists() and shutil.which("xvfb-run"):
        found["webkit"] = ["xvfb-run", "-a", MINIBROWSER]
    return found


def lay_out(server: Server, work: Path, engine: str, command: list[str], pages: list[str]) -> dict:
    """Every chunk of pages laid out by one process of the engine."""
    found: dict = {}
    for start in range(0, len(pages), CHUNK):
        name = f"{engine}-{start}"
        chunk = work / name
        chunk.mkdir()
        (chunk / "before").symlink_to(work / "before")
        (chunk / "after").symlink_to(work / "after")
        (chunk / "index.html").write_text(RUNNER % {
            "widths": json.dumps(WIDTHS), "pages": json.dumps(pages[start:start + CHUNK])})
        arguments = list(command)
        if engine == "firefox":  # a profile of its own, made before it starts
            (work / f"profile-{name}").mkdir()
            arguments.append(str(work / f"profile-{name}"))
        url = f"http://127.0.0.1:{server.server_address[1]}/{name}/index.html"
        environment = dict(os.environ, HOME=str(work / "home"))
        browser = subprocess.Popen(arguments + [url], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, env=environment, start_new_session=True)
        try:
            with server.arrived:
                server.arrived.wait_for(lambda name=name: name in server.results, timeout=600)
        finally:  # the browser and every process it started (Xvfb's too)
            os.killpg(browser.pid, 15)
            browser.wait()
        if name not in server.results:
            sys.exit(f"{engine} sent nothing for pages {start}-{start + CHUNK}")
        answer = json.loads(server.results[name])
        found.update(answer["found"])
        found["agent"] = answer["agent"]
    return found


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("before", type=Path)
    options.add_argument("after", type=Path)
    options.add_argument("--pages", type=int, default=120)
    options.add_argument("--engines", default="chromium,firefox,webkit")
    args = options.parse_args()
    pages = [p for p in sample(args.after, args.pages) if (args.before / p).exists()]
    with tempfile.TemporaryDirectory(prefix="thai-markup-") as folder:
        work = Path(folder)
        (work / "before").symlink_to(args.before.resolve())
        (work / "after").symlink_to(args.after.resolve())
        (work / "home").mkdir()
        server = Server(work)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(f"{len(pages)} pages at {', '.join(map(str, WIDTHS))} px\n")
        print("| engine | layouts the same | lines compared | first differences |")
        print("| --- | ---: | ---: | --- |")
        for engine, command in engines(work).items():
            if engine not in args.engines.split(","):
                continue
            found = lay_out(server, work, engine, command, pages)
            agent = found.pop("agent")
            same = [key for key, sides in found.items() if sides["before"] == sides["after"]]
            lines = sum(len(sides["before"]) for sides in found.values())
            differ = [f"{key}: {_first_difference(sides)}" for key, sides in found.items()
                      if key not in same]
            version = (re.search(r"(?:Chrome|Firefox)/[\d.]+", agent)
                       or re.search(r"AppleWebKit/[\d.]+", agent))
            print(f"| {engine} ({version.group() if version else agent}) | {len(same)}/{len(found)} | "
                  f"{lines:,} | {'; '.join(differ[:3]) or '-'} |")
        server.shutdown()


def _first_difference(sides: dict) -> str:
    before, after = sides["before"], sides["after"]
    at = next((i for i, (b, a) in enumerate(zip(before, after, strict=False)) if b != a),
              min(len(before), len(after)))
    return f"line {at + 1} starts {before[at:at + 1]} before, {after[at:at + 1]} after"


if __name__ == "__main__":
    main()
