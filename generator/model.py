"""The validated content as frozen value types. No I/O, no URLs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator import languages
from generator.shelf import Shelved, text_of

LANGUAGES = tuple(languages.LANGUAGES)  # the default, in this order


@dataclass(frozen=True)
class Localized:
    """A text in Thai and English."""

    th: str
    en: str

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)


# A winner whose tier no source states: how lists name its tier, its tier's id where
# one is needed (the explorer's filter; no tier may take it), and its sorting rank
UNTIERED_NAME = Localized("ไม่ระบุประเภทรางวัล", "Tier not stated")
UNTIERED_ID, UNTIERED_RANK = "unstated", 1_000_000
UNNAMED_PROJECT = Localized("ไม่ทราบชื่อผลงาน", "Project not named")  # no source names it


@dataclass(frozen=True)
class Region:
    slug: str
    name: Localized
    rank: int


@dataclass(frozen=True)
class Province:
    code: str  # ISO 3166-2:TH, e.g. TH-95
    slug: str
    name: Localized
    region: Region
    variants: tuple[str, ...] = ()
    region4: str = ""  # its region in the common four-region usage: north, northeast, central, south


@dataclass(frozen=True)
class LaoType:
    slug: str
    name: Localized
    prefixes: tuple[str, ...]  # Thai prefixes that imply this type
    rank: int  # display order: BMA and Pattaya first, SAOs last


@dataclass(frozen=True)
class Lao:
    """A local administrative organization (อปท.), identified by its slug."""

    slug: str
    name: Localized
    type: LaoType
    province: Province
    code: str | None = None  # the Department of Local Administration's 7 digits


@dataclass(frozen=True)
class Source:
    """A published document that a year's or a winner's facts come from."""

    title: Localized
    publisher: Localized
    date: dt.date
    url: str | None = None
    accessed: dt.date | None = None  # when we read it at `url`


@dataclass(frozen=True)
class Tier:
    id: str
    name: Localized
    rank: int  # 1 is the highest


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Writeup:
    """An editor's Markdown write-up of one winner in one language."""

    lang: str
    path: str
    kept_html: str | Shelved  # its HTML, or where a build keeps it (generator/shelf.py)
    summary: str | None = None
    website: str | None = None
    links: tuple[Link, ...] = ()
    image: str | None = None  # file name inside entries/<BE>/<id>/
    html = property(lambda self: text_of(self.kept_html), doc="Its HTML, sanitized.")


@dataclass(frozen=True)
class Attachment:
    """A checked image of a write-up, published beside the winner's page."""

    name: str  # path inside entries/<BE>/<id>/ (POSIX, NFC): its name on the site
    source: str  # the file to copy
    # a photo's size, its orientation applied: it is published re-encoded at a few
    # widths (emit/photos.py); None for what is copied as it is (an animated GIF)
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class Publisher:
    """Who publishes the site (site.yaml `publisher`), named on every page."""

    name: Localized
    url: str
    logo: Attachment | None = None  # published as static/publisher-logo.<ext>


@dataclass(frozen=True)
class Winner:
    year: int  # B.E.
    id: str
    tier: Tier | None  # None: no source states it (the year's `untiered`)
    lao: Lao
    project: Localized | None  # None: no source names it
    themes: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    district: Localized | None = None
    # the winner's own sources, else its year's: what its facts can be checked against
    sources: tuple[Source, ...] = ()
    # Out of repr: a page's render fingerprint is the repr of its data, so a page
    # that shows a write-up carries it in its own data (see cache/pages.py).
    writeups: dict[str, Writeup] = field(
        default_factory=dict, hash=False, compare=False, repr=False
    )
    assets: tuple[Attachment, ...] = field(default=(), repr=False)

    @property
    def year_ce(self) -> int:
        return languages.ce(self.year)

    @property
    def province(self) -> Province:
        return self.lao.province

    @property
    def title(self) -> Localized:
        """Its project's title, or what stands for it when no source names it."""
        return self.project if self.project is not None else UNNAMED_PROJECT

    @property
    def rank(self) -> int:
        """Its tier's rank, for sorting; a winner without a tier comes after all."""
        return self.tier.rank if self.tier is not None else UNTIERED_RANK


@dataclass(frozen=True)
class Year:
    be: int
    name: Localized
    announced: dt.date
    tiers: tuple[Tier, ...]
    winners: tuple[Winner, ...]  # the tiers' winners, then the untiered ones
    edition: int | None = None
    venue: Localized | None = None
    submissions: int | None = None
    applicants: int | None = None
    about: Localized | None = None  # sanitized HTML
    sources: tuple[Source, ...] = ()
    winners_announced: int | None = None  # as the organizer states it
    draft: bool = False  # checked, published only when asked (awards build --drafts)

    @property
    def ce(self) -> int:
        return languages.ce(self.be)

    @property
    def untiered(self) -> tuple[Winner, ...]:
        return tuple(w for w in self.winners if w.tier is None)

    @property
    def incomplete(self) -> bool:
        """True when the organizer announced more winners than the year lists."""
        return self.winners_announced is not None and self.winners_announced > len(self.winners)


@dataclass(frozen=True)
class Theme:
    id: str
    name: Localized


@dataclass(frozen=True)
class Site:
    title: Localized
    description: Localized
    base_url: str
    languages: tuple[str, ...]
    cname: str | None = None
    publisher: Publisher | None = None
    corrections: str | None = None  # a mailto: or https: address readers write to
    originals: bool = False  # publish write-up photos as sent too, not only re-encoded
    # groups of spellings that search treats as one word; the first is the usual one
    spellings: tuple[tuple[str, ...], ...] = ()
    themes: tuple[Theme, ...] = ()  # the vocabulary of winners' themes, in file order

    @property
    def default_language(self) -> str:
        return self.languages[0]


@dataclass(frozen=True)
class Catalog:
    """Everything the site is built from, validated and cross-checked."""

    site: Site
    years: tuple[Year, ...]  # newest first
    provinces: tuple[Province, ...]  # all 77, by ISO code
    regions: tuple[Region, ...]
    lao_types: tuple[LaoType, ...]
    # load.notes.Notes: the editors' source notes, for checks, never for pages
    notes: tuple = field(default=(), repr=False)
    drafts: tuple[int, ...] = ()  # the draft years, published (--drafts) or not
    # problems.Problem of what does not stop the build (contract §2; model imports no problems)
    warnings: tuple = ()

    @property
    def winners(self) -> tuple[Winner, ...]:
        return tuple(w for y in self.years for w in y.winners)

    @property
    def tiers(self) -> tuple[Tier, ...]:
        """Every tier used in any year, highest rank first."""
        seen = {t.id: t for y in self.years for t in y.tiers}
        return tuple(sorted(seen.values(), key=lambda t: t.rank))

    @property
    def lower_north(self) -> tuple[tuple[Region, tuple[Province, ...]], ...]:
        """Provinces that many Thai readers count as northern (the four-region usage's
        lower north) but the six-region system puts elsewhere, by their region here."""
        groups = []
        for region in self.regions:
            found = tuple(p for p in self.provinces if p.region == region
                          and p.region4 == "north" and region.slug != "north")
            if found:
                groups.append((region, found))
        return tuple(groups)

    @property
    def laos(self) -> tuple[Lao, ...]:
        seen = {w.lao.slug: w.lao for w in self.winners}
        return tuple(seen[s] for s in sorted(seen))
