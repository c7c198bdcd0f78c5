"""schema.org JSON-LD for winner and LAO pages: the LAO as a GovernmentOrganization."""

from __future__ import annotations

import json
from typing import Any

from generator import languages
from generator.emit.names import province_title
from generator.model import Lao, Site, Winner
from generator.site import urls


def award_text(winner: Winner, lang: str, year_name: str) -> str:
    """The year, the tier and the project, each where a source states it."""
    tier = f": {winner.tier.name[lang]}" if winner.tier is not None else ""
    project = f" ({winner.project[lang]})" if winner.project is not None else ""
    return f"{year_name}{tier}{project}"


def organization(lao: Lao, awards: list[tuple[Winner, str]], site: Site, lang: str) -> dict:
    """The LAO with its awards; `awards` pairs each winner with its year's name."""
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
        "award": [award_text(w, lang, name) for w, name in awards],
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
