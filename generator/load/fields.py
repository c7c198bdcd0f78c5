"""Typed access to one YAML mapping, turning every mismatch into a Problem."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from generator.load.parsing import YamlList, YamlMap
from generator.load.shapes import LOCALIZED, Field, Shape, keyed
from generator.load.webaddress import is_web_url
from generator.model import Localized
from generator.problems import Problems, visible
from generator.text import clean_name, control_problem, id_problem, suggest

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
TYPE_NAMES = {
    str: "text", int: "a whole number", bool: "true or false", float: "a number",
    YamlMap: "a mapping", YamlList: "a list", type(None): "empty",
}


# Kinds read as plain trimmed text; their own rules are checked by their readers
RAW_TEXT = ("text", "lao-type", "base-url", "hostname", "mail-or-https", "lao-code")
CONTROL_HINT = "delete it: it was probably pasted with the text"
LISTS = ("list", "ids", "texts", "themes", "languages", "spellings")


def describe(value: Any) -> str:
    return TYPE_NAMES.get(type(value), type(value).__name__)


class Fields:
    """One mapping of a content file, read field by field as its Shape declares.

    Each getter returns None when the field is missing or wrong and records
    why, so validation goes on and reports every problem in one run. Whether a
    field is required comes from the shape; reading a field the shape does not
    declare, or as another kind, is a programming error (UndeclaredField).
    """

    def __init__(self, data: YamlMap, path: str, problems: Problems, shape: Shape, where: str = ""):
        self.data = data
        self.path = path
        self.problems = problems
        self.shape = shape
        self.where = f"{where}: " if where else ""
        for key in data:
            if key not in shape.fields:
                hint = suggest(str(key), shape.names)
                self.problem(
                    key, f"unknown field '{visible(key)}'",
                    f"did you mean '{hint}'?" if hint else "expected one of: "
                    + ", ".join(shape.names),
                )

    @classmethod
    def of(
        cls, value: Any, path: str, problems: Problems, shape: Shape, where: str = "",
        line: int | None = None,
    ) -> Fields | None:
        """Fields of a value that must be a mapping, or None (and a problem)."""
        if isinstance(value, YamlMap):
            return cls(value, path, problems, shape, where)
        prefix = f"{where}: " if where else ""
        problems.add(path, line, f"{prefix}expected a mapping, found {describe(value)}")
        return None

    def line(self, key: str) -> int:
        return self.data.line_of(key)

    def problem(self, key: str, message: str, hint: str | None = None) -> None:
        self.problems.add(self.path, self.line(key), self.where + message, hint,
                          self.data.column_of(key))

    def declared(self, key: str, *kinds: str) -> Field:
        field = self.shape.fields.get(key)
        if field is None or field.kind not in kinds:
            raise UndeclaredField(f"{self.shape.title}: '{key}' is not declared as "
                                  f"{' or '.join(kinds)} in generator/load/shapes.py")
        return field

    def _get(self, key: str, field: Field) -> Any:
        if key not in self.data or self.data[key] is None:
            if field.required and not any(self.data.get(other) is not None
                                          for other in field.or_else):
                self.problems.add(
                    self.path, self.line(key), f"{self.where}missing required field '{key}'",
                    " or ".join(f"'{other}'" for other in field.or_else) + " would do instead"
                    if field.or_else else None,
                    column=self.data.column_of(key) if key in self.data else None,
                )
            return None
        return self.data[key]

    def _typed(self, key: str, field: Field, kind: type | tuple[type, ...]) -> Any:
        value = self._get(key, field)
        if value is None:
            return None
        # bool is an int in Python, but `true` is never a count, and YAML reads an
        # unquoted yes/no/on/off as a bool where the editor meant text
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            expected = TYPE_NAMES.get(kind if isinstance(kind, type) else kind[0], str(kind))
            hint = "put it in quotes to make it text" if isinstance(value, bool) else None
            self.problem(key, f"'{key}' must be {expected}, found {describe(value)}"
                              f"{_quoted(value)}", hint)
            return None
        return value

    def _text(self, key: str, field: Field) -> str | None:
        value = self._typed(key, field, (str, int, float))
        return None if value is None else str(value).strip()

    def raw_text(self, key: str) -> str | None:
        """Text as written (trimmed): a code, an address, a file name."""
        return self._text(key, self.declared(key, *RAW_TEXT))

    def text(self, key: str) -> str | None:
        """A name or title: cleaned of invisible characters and extra spaces."""
        value = self._text(key, self.declared(key, "text", "province"))
        control = None if value is None else control_problem(value)
        if control:
            self.problem(key, f"'{key}' {control}", CONTROL_HINT)
            return None
        if value is not None and not clean_name(value):
            self.problem(key, f"'{key}' is empty")
            return None
        return None if value is None else clean_name(value)

    def boolean(self, key: str) -> bool | None:
        return self._typed(key, self.declared(key, "boolean"), bool)

    def integer(self, key: str) -> int | None:
        field = self.declared(key, "integer")
        value = self._typed(key, field, int)
        if value is not None and field.minimum is not None and value < field.minimum:
            self.problem(key, f"'{key}' must be at least {field.minimum}, found {value}")
            return None
        return value

    def identifier(self, key: str) -> str | None:
        value = self._text(key, self.declared(key, "id"))
        problem = None if value is None else id_problem(value)
        if problem:
            self.problem(key, f"'{key}' {problem}")
            return None
        return value

    def date(self, key: str) -> dt.date | None:
        value = self._text(key, self.declared(key, "date"))
        if value is None:
            return None
        if not ISO_DATE.fullmatch(value):
            self.problem(key, f"'{key}' must be an ISO date like 2023-10-10, found '{visible(value)}'")
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.problem(key, f"date '{visible(value)}' does not exist")
            return None

    def url(self, key: str) -> str | None:
        value = self._text(key, self.declared(key, "url"))
        if value is not None and not is_web_url(value):
            self.problem(key, f"'{key}' must be an http:// or https:// URL, found "
                              f"'{visible(value)}'")
            return None
        return value

    def mapping(self, key: str) -> Fields | None:
        field = self.declared(key, "mapping")
        return self._mapping(key, field, field.shape)

    def _mapping(self, key: str, field: Field, shape: Shape, where: str | None = None
                 ) -> Fields | None:
        value = self._get(key, field)
        if value is None:
            return None
        where = self.where.rstrip(": ") if where is None else where
        return Fields.of(value, self.path, self.problems, shape, where, self.line(key))

    def keyed(self, key: str) -> Fields | None:
        """A mapping whose keys are the editor's own ids (site.yaml's themes)."""
        value = self._typed(key, self.declared(key, "words"), YamlMap)
        return None if value is None else Fields(value, self.path, self.problems,
                                                 keyed(tuple(value), key), key)

    def localized(self, key: str, clean: bool = True) -> Localized | None:
        """A {th: ..., en: ...} mapping; both languages are required."""
        # named, since "missing required field 'en'" alone does not say of which
        fields = self._mapping(key, self.declared(key, "localized"), LOCALIZED,
                               self.where + str(key))
        if fields is None:
            return None
        read = fields.text if clean else fields.raw_text
        th, en = read("th"), read("en")
        return Localized(th, en) if th is not None and en is not None else None

    def items(self, key: str) -> Iterator[tuple[Any, int]]:
        """The items of a list field with their lines."""
        value = self._typed(key, self.declared(key, *LISTS), YamlList)
        for index, item in enumerate(value or ()):
            yield item, value.line_of(index)

    def text_list(self, key: str) -> tuple[str, ...]:
        result = []
        for item, line in self.items(key):
            control = control_problem(item) if isinstance(item, str) else None
            if control:
                self.problems.add(self.path, line, f"{self.where}'{key}' {control}", CONTROL_HINT)
            elif isinstance(item, str | int) and clean_name(str(item)):
                result.append(clean_name(str(item)))
            else:
                # `- one: two` is a mapping to YAML, where the editor meant text
                hint = "put it in quotes: YAML reads ': ' as a key and its value" if isinstance(
                    item, YamlMap) else None
                self.problems.add(self.path, line, f"{self.where}each of '{key}' must be text",
                                  hint)
        return tuple(result)


def _quoted(value: Any) -> str:
    """A scalar as a message quotes it, cut short; nothing for a mapping or list,
    whose type is said already (and which an alias may have made enormous)."""
    if isinstance(value, YamlMap | YamlList):
        return ""
    return f" ('{visible(value)}')" if isinstance(value, str) else f" ({visible(value)})"


class UndeclaredField(LookupError):
    """The validator reads a field that shapes.py does not declare (a bug, not content)."""
