"""`sources:` of a year or a winner: the published documents its facts come from."""

from __future__ import annotations

from generator.load.fields import Fields
from generator.load.shapes import SOURCE
from generator.model import Source


def validate_sources(fields: Fields) -> tuple[Source, ...] | None:
    """The list under `sources`, or None when the field is absent (a winner then
    takes its year's). Each source names a title, a publisher and a date: a reader
    must be able to find the document even where it has no address."""
    if "sources" not in fields.data or fields.data["sources"] is None:
        return None
    sources = []
    for index, (item, line) in enumerate(fields.items("sources"), start=1):
        source = Fields.of(item, fields.path, fields.problems, SOURCE,
                           f"{fields.where}source {index}", line)
        if source is None:
            continue
        title, publisher = source.localized("title"), source.localized("publisher")
        date, url, accessed = source.date("date"), source.url("url"), source.date("accessed")
        if date is not None and accessed is not None and accessed < date:
            source.problem("accessed", f"read on {accessed} ('accessed'), before it was "
                                       f"published on {date} ('date')")
        if title is not None and publisher is not None and date is not None:
            sources.append(Source(title, publisher, date, url, accessed))
    if fields.data["sources"] == []:
        fields.problem("sources", "'sources' is an empty list",
                       "name at least one document, or leave 'sources' out")
    return tuple(sources)
