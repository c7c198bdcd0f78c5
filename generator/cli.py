"""Command line: awards build | check | serve (contract §5)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from generator.build import record
from generator.build.destination import MANIFEST, Refused, locate, own
from generator.build.swap import remove_leftovers
from generator.bundled import default_templates
from generator.load.webaddress import base_url_problem
from generator.problems import ContentError

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="awards", description="Build the Digital Local Government Awards site."
    )
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build = commands.add_parser("build", help="validate the content and write the site")
    build.add_argument("--content", type=Path, default=Path("content"), metavar="DIR")
    build.add_argument("--output", type=Path, default=Path("output"), metavar="DIR")
    build.add_argument("--base-url", metavar="URL",
                       help="absolute URL the site is served from (overrides site.yaml)")
    check = commands.add_parser("check", help="validate the content; write nothing")
    check.add_argument("--content", type=Path, default=Path("content"), metavar="DIR")
    serve = commands.add_parser(
        "serve", help="build, serve on 127.0.0.1, rebuild and reload the browser on change"
    )
    serve.add_argument("--content", type=Path, default=Path("content"), metavar="DIR")
    serve.add_argument("--port", type=int, default=8000, metavar="N")
    return main


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as exit_:
        return EXIT_USAGE if exit_.code else EXIT_OK
    if args.command == "serve":
        from generator.serve.server import serve  # imported here so that build stays light

        return serve(args.content, args.port)
    inputs = destination = None
    if args.command == "build":
        started = time.perf_counter()
        # Wrong usage is refused before anything is read or written
        problem = args.base_url is not None and base_url_problem(args.base_url)
        if problem:
            return _usage(f"--base-url {problem}")
        try:
            destination = locate(args.output, args.content, default_templates())
        except Refused as refusal:
            return _usage(f"refusing to write the site into {refusal}")
        inputs = record.inputs_key(args.content, default_templates(), args.base_url)
        last = record.load(destination.path)
        if record.is_current(last, inputs, destination.found):
            remove_leftovers(destination.path)  # of builds killed since this one
            files = len(set(last.files) - {MANIFEST})
            print(f"awards build: {last.pages} pages, {files} files in "
                  f"{args.output}/: up to date, nothing written "
                  f"({time.perf_counter() - started:.2f}s)")
            return EXIT_OK
        try:  # only files of ours may be replaced or deleted
            destination = own(destination)
        except Refused as refusal:
            return _usage(f"refusing to write the site into {refusal}")
    from generator.build.pipeline import build, check  # the heavy imports, only when needed

    try:
        if args.command == "check":
            pages = check(args.content)
            print(f"awards check: content is valid ({pages} pages would be built)")
            return EXIT_OK
        result = build(args.content, destination, args.base_url, inputs=inputs)
    except OSError as error:  # disk full, a read-only folder: the old site stays
        where = error.filename or args.output
        print(f"awards {args.command}: cannot write {where}: {error.strerror or error}; "
              f"{args.output}/ left unchanged", file=sys.stderr)
        return EXIT_CONTENT
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.problems)
        untouched = "" if args.command == "check" else f"; {args.output}/ left unchanged"
        print(f"awards {args.command}: {count} problem{'s' * (count != 1)}{untouched}",
              file=sys.stderr)
        return EXIT_CONTENT
    report = result.report
    timings = dict(result.timings)
    data = timings.pop("data", None)  # made while the pages render
    phases = ", ".join(f"{name} {seconds:.2f}s" + (f" (with data {data:.2f}s)"
                                                   if name == "render" and data is not None else "")
                       for name, seconds in timings.items())
    print(f"awards build: {result.pages} pages, {result.files} files in {args.output}/: "
          f"{report.written} written, {report.unchanged} unchanged, {report.removed} removed "
          f"in {result.seconds:.2f}s ({phases})")
    if report.kept:
        print(f"awards build: files that appeared in {args.output}/ during the build were "
              f"kept in {report.kept}", file=sys.stderr)
    return EXIT_OK


def _usage(message: str) -> int:
    print(f"awards: {message}", file=sys.stderr)
    return EXIT_USAGE
