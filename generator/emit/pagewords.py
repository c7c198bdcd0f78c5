"""A rendered page with its Thai set word by word (issue 27): every text between
tags, written by a template, an interface string or a write-up's Markdown, is cut
by the page's Typesetter (emit/typography.py); tags and attributes never are."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator, Sequence
from typing import Any, overload

from generator.emit.typography import THAI_RUN, Typesetter
from generator.languages import LANGUAGES, THAI
from generator.model import Catalog, Writeup
from generator.site.dictionary import FIELDS, PROVINCE_FIELDS
from generator.text import THAI_LETTERS

# A tag (its attributes' quoted values may hold '>') or a comment; group 1 is the
# slash of an end tag, group 2 the element's name
_TAG_REST = r"""!--.*?-->|(/?)([a-zA-Z][^\s/>]*)(?:[^>"']|"[^"]*"|'[^']*')*>|[!?][^>]*>"""
TAG = re.compile(f"<(?:{_TAG_REST})", re.DOTALL)
# Where a page asks for its scripts' word list, and what its labels say
WORD_LIST = re.compile(r'<script type="application/json" id="thai-words" data-from="([^"]*)">(?=</script>)')
_WORD_LIST_START = WORD_LIST.pattern.partition("(")[0]
LABEL = re.compile(r"<label\b[^>]*>(.*?)</label>", re.DOTALL)
# Elements whose text is not set in lines of a page, or is set already
UNCUT = frozenset({"script", "style", "title", "textarea", "select", "option", "svg",
                   "template", "pre", "code", "w-", "b-"})
_UNCUT_NAME = "(?ai:" + "|".join(sorted(map(re.escape, UNCUT), key=len, reverse=True)) + ")"
# A name that begins with none of these letters is no UNCUT one: one test of a letter
# rather than a dozen names tried at each of the 250 tags of a page
_UNCUT_FIRST = "".join(sorted({case(name[0]) for name in UNCUT for case in (str.lower, str.upper)}))
# Attributes as TAG reads them, each run between quotes taken at once
_ATTRIBUTES = r"""[^>"']*+(?:(?:"[^"]*+"|'[^']*+')[^>"']*+)*+"""
# TAG's reading without its groups, to test whether a '<' starts a tag
_A_TAG = _TAG_REST.replace("(/?)", "/?").replace(r"([a-zA-Z][^\s/>]*)", r"[a-zA-Z][^\s/>]*")
# A page read a stretch at a time, each as TAG reads it (a '<' that starts no tag is
# text): first what is never cut, however many tags it holds (other tags, a <w-> or
# <b-> set already, text without Thai); then a tag of an UNCUT element, or text from a
# Thai letter to the last before the next tag, or the page's end. A page is walked
# so, not a tag at a time (this pass cost more than the page's Jinja, issue 26), and
# findall() hands each stretch over as its groups, without a match object for each.
# Possessive (Python 3.11): a stretch never gives back what it read, as TAG's first
# reading never does; a tag read otherwise falls to the tag group, read as TAG reads it.
_OTHER_TAG = (r"<(?:!--.*?-->|/?(?=[^" + _UNCUT_FIRST + "]|(?!" + _UNCUT_NAME + r"(?:[\s/>]|\Z)))"
              r"[a-zA-Z][^\s/>]*+" + _ATTRIBUTES + r">|[!?][^>]*+>)"
              r"|<w->[^<]*+</w->|<b->[^<]*+</b->"
              # an UNCUT element with no tag inside, whole: a page's <title> and <script>s
              + "".join(rf"|<{name}(?=[\s/>]){_ATTRIBUTES}(?<!/)>[^<]*+</{name}(?=[\s/>]){_ATTRIBUTES}>"
                        for name in ("title", "script", "textarea")))
STRETCH = re.compile(
    rf"((?:[^<{THAI_LETTERS}]++|{_OTHER_TAG}|<(?!{_A_TAG}))*+)"
    rf"(?:([{THAI_LETTERS}](?:[^<]*[{THAI_LETTERS}])?)|(<(?:{_TAG_REST}))|\Z)",
    re.DOTALL)


def cut_page(typesetter: Typesetter, html: str) -> str:
    """A rendered page with every Thai text cut into words: text between tags only,
    never a tag, an attribute, or text that is not laid out in lines (a script, the
    <title>, a <textarea>, an <option>, SVG) or was cut already."""
    cut_html = cut_text(typesetter, html)
    # A page without Thai is left as it is, its word list unfilled. One that cutting made
    # longer has Thai: nearly every page (an English one: its language switch), so only
    # the others are searched for it, not every page before it is cut (0.1-0.2 CPU-s, issue 26)
    if len(cut_html) == len(html) and not THAI_RUN.search(html):
        return html
    return _script_words(typesetter, cut_html, html)


def cut_text(typesetter: Typesetter, html: str) -> str:
    """cut_page without filling the page's word list: for a part of a page that holds no
    element whose text is left alone, only whole ones (emit/parts.py)."""
    parts: list[str] = []
    inside: str | None = None  # the element whose text is left alone
    depth = 0
    text_html = typesetter.text_html
    for skipped, text, tag, closing, name in STRETCH.findall(html):
        parts.append(skipped)
        if text:
            parts.append(text if inside else text_html(text))
        elif tag:
            parts.append(tag)
            name = name.lower()
            if inside is None and name in UNCUT and not closing and not tag.endswith("/>"):
                inside, depth = name, 1
            elif name == inside:
                depth += -1 if closing else 1
                if depth == 0:
                    inside = None
    return "".join(parts)


def _script_words(typesetter: Typesetter, cut_html: str, html: str) -> str:
    """Fill a page's word list for its scripts (issue 27: the text a script inserts
    is cut as the build cuts): `<script type="application/json" id="thai-words"
    data-from="data-label ...">` gets the words of each Thai run in those attributes
    and in <label>s, each run as its words with spaces between them."""
    # the literal start of WORD_LIST looked for first: a regex walks all of every page
    # for what two pages of a site hold (the explorer's), str's search skips through it
    wanted = WORD_LIST.search(cut_html) if _WORD_LIST_START in cut_html else None
    if wanted is None:
        return cut_html
    names = "|".join(map(re.escape, wanted.group(1).split()))
    values = re.findall(rf'\s(?:{names})="([^"]*)"', html) if names else []
    values += LABEL.findall(html)
    runs = sorted({run for value in values for run in THAI_RUN.findall(value)})
    listed = json.dumps([" ".join(typesetter.run_words(run)) for run in runs],
                        ensure_ascii=False, separators=(",", ":"))
    return cut_html[:wanted.end()] + listed + cut_html[wanted.end():]


def thai_texts(catalog: Catalog, strings: dict[str, dict[str, Any]]) -> Texts:
    """The Thai that pages show, to be cut into words before the workers fork: content
    and interface strings. What is missed is cut when a page first shows it."""
    sources = [s for year in catalog.years for s in year.sources]
    sources += [s for winner in catalog.winners for s in winner.sources]
    texts = [catalog.site.title.th, catalog.site.description.th]
    if catalog.site.publisher is not None:
        texts.append(catalog.site.publisher.name.th)
    texts += [text for s in dict.fromkeys(sources) for text in (s.title.th, s.publisher.th)]
    for year in catalog.years:
        texts += [text.th for text in (year.name, year.venue, year.about) if text]
    for winner in catalog.winners:
        texts += [winner.title.th] + ([winner.district.th] if winner.district else [])
        texts += [writeup.summary for writeup in winner.writeups.values() if writeup.summary]
    texts += [name.th for group in (catalog.lao_types, catalog.regions, catalog.site.themes)
              for name in (item.name for item in group)]
    # names that are no one name to the Typesetter (จ.อืด: a run ends at the dot), and dates
    texts += [lao.name.th for lao in catalog.laos] + list(THAI.months)
    texts += [language.name for language in LANGUAGES.values()]  # the language switch
    # the data page's dictionary: a text missed here loaded the cutter's dictionary (60 MB)
    # into the worker that rendered that page, the build's largest process (issue 26)
    texts += [text.th for field in (*FIELDS, *PROVINCE_FIELDS)
              for text in (field.description, field.type_name)]
    for texts_of in strings.values():
        found = texts_of.get("th")
        texts += found if isinstance(found, list) else [str(found)]
    return Texts(texts, [writeup for winner in catalog.winners for writeup in winner.writeups.values()])


class Texts(Sequence[str]):
    """Short texts, then each write-up's HTML, read where a build keeps it when asked for,
    never all at once: 73 MiB of a process at 10,000 winners (issue 26). A worker reads
    those of its own chunk (cache/finding.py)."""

    def __init__(self, short: list[str], writeups: list[Writeup]):
        self.short, self.writeups = short, writeups

    def __len__(self) -> int:
        return len(self.short) + len(self.writeups)

    @overload
    def __getitem__(self, at: int) -> str: ...
    @overload
    def __getitem__(self, at: slice) -> list[str]: ...

    def __getitem__(self, at: int | slice) -> str | list[str]:
        if isinstance(at, slice):
            return [self[index] for index in range(*at.indices(len(self)))]
        at = at + len(self) if at < 0 else at
        return self.short[at] if at < len(self.short) else self.writeups[at - len(self.short)].html

    def __iter__(self) -> Iterator[str]:
        return itertools.chain(self.short, (writeup.html for writeup in self.writeups))
