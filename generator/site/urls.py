"""The URL scheme (contract §3): the only place a URL is spelled.

Paths are relative to the site root, without a leading slash; page paths end
in '/', since every page is the index.html of its folder.
"""

from __future__ import annotations

from urllib.parse import quote

from generator.model import Lao, Province, Region, Theme, Tier, Winner, Year

JSON_DATA = "data/winners.json"
CSV_DATA = "data/winners.csv"
PROVINCES_CSV = "data/provinces.csv"  # awards by province, all 77 (the stats page links it)
DATA_PACKAGE = "data/datapackage.json"
SEARCH_INDEX = "data/search/"  # the write-ups' search index, in shards (site/fulltext)
STATIC = "static/"
SCHEMA = "schema/"  # JSON Schemas of the content files, for editors' tools


def feed(lang: str) -> str:
    return f"{lang}/feed.xml"


def landing() -> str:
    return ""


def home(lang: str) -> str:
    return f"{lang}/"


def year(lang: str, be: int) -> str:
    return f"{lang}/{be}/"


def winner(lang: str, be: int, winner_id: str) -> str:
    return f"{lang}/{be}/{winner_id}/"


def share(lang: str, be: int, winner_id: str) -> str:
    return winner(lang, be, winner_id) + "share.png"


def badge(lang: str, be: int, winner_id: str) -> str:
    return winner(lang, be, winner_id) + "badge.svg"


def qr(lang: str, be: int, winner_id: str) -> str:
    return winner(lang, be, winner_id) + "qr.svg"


def download_name(lang: str, be: int, winner_id: str, what: str) -> str:
    """The name a downloaded file keeps on the officer's computer, saying what it is:
    dga-local-award-2566-umong-social-welfare-badge.png (English: ...-badge-en.png)."""
    stem, dot, extension = what.rpartition(".")
    suffix = "" if lang == "th" else f"-{lang}"
    return f"dga-local-award-{be}-{winner_id}-{stem}{suffix}{dot}{extension}"


def kit_file(lang: str, be: int, winner_id: str, what: str) -> str:
    """A file of the winner's kit beside its page, under its download name: the
    badges in two sizes as SVG and PNG, the QR code as PNG, the kit's ZIP. The
    contract's badge.svg, qr.svg and share.png keep their short names."""
    return winner(lang, be, winner_id) + download_name(lang, be, winner_id, what)


def site_share(lang: str) -> str:
    """The share image of every page that is not a winner's."""
    return f"{lang}/share.png"


def tier(lang: str, tier_id: str) -> str:
    return f"{lang}/tiers/{tier_id}/"


def provinces(lang: str) -> str:
    return f"{lang}/provinces/"


def province(lang: str, slug: str) -> str:
    return f"{lang}/provinces/{slug}/"


def region(lang: str, slug: str) -> str:
    return f"{lang}/regions/{slug}/"


def explorer(lang: str) -> str:
    return f"{lang}/winners/"


def filtered(lang: str, **filters: str) -> str:
    """The explorer showing only the winners with these values (a theme, a province)."""
    return explorer(lang) + "?" + "&".join(f"{name}={value}" for name, value in filters.items())


def stats(lang: str) -> str:
    return f"{lang}/stats/"


def data(lang: str) -> str:
    return f"{lang}/data/"


def laos(lang: str) -> str:
    return f"{lang}/laos/"


def lao(lang: str, slug: str) -> str:
    return f"{lang}/laos/{slug}/"


def of(thing: object, lang: str) -> str:
    """The page path of a model object in one language."""
    match thing:
        case Winner():
            return winner(lang, thing.year, thing.id)
        case Year():
            return year(lang, thing.be)
        case Tier():
            return tier(lang, thing.id)
        case Province():
            return province(lang, thing.slug)
        case Region():
            return region(lang, thing.slug)
        case Lao():
            return lao(lang, thing.slug)
        case Theme():  # no page of its own: the explorer, filtered
            return filtered(lang, theme=thing.id)
    raise TypeError(f"no page for {type(thing).__name__}")


def twin(path: str, lang: str) -> str:
    """The same page in another language: only the /{lang}/ prefix differs."""
    _, _, rest = path.partition("/")
    return f"{lang}/{rest}"


def absolute(base_url: str, path: str) -> str:
    return base_url + path


def correction(address: str, permalink: str, subject: str) -> str:
    """Where a reader reports a mistake on a page (site.yaml `corrections`), prefilled
    with the page's permalink: the body of a mailto:, or a `url` parameter of a form."""
    if address.startswith("mailto:"):
        return f"{address}?subject={quote(subject)}&body={quote(permalink)}"
    joiner = "&" if "?" in address else "?"
    return f"{address}{joiner}url={quote(permalink, safe='')}"
