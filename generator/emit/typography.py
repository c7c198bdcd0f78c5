"""Where a line may break in Thai. Thai has no spaces between words, so a browser
breaks lines with its own dictionary, which does not know our place names (it
writes เทศบาลตำบลเขตรอุ|ดมศักดิ์ and บวก|ค้าง), and Chromium, Firefox and Safari each
use a different one (อา|คาร, ภาคตะวัน|ออก: issue 27). Every Thai text of a page is
therefore cut into words here, by the one cutter (text.thai_words) and a
dictionary that knows the site's names, and each word is set whole (a short one
together with the next: `units`):

    <b->หน่วยงาน</b-><b->ที่ดูแล</b-><w->ระบบ</w->

`w-` and `b-` are custom elements (valid HTML, no meaning, inline like a span)
that the stylesheet keeps on one line; after a `b-` a line may end: its ::after is
a zero-width space, and the break after it lies between two elements, where their
parent's wrapping rules apply (CSS Text 3, 5.1). The last word of a run is a `w-`, so nothing
new may break before a following ')' or ','. A word that begins with a vowel or tone mark (only
in malformed text) follows a <wbr> instead: neither Chromium nor Firefox breaks between a
zero-width space and a mark.

Why this markup and not a cheaper one: bench/thai_markup.py, which measured it. Copied and found
text is unchanged: generated content is neither copied nor searched. Names break, if they
must, only between their type (or จังหวัด) and the place: เทศบาลตำบล|บวกค้าง."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import chain, pairwise

from markupsafe import Markup, escape

from generator.cache import derived
from generator.cache.cuts import SEPARATOR, PackedCuts, pack_cuts, unpack_cuts
from generator.cache.derived import Derived, Product
from generator.cache.keys import key_of
from generator.load import reference
from generator.model import Catalog
from generator.text import SEGMENTER, THAI_RUN, WORD_CUTS, thai_words, tree_pattern

# Vowel and tone marks above and below a letter: no engine breaks before one (UAX 14, LB9)
THAI_MARKS = re.compile(r"[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
# ๆ and ฯ repeat or shorten the word before them, and never begin a line
ATTACHED = ("ๆ", "ฯ")
PROVINCE_WORD = "จังหวัด"
THAI_PREFIXES = tuple(sorted({p for t in reference.LAO_TYPES for p in t.prefixes
                              if THAI_RUN.fullmatch(p) and len(p) > 3} | {PROVINCE_WORD},
                             key=len, reverse=True))


def _whole(text: str) -> str:
    """A word set on one line; one letter with its marks cannot break, and goes bare."""
    return str(escape(text)) if len(THAI_MARKS.sub("", text)) < 2 else f"<w->{escape(text)}</w->"


def _in_turn(units: list[str]) -> str:
    """Units (HTML already) each set on one line, a line may end between two: after
    each <b->, or at a <wbr> before a unit that begins with a mark."""
    if len(units) > 1 and not any(map(THAI_MARKS.match, units[1:])):  # all but malformed text
        return "<b->" + "</b-><b->".join(units[:-1]) + f"</b-><w->{units[-1]}</w->"
    parts = []
    for unit, after in pairwise(units):
        parts.append(f"<w->{unit}</w-><wbr>" if THAI_MARKS.match(after) else f"<b->{unit}</b->")
    return "".join(parts) + f"<w->{units[-1]}</w->"


# A line may end after a unit of at least this many letters (marks not counted): a shorter word joins
# the next, a run's short last word the one before. Each place a line may end cost 14 bytes, a sixth of
# a Thai page (issue 26; 9 now); one after ที่ or ใน lets a line hold at most four more letters.
SHORTEST_UNIT = 5


def units(words: list[str] | tuple[str, ...]) -> list[str]:
    """A run's words as the units a line may end between (SHORTEST_UNIT): each is one
    or more whole words, so a line still never ends inside a word."""
    made: list[str] = []
    unit, letters = "", 0
    for word in words:
        unit += word
        letters += _LETTERS.get(word) or _letters(word)
        if letters >= SHORTEST_UNIT:
            made.append(unit)
            unit, letters = "", 0
    if unit:
        made[-1:] = [made[-1] + unit] if made else [unit]
    return made


_LETTERS: dict[str, int] = {}  # a site's dictionary words, asked for again and again


def _letters(word: str) -> int:
    """The letters of a word, its marks not counted (kept for 65,536 words)."""
    letters = len(word) - len(THAI_MARKS.findall(word))
    if len(_LETTERS) < 65536:
        _LETTERS[word] = letters
    return letters


def cut(run: str) -> tuple[str, ...]:
    """A Thai run as the words a line may end between: the one cutter's
    (text.thai_words), with ๆ and ฯ kept with theirs. Names are found before it is
    asked (Typesetter)."""
    words: list[str] = []
    for word in thai_words(run):
        if words and word in ATTACHED and not words[-1].isspace():
            words[-1] += word
        else:
            words.append(word)
    return tuple(words)


def split_words(text: str, run_words: Callable[[str], Iterable[str]] = cut) -> list[str]:
    """The text as words and the spaces between them: each Thai run as run_words cuts
    it, the rest between spaces. Pages, images and previews cut mixed text alike."""
    found: list[str] = []
    position = 0
    for run in THAI_RUN.finditer(text):
        found += re.split(r"(\s+)", text[position:run.start()])
        found += run_words(run.group())
        position = run.end()
    found += re.split(r"(\s+)", text[position:])
    return [piece for piece in found if piece]


@lru_cache(maxsize=16384)  # the same provinces, tiers and LAOs on thousands of pages
def unbroken(name: str) -> Markup:
    """A Thai name that breaks, if it must, only between its type and its place:
    เทศบาลตำบล|บวกค้าง, จังหวัด|ลำพูน. An English one breaks between words."""
    for prefix in THAI_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            place = name[len(prefix):].lstrip()
            return Markup(_in_turn([str(escape(prefix)), str(escape(place))]))
    if not THAI_RUN.search(name):  # English breaks between words, as it should
        return escape(name)
    return Markup(_whole(name))


def clip(text: str, limit: int, pieces: Callable[[str], list[str]] | None = None) -> str:
    """Text of at most `limit` characters, cut between words (Thai words by the cutter, never
    inside a syllable), with an ellipsis when cut. `pieces`: a Typesetter's (names, cuts)."""
    text = " ".join(str.split(text))  # not Markup.split: a Markup of each word, joined as text
    if len(text) <= limit:
        return text
    # Thai puts a space between phrases: cut there when one is near enough; only
    # a long run without one needs the cutter's dictionary
    space = text.rfind(" ", 0, limit)
    if space < limit * 2 // 3 and THAI_RUN.search(text[space + 1:limit]):
        kept = ""
        for word in (pieces or split_words)(text):
            if len(kept) + len(word) > limit - 1:
                break
            kept += word
    else:
        kept = text[:max(space, 0)]
    return kept.rstrip(" ·:,") + "…"


class Typesetter:
    """Cuts Thai text into words that the browser keeps whole. The names of one catalog's
    LAOs, provinces and tiers are found first and kept whole; the rest by the one cutter (`cut`)."""

    free: Typesetter | None = None  # the one whose names no stretch in memory holds (prepare)

    def __init__(self, catalog: Catalog):
        names = {p.name.th for p in catalog.provinces} | {t.name.th for t in catalog.tiers}
        for lao in catalog.laos:
            names.add(lao.name.th)
            names |= {lao.name.th[len(p):] for p in lao.type.prefixes
                      if lao.name.th.startswith(p) and len(lao.name.th) > len(p)}
        # one pattern shaped as a tree of the names' letters, walked in C: at each letter the regex
        # engine follows the one branch that letter opens, so thousands of names cost what a few
        # do (a flat list: each tried at every letter); split() hands back names, its one group
        self.names = {n for n in names if THAI_RUN.fullmatch(n)}
        self.pattern = re.compile(f"({tree_pattern(self.names)})") if self.names else None
        self.words = lru_cache(maxsize=8192)(self._words)
        # kept: short texts every page shows (97-99% of the hits of 65,536, 11 MB less: issue
        # 26), not a write-up's paragraph, met once (4 hits in 4,600 texts from 128 letters)
        text_html, run_html = lru_cache(16384)(self._text_html), lru_cache(8192)(self._run_html)
        self.text_html = lambda text: (text_html if len(text) < 128 else self._text_html)(text)
        self.run_html = lambda run: (run_html if len(run) < 64 else self._run_html)(run)
        # a run that THAI_RUN found as HTML: what sub() calls, one call and not three (issue 26)
        self._found_html = lambda found: (run_html if found.end() - found.start() < 64
                                          else self._run_html)(found.group())

    def prepare(self, texts: Callable[[], Sequence[str]], service: Derived,
                meanwhile: Callable[[], object] = lambda: None) -> None:
        """Cut the stretches of texts() between names now, from the store or on every core
        while this process runs meanwhile(): a warm build never loads the cutter's dictionary
        nor finds stretches (`sources`), a cold one finds them on the workers that cut them
        (`within`). texts() is read a text at a time, never held (write-ups' HTML)."""
        names = sorted(self.names)  # and the way _stretches finds them: "stretches 1"
        fresh = not derived.held(WORD_CUTS)  # else it may hold stretches with these names
        service.prepare(WORDS, lambda: self._stretches(texts()), meanwhile,
                        lambda: key_of(chain(("stretches 1", str(len(names))), names, texts())),
                        within=(texts(), self._stretches))
        # nor where memory took another build's stretches whole (cache/whole.py): they may too
        held = derived.held(WORD_CUTS)
        Typesetter.free = self if fresh and not getattr(held, "others", False) else None

    def _stretches(self, texts: Iterable[str]) -> set[str]:
        """The stretches between names of the texts' runs, as run_words finds them: all runs
        split at once between line breaks, which no run or name holds (one by one: 0.4 s more)."""
        joined = "\n".join({run for text in texts for run in THAI_RUN.findall(text)})
        between = self.pattern.split(joined)[::2] if self.pattern is not None else [joined]
        return {stretch for piece in between for stretch in piece.split("\n") if stretch}

    def pieces(self, text: str) -> list[str]:
        """The text as words and the spaces between them, names whole, from the cuts
        prepared for this build (so no dictionary is loaded to cut a prepared text)."""
        return split_words(text, self.run_words)

    def _text_html(self, text: str) -> str:
        """HTML text (entities and all) with its Thai runs cut; the rest as it is."""
        return THAI_RUN.sub(self._found_html, text)

    def _words(self, text: str) -> Markup:
        # escaped whole: escape() writes only ASCII, so the Thai runs are the text's own
        return Markup(self._text_html(str(escape(text))))

    def _run_html(self, run: str) -> str:
        """A Thai run as HTML: its units, each set whole, with where a line may end."""
        made = units(self.run_words(run))
        if len(made) < 2:
            return "".join(map(_whole, made))
        # each of several units has SHORTEST_UNIT letters, and a Thai run needs no escaping
        return _in_turn(made)

    def run_words(self, run: str) -> Sequence[str]:
        """A Thai run as words: names whole (their type apart), the rest by the cutter."""
        if Typesetter.free is self and (found := derived.known(WORD_CUTS, run)) is not None:
            return found  # a stretch, so it holds no name: not split at names (11 µs a run)
        if Typesetter.free is not self:
            Typesetter.free = None  # the stretches this one adds may hold that one's names
        pieces = self.pattern.split(run) if self.pattern is not None else [run]
        if len(pieces) == 1:  # no name: most runs, their words as memory keeps them
            return derived.value(WORDS, run) if run else ()
        return [word for index, stretch in enumerate(pieces) if stretch  # names at odd places
                for word in (_name_words(stretch) if index % 2 else derived.value(WORDS, stretch))]


def _name_words(name: str) -> list[str]:
    """A name as the words a line may end between: its type (or จังหวัด), its place."""
    for prefix in THAI_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return [prefix, name[len(prefix):]]
    return [name]


# Stored cuts are the cutter's: a new rule (ๆ kept with its word) cuts anew
CUTTER = "ๆ and ฯ attached"
# A stretch of Thai between names as its words
WORDS = Product(WORD_CUTS, f"{SEGMENTER}; {CUTTER}", cut,
                lambda words: SEPARATOR.join(words).encode(),
                lambda data: tuple(data.decode().split(SEPARATOR)),
                # 800,000 words at 2,000 winners, 25,000 of them distinct: 65 MB kept once
                kept=lambda words: tuple(map(sys.intern, words)),
                whole=1000,  # a site's stretches: 80,000 at 2,000 winners
                pack=pack_cuts, unpack=unpack_cuts, made_from="".join, memory=PackedCuts,
                apart=f"{__name__}:WORDS")
