"""Ours against Hugo on the same synthetic site, as whole processes, side by side.

    python bench/compare.py [--winners 2000 10000] [--runs 3] [--work /dev/shm/awards-bench]

For each size: seeded content (tests/synthetic.py), the same content as a Hugo project
(hugo_site.py), then, medians of --runs runs each, ours and Hugo's taken in turn (a ratio
is the median of the ratios of builds timed one after the other):
- cold: a new process into an empty output folder, with no build record and no
  stored Markdown. Our drawn images stay cached: Hugo draws none, and drawing
  them the first time ever is timed once, apart ("first build ever");
- cold, Markdown stored: the same with the converted Markdown kept from before
  (a fresh checkout or CI with a cache);
- no change: the same command again on the built output;
- edits under serve: from saving a new word to the page with that word being served
  over HTTP by `awards serve` / `hugo server`, in a write-up's text and in a winner's
  project title (our award file; Hugo's page front matter);
- peak memory (largest resident set of the process tree's processes);
- the bytes of each output, by kind of file, whole and per winner (--bytes-only:
  one build each, no timing, for sizes too large to time three times).
Needs Hugo (Debian and Ubuntu: apt-get install hugo; elsewhere gohugo.io's release
binaries); --no-hugo times ours alone.
Work goes to tmpfs (/dev/shm) by default, where the issue's figures were taken.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import hugo_site

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import synthetic as synth  # noqa: E402  (tests/synthetic.py: the seeded test content)

ROOT = Path(__file__).resolve().parent.parent


def run(command: list[str], env: dict | None = None) -> tuple[float, int, str]:
    """(seconds, peak RSS in MiB of the largest process, output) of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               env={**os.environ, **(env or {})}, cwd=ROOT)
    output = process.stdout.read().decode(errors="replace")
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{output}")
    # ru_maxrss of a waited child covers its own waited children (our workers) too
    return seconds, usage.ru_maxrss // 1024, output


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, marker: str, timeout: float) -> float:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if marker in response.read().decode(errors="replace"):
                    return time.perf_counter()
        except OSError:
            pass
        time.sleep(0.005)
    raise SystemExit(f"{url} never showed {marker!r}")


Edit = tuple[Path, Callable[[str, str], str]]  # a file, and its text with a marker put in


def serve_edits(command: list[str], ready: str, page_url: str, edits: list[Edit], runs: int,
                env: dict | None = None) -> list[list[float]]:
    """Start a dev server, then time save -> served for `runs` saves of each edit: each
    puts a new word in a file, which the page must then show."""
    log = edits[0][0].parent / ".serve.log"
    process = subprocess.Popen(command, stdout=log.open("w"), stderr=subprocess.STDOUT,
                               env={**os.environ, **(env or {})}, cwd=ROOT)
    try:
        deadline = time.monotonic() + 900
        while ready not in log.read_text(errors="replace"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"{command[0]} did not start:\n{log.read_text()}")
            time.sleep(0.05)
        wait_for(page_url, "", 60)
        return [_timed_saves(page_url, file, edit, runs, log) for file, edit in edits]
    finally:
        process.terminate()
        try:  # a rebuild under way (a minute at 10,000 winners) ends first
            process.wait(300)
        except subprocess.TimeoutExpired:  # never instead of the error that brought us here
            process.kill()
            process.wait()
        log.unlink(missing_ok=True)


def _timed_saves(page_url: str, file: Path, edit: Callable[[str, str], str], runs: int,
                 log: Path) -> list[float]:
    original = file.read_text(encoding="utf-8")
    times = []
    try:
        for number in range(runs):
            marker = f"benchmarker{number}x{time.time_ns()}"
            settled(log)
            start = time.perf_counter()
            file.write_text(edit(original, marker), encoding="utf-8")
            times.append(wait_for(page_url, marker, 300) - start)
    finally:  # the seeded content stays as it was, even if the run is stopped
        file.write_text(original, encoding="utf-8")
    settled(log)  # the original shown again before the next edit is timed
    return times


def settled(log: Path, quiet: float = 3.0) -> None:
    """An editor's pause between saves, long enough for the server to finish what a save
    started (awards serve: the search index and, after a quick update, the rest of the
    site): its log says nothing new for `quiet` seconds, and no rebuild it began (a
    line that ends in "…") is under way."""
    size, since = -1, time.monotonic()
    while time.monotonic() - since < quiet or log.read_text().rstrip().endswith("…"):
        time.sleep(0.2)
        now = log.stat().st_size
        if now != size:
            size, since = now, time.monotonic()


def title_in_award_file(winner_id: str) -> Callable[[str, str], str]:
    """An award file with the winner's English project title replaced by the marker."""
    def edit(text: str, marker: str) -> str:
        lines = text.splitlines(keepends=True)
        at = next(n for n, line in enumerate(lines) if line.strip() == f"- id: {winner_id}")
        at = next(n for n in range(at, len(lines)) if lines[n].strip() == "project:")
        at = next(n for n in range(at, len(lines)) if lines[n].lstrip().startswith("en: "))
        indent = lines[at][:len(lines[at]) - len(lines[at].lstrip())]
        lines[at] = f"{indent}en: {marker} project\n"
        return "".join(lines)
    return edit


def title_in_front_matter(text: str, marker: str) -> str:
    """A Hugo page with its project title (JSON front matter, hugo_site.py) replaced."""
    front, rest = text.split("\n", 1)
    return json.dumps({**json.loads(front), "project": f"{marker} project"},
                      ensure_ascii=False) + "\n" + rest


def with_line(text: str, marker: str) -> str:
    return text + f"\n{marker}\n"


def html_files(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


def weigh(folder: Path) -> dict[str, tuple[int, int]]:
    """(files, bytes) of each kind of file (its extension) in an output folder."""
    kinds: dict[str, list[int]] = {}
    for path in folder.rglob("*"):
        if path.is_file():
            kind = kinds.setdefault(path.suffix.lstrip(".") or path.name, [0, 0])
            kind[0] += 1
            kind[1] += path.stat().st_size
    return {name: (files, size) for name, (files, size) in kinds.items()}


def report_bytes(winners: int, us: dict, them: dict | None) -> None:
    def total(kinds: dict) -> tuple[int, int]:
        return sum(f for f, _ in kinds.values()), sum(b for _, b in kinds.values())

    print(f"\n### Bytes at {winners:,} winners, by kind of file")
    print("| kind | ours: files | ours: MB | ours: KB per winner | Hugo: files | Hugo: MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    theirs = them["bytes"] if them else {}
    for name in sorted(us["bytes"], key=lambda k: -us["bytes"][k][1]):
        files, size = us["bytes"][name]
        other = theirs.get(name)
        print(f"| {name} | {files:,} | {size / 1e6:.1f} | {size / 1e3 / winners:.1f} | "
              + (f"{other[0]:,} | {other[1] / 1e6:.1f} |" if other else " | |"))
    files, size = total(us["bytes"])
    other_files, other_size = total(theirs)
    print(f"| **whole output** | {files:,} | {size / 1e6:.1f} | {size / 1e3 / winners:.1f} | "
          + (f"{other_files:,} | {other_size / 1e6:.1f} |" if theirs else " | |"))
    pages, html = us["bytes"].get("html", (1, 0))
    print(f"\nHTML per page (average): ours {html / pages / 1e3:.1f} KB"
          + (f", Hugo {theirs['html'][1] / theirs['html'][0] / 1e3:.1f} KB"
             if "html" in theirs else ""))


class Ours:
    """Our builds of one size: the cache's drawn images made once, then each kind of build
    timed when asked (runs in turn with Hugo's: see timed_in_turn)."""

    def __init__(self, work: Path, content: Path):
        self.content, self.cache, self.output = content, work / "cache", work / "output"
        self.env = {"AWARDS_CACHE_DIR": str(self.cache)}
        self.command = [sys.executable, "-m", "generator", "build", "--content", str(content),
                        "--output", str(self.output)]
        self.first = None
        if not (self.cache / "share").is_dir():  # drawing every image once, as a first build would
            shutil.rmtree(self.output, ignore_errors=True)
            self.first = run(self.command, self.env)[0]
        self.times: dict[str, list] = {"cold": [], "stored": [], "again": []}
        self.phases = ""

    def _forget(self, markdown: bool) -> None:
        shutil.rmtree(self.output, ignore_errors=True)
        shutil.rmtree(self.cache / "builds", ignore_errors=True)
        if markdown:
            for stored in self.cache.glob("store.sqlite*"):
                stored.unlink()

    def cold(self) -> None:
        self._forget(markdown=True)
        self.times["cold"].append(run(self.command, self.env))

    def stored(self) -> None:
        self._forget(markdown=False)
        self.times["stored"].append(run(self.command, self.env))
        self.phases = next(line for line in self.times["stored"][-1][2].splitlines()
                           if " pages, " in line)

    def again(self) -> None:
        self.times["again"].append(run(self.command, self.env))

    def results(self, runs: int, timed: bool = True) -> dict:
        if not timed:
            run(self.command, self.env)  # a no-op when the output is up to date, else it would be stale
            return {"bytes": weigh(self.output)}
        content = self.content
        winner = min((content / "entries" / "2566").glob("*.en.md"))
        winner_id = winner.name.removesuffix(".en.md")
        port = free_port()
        writeup, title = serve_edits(
            [sys.executable, "-m", "generator", "serve", "--content", str(content), "--port",
             str(port)], "awards serve:", f"http://127.0.0.1:{port}/en/2566/{winner_id}/",
            [(winner, with_line), (content / "awards" / "2566.yaml", title_in_award_file(winner_id))],
            runs, self.env)
        return {"first": self.first, **self.times, "edits": writeup, "titles": title,
                "pages": html_files(self.output), "phases": self.phases,
                "bytes": weigh(self.output)}


class Hugo:
    """Hugo's lean site of the same pages: its builds timed when asked."""

    def __init__(self, work: Path, content: Path):
        self.site, self.output = work / "hugo", work / "hugo-output"
        hugo_site.export(content, self.site)
        self.command = ["hugo", "--quiet", "--source", str(self.site), "--destination",
                        str(self.output)]
        self.times: dict[str, list] = {"cold": [], "again": []}

    def cold(self) -> None:
        shutil.rmtree(self.output, ignore_errors=True)
        self.times["cold"].append(run(self.command))

    def again(self) -> None:
        self.times["again"].append(run(self.command))

    def results(self, runs: int, timed: bool = True) -> dict:
        if not timed:
            shutil.rmtree(self.output, ignore_errors=True)
            run(self.command)
            return {"bytes": weigh(self.output)}
        # a winner's page, not its kit's (w…-kit.md beside it)
        site = self.site
        winner = next(page for page in sorted((site / "content" / "en" / "2566").glob("w*.md"))
                      if not page.stem.endswith("-kit"))
        port = free_port()
        writeup, title = serve_edits(
            ["hugo", "server", "--source", str(site), "--port", str(port), "--bind", "127.0.0.1",
             "--baseURL", f"http://127.0.0.1:{port}/", "--appendPort=false"],
            "Web Server is available",
            f"http://127.0.0.1:{port}/en/2566/{winner.stem}/",
            [(winner, with_line), (winner, title_in_front_matter)], runs)
        return {**self.times, "edits": writeup, "titles": title, "pages": html_files(self.output),
                "bytes": weigh(self.output)}


def timed_in_turn(us: Ours, them: Hugo | None, runs: int) -> None:
    """Each run: our cold build, Hugo's, ours with Markdown stored, then the no-change
    rebuild of each. In turn, so that each ratio is of two builds timed moments apart: this
    machine's speed drifts by a fifth over minutes, which would move a ratio of medians
    taken one side after the other."""
    for _ in range(runs):
        us.cold()
        if them:
            them.cold()
        us.stored()
        us.again()
        if them:
            them.again()


def median(values: list) -> float:
    return statistics.median(v[0] if isinstance(v, tuple) else v for v in values)


def peak(values: list) -> int:
    return max(v[1] for v in values)


def report(winners: int, us: dict, them: dict | None) -> None:
    print(f"\n## {winners:,} winners: ours {us['pages']:,} HTML pages"
          + (f", Hugo {them['pages']:,}" if them else ""))
    print("| | ours | Hugo | ratio |\n| --- | ---: | ---: | ---: |")
    # builds: medians of each side, and the median of the ratios of builds timed in turn

    def row(name: str, mine: float, theirs: float | None, unit: str = "s",
            paired: float | None = None) -> None:
        ratio = f"{paired if paired is not None else mine / theirs:.2f}" if theirs else ""
        other = f"{theirs:.2f} {unit}" if theirs is not None else ""
        print(f"| {name} | {mine:.2f} {unit} | {other} | {ratio} |")

    def pairs(mine: str, theirs: str) -> float | None:
        """The median of the ratios of builds timed in turn (timed_in_turn)."""
        return them and statistics.median(
            a[0] / b[0] for a, b in zip(us[mine], them[theirs], strict=True))

    row("cold build", median(us["cold"]), them and median(them["cold"]),
        paired=pairs("cold", "cold"))
    row("cold build, Markdown stored", median(us["stored"]), them and median(them["cold"]),
        paired=pairs("stored", "cold"))
    row("no-change rebuild", median(us["again"]), them and median(them["again"]),
        paired=pairs("again", "again"))
    row("serve: a write-up's text edited (save -> served)", median(us["edits"]),
        them and median(them["edits"]))
    row("serve: a project title edited in the award file (save -> served)",
        median(us["titles"]), them and median(them["titles"]))
    row("peak memory", peak(us["cold"] + us["stored"]), them and peak(them["cold"]), "MiB")
    row("cold build per page", median(us["cold"]) / us["pages"] * 1000,
        them and median(them["cold"]) / them["pages"] * 1000, "ms")
    if us["first"]:
        row("first build ever (every image drawn)", us["first"], them and median(them["cold"]))
    print(f"\nOur phases (Markdown stored): {us['phases']}")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--winners", type=int, nargs="+", default=[2000, 10000])
    options.add_argument("--runs", type=int, default=3)
    options.add_argument("--work", type=Path, default=Path("/dev/shm/awards-bench"))
    options.add_argument("--no-hugo", action="store_true")
    options.add_argument("--bytes-only", action="store_true",
                         help="one build of each, weighed, not timed")
    args = options.parse_args()
    if not args.no_hugo and shutil.which("hugo") is None:
        raise SystemExit("hugo not found: apt-get install hugo, or pass --no-hugo")
    if not args.no_hugo:
        version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout
        print(re.sub(r"\s+BuildDate.*", "", version.strip()))
    print(f"{os.cpu_count()} cores, work in {args.work}, medians of {args.runs} runs")
    for winners in args.winners:
        work = args.work / str(winners)
        marker = work / "content.done"
        if not marker.exists():  # the content is seeded: made once per size
            shutil.rmtree(work, ignore_errors=True)
            synth.generate(work, winners, seed=1)
            marker.write_text("")
        content = work / "content"
        timed = not args.bytes_only
        ours, hugo = Ours(work, content), None if args.no_hugo else Hugo(work, content)
        if timed:
            timed_in_turn(ours, hugo, args.runs)
        us = ours.results(args.runs, timed)
        them = hugo.results(args.runs, timed) if hugo else None
        if timed:
            report(winners, us, them)
        report_bytes(winners, us, them)


if __name__ == "__main__":
    main()
