"""Content problems: what went wrong, where, and what to do about it."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in the content, located by file and (where known) line."""

    path: str
    line: int | None
    message: str
    hint: str | None = None
    column: int | None = None  # 1-based, where known: for editors and --format json

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


@dataclass
class Problems:
    """Collects every problem of a run, so the editor sees them all at once."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: str | Path, line: int | None, message: str, hint: str | None = None,
            column: int | None = None) -> None:
        self.items.append(Problem(str(path), line, message, hint, column))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Problem]:
        """Problems in file then line order, each reported once."""
        return sorted(set(self.items), key=lambda p: (p.path, p.line or 0, p.column or 0,
                                                      p.message))


def workflow_command(problem: Problem, title: str, level: str = "error") -> str:
    """The problem as a GitHub Actions annotation, shown on its line of the pull
    request's changes: `::error file=…,line=…,title=…::message`, escaped as GitHub's
    toolkit escapes them (a property also escapes ':' and ','). No column: GitHub
    marks whole lines, and the contract's form has none."""
    properties = {"file": problem.path, "line": problem.line, "title": title}
    listed = ",".join(f"{key}={_escape(str(value), property=True)}"
                      for key, value in properties.items() if value is not None)
    text = f"{problem.message} ({problem.hint})" if problem.hint else problem.message
    return f"::{level} {listed}::{_escape(text)}"


def _escape(text: str, property: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property else text


def as_record(problem: Problem) -> dict[str, str | int | None]:
    """The problem for other tools (awards check --format json)."""
    return {"file": problem.path, "line": problem.line, "column": problem.column,
            "message": problem.message, "hint": problem.hint}


class ContentError(Exception):
    """The content cannot be built; carries every problem found."""

    def __init__(self, problems: list[Problem], warnings: list[Problem] | tuple = ()):
        self.problems = problems
        self.warnings = list(warnings)  # found too: shown beside the problems
        super().__init__("\n".join(str(p) for p in problems))

    def __reduce__(self):  # raised in a worker process, it arrives whole
        return (ContentError, (self.problems, self.warnings))


EXCERPT = 80  # characters of a value that a message may quote


def visible(value: object, limit: int = EXCERPT) -> str:
    """A value for a message: invisible and control characters spelled out (\\u200b),
    cut short. A message never prints a whole value, which may be megabytes (an
    expanded YAML alias, a pasted file) or a mapping of thousands."""
    if isinstance(value, dict | list | tuple | set):
        return f"a {'mapping' if isinstance(value, dict) else 'list'} of {len(value)}"
    text = value if isinstance(value, str) else repr(value)[:limit + 1]
    return "".join(
        f"\\u{ord(ch):04x}" if not ch.isprintable() or unicodedata.category(ch) == "Cf" else ch
        for ch in text[:limit]) + ("…" if len(text) > limit else "")
