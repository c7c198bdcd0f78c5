"""The URL scheme (contract §3): the only place a URL is spelled.

Paths are relative to the site root, without a leading slash; page paths end
in '/', since every page is the index.html of its folder.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from generator.model import Attachment, Lao, Province, Publisher, Region, Theme, Tier, Winner, Year

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


def kit(lang: str, be: int, winner_id: str) -> str:
    """A winner's kit: a page of its own below the winner's, kept lean (issue 26)."""
    return winner(lang, be, winner_id) + KIT


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
    """A file of the winner's kit beside its page, under its download name (badges as
    SVG and PNG, the QR code as PNG); badge.svg, qr.svg and share.png keep theirs."""
    return winner(lang, be, winner_id) + download_name(lang, be, winner_id, what)


CONTRACT_FILES = ("badge.svg", "qr.svg", "share.png")  # contract §3: short names
KIT = "kit/"  # `winner|url(file='kit/')`: the kit page beside the winner's files


def winner_file(lang: str, be: int, winner_id: str, what: str) -> str:
    """Any file beside a winner's page: the contract's under their short names, the
    kit's under their download names (kit_file), and the kit's page (KIT)."""
    if what in CONTRACT_FILES or what == KIT:
        return winner(lang, be, winner_id) + what
    return kit_file(lang, be, winner_id, what)


def publisher_logo(logo: Attachment) -> str:
    """The publisher's logo, under a name of ours: nothing an editor names reaches
    a path of the site."""
    return STATIC + "publisher-logo." + logo.name.rsplit(".", 1)[-1].lower()


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


def stats(lang: str) -> str:
    return f"{lang}/stats/"


def data(lang: str) -> str:
    return f"{lang}/data/"


def about(lang: str) -> str:
    return f"{lang}/about/"


def accessibility(lang: str) -> str:
    return f"{lang}/accessibility/"


def privacy(lang: str) -> str:
    return f"{lang}/privacy/"


def laos(lang: str) -> str:
    return f"{lang}/laos/"


def lao(lang: str, slug: str) -> str:
    return f"{lang}/laos/{slug}/"


# The pages and files that templates ask for by name (`'explorer'|url`), in a language
NAMED = {
    "landing": lambda lang: landing(), "home": home, "provinces": provinces, "laos": laos,
    "explorer": explorer, "stats": stats, "data": data, "about": about,
    "accessibility": accessibility, "privacy": privacy, "feed": feed, "site_share": site_share,
    "json_data": lambda lang: JSON_DATA, "csv_data": lambda lang: CSV_DATA,
    "data_package": lambda lang: DATA_PACKAGE, "search_index": lambda lang: SEARCH_INDEX,
    "provinces_csv": lambda lang: PROVINCES_CSV,
}


def path_of(target: object, lang: str, file: str | None = None, **query: str) -> str:
    """The one answer to a template's question "where is it?": a model object's page
    (or, with `file`, a file beside a winner's page), a page or file named in NAMED,
    or a site path as it is (a static asset, a page's own path); `query` filters the
    explorer (`'explorer'|url(province='yala')`)."""
    if isinstance(target, str):
        path = NAMED[target](lang) if target in NAMED else target
    elif file is not None and isinstance(target, Winner):
        path = winner_file(lang, target.year, target.id, file)
    elif file == "logo" and isinstance(target, Publisher) and target.logo:
        path = publisher_logo(target.logo)
    else:
        path = of(target, lang)
    if query:
        path += "?" + "&".join(f"{name}={quote(value)}" for name, value in query.items())
    return path


def of(thing: object, lang: str) -> str:
    """The page path of a model object (or a B.E. year) in one language."""
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
        case int():  # a year, by its B.E. number
            return year(lang, thing)
        case Theme():  # no page of its own: the explorer, filtered
            return path_of("explorer", lang, theme=thing.id)
    raise TypeError(f"no page for {type(thing).__name__}")


def twin(path: str, lang: str) -> str:
    """The same page in another language: only the /{lang}/ prefix differs."""
    _, _, rest = path.partition("/")
    return f"{lang}/{rest}"


def absolute(base_url: str, path: str) -> str:
    return base_url + path


def root_from(page_path: str) -> str:
    """The site's root seen from a page, as a relative link ('../../' from 'th/2566/'),
    so that links work wherever output/ is served: at the base URL's path, at the root
    of a local server, or opened from a pull request's preview (issue 27)."""
    return "../" * page_path.count("/")


def folder_of(page_path: str) -> str:
    """A page's first folder ('th/' of 'th/2566/'): its language's, for most pages."""
    first, slash, _ = page_path.partition("/")
    return first + slash if first and slash else ""


def relative(root: str, path: str, folder: str = "") -> str:
    """A link from a page whose site root is `root` (root_from) and whose first folder
    is `folder` (folder_of) to a site path. A path in that same folder does not climb
    out of it and back in: ../../2566/, not ../../../th/2566/ (issue 26: six bytes of
    each of a page's fifty links)."""
    if folder and root and path.startswith(folder):
        return root[len("../"):] + path[len(folder):] or "./"
    return root + path or "./"


# ASCII, which a query percent-encodes where it must; and what else is not a letter,
# mark, digit, punctuation or symbol (spaces, controls), which it always does. Thai's
# assigned characters are all kept: a run of them is taken whole, not a letter at a time
_ENCODED = re.compile(r"[\x00-\x7f]+|[\u0e01-\u0e3a\u0e3f-\u0e5b]+|[^\x00-\x7f]")


def query_value(text: str) -> str:
    """A value for a link's query: percent-encoded only where a URL must be, Thai and
    other letters as themselves (a third of the bytes of their %XX%XX%XX; a browser
    sends them UTF-8-encoded when the link is followed, as the URL standard says)."""
    if text.isascii():  # one run of ASCII, as _ENCODED finds it: a permalink
        return quote(text, safe="/:")
    return _ENCODED.sub(lambda found: found.group() if found.group() > "\x7f" and
                        unicodedata.category(found.group()[0])[0] in "LMNPS"
                        else quote(found.group(), safe="/:"), text)


def correction(address: str, permalink: str, subject: str) -> str:
    """Where a reader reports a mistake on a page (site.yaml `corrections`), prefilled
    with the page's permalink: the body of a mailto:, or a `url` parameter of a form."""
    if address.startswith("mailto:"):
        return f"{address}?subject={quote(subject)}&body={quote(permalink)}"
    joiner = "&" if "?" in address else "?"
    return f"{address}{joiner}url={quote(permalink, safe='')}"
