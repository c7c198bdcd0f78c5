"""Where a line may break in Thai. Thai has no spaces between words, so a browser
breaks lines with its own dictionary, which does not know our place names: it
writes เทศบาลตำบลเขตรอุ|ดมศักดิ์ and บวก|ค้าง. Names are therefore set whole, with
one break allowed between the LAO type (or จังหวัด) and the place, and a longer
Thai text is cut into words here, with pythainlp and a dictionary that knows the
site's names, each word kept whole."""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup, escape
from pythainlp.tokenize import word_tokenize

from generator.load import reference
from generator.model import Catalog

THAI_RUN = re.compile(r"[\u0e00-\u0e7f]+")
PROVINCE_WORD = "จังหวัด"
THAI_PREFIXES = tuple(sorted({p for t in reference.LAO_TYPES for p in t.prefixes
                              if THAI_RUN.fullmatch(p) and len(p) > 3} | {PROVINCE_WORD},
                             key=len, reverse=True))


def _whole(text: str) -> str:
    return f'<span class="nw">{escape(text)}</span>'


def unbroken(name: str) -> Markup:
    """A Thai name that breaks, if it must, only between its type and its place:
    เทศบาลตำบล|บวกค้าง, จังหวัด|ลำพูน. An English one breaks between words."""
    for prefix in THAI_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            place = name[len(prefix):].lstrip()
            return Markup(f"{_whole(prefix)}<wbr>{_whole(place)}")
    if not THAI_RUN.search(name):  # English breaks between words, as it should
        return escape(name)
    return Markup(_whole(name))


class Typesetter:
    """Cuts Thai text into words that the browser keeps whole. The names of one
    catalog's LAOs, provinces and tiers are found first and kept whole; the text
    between them is cut with pythainlp's own dictionary (newmm)."""

    def __init__(self, catalog: Catalog):
        names = {p.name.th for p in catalog.provinces}
        names |= {t.name.th for t in catalog.tiers}
        for lao in catalog.laos:
            names.add(lao.name.th)
            names |= {lao.name.th[len(p):] for p in lao.type.prefixes
                      if lao.name.th.startswith(p) and len(lao.name.th) > len(p)}
        thai = sorted((n for n in names if THAI_RUN.fullmatch(n)), key=len, reverse=True)
        self.names = re.compile("|".join(map(re.escape, thai))) if thai else None
        self.words = lru_cache(maxsize=4096)(self._words)

    def _words(self, text: str) -> Markup:
        parts: list[str] = []
        position = 0
        for run in THAI_RUN.finditer(text):
            parts.append(str(escape(text[position:run.start()])))
            parts.append("<wbr>".join(self._cut(run.group())))
            position = run.end()
        parts.append(str(escape(text[position:])))
        return Markup("".join(parts))

    def _cut(self, run: str) -> list[str]:
        pieces: list[str] = []
        start = 0
        for name in self.names.finditer(run) if self.names else ():
            pieces += self._dictionary_words(run[start:name.start()])
            pieces.append(_whole(name.group()))
            start = name.end()
        return pieces + self._dictionary_words(run[start:])

    @staticmethod
    def _dictionary_words(text: str) -> list[str]:
        words = word_tokenize(text, engine="newmm", keep_whitespace=True) if text else []
        return [_whole(w) if len(w) > 1 else str(escape(w)) for w in words]
