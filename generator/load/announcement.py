"""DGA's announcement of a year's winners, read from plain text or a .docx (issue 29).

What it reads: the title, the edition ("ปีที่ 3"), the ceremony's date and venue, the
counts ("กว่า 60 ผลงาน จาก 59 อปท.", "ให้ 20 อปท."), and the list: tier headers
("รางวัล…ประเภทดีเด่น 18 รางวัล ได้แก่") each followed by its winners, one a line
("– เทศบาลนครยะลา จังหวัดยะลา ผลงาน Big Data …"), marked with –, -, •, 1. or not at
all, wrapped onto further lines or not. Thai names and titles are kept as written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass, field

from generator.load import reference
from generator.load.docx import Unreadable, read_lines
from generator.model import LaoType
from generator.text import clean_name

__all__ = ["Announcement", "Item", "TierList", "Unreadable", "parse", "read_lines"]

DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
          "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
SHORT_MONTHS = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.",
                "ต.ค.", "พ.ย.", "ธ.ค."]
_MONTH = "|".join(re.escape(month) for month in MONTHS + SHORT_MONTHS)
DATE = re.compile(rf"(?:เมื่อ\s*)?วันที่\s*(\d{{1,2}})\s*({_MONTH})\s*(?:พ\.\s*ศ\.\s*)?(\d{{4}})")
VENUE_AFTER = re.compile(r"\s*ณ\s*(.+)")
VENUE_BEFORE = re.compile(r"ณ\s*(\S.*?)\s*เมื่อ\s*วันที่")
VENUE_END = re.compile(r"\s+(?:โดย|ซึ่ง|เพื่อ|และมี|พร้อม)")
EDITION = re.compile(r"(?:เป็น)?ปีที่\s*(\d{1,2})")
SUBMISSIONS = re.compile(r"(กว่า|มากกว่า|ทั้งหมด|ทั้งสิ้น)?\s*(\d[\d,]*)\s*ผลงาน")
APPLICANTS = re.compile(r"ผลงาน\s*จาก\s*(\d[\d,]*)\s*(?:อปท|องค์กรปกครองส่วนท้องถิ่น|แห่ง)")
TOTAL = re.compile(r"(?:ให้(?:แก่)?|แก่|รวม|ทั้งหมด|ทั้งสิ้น)\s*(\d+)\s*(?:อปท|แห่ง|หน่วยงาน)")
AWARD_NAME = re.compile(r"(รางวัล[^\s“”\"']*)\s*ประจำปี\s*(?:พ\.\s*ศ\.\s*)?(\d{4})")
KNOWN_TIER_NAMES = ("ยอดเยี่ยม", "ดีเด่น", "ชมเชย")
MARKER = re.compile(r"\s*(?:[–—\-•·▪●◦*]|\(?[0-9๐-๙]{1,3}[.)])\s*")
HEADER = re.compile(r"(?:รางวัล\S*?\s*)?(?:ประเภท|ระดับ)\s*(?P<name>[^\s\d(]+?)"
                    r"(?:\s*(?:จำนวน)?\s*(?P<count>[0-9๐-๙]+)\s*รางวัล)?(?:\s|$)")
HEADER_KNOWN = re.compile(rf"รางวัล\S*?(?P<name>{'|'.join(KNOWN_TIER_NAMES)})"
                          r"(?:\s*(?:จำนวน)?\s*(?P<count>[0-9๐-๙]+)\s*รางวัล)?(?:\s|$)")
PROVINCE_MARK = re.compile(r"\s*(?:จังหวัด|จ\.)\s*")
DISTRICT_MARK = re.compile(r"\s*(?:อำเภอ|อ\.)\s*")
PROJECT_MARK = re.compile(r"\s*(?:ผลงาน|ชื่อผลงาน)\s*[:：]?\s*")
# a province by another name than its own (the province's name is found as well)
PROVINCE_SHORT = {"กรุงเทพฯ": "กรุงเทพมหานคร", "กทม.": "กรุงเทพมหานคร"}


@dataclass(frozen=True)
class Item:
    """One winner as the list gives it."""

    lines: tuple[int, int]  # first and last line of the announcement
    lao: str  # the Thai name, an abbreviated type written out (ทต.X: เทศบาลตำบลX)
    type: LaoType
    place: str  # the name after the type: the place the LAO is named after
    province: str | None  # as written after จังหวัด / จ. (or implied by the LAO)
    district: str | None  # as written after อำเภอ / อ., where given
    project: str


@dataclass
class TierList:
    name: str  # Thai, as the header gives it
    stated: int | None  # the count the header states
    line: int
    items: list[Item] = field(default_factory=list)


@dataclass
class Announcement:
    title: str | None = None
    award: str | None = None  # the award's Thai name: รางวัลท้องถิ่นดิจิทัล
    year: int | None = None  # the year that name gives
    edition: int | None = None
    announced: dt.date | None = None
    venue: str | None = None
    submissions: int | None = None
    submissions_exact: bool = True  # False for "กว่า 60": more than 60
    applicants: int | None = None
    total: int | None = None  # the LAOs the text says were awarded
    tiers: list[TierList] = field(default_factory=list)
    unread: list[tuple[int, str, str]] = field(default_factory=list)  # line, text, why


def parse(lines: list[str]) -> Announcement:
    found = Announcement()
    texts = [clean_name(line) for line in lines]
    first_header = next((n for n, text in enumerate(texts) if _header(text)), len(texts))
    prose = [text.translate(DIGITS) for text in texts[:first_header]]
    found.title = next((text for text in texts if text), None)
    _facts(" \n".join(prose), found)
    _list(texts, first_header, found)
    return found


def _facts(prose: str, found: Announcement) -> None:
    if match := AWARD_NAME.search(prose):
        found.award, found.year = match[1].removeprefix("มอบ"), int(match[2])
    if match := EDITION.search(prose):
        found.edition = int(match[1])
    dates = list(DATE.finditer(prose))
    date = next((m for m in dates if m[0].startswith("เมื่อ")), dates[0] if dates else None)
    if date:
        month = (MONTHS.index(date[2]) if date[2] in MONTHS else SHORT_MONTHS.index(date[2])) + 1
        with contextlib.suppress(ValueError):
            found.announced = dt.date(int(date[3]) - 543, month, int(date[1]))
        venue = VENUE_AFTER.match(prose, date.end()) or VENUE_BEFORE.search(prose)
        if venue:
            found.venue = VENUE_END.split(venue[1].split("\n")[0])[0].strip() or None
    if match := SUBMISSIONS.search(prose):
        found.submissions = int(match[2].replace(",", ""))
        found.submissions_exact = match[1] not in ("กว่า", "มากกว่า")
    if match := APPLICANTS.search(prose):
        found.applicants = int(match[1].replace(",", ""))
    if match := TOTAL.search(prose):
        found.total = int(match[1])


def _header(text: str) -> re.Match | None:
    text = MARKER.sub("", text, count=1) if MARKER.match(text) else text
    if not text or len(text) > 160 or _lao_type(text):
        return None
    return HEADER.match(text) or HEADER_KNOWN.match(text)


def _list(texts: list[str], start: int, found: Announcement) -> None:
    tier: TierList | None = None
    item: list[int] = []  # the lines of the item being read
    marked = False  # whether the tier's items carry markers

    def close() -> None:
        if item and tier is not None:
            joined = " ".join(texts[n] for n in item)
            read = _item(MARKER.sub("", joined, count=1) if MARKER.match(joined) else joined)
            if isinstance(read, str):
                found.unread.append((item[0] + 1, joined, read))
            else:
                tier.items.append(Item((item[0] + 1, item[-1] + 1), *read))
        item.clear()

    last = max((n for n in range(start, len(texts)) if _header(texts[n])
                or MARKER.match(texts[n]) or _lao_type(texts[n])), default=start)
    for number in range(start, len(texts)):
        text = texts[number]
        if header := _header(text):
            close()
            count = header["count"]
            tier = TierList(header["name"], int(count.translate(DIGITS)) if count else None,
                            number + 1)
            found.tiers.append(tier)
            marked = False
            continue
        if not text:
            close()
            continue
        has_marker = bool(MARKER.match(text))
        if has_marker or (not marked and _lao_type(text)):
            close()
            marked = marked or has_marker
            item.append(number)
        elif item:
            item.append(number)  # a wrapped item
        elif number <= last:
            found.unread.append((number + 1, text, "not a winner: no LAO type at its start"))
        if number >= last and not item:
            break
    close()


def _lao_type(text: str) -> tuple[LaoType, str] | None:
    """The type a Thai LAO name starts with, and the rest after its prefix."""
    text = MARKER.sub("", text, count=1) if MARKER.match(text) else text
    found = [(len(prefix), lao_type, text[len(prefix):]) for lao_type in reference.LAO_TYPES
             for prefix in lao_type.prefixes if text.startswith(prefix)]
    if not found:
        return None
    _, lao_type, rest = max(found, key=lambda f: f[0])
    return lao_type, rest


def _item(text: str) -> tuple | str:
    """(lao, type, place, province, district, project) of one list item, or why not."""
    typed = _lao_type(text)
    if typed is None:
        return "not a winner: no LAO type at its start"
    lao_type, rest = typed
    rest = rest.lstrip()
    ends = [m.start() for mark in (PROVINCE_MARK, DISTRICT_MARK, PROJECT_MARK)
            if (m := mark.search(rest))]
    if lao_type.slug in ("bma", "pattaya"):
        cut = 0
    else:
        cut = min(ends) if ends else (rest.find(" ") if " " in rest else len(rest))
    place, rest = rest[:cut].strip(), rest[cut:]
    if " " in place:  # no mark after the name: the name is its first word
        place, _, more = place.partition(" ")
        rest = f" {more}{rest}"
    if lao_type.slug not in ("bma", "pattaya") and not place:
        return "no place name after the LAO type"
    province = district = None
    while True:
        if match := PROVINCE_MARK.match(rest):
            province, rest = _province(rest[match.end():])
        elif match := DISTRICT_MARK.match(rest):
            district, _, rest = rest[match.end():].partition(" ")
            rest = " " + rest
        else:
            break
    if province is None:
        province = {"bma": "กรุงเทพมหานคร", "pattaya": "ชลบุรี",
                    "pao": place}.get(lao_type.slug)
    project = rest
    if match := PROJECT_MARK.match(project):
        project = project[match.end():]
    project = project.strip()
    if not project:
        return "no project title after the LAO and its province"
    return lao_type.name.th + place, lao_type, place, province, district, project


def _province(text: str) -> tuple[str, str]:
    """The province at the start of text (the longest known name, as names run on
    into the next word when a space is missing), and the text after it."""
    names = [p.name.th for p in reference.provinces()] + list(PROVINCE_SHORT)
    for name in sorted(names, key=len, reverse=True):
        if text.startswith(name):
            return PROVINCE_SHORT.get(name, name), text[len(name):]
    word, _, rest = text.partition(" ")
    return word, " " + rest
