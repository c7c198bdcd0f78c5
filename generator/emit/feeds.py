"""Atom feeds, one per language: the award years, and the winners of the newest.

A feed is polled by readers that want what is new: every year stays as an entry (a year
added to the archive is news), but only the newest year's winners are listed, so that
the feed does not grow with the archive (all of 10,000 winners would be a 5 MB poll).
Every winner of every year is in the sitemap, the open data and the year pages."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape, quoteattr

from generator.emit.phrases import phrase
from generator.languages import LANGUAGES
from generator.model import Catalog
from generator.site import urls
from generator.site.opendata import ordered_winners


def _time(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def atom(catalog: Catalog, lang: str, strings: dict[str, dict[str, str]]) -> bytes:
    """The feed of one language; its dates come from the content, never the clock."""
    site = catalog.site
    base = site.base_url
    announced = {y.be: y.announced for y in catalog.years}
    updated = max(announced.values(), default=dt.date(1970, 1, 1))
    feed_url = urls.absolute(base, urls.feed(lang))
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">',
        f"  <title>{escape(site.title[lang])}</title>",
        f"  <subtitle>{escape(site.description[lang])}</subtitle>",
        f"  <id>{escape(feed_url)}</id>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(feed_url)}/>',
        f'  <link rel="alternate" type="text/html" '
        f"href={quoteattr(urls.absolute(base, urls.home(lang)))}/>",
        f"  <updated>{_time(updated)}</updated>",
        f"  <author><name>{escape(site.title[lang])}</name></author>",
    ]
    entries = [
        (urls.year(lang, y.be), y.name[lang], y.announced,
         phrase(strings, "awards_n", lang, n=len(y.winners)), None)
        for y in catalog.years
    ]
    newest = max(announced, key=lambda be: (announced[be], be), default=None)
    for winner in (w for w in ordered_winners(catalog) if w.year == newest):
        writeup = winner.writeups.get(lang)
        title = f"{winner.lao.name[lang]}: {winner.title[lang]}"
        summary = writeup.summary if writeup and writeup.summary else winner.title[lang]
        tier = f"{winner.tier.name[lang]} " if winner.tier is not None else ""
        category = f"{tier}{LANGUAGES[lang].year(winner.year)}"
        entries.append((urls.winner(lang, winner.year, winner.id), title,
                        announced[winner.year], summary, category))
    for path, title, date, summary, category in entries:
        url = urls.absolute(base, path)
        lines += [
            "  <entry>",
            f"    <title>{escape(title)}</title>",
            f"    <id>{escape(url)}</id>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(url)}/>',
            f"    <updated>{_time(date)}</updated>",
            f"    <summary>{escape(summary)}</summary>",
        ]
        if category:
            lines.append(f"    <category term={quoteattr(category)}/>")
        lines.append("  </entry>")
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")
