"""The search tests' data, shared by tests/test_search.py and tests/test_browser.py."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
CONTENT = HERE.parent / "content"
CASES = json.loads((HERE / "search_cases.json").read_text(encoding="utf-8"))
QUERIES = yaml.safe_load((HERE / "search_queries.yaml").read_text(encoding="utf-8"))


def search_content(folder: Path) -> Path:
    """The bundled 2566 year and the synthetic year that tests spellings and abbreviations:
    the queries' expected rows stay put as the archive gains earlier years."""
    shutil.copytree(CONTENT, folder)
    for award in (folder / "awards").glob("*.yaml"):
        if award.stem != "2566":
            award.unlink()
            shutil.rmtree(folder / "entries" / award.stem, ignore_errors=True)
    shutil.copy(HERE / "fixtures" / "2567.yaml", folder / "awards" / "2567.yaml")
    return folder


def in_2566(query: str) -> tuple[list[str], list[str]]:
    """The query set's rows of 2566 for a query: those matched in their fields, and all."""
    [item] = [item for item in QUERIES if item["query"] == query]
    fields = [key for key in item["fields"] if key.startswith("2566/")]
    return fields, sorted(fields + [key for key in item["writeups"] if key.startswith("2566/")])
