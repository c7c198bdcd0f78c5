"""The explorer's full-text index: the words of every write-up (site/matching)."""

from __future__ import annotations

import html
import json
import re

from generator.model import Catalog
from generator.site.matching import record_words, rules

TAG = re.compile(r"<[^>]+>")


def search_index(catalog: Catalog) -> bytes:
    """data/search.json: each write-up's words, keyed by 'year/id'."""
    return json.dumps(writeup_words(catalog), ensure_ascii=False, sort_keys=True).encode("utf-8")


def writeup_words(catalog: Catalog) -> dict[str, str]:
    """The words of every winner's write-ups (summaries included), in all languages."""
    replacements = rules(catalog.site.spellings)
    found = {}
    for winner in catalog.winners:
        parts = tuple(part for writeup in winner.writeups.values()
                      for part in (writeup.summary or "", writeup.html))
        if parts:
            key = (parts, tuple(replacements))
            words = _search_words.get(key)
            if words is None:
                if len(_search_words) > 100_000:
                    _search_words.clear()
                plain = [part if index % 2 == 0 else html.unescape(TAG.sub(" ", part))
                         for index, part in enumerate(parts)]  # (summary, HTML) pairs
                words = _search_words[key] = " ".join(record_words(plain, replacements))
            found[f"{winner.year}/{winner.id}"] = words
    return found


# Remembered per process: after an edit under `awards serve`, one text is keyed again
_search_words: dict[tuple, str] = {}
