"""/data/datapackage.json: winners.csv as a Frictionless Tabular Data Package, so
that open-data tools (frictionless, pandas readers, CKAN) load it with its types."""

from __future__ import annotations

import json
from typing import Any

from generator.model import Catalog
from generator.site import urls
from generator.site.dictionary import FIELDS, PROVINCE_FIELDS, Field

LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}


def datapackage_json(catalog: Catalog) -> bytes:
    site = catalog.site
    sources = {(s.title.en, s.url): s for year in catalog.years for s in year.sources}
    package = {
        "profile": "tabular-data-package",
        "name": "dga-local-government-awards",
        "title": site.title.en,
        "description": f"{site.title.th} ({site.title.en}): every winner, all years. "
                       "Thai and English labels for every coded value.",
        "homepage": site.base_url,
        "licenses": [LICENCE],
        "sources": [{"title": f"{s.publisher.en}: {s.title.en} ({s.date.isoformat()})",
                     **({"path": s.url} if s.url else {})} for s in sources.values()],
        "resources": [
            _resource("winners", urls.CSV_DATA, "Winners of the Digital Local Government Awards",
                      FIELDS, ["year", "id"]),
            _resource("provinces", urls.PROVINCES_CSV,
                      "Awards by province, all 77 provinces, in the award years "
                      f"{', '.join(str(year.be) for year in reversed(catalog.years))} (B.E.)",
                      PROVINCE_FIELDS, ["code"]),
        ],
    }
    return (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _resource(name: str, path: str, title: str, fields: tuple[Field, ...],
              key: list[str]) -> dict[str, Any]:
    return {
        "profile": "tabular-data-resource",
        "name": name,
        "path": path.rsplit("/", 1)[-1],  # beside this file
        "title": title,
        "format": "csv",
        "mediatype": "text/csv",
        # the BOM that lets spreadsheet programs read the Thai (contract §4)
        "encoding": "utf-8-sig",
        "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
        "schema": {
            "fields": [_schema_field(f) for f in fields if f.column],
            "primaryKey": key,
            "missingValues": [""],
        },
    }


def _schema_field(field: Field) -> dict[str, Any]:
    described: dict[str, Any] = {
        "name": field.column,
        # a list is written as text joined with ';' (see the description)
        "type": "string" if field.type == "list" else field.type,
        "description": field.en,
    }
    if field.format:
        described["format"] = field.format
    if field.type == "boolean":
        described.update(trueValues=["true"], falseValues=["false"])
    constraints: dict[str, Any] = {}
    if field.required:
        constraints["required"] = True
    if field.values:
        constraints["enum"] = list(field.values)
    if field.pattern:
        constraints["pattern"] = field.pattern
    if constraints:
        described["constraints"] = constraints
    return described
