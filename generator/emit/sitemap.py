"""sitemap.xml and robots.txt, for search engines."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from generator.site import urls
from generator.site.graph import Page


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
