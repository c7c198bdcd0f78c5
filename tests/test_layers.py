"""The pipeline flows one way (STYLE.md): a module imports only from its own folder,
the base, or folders earlier in the pipeline; nothing imports cli or serve."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
# The base, then the folders in pipeline order; cli comes last
BASE = {"problems", "model", "text", "bundled", "languages", "shelf"}
ORDER = ["base", "work", "cache", "load", "site", "emit", "build", "serve", "cli"]
LINES = 260  # "small enough to read in one sitting"


def place(module: str) -> str:
    """The folder of a dotted module under generator ('base' for the base)."""
    parts = module.split(".")
    if len(parts) == 1:
        return "base" if parts[0] in BASE else parts[0]
    return parts[0]


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).with_suffix("")
        if rel.name in ("__init__", "__main__"):
            continue
        found[".".join(rel.parts)] = path
    return found


def imports_of(path: Path, module: str) -> set[str]:
    """Modules under generator that a file imports, as dotted names."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
            rest = node.module.split(".")[1:]
            if rest:
                target = ".".join(rest)
                known = modules()
                found |= {f"{target}.{a.name}" if f"{target}.{a.name}" in known else target
                          for a in node.names}
            else:
                found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name.removeprefix("generator.") for a in node.names
                      if a.name.startswith("generator.")}
    return found


def test_every_module_lives_in_a_known_place():
    for module in modules():
        assert place(module) in ORDER, f"{module} is in no folder of the pipeline"


def test_modules_import_only_their_own_folder_the_base_or_earlier_folders():
    for module, path in modules().items():
        mine = ORDER.index(place(module))
        for imported in imports_of(path, module):
            theirs = ORDER.index(place(imported))
            assert theirs < mine or (theirs == mine and place(module) != "base") or (
                place(module) == place(imported) == "base" and imported != module
                and (module, imported) in BASE_IMPORTS), f"{module} imports {imported}"


# Within the base: text and cli need problems, model its languages and where a write-up
# is kept; nothing else imports across it
BASE_IMPORTS = {("text", "problems"), ("model", "languages"), ("model", "shelf")}


def test_modules_are_small_enough_to_read_in_one_sitting():
    for module, path in modules().items():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= LINES, f"{module} has {lines} lines"
