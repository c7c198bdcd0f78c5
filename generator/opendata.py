"""Open data (contract §4): winners.json, winners.csv and the sitemap."""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from generator import urls
from generator.graph import Page
from generator.model import Catalog, Winner
from generator.text import thai_ranks


def ordered_winners(catalog: Catalog) -> list[Winner]:
    """Newest year first, then tier rank, then Thai order of lao.th, then id."""
    ranks = thai_ranks(w.lao.name.th for w in catalog.winners)
    return sorted(catalog.winners,
                  key=lambda w: (-w.year, w.tier.rank, ranks[w.lao.name.th], w.id))


def winner_record(winner: Winner, catalog: Catalog) -> dict[str, Any]:
    site = catalog.site
    province = winner.province
    return {
        "year": winner.year,
        "year_ce": winner.year_ce,
        "id": winner.id,
        "tier": {"id": winner.tier.id, "rank": winner.tier.rank,
                 "th": winner.tier.name.th, "en": winner.tier.name.en},
        "lao": {"slug": winner.lao.slug, "th": winner.lao.name.th, "en": winner.lao.name.en,
                "type": winner.lao.type.slug},
        "province": {"code": province.code, "slug": province.slug, "th": province.name.th,
                     "en": province.name.en, "region": province.region.slug},
        "project": {"th": winner.project.th, "en": winner.project.en},
        "themes": list(winner.themes),
        "url": {lang: urls.absolute(site.base_url, urls.winner(lang, winner.year, winner.id))
                for lang in site.languages},
        "writeup": {lang: lang in winner.writeups for lang in site.languages},
    }


def winners_json(catalog: Catalog) -> bytes:
    # `updated` is content-derived, never the build time: builds are byte-identical
    updated = max((y.announced for y in catalog.years), default=None)
    document = {
        "updated": updated.isoformat() if updated else None,
        "winners": [winner_record(w, catalog) for w in ordered_winners(catalog)],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _flatten(record: dict[str, Any], prefix: str = "") -> dict[str, str]:
    row: dict[str, str] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            row.update(_flatten(value, f"{name}_"))
        elif isinstance(value, list):
            row[name] = ";".join(value)
        elif isinstance(value, bool):
            row[name] = "true" if value else "false"
        else:
            row[name] = str(value)
    return row


def winners_csv(catalog: Catalog) -> bytes:
    rows = [_flatten(winner_record(w, catalog)) for w in ordered_winners(catalog)]
    buffer = io.StringIO()
    columns = list(_flatten(_empty_record(catalog)))
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    # A BOM so that spreadsheet programs read the Thai as UTF-8 (contract §4)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _empty_record(catalog: Catalog) -> dict[str, Any]:
    """A record of the JSON's shape, for the CSV header even with no winners."""
    langs = {lang: "" for lang in catalog.site.languages}
    return {"year": "", "year_ce": "", "id": "",
            "tier": dict.fromkeys(("id", "rank", "th", "en"), ""),
            "lao": dict.fromkeys(("slug", "th", "en", "type"), ""),
            "province": dict.fromkeys(("code", "slug", "th", "en", "region"), ""),
            "project": dict.fromkeys(("th", "en"), ""), "themes": [],
            "url": langs, "writeup": langs}


def sitemap(pages: list[Page], base_url: str) -> bytes:
    """sitemap.xml with hreflang alternates for every page in both languages."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for page in pages:
        if not page.in_sitemap:
            continue
        lines.append(f"  <url><loc>{escape(urls.absolute(base_url, page.path))}</loc>")
        for hreflang, path in page.alternates:
            href = quoteattr(urls.absolute(base_url, path))
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{hreflang}" href={href}/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def robots(base_url: str) -> bytes:
    return f"User-agent: *\nAllow: /\nSitemap: {base_url}sitemap.xml\n".encode()
