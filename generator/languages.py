"""The site's two languages: how each names itself, writes years and dates, and sorts.

Thai pages count years in the Buddhist Era (B.E. = C.E. + 543); English pages in
the Common Era. This is the one place that knows it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

BE_OFFSET = 543


def ce(be: int) -> int:
    """The Common Era year of a Buddhist Era year: 2566 -> 2023."""
    return be - BE_OFFSET


def be(ce_year: int) -> int:
    """The Buddhist Era year of a Common Era year: 2023 -> 2566."""
    return ce_year + BE_OFFSET


@dataclass(frozen=True)
class Language:
    code: str  # as in URLs and lang attributes
    name: str  # in the language itself, for the language switch
    locale: str  # Open Graph's og:locale
    months: tuple[str, ...]  # spelled out: strftime('%B') follows the machine's locale
    buddhist_era: bool  # years and dates in B.E.
    thai_order: bool  # lists in Thai dictionary order, else alphabetical

    def year(self, be_year: int) -> str:
        return str(be_year if self.buddhist_era else ce(be_year))

    def ordinal(self, number: int) -> str:
        """3 -> 'ที่ 3' in Thai (ครั้งที่ 3), '3rd' in English."""
        if self.code == "th":
            return f"ที่ {number}"
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(
            number % 10, "th")
        return f"{number}{suffix}"

    def date(self, date: dt.date) -> str:
        year = be(date.year) if self.buddhist_era else date.year
        return f"{date.day} {self.months[date.month - 1]} {year}"


THAI = Language("th", "ไทย", "th_TH", (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
    "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"), buddhist_era=True, thai_order=True)
ENGLISH = Language("en", "English", "en_US", (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"), buddhist_era=False, thai_order=False)
LANGUAGES = {language.code: language for language in (THAI, ENGLISH)}


def other(lang: str) -> str:
    """The other of the two languages."""
    return "en" if lang == "th" else "th"
