"""What each content file may hold, field by field (contract §1).

The one definition of a content file's fields: the validator reads content by
it (`Fields` refuses a field or a kind that is not declared here) and the JSON
Schemas for editors are written from it (`generator/schemas.py`), so the two
cannot drift apart. Rules across fields and files (a year equals its file
name, an LAO agrees with itself in every year) stay with the validator.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# A field's kind: how the validator reads it and how the schema describes it
KINDS = frozenset({
    "text", "localized", "date", "url", "id", "integer", "boolean", "mapping", "list",
    "ids", "texts", "words", "languages", "base-url", "hostname", "mail-or-https", "lao-code",
    "lao-type", "province", "spellings", "themes",
})


@dataclass(frozen=True)
class Field:
    kind: str
    about: str
    required: bool = False
    shape: Shape | None = None  # the fields of a mapping, or of each item of a list
    minimum: int | None = None  # the least value of an integer, or items of a list
    # the field's other names, one of which a shape's mapping must hold instead of it
    or_else: tuple[str, ...] = ()

    def __post_init__(self):
        assert self.kind in KINDS, self.kind
        assert (self.shape is not None) == (self.kind in ("mapping", "list")), self.kind


@dataclass(frozen=True)
class Shape:
    """The fields of one mapping, in the order an editor writes them."""

    title: str
    fields: dict[str, Field] = field(default_factory=dict)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.fields)

    def __getitem__(self, name: str) -> Field:
        return self.fields[name]


def localized(about: str, required: bool = False) -> Field:
    return Field("localized", about, required)


SOURCE = Shape("A published document the facts come from", {
    "title": localized("The document's title", required=True),
    "publisher": localized("Who published it, such as the DGA", required=True),
    "date": Field("date", "Its date, as an ISO date (Gregorian): 2023-10-10", required=True),
    "url": Field("url", "Where to read it; leave out when it is not online"),
    "accessed": Field("date", "When we read it at that address, as an ISO date: 2026-12-06"),
})

LAO = Shape("The local administrative organization", {
    "th": Field("text", "Its Thai name, with the type prefix: เทศบาลนครยะลา", required=True),
    "en": Field("text", "Its English name: Yala City Municipality", required=True),
    "slug": Field("id", "Its stable URL name; by default made from the English name"),
    "code": Field("lao-code", "The Department of Local Administration's 7-digit code, as "
                              "text in quotes; leave out when unknown"),
})

WINNER = Shape("One award", {
    "id": Field("id", "Stable, unique within the year: it is the winner page's permalink",
                required=True),
    "lao": Field("mapping", "The LAO that won", required=True, shape=LAO),
    "type": Field("lao-type", "The LAO type; by default read from the Thai name's prefix"),
    "province": Field("province", "Thai name, English name or ISO 3166-2 code (TH-95)",
                      required=True),
    "district": localized("The district (amphoe) the LAO lies in"),
    "project": localized("The project that won; leave out only when no source names it"),
    "themes": Field("themes", "Ids of themes from site.yaml's themes"),
    "sources": Field("list", "Replaces the year's sources for this winner", shape=SOURCE,
                     minimum=1),
    "aliases": Field("ids", "Old ids of this winner, kept as redirects"),
})

TIER = Shape("One tier of the award, such as Excellence", {
    "id": Field("id", "Stable: a tier id means the same tier in every year", required=True),
    "name": localized("The tier's name", required=True),
    "winners": Field("list", "The tier's winners", shape=WINNER),
})

AWARD_YEAR = Shape("One award year: content/awards/<BE>.yaml", {
    "year": Field("integer", "The Buddhist Era year; must equal the file's name", required=True),
    "draft": Field("boolean", "A draft is checked but not published, unless the site is "
                              "built with --drafts; awards new-year writes drafts"),
    "edition": Field("integer", "Which edition this is: 3 for the 3rd year", minimum=1),
    "name": localized("The award's name that year", required=True),
    "announced": Field("date", "The date the results were announced (ISO, Gregorian)",
                       required=True),
    "venue": localized("Where the ceremony was held"),
    "submissions": Field("integer", "Entries submitted, as the organizer states", minimum=0),
    "applicants": Field("integer", "LAOs that applied, as the organizer states", minimum=0),
    "winners_announced": Field("integer", "How many winners the organizer announced; when "
                                          "more than the winners listed, the year says that "
                                          "the list is incomplete", minimum=1),
    "about": localized("The year's summary, in Markdown"),
    "sources": Field("list", "Where the year's facts come from", shape=SOURCE, minimum=1),
    "tiers": Field("list", "The tiers in rank order, highest first", required=True,
                   shape=TIER, minimum=1, or_else=("untiered",)),
    "untiered": Field("list", "Winners named by a source that does not state their tier",
                      shape=WINNER, minimum=1),
})

PUBLISHER = Shape("Who publishes the site, named on every page", {
    "name": localized("The publisher's name", required=True),
    "url": Field("url", "The publisher's own website", required=True),
    "logo": Field("text", "A PNG or WebP logo inside content/, such as publisher/logo.png"),
})

SITE = Shape("The site's settings: content/site.yaml", {
    "title": localized("The site's title", required=True),
    "description": localized("One sentence for search engines and share previews"),
    "base_url": Field("base-url", "The absolute URL the site is served from; "
                                  "`awards build --base-url` overrides it"),
    "languages": Field("languages", "The site's languages; the first is the default"),
    "publisher": Field("mapping", "Who publishes the site", shape=PUBLISHER),
    "cname": Field("hostname", "A custom domain, written as the CNAME file"),
    "corrections": Field("mail-or-https", "Where readers report a correction: a mailto: "
                                          "or https:// address"),
    "originals": Field("boolean", "Publish write-up photos as uploaded, beside the "
                                  "re-encoded ones"),
    "spellings": Field("spellings", "Groups of ways to write one word, for search"),
    "themes": Field("words", "The theme vocabulary: {id: {th: ..., en: ...}}"),
})

LINK = Shape("A link", {
    "label": Field("text", "What the link opens", required=True),
    "url": Field("url", "The address", required=True),
})

FRONT_MATTER = Shape("The front matter of a write-up: content/entries/<BE>/<id>.<lang>.md", {
    "summary": Field("text", "One sentence for cards, feeds and share previews"),
    "website": Field("url", "The project's own website"),
    "links": Field("list", "Apps and pages of the project", shape=LINK),
    "image": Field("text", "An image in the winner's folder, shown with the write-up"),
})

NOTE_SOURCE = Shape("A source and the facts it gives, in our own words", {
    "url": Field("url", "Where we read it", required=True),
    "title": Field("text", "Its title, as the source writes it", required=True),
    "published": Field("date", "When it was published, as an ISO date, if it says"),
    "accessed": Field("date", "When we read it, as an ISO date: 2026-12-06", required=True),
    "facts": Field("texts", "Each fact it gives, briefly and in our own words: never its "
                            "sentences", required=True, minimum=1),
})

NOTES = Shape("Source notes, never published: content/entries/<BE>/<id>.notes.yaml, or "
              "_year.notes.yaml for the year", {
    "sources": Field("list", "The sources read, each with its facts", required=True,
                     shape=NOTE_SOURCE, minimum=1),
})

LOCALIZED = Shape("Thai and English", {
    "th": Field("text", "In Thai", required=True),
    "en": Field("text", "In English", required=True),
})


def keyed(names: tuple[str, ...], what: str) -> Shape:
    """A mapping whose keys are the editor's own ids (site.yaml's themes)."""
    return Shape(what, {name: localized(what, required=True) for name in names})
