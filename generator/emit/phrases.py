"""The interface strings (templates/strings.yaml): loaded, checked, and phrased."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class TemplateProblem(Exception):
    """A template or interface-string mistake, reported like a content problem."""


def load_strings(path: Path, languages: tuple[str, ...]) -> dict[str, dict[str, str]]:
    strings = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    missing = [f"{key}.{lang}" for key, texts in strings.items() for lang in languages
               if not isinstance(texts, dict) or lang not in texts]
    if missing:
        raise TemplateProblem(f"{path}: interface strings missing: {', '.join(missing)}")
    return strings


def phrase(strings: dict[str, dict[str, Any]], key: str, lang: str, n: int | None = None,
           form: str | None = None, **words: Any) -> str:
    """An interface string. With `n`, a string given as [one, other] takes the form
    for that count ("1 award", "2 awards"; Thai has one form) and {n} is the count;
    `form` ('one' or 'other') picks one and leaves {n} for a script to fill.
    Other {names} are filled from `words`."""
    try:
        text = strings[key][lang]
    except KeyError:
        raise TemplateProblem(f"interface string '{key}' is not in strings.yaml") from None
    if isinstance(text, list):
        if n is None and form is None:
            raise TemplateProblem(f"interface string '{key}' needs a count (n=...)")
        text = text[0] if n == 1 or form == "one" else text[1]
    if n is not None:
        text = text.replace("{n}", f"{n:,}")
    for name, word in words.items():
        text = text.replace("{" + name + "}", str(word))
    return text
