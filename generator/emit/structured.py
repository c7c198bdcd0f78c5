"""schema.org JSON-LD for LAO pages: the LAO as a GovernmentOrganization."""

from __future__ import annotations

import json
from typing import Any

from generator import languages
from generator.emit.names import province_title
from generator.model import Lao, Site
from generator.site import urls


def organization(lao: Lao, site: Site, lang: str) -> dict:
    """The LAO, with what search engines read of an organization: its names, address
    and page. No `award`: no search engine documents reading it, and the page lists
    the awards for readers and crawlers alike (issue 26: 0.3 KB of every LAO page)."""
    return {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": lao.name[lang],
        "alternateName": lao.name[languages.other(lang)],
        "url": urls.absolute(site.base_url, urls.lao(lang, lao.slug)),
        "address": {
            "@type": "PostalAddress",
            "addressRegion": province_title(lao.province, lang),
            "addressCountry": "TH",
        },
        # No subjectOf listing the award pages: the page links each of them already,
        # which is how a crawler finds them (issue 26: 0.2 KB of every winner page)
    }


def dumps(data: Any) -> str:
    """JSON for a <script type="application/ld+json">.

    <, > and & are written as \\u escapes, so no text can close the element or
    open an HTML comment inside it, whatever the content says.
    """
    # no indent (the C encoder, 4x faster) and no spaces: read by machines only
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
