"""Where a line may break in Thai. Thai has no spaces between words, so a browser
breaks lines with its own dictionary, which does not know our place names: it
writes เทศบาลตำบลเขตรอุ|ดมศักดิ์ and บวก|ค้าง. Names are therefore set whole, with
one break allowed between the LAO type (or จังหวัด) and the place, and a longer
Thai text is cut into words here, with pythainlp and a dictionary that knows the
site's names, each word kept whole."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from markupsafe import Markup, escape

from generator.cache.keys import content_key
from generator.cache.parallel import serially
from generator.cache.store import Store
from generator.load import reference
from generator.model import Catalog
from generator.text import SEGMENTER, thai_words

THAI_RUN = re.compile(r"[\u0e00-\u0e7f]+")
PROVINCE_WORD = "จังหวัด"
THAI_PREFIXES = tuple(sorted({p for t in reference.LAO_TYPES for p in t.prefixes
                              if THAI_RUN.fullmatch(p) and len(p) > 3} | {PROVINCE_WORD},
                             key=len, reverse=True))


def _whole(text: str) -> str:
    return f'<span class="nw">{escape(text)}</span>'


@lru_cache(maxsize=16384)  # the same provinces, tiers and LAOs on thousands of pages
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


def clip(text: str, limit: int, pieces: Callable[[str], list[str]] | None = None) -> str:
    """Text of at most `limit` characters, cut between words (Thai words by pythainlp,
    never inside a syllable), with an ellipsis when cut. `pieces`: a Typesetter's,
    which knows the names and the build's prepared cuts."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    # Thai puts a space between phrases: cut there when one is near enough; only
    # a long run without one needs pythainlp's dictionary
    space = text.rfind(" ", 0, limit)
    if space < limit * 2 // 3 and THAI_RUN.search(text[space + 1:limit]):
        kept = ""
        for word in (pieces or _newmm)(text):
            if len(kept) + len(word) > limit - 1:
                break
            kept += word
    else:
        kept = text[:max(space, 0)]
    return kept.rstrip(" ·:,") + "…"


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
        # a set and each first letter's lengths: a regex of thousands of alternatives
        # would try each of them at every letter of every title
        self.names = {n for n in names if THAI_RUN.fullmatch(n)}
        lengths: dict[str, set[int]] = {}
        for name in self.names:
            lengths.setdefault(name[0], set()).add(len(name))
        self.lengths = {first: sorted(found, reverse=True) for first, found in lengths.items()}
        self.words = lru_cache(maxsize=8192)(self._words)

    def prepare(self, texts: list[str], store: Store | None,
                mapper: Callable[..., list] | None = None) -> None:
        """Cut the stretches of these texts between names now: from the store, or with
        newmm on every core (`mapper`), kept in memory and in the store. A warm build
        then never loads pythainlp's dictionary for the pages (about a second)."""
        stretches = {stretch for text in texts for run in THAI_RUN.findall(text)
                     for stretch, is_name in self._parts(run) if not is_name and stretch}
        keys = {_key(stretch): stretch for stretch in stretches if stretch not in _memo}
        for key, (value, trusted) in (store.get_many(keys) if store and keys else {}).items():
            if trusted:
                _memo[keys.pop(key)] = tuple(value.decode().split(SEPARATOR))
        if not keys:
            return
        todo = list(keys.values())
        if mapper is not None:
            _newmm("ก")  # load pythainlp's dictionary once, before the workers fork
        made = dict(zip(todo, (mapper or serially)(_newmm, todo), strict=True))
        _memo.update(made)
        if store is not None:
            store.put_many({_key(stretch): SEPARATOR.join(words).encode()
                            for stretch, words in made.items()})

    def pieces(self, text: str) -> list[str]:
        """The text as words and the spaces between them, names whole, from the cuts
        prepared for this build (so no dictionary is loaded to cut a prepared text)."""
        found: list[str] = []
        position = 0
        for run in THAI_RUN.finditer(text):
            found += re.split(r"(\s+)", text[position:run.start()])
            for stretch, is_name in self._parts(run.group()):
                if stretch:
                    found += [stretch] if is_name else list(
                        _memo.get(stretch) or _memo.setdefault(stretch, _newmm(stretch)))
            position = run.end()
        found += re.split(r"(\s+)", text[position:])
        return [piece for piece in found if piece]

    def _words(self, text: str) -> Markup:
        parts: list[str] = []
        position = 0
        for run in THAI_RUN.finditer(text):
            parts.append(str(escape(text[position:run.start()])))
            pieces = []
            for stretch, is_name in self._parts(run.group()):
                pieces += [_whole(stretch)] if is_name else _dictionary_words(stretch)
            parts.append("<wbr>".join(pieces))
            position = run.end()
        parts.append(str(escape(text[position:])))
        return Markup("".join(parts))

    def _parts(self, run: str) -> list[tuple[str, bool]]:
        """A Thai run as (stretch, is a name) in order."""
        parts: list[tuple[str, bool]] = []
        start = position = 0
        while position < len(run):
            name = next((run[position:position + length]
                         for length in self.lengths.get(run[position], ())
                         if run[position:position + length] in self.names), None)
            if name is None:
                position += 1
                continue
            parts += [(run[start:position], False), (name, True)]
            start = position = position + len(name)
        return parts + [(run[start:], False)]


SEPARATOR = "\x1f"
_memo: dict[str, tuple[str, ...]] = {}  # stretch -> its words; kept for awards serve


def _key(stretch: str) -> bytes:
    return content_key("thai-words", SEGMENTER, stretch)


def _newmm(text: str) -> tuple[str, ...]:
    """Words of a text: a Thai one's (any text the build prepared) by the one word
    cutter; a mixed one, which only clip() cuts when not given a Typesetter's
    pieces, by pythainlp's newmm, which also splits the Latin between them."""
    if THAI_RUN.fullmatch(text):
        return tuple(thai_words(text))
    from pythainlp.tokenize import word_tokenize
    return tuple(word_tokenize(text, engine="newmm", keep_whitespace=True))


def _dictionary_words(stretch: str) -> list[str]:
    if not stretch:
        return []
    words = _memo.get(stretch)
    if words is None:  # a text the build did not prepare
        words = _memo[stretch] = _newmm(stretch)
    return [_whole(w) if len(w) > 1 else str(escape(w)) for w in words]
