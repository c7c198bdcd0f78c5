"""The explorer's full-text index: the plain text of every write-up."""

from __future__ import annotations

import html
import json

from generator.model import Catalog
from generator.site.explorer import TAG
from generator.text import search_key


def search_index(catalog: Catalog) -> bytes:
    """data/search.json: each write-up's text as the explorer matches it."""
    return json.dumps(writeup_texts(catalog), ensure_ascii=False, sort_keys=True).encode("utf-8")


def writeup_texts(catalog: Catalog) -> dict[str, str]:
    """Plain text of every write-up, both languages, keyed by 'year/id', for full-text search."""
    texts = {}
    for winner in catalog.winners:
        parts = tuple(part for writeup in winner.writeups.values()
                      for part in (writeup.summary or "", writeup.html))
        if parts:
            key = _search_texts.get(parts)
            if key is None:
                if len(_search_texts) > 100_000:
                    _search_texts.clear()
                plain = [part if index % 2 == 0 else html.unescape(TAG.sub(" ", part))
                         for index, part in enumerate(parts)]  # (summary, HTML) pairs
                key = _search_texts[parts] = search_key(" ".join(plain))
            texts[f"{winner.year}/{winner.id}"] = key
    return texts


# Remembered per process: after an edit under `awards serve`, one text is keyed again
_search_texts: dict[tuple[str, ...], str] = {}
