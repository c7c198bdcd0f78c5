"""Typed access to one YAML mapping, turning every mismatch into a Problem."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from generator.load.parsing import YamlList, YamlMap
from generator.load.webaddress import is_web_url
from generator.model import Localized
from generator.problems import Problems, visible
from generator.text import clean_name, id_problem, suggest

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
TYPE_NAMES = {
    str: "text", int: "a whole number", bool: "true or false", float: "a number",
    YamlMap: "a mapping", YamlList: "a list", type(None): "empty",
}


def describe(value: Any) -> str:
    return TYPE_NAMES.get(type(value), type(value).__name__)


class Fields:
    """One mapping of a content file, read field by field.

    Each getter returns None when the field is missing or wrong and records
    why, so validation goes on and reports every problem in one run.
    """

    def __init__(
        self, data: YamlMap, path: str, problems: Problems, known: tuple[str, ...], where: str = ""
    ):
        self.data = data
        self.path = path
        self.problems = problems
        self.where = f"{where}: " if where else ""
        for key in data:
            if key not in known:
                hint = suggest(str(key), known)
                self.problem(
                    key, f"unknown field '{key}'",
                    f"did you mean '{hint}'?" if hint else "expected one of: " + ", ".join(known),
                )

    @classmethod
    def of(
        cls, value: Any, path: str, problems: Problems, known: tuple[str, ...], where: str = "",
        line: int | None = None,
    ) -> Fields | None:
        """Fields of a value that must be a mapping, or None (and a problem)."""
        if isinstance(value, YamlMap):
            return cls(value, path, problems, known, where)
        prefix = f"{where}: " if where else ""
        problems.add(path, line, f"{prefix}expected a mapping, found {describe(value)}")
        return None

    def line(self, key: str) -> int:
        return self.data.line_of(key)

    def problem(self, key: str, message: str, hint: str | None = None) -> None:
        self.problems.add(self.path, self.line(key), self.where + message, hint)

    def _get(self, key: str, required: bool) -> Any:
        if key not in self.data or self.data[key] is None:
            if required:
                self.problems.add(
                    self.path, self.line(key), f"{self.where}missing required field '{key}'"
                )
            return None
        return self.data[key]

    def _typed(self, key: str, kind: type | tuple[type, ...], required: bool) -> Any:
        value = self._get(key, required)
        if value is None:
            return None
        # bool is an int in Python, but `true` is never a count, and YAML reads an
        # unquoted yes/no/on/off as a bool where the editor meant text
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            expected = TYPE_NAMES.get(kind if isinstance(kind, type) else kind[0], str(kind))
            hint = "put it in quotes to make it text" if isinstance(value, bool) else None
            self.problem(key, f"'{key}' must be {expected}, found {describe(value)} ({value!r})",
                         hint)
            return None
        return value

    def raw_text(self, key: str, required: bool = True) -> str | None:
        value = self._typed(key, (str, int, float), required)
        return None if value is None else str(value).strip()

    def text(self, key: str, required: bool = True) -> str | None:
        """A name or title: cleaned of invisible characters and extra spaces."""
        value = self.raw_text(key, required)
        if value is not None and not clean_name(value):
            self.problem(key, f"'{key}' is empty")
            return None
        return None if value is None else clean_name(value)

    def boolean(self, key: str) -> bool | None:
        return self._typed(key, bool, required=False)

    def integer(self, key: str, required: bool = False, minimum: int = 0) -> int | None:
        value = self._typed(key, int, required)
        if value is not None and value < minimum:
            self.problem(key, f"'{key}' must be at least {minimum}, found {value}")
            return None
        return value

    def identifier(self, key: str, required: bool = True) -> str | None:
        value = self.raw_text(key, required)
        problem = None if value is None else id_problem(value)
        if problem:
            self.problem(key, f"'{key}' {problem}")
            return None
        return value

    def date(self, key: str, required: bool = True) -> dt.date | None:
        value = self.raw_text(key, required)
        if value is None:
            return None
        if not ISO_DATE.fullmatch(value):
            self.problem(key, f"'{key}' must be an ISO date like 2023-10-10, found '{value}'")
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.problem(key, f"date '{value}' does not exist")
            return None

    def url(self, key: str, required: bool = False) -> str | None:
        value = self.raw_text(key, required)
        if value is not None and not is_web_url(value):
            self.problem(key, f"'{key}' must be an http:// or https:// URL, found "
                              f"'{visible(value)}'")
            return None
        return value

    def mapping(self, key: str, known: tuple[str, ...], required: bool = True) -> Fields | None:
        value = self._get(key, required)
        if value is None:
            return None
        return Fields.of(value, self.path, self.problems, known, self.where.rstrip(": "),
                         self.line(key))

    def keyed(self, key: str) -> Fields | None:
        """An optional mapping whose keys are the editor's own ids (site.yaml's themes)."""
        value = self._typed(key, YamlMap, required=False)
        return None if value is None else Fields(value, self.path, self.problems,
                                                 tuple(value), key)

    def localized(self, key: str, required: bool = True, clean: bool = True) -> Localized | None:
        """A {th: ..., en: ...} mapping; both languages are required."""
        fields = self.mapping(key, ("th", "en"), required)
        if fields is None:
            return None
        read = fields.text if clean else fields.raw_text
        th, en = read("th"), read("en")
        return Localized(th, en) if th is not None and en is not None else None

    def items(self, key: str, required: bool = False) -> Iterator[tuple[Any, int]]:
        """The items of a list field with their lines."""
        value = self._typed(key, YamlList, required)
        for index, item in enumerate(value or ()):
            yield item, value.line_of(index)

    def text_list(self, key: str) -> tuple[str, ...]:
        result = []
        for item, line in self.items(key):
            if isinstance(item, str | int) and clean_name(str(item)):
                result.append(clean_name(str(item)))
            else:
                self.problems.add(self.path, line, f"{self.where}each of '{key}' must be text")
        return tuple(result)
