"""How the site writes a place. A province is จังหวัดลำพูน (no space) and Lamphun
Province; Bangkok is a special administrative area, not a province: กรุงเทพมหานคร
and Bangkok alone. Every page, card and share image writes a province this way."""

from __future__ import annotations

from generator.model import Province

CAPITAL = "TH-10"  # Bangkok (กรุงเทพมหานคร), by its ISO 3166-2 code


def province_title(province: Province, lang: str) -> str:
    name = province.name[lang]
    if province.code == CAPITAL:
        return name
    return f"จังหวัด{name}" if lang == "th" else f"{name} Province"
