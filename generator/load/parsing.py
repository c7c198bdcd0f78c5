"""Parsing content files: bytes to clean text, YAML that remembers its lines, front matter."""

from __future__ import annotations

import re
from typing import Any

import yaml

from generator.load.layout import ContentFile
from generator.load.reading import FileTooLarge, read_bytes
from generator.problems import Problems, visible
from generator.text import is_thai, normalize_source

TIMESTAMP = "tag:yaml.org,2002:timestamp"
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE


class YamlMap(dict):
    """A YAML mapping that knows the line of itself and of each key."""

    line: int = 0
    column: int = 1
    key_lines: dict[Any, int]
    key_columns: dict[Any, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)

    def column_of(self, key: str) -> int:
        return self.key_columns.get(key, self.column)


class YamlList(list):
    """A YAML sequence that knows the line of itself and of each item."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _Constructing:
    """Reports duplicate keys and leaves dates as text.

    Dates stay text so that validation can report a date that does not
    exist (2023-02-30) with its line, instead of a bare ValueError.
    """

    path: str
    problems: Problems

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # Explicit tags such as `!!int abc` fail in Python with no line; give it one
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError) as error:
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read this value ({error})", node.start_mark
            ) from None


# Values that aliases may repeat in one document. A source repeated for every winner
# of a year is a few hundred; ten lines of nested aliases (a "billion laughs") would
# be billions, and a message quoting one of them would take all the memory there is.
MAX_ALIASED = 10_000


def aliased(node: yaml.Node, sizes: dict[int, float]) -> float:
    """How many values `node` stands for with its aliases written out (inf for an
    alias inside its own anchor). `sizes` remembers each node's: a node is counted
    once however often it is used, so this costs what the file's size does."""
    size = sizes.get(id(node))
    if size is None:
        sizes[id(node)] = float("inf")  # until counted: met again inside itself
        if isinstance(node, yaml.MappingNode):
            children = [child for pair in node.value for child in pair]
        else:
            children = node.value if isinstance(node, yaml.SequenceNode) else ()
        sizes[id(node)] = size = 1 + sum(aliased(child, sizes) for child in children)
    return size


class _Loader(_Constructing, yaml.SafeLoader):
    """The pure-Python parser: slow, but its error messages are the ones we report."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self.aliased_values, self.sizes = 0, {}

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        """An alias that repeats too much, or itself, is a problem at its line."""
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            node = self.anchors.get(event.anchor)
            if node is not None:
                if node.end_mark is None:  # the anchor's value is still being read
                    raise yaml.composer.ComposerError(
                        None, None, f"the alias *{event.anchor} is inside the value it names",
                        event.start_mark)
                self.aliased_values += aliased(node, self.sizes)
                if self.aliased_values > MAX_ALIASED:
                    raise yaml.composer.ComposerError(
                        None, None, f"aliases repeat more than {MAX_ALIASED:,} values here "
                        f"(*{event.anchor}); write the values out instead", event.start_mark)
        return super().compose_node(parent, index)


# libyaml's parser is ~10x faster; its errors are worded differently, so any
# error sends the text back through _Loader and editors see one wording only.
_FastLoader = type("_FastLoader", (_Constructing, getattr(yaml, "CSafeLoader", yaml.SafeLoader)), {})

for _loader in (_Loader, _FastLoader):
    _loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def _construct_map(loader: _Loader, node: yaml.MappingNode):
    data = YamlMap()
    data.line, data.column = node.start_mark.line + 1, node.start_mark.column + 1
    data.key_lines, data.key_columns = {}, {}
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str | int | float | bool) or key is None:
            loader.problems.add(loader.path, line, "a mapping key must be plain text")
            continue
        if key in data:
            loader.problems.add(
                loader.path, line,
                f"duplicate key '{visible(key)}' (first given on line {data.key_lines[key]})",
                column=key_node.start_mark.column + 1,
            )
            continue
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = line
        data.key_columns[key] = key_node.start_mark.column + 1


def _construct_seq(loader: _Loader, node: yaml.SequenceNode):
    data = YamlList()
    data.line = node.start_mark.line + 1
    data.item_lines = [child.start_mark.line + 1 for child in node.value]
    yield data
    data.extend(loader.construct_object(child, deep=True) for child in node.value)


for _loader in (_Loader, _FastLoader):
    _loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
    _loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


# C0 and C1 controls but tab and line end: never typed, only pasted by accident, and
# Python-Markdown uses U+0002/U+0003 as its own placeholders
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def read_text(file: ContentFile, shown: str, problems: Problems, limit: int) -> str | None:
    """Read a UTF-8 file of at most `limit` bytes as normalized text; anything else
    (another encoding, a control character, a file too large) is a problem."""
    try:
        data = read_bytes(file, limit)
    except FileTooLarge as error:
        problems.add(shown, None, str(error), "split it or shorten it")
        return None
    except OSError as error:
        problems.add(shown, None, f"cannot read this file ({error.strerror or error})")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        hint = "save it as UTF-8"
        try:
            if any(map(is_thai, data.decode("cp874"))):
                hint = "it looks like Thai in TIS-620/Windows-874; save it as UTF-8"
        except UnicodeDecodeError:
            pass
        problems.add(shown, line, f"file is not UTF-8 (byte 0x{data[error.start]:02x})", hint)
        return None
    text = normalize_source(text)
    control = CONTROL.search(text)
    if control:
        problems.add(shown, text.count("\n", 0, control.start()) + 1,
                     f"control character U+{ord(control[0]):04X} is not allowed",
                     "delete it: it was probably pasted by accident")
        return None
    return text


def parse_yaml(text: str, shown: str, problems: Problems, first_line: int = 1) -> Any:
    """Parse one YAML document; syntax errors become problems and give None."""
    padded = "\n" * (first_line - 1) + text
    if not _NON_PRINTABLE.search(padded):
        found, loader = Problems(), _FastLoader(padded)
        try:
            loader.path, loader.problems = shown, found
            node, sizes = loader.get_single_node(), {}
            if node is None:
                return None
            # aliases add the total less the nodes (each counted once); without "*", none
            if "*" not in padded or aliased(node, sizes) - len(sizes) <= MAX_ALIASED:
                data = loader.construct_document(node)
                if not found:
                    return data
        except (yaml.YAMLError, RecursionError):
            pass
        finally:
            loader.dispose()
    return _parse_slowly(text, shown, problems, first_line)


def _parse_slowly(text: str, shown: str, problems: Problems, first_line: int) -> Any:
    loader = None
    try:
        loader = _Loader("\n" * (first_line - 1) + text)
        loader.path = shown
        loader.problems = problems
        return loader.get_single_data()
    except yaml.reader.ReaderError as error:  # a control character, found before parsing
        line = text[: max(error.position - first_line + 1, 0)].count("\n") + first_line
        problems.add(shown, line, f"invalid YAML: control character U+{error.character:04X} "
                                  "is not allowed", "delete it: it was probably pasted by accident")
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        message = str(error.problem or error.context)
        hint = None
        if "'\\t'" in message:
            hint = "YAML indents with spaces, not tabs"
        problems.add(shown, line, f"invalid YAML: {message}", hint,
                     mark.column + 1 if mark else None)
    except yaml.YAMLError as error:
        problems.add(shown, None, f"invalid YAML: {error}")
    except RecursionError:
        problems.add(shown, None, "invalid YAML: nested too deeply")
    finally:
        if loader is not None:
            loader.dispose()
    return None


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split '---' front matter from a Markdown body.

    Returns (front matter or None, body, line number where the body starts).
    Raises ValueError when the front matter is opened but never closed.
    """
    if not text.startswith("---\n"):
        return None, text, 1
    lines = text.split("\n")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    raise ValueError("front matter opened with '---' is never closed by a '---' line")
