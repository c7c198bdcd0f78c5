"""Command line: awards build | check | new-year | serve (contract §5)."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shlex
import sys
from pathlib import Path

from generator.build.command import UpToDate, build_site
from generator.build.destination import Refused
from generator.build.signals import Stopped, stopped_by_signals
from generator.load.webaddress import base_url_problem
from generator.problems import ContentError, Problem, as_record, workflow_command

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
FORMAT_HELP = ("how problems are listed: text; github, text plus workflow annotations "
               "(the default under GitHub Actions); json, for other tools (check only)")


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
    build.add_argument("--format", choices=("text", "github"), help=FORMAT_HELP)
    build.add_argument("--drafts", action="store_true",
                       help="also publish the years marked 'draft: true' (to preview them)")
    check = commands.add_parser("check", help="validate the content; write nothing")
    check.add_argument("--content", type=Path, default=Path("content"), metavar="DIR")
    check.add_argument("--format", choices=("text", "github", "json"), help=FORMAT_HELP)
    new_year = commands.add_parser(
        "new-year", help="write a draft awards/<BE>.yaml: from the latest year's tiers, or "
                         "from DGA's announcement")
    new_year.add_argument("be", metavar="BE", help="the year, Buddhist Era: 2567")
    new_year.add_argument("--from", dest="source", type=Path, metavar="FILE",
                          help="DGA's announcement of the winners, plain text or .docx: "
                               "fills in the year, its tiers and winners, and reports "
                               "what it read")
    new_year.add_argument("--content", type=Path, default=Path("content"), metavar="DIR")
    serve = commands.add_parser(
        "serve", help="build (drafts too, under a banner), serve on 127.0.0.1, rebuild and "
                      "reload the browser on change"
    )
    serve.add_argument("--content", type=Path, default=Path("content"), metavar="DIR")
    serve.add_argument("--port", type=int, default=8000, metavar="N")
    return main


def main(argv: list[str] | None = None) -> int:
    _speak_utf8()
    try:
        args = parser().parse_args(argv)
    except SystemExit as exit_:
        return EXIT_USAGE if exit_.code else EXIT_OK
    if args.command == "new-year":
        return _new_year(args.be, args.content, args.source)
    if args.command == "serve":
        from generator.serve.server import serve  # imported here so that build stays light

        return serve(args.content, args.port)
    try:
        with stopped_by_signals():
            return _build_or_check(args)
    except Stopped as stop:  # the stage is gone: the build's own clean-up ran
        left = f"; {args.output}/ left as it was" if args.command == "build" else ""
        print(f"awards {args.command}: stopped{left}", file=sys.stderr)
        return 128 + stop.signal


def _build_or_check(args: argparse.Namespace) -> int:
    """awards build or check."""
    if args.command == "build":
        # Wrong usage is refused before anything is read or written
        problem = args.base_url is not None and base_url_problem(args.base_url)
        if problem:
            return _usage(f"--base-url {problem}")
    form = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    try:
        if args.command == "check":
            from generator.build.pipeline import check  # the heavy imports, only when needed

            checked = check(args.content)
            drafts = checked.catalog.drafts
            if form == "json":
                print(json.dumps({"valid": True, "pages": checked.pages, "problems": [],
                                  "warnings": [as_record(w) for w in checked.catalog.warnings],
                                  "drafts": list(drafts)}, ensure_ascii=False, indent=2))
                return EXIT_OK
            _warn(checked.catalog.warnings, form, "awards check")
            print(f"awards check: content is valid ({checked.pages} pages would be built)"
                  + (f"; draft, not published: {', '.join(map(str, drafts))}" if drafts else ""))
            return EXIT_OK
        result = build_site(args.content, args.output, args.base_url, args.drafts,
                            lambda owner: print(f"awards build: waiting for {owner}, which is "
                                                f"building into {args.output}/",
                                                file=sys.stderr, flush=True))
    except Refused as refusal:
        return _usage(f"refusing to write the site into {refusal}")
    except OSError as error:  # disk full, a read-only folder: the old site stays
        return _cannot_write(args, error)
    except ContentError as error:
        _list(error.problems, form, f"awards {args.command}", error.warnings)
        count = len(error.problems)
        untouched = "" if args.command == "check" else f"; {args.output}/ left unchanged"
        print(f"awards {args.command}: {count} problem{'s' * (count != 1)}{untouched}",
              file=sys.stderr)
        return EXIT_CONTENT
    if isinstance(result, UpToDate):
        print(f"awards build: {result.pages} pages, {result.files} files in "
              f"{args.output}/: up to date, nothing written ({result.seconds:.2f}s)")
        print(how_to_look(args.output))
        return EXIT_OK
    catalog = result.session.catalog
    _warn(catalog.warnings, form, "awards build")
    report = result.report
    timings = dict(result.timings)
    data = timings.pop("data", None)  # made while the pages render
    phases = ", ".join(f"{name} {seconds:.2f}s" + (f" (with data {data:.2f}s)"
                                                   if name == "render" and data is not None else "")
                       for name, seconds in timings.items())
    print(f"awards build: {result.pages} pages, {result.files} files in {args.output}/: "
          f"{report.written} written, {report.unchanged} unchanged, {report.removed} removed "
          f"in {result.seconds:.2f}s ({phases})")
    unpublished = [year for year in catalog.drafts if not args.drafts]
    if catalog.drafts:
        print(f"awards build: draft years {'left out' if unpublished else 'published'}: "
              f"{', '.join(map(str, catalog.drafts))}"
              + (" (awards build --drafts publishes them)" if unpublished else ""))
    from generator.emit.share import SHAPING, SHAPING_MISSING

    if not SHAPING:
        print(f"awards build: warning: {SHAPING_MISSING}", file=sys.stderr)
    if report.kept:
        print(f"awards build: files that appeared in {args.output}/ during the build were "
              f"kept in {report.kept}", file=sys.stderr)
    print(how_to_look(args.output))
    return EXIT_OK


def _cannot_write(args: argparse.Namespace, error: OSError) -> int:
    where = error.filename or args.output
    print(f"awards {args.command}: cannot write {where}: {error.strerror or error}; "
          f"{args.output}/ left unchanged", file=sys.stderr)
    return EXIT_CONTENT


def how_to_look(output: Path) -> str:
    """The build's last line: the one step to look at what it wrote (issue 27). Every
    link but 404.html's is relative, so the folder works at the root of any server."""
    if os.name == "nt":
        python, folder = "py", f'"{output}"' if " " in str(output) else str(output)
    else:
        python, folder = "python3", shlex.quote(output.as_posix())
    return (f"awards build: to look at it, run {python} -m http.server -d {folder} and open "
            "http://localhost:8000/ (or run awards serve, which also rebuilds as you edit)")


def _list(problems: list[Problem], form: str, title: str, warnings: list[Problem]) -> None:
    """Problems as text on stderr; as JSON, or also as annotations, on stdout."""
    if form == "json":
        print(json.dumps({"valid": False, "pages": None,
                          "problems": [as_record(problem) for problem in problems],
                          "warnings": [as_record(warning) for warning in warnings],
                          "drafts": None}, ensure_ascii=False, indent=2))
        return
    for problem in problems:
        print(problem, file=sys.stderr)
    if form == "github":
        sys.stderr.flush()
        for problem in problems:
            print(workflow_command(_from_workspace(problem), title))
    _warn(warnings, form, title)


def _warn(warnings: tuple[Problem, ...] | list[Problem], form: str, title: str) -> None:
    """Warnings, which leave the exit status as it is: `path:line: warning: ...`."""
    for warning in warnings:
        where = f"{warning.path}:{warning.line}" if warning.line else warning.path
        hint = f" ({warning.hint})" if warning.hint else ""
        print(f"{where}: warning: {warning.message}{hint}", file=sys.stderr)
    if form == "github":
        sys.stderr.flush()
        for warning in warnings:
            print(workflow_command(_from_workspace(warning), title, "warning"))


def _from_workspace(problem: Problem) -> Problem:
    """GitHub places an annotation by a path relative to the checkout."""
    path = Path(problem.path)
    if not path.is_absolute():
        return problem
    with contextlib.suppress(ValueError):
        root = Path(os.environ.get("GITHUB_WORKSPACE") or Path.cwd()).resolve()
        return Problem(path.resolve().relative_to(root).as_posix(), problem.line,
                       problem.message, problem.hint, problem.column)
    return problem


def _new_year(be: str, content: Path, source: Path | None) -> int:
    from generator.load.newyear import Refusal, new_year

    try:
        written = new_year(be, content, source)
    except Refusal as refusal:
        return _usage(f"new-year: {refusal}")
    except OSError as error:
        return _usage(f"new-year: cannot write {error.filename}: {error.strerror or error}")
    for line in written.report:
        print(line)
    origin = (f", from {source.name}" if source else
              f", tiers from {written.latest}.yaml" if written.latest else "")
    print(f"awards new-year: wrote {written.path.as_posix()} (a draft){origin}; fill it in, "
          "then run awards check")
    return EXIT_OK


def _speak_utf8() -> None:
    """Thai in messages: where the console's encoding cannot write it (Windows writing
    to a pipe or a file in its ANSI code page, cp1252), write UTF-8 rather than fail."""
    for stream in (sys.stdout, sys.stderr):
        try:
            "ก".encode(stream.encoding or "ascii")
        except (LookupError, UnicodeEncodeError):
            with contextlib.suppress(AttributeError, ValueError):
                stream.reconfigure(encoding="utf-8")


def _usage(message: str) -> int:
    print(f"awards: {message}", file=sys.stderr)
    return EXIT_USAGE
