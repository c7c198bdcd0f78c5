"""The pipeline flows one way: a module imports only from lower layers (STYLE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
LAYERS = {
    "problems": 0, "model": 0, "text": 0.2, "parallel": 0, "store": 0, "places": 0,
    "layout": 0.5, "media": 1, "destination": 0.5, "webaddress": 0.5,
    "sources": 1, "uptodate": 2, "reference": 1, "urls": 1, "markup": 1, "output": 1,
    "fields": 2, "geography": 2,
    "validate": 3, "writeups": 3, "opendata": 3, "explorer": 3, "stats": 3,
    "content": 4, "graph": 4,
    "badges": 1, "structured": 2,
    "render": 5, "sitemap": 5, "feeds": 6, "share": 6, "artwork": 6.5,
    "build": 7, "quick": 7.5,
    "watcher": 7.8, "liveserver": 7.8,
    "serve": 8, "cli": 8,
}


def imports_of(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
            parts = node.module.split(".")
            found |= {parts[1]} if len(parts) > 1 else {alias.name for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("generator.")}
    return found


def test_every_module_has_a_layer():
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "__main__"}
    assert modules <= set(LAYERS), modules - set(LAYERS)


def test_modules_import_only_lower_layers():
    for path in PACKAGE.glob("*.py"):
        if path.stem in ("__init__", "__main__"):
            continue
        for imported in imports_of(path):
            assert LAYERS[imported] < LAYERS[path.stem] or (
                path.stem, imported) == ("cli", "serve"), f"{path.stem} imports {imported}"
