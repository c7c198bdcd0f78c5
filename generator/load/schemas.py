"""JSON Schemas of the content files, written from shapes.py (contract §1, §5).

Editors' tools (VS Code's YAML extension, JetBrains IDEs) read them to offer
completion and to underline a mistake as it is typed. The build publishes them
under /schema/, and the repository keeps the same bytes in schema/ (a test
compares them). They say what one file may hold; rules across files stay
with `awards check`. Their words are English, like the schema keywords
around them; `awards check` speaks to editors in full sentences.
"""

from __future__ import annotations

import json
from typing import Any

from generator.load import reference
from generator.load.shapes import AWARD_YEAR, FRONT_MATTER, LOCALIZED, NOTES, SITE, Field, Shape
from generator.text import MAX_ID_LENGTH

DIALECT = "https://json-schema.org/draft/2020-12/schema"
FILES = {
    "site.schema.json": SITE,
    "award-year.schema.json": AWARD_YEAR,
    "front-matter.schema.json": FRONT_MATTER,
    "notes.schema.json": NOTES,
}
# The repository's copy, relative to a content file's folder: content/awards/<BE>.yaml
REPOSITORY_FOLDER = "schema"

# Text: a string with something visible in it, or a number YAML read from plain digits
TEXT = {"type": ["string", "number"], "pattern": r"\S"}
ID = {"type": ["string", "integer"], "pattern": "^[a-z0-9-]+$", "maxLength": MAX_ID_LENGTH}
DATE = {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
URL = {"type": "string", "format": "uri", "pattern": r"^https?://[^\s/?#]+[^\s]*$"}


def schema_files() -> dict[str, bytes]:
    """{file name: bytes} of every schema, the same bytes on every run."""
    return {name: _dump(_document(shape)) for name, shape in FILES.items()}


def _document(shape: Shape) -> dict[str, Any]:
    return {"$schema": DIALECT, "title": shape.title, **_mapping(shape)}


def _mapping(shape: Shape) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {name: _field(field) for name, field in shape.fields.items()},
        "additionalProperties": False,
    }
    required = [name for name, field in shape.fields.items()
                if field.required and not field.or_else]
    if required:
        schema["required"] = required
    either = [(name, *field.or_else) for name, field in shape.fields.items() if field.or_else]
    if either:  # one of these names, at least
        schema["allOf"] = [{"anyOf": [{"required": [name]} for name in names]}
                           for names in either]
    return schema


def _field(field: Field) -> dict[str, Any]:
    return {"description": field.about, **_kind(field)}


def _kind(field: Field) -> dict[str, Any]:
    kind = field.kind
    if kind == "mapping":
        return _mapping(field.shape)
    if kind == "list":
        schema = {"type": "array", "items": {"title": field.shape.title, **_mapping(field.shape)}}
        return schema | ({"minItems": field.minimum} if field.minimum else {})
    if kind == "localized":
        return _mapping(LOCALIZED)
    if kind == "words":
        return {"type": "object", "propertyNames": {"pattern": ID["pattern"],
                                                    "maxLength": MAX_ID_LENGTH},
                "additionalProperties": _mapping(LOCALIZED)}
    if kind == "integer":
        return {"type": "integer"} | ({"minimum": field.minimum}
                                      if field.minimum is not None else {})
    simple = {
        "text": TEXT,
        "date": DATE,
        "url": URL,
        "id": ID,
        "boolean": {"type": "boolean"},
        "ids": {"type": "array", "items": {**ID, "type": "string"}},
        "texts": {"type": "array", "items": TEXT} | ({"minItems": field.minimum}
                                                     if field.minimum else {}),
        "themes": {"type": "array", "items": {**ID, "type": ["string", "integer"]}},
        "languages": {"type": "array", "items": {"enum": ["th", "en"]}, "uniqueItems": True},
        "base-url": {"type": "string", "format": "uri",
                     "pattern": r"^https?://[^\s/?#]+[^\s?#]*$"},
        "hostname": {"type": "string", "format": "hostname",
                     "pattern": r"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"},
        "mail-or-https": {"type": "string", "pattern": r"^(mailto:[^@\s?&,;<>\"]+@[A-Za-z0-9.-]+"
                                                       r"\.[A-Za-z]{2,63}|https://[^\s/?#]+\S*)$"},
        "lao-code": {"type": "string", "pattern": "^[0-9]{7}$"},
        "lao-type": {"enum": [lao_type.slug for lao_type in reference.LAO_TYPES]},
        "province": TEXT | {"examples": sorted(p.name.en for p in reference.provinces())},
        "spellings": {"type": "array", "items": {"type": "array", "minItems": 2,
                                                 "items": {"type": "string", "pattern": r"\S"}}},
    }
    return dict(simple[kind])


def _dump(schema: dict[str, Any]) -> bytes:
    return (json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode()


if __name__ == "__main__":  # python -m generator.load.schemas: refresh the repository's copy
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / REPOSITORY_FOLDER
    folder.mkdir(exist_ok=True)
    for name, data in schema_files().items():
        (folder / name).write_bytes(data)
        print(f"{REPOSITORY_FOLDER}/{name}")
