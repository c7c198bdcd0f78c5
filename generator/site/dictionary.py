"""The data dictionary of the open data: every field of winners.json and column of
winners.csv, what it means and its type. The data page renders it, datapackage.json
is made from it, and a test checks it against both files."""

from __future__ import annotations

from dataclasses import dataclass

from generator.languages import BE_OFFSET
from generator.model import Localized

# Frictionless Table Schema types, with the words the data page shows for them
TYPE_NAMES = {
    "integer": Localized("จำนวนเต็ม", "integer"),
    "string": Localized("ข้อความ", "text"),
    "boolean": Localized("จริง/เท็จ (true/false)", "true/false"),
    "list": Localized("รายการ", "list"),
    "object": Localized("ออบเจกต์ (JSON)", "object (JSON)"),
}


@dataclass(frozen=True)
class Field:
    """One leaf of a winner in winners.json and its column in winners.csv."""

    name: str  # its path in the JSON, dotted; for a CSV-only column, the column
    type: str  # a key of TYPE_NAMES
    th: str  # what it means
    en: str
    in_json: bool = True
    in_csv: bool = True
    values: tuple[str, ...] = ()  # the codes it may hold, when it is a code
    format: str | None = None  # Table Schema format: uri
    pattern: str | None = None
    required: bool = True  # never empty

    @property
    def column(self) -> str | None:
        return self.name.replace(".", "_") if self.in_csv else None

    @property
    def description(self) -> Localized:
        return Localized(self.th, self.en)

    @property
    def type_name(self) -> Localized:
        return TYPE_NAMES[self.type]


def _label(name: str, th: str, en: str, required: bool = True) -> tuple[Field, Field]:
    """The Thai and English label of a coded value: `<name>.th`, `<name>.en`."""
    return (Field(f"{name}.th", "string", f"{th} ภาษาไทย", f"{en} in Thai", required=required),
            Field(f"{name}.en", "string", f"{th} ภาษาอังกฤษ", f"{en} in English",
                  required=required))


# A winner whose tier no source states has none: `tier` is null, its columns empty
UNTIERED_TH = " (ว่างถ้าแหล่งข้อมูลไม่ระบุประเภทรางวัล)"
UNTIERED_EN = " (empty when no source states the tier)"


LAO_TYPES = ("bma", "pattaya", "pao", "city-municipality", "town-municipality",
             "subdistrict-municipality", "sao")
REGIONS = ("north", "northeast", "central", "east", "west", "south")

FIELDS: tuple[Field, ...] = (
    Field("year", "integer", "ปีที่มอบรางวัล (พ.ศ.)", "Award year, Buddhist Era"),
    Field("year_ce", "integer", "ปีที่มอบรางวัล (ค.ศ.)",
          f"Award year, Common Era (year - {BE_OFFSET})"),
    Field("id", "string", "รหัสของผู้ได้รับรางวัลภายในปี ใช้ในที่อยู่ถาวรของหน้า",
          "Id of the winner within its year; part of its permanent URL",
          pattern="[a-z0-9-]+"),
    Field("tier.id", "string", "รหัสประเภทรางวัล (เหมือนกันทุกปี)" + UNTIERED_TH,
          "Tier id (the same in every year)" + UNTIERED_EN, pattern="[a-z0-9-]+",
          required=False),
    Field("tier.rank", "integer", "ลำดับของประเภทรางวัล (1 สูงสุด)" + UNTIERED_TH,
          "Rank of the tier, 1 is the highest" + UNTIERED_EN, required=False),
    *_label("tier", "ชื่อประเภทรางวัล", "Tier name", required=False),
    Field("lao.slug", "string", "รหัสของ อปท. ใช้ในที่อยู่ของหน้า อปท.",
          "Id of the LAO; part of its page's URL", pattern="[a-z0-9-]+"),
    Field("lao.th", "string", "ชื่อ อปท. ภาษาไทย", "Name of the LAO in Thai"),
    Field("lao.en", "string", "ชื่อ อปท. ภาษาอังกฤษ", "Name of the LAO in English"),
    Field("lao.type", "string", "รหัสประเภท อปท.", "Type of LAO, as a code", values=LAO_TYPES),
    *_label("lao.type_name", "ชื่อประเภท อปท.", "Name of the LAO type"),
    Field("lao.code", "string",
          "รหัส อปท. 7 หลักของกรมส่งเสริมการปกครองท้องถิ่น (ว่างถ้าไม่ทราบ)",
          "The LAO's 7-digit code from the Department of Local Administration "
          "(empty when unknown)", pattern="[0-9]{7}", required=False),
    Field("province.code", "string", "รหัสจังหวัด ISO 3166-2:TH",
          "Province code, ISO 3166-2:TH", pattern="TH-[0-9A-Z]{2}"),
    Field("province.slug", "string", "รหัสจังหวัดในที่อยู่ของหน้า",
          "Id of the province in its page's URL", pattern="[a-z0-9-]+"),
    Field("province.th", "string", "ชื่อจังหวัดภาษาไทย", "Province name in Thai"),
    Field("province.en", "string", "ชื่อจังหวัดภาษาอังกฤษ", "Province name in English"),
    Field("province.region", "string",
          "รหัสภาค ตามระบบ 6 ภาค (พิษณุโลก พิจิตร นครสวรรค์ อยู่ภาคกลาง)",
          "Region code, six-region system (Phitsanulok, Phichit and Nakhon Sawan "
          "are central)", values=REGIONS),
    *_label("province.region_name", "ชื่อภาค", "Name of the region"),
    Field("district.th", "string", "อำเภอภาษาไทย (ว่างถ้าไม่ได้ระบุ)",
          "District in Thai (empty when not given)", required=False),
    Field("district.en", "string", "อำเภอภาษาอังกฤษ (ว่างถ้าไม่ได้ระบุ)",
          "District in English (empty when not given)", required=False),
    Field("project.th", "string", "ชื่อผลงานภาษาไทย (ว่างถ้าแหล่งข้อมูลไม่ระบุชื่อผลงาน)",
          "Project title in Thai (empty when no source names the project)", required=False),
    Field("project.en", "string", "ชื่อผลงานภาษาอังกฤษ (ว่างถ้าแหล่งข้อมูลไม่ระบุชื่อผลงาน)",
          "Project title in English (empty when no source names the project)",
          required=False),
    Field("themes", "list", "หัวข้อของผลงาน (ใน CSV คั่นด้วย ;)",
          "Themes of the project (in the CSV, joined with ;)", required=False),
    Field("url.th", "string", "ที่อยู่ถาวรของหน้าผู้ได้รับรางวัลภาษาไทย",
          "Permanent URL of the Thai winner page", format="uri"),
    Field("url.en", "string", "ที่อยู่ถาวรของหน้าผู้ได้รับรางวัลภาษาอังกฤษ",
          "Permanent URL of the English winner page", format="uri"),
    Field("writeup.th", "boolean", "มีรายละเอียดผลงานภาษาไทยหรือไม่",
          "Whether a Thai write-up exists"),
    Field("writeup.en", "boolean", "มีรายละเอียดผลงานภาษาอังกฤษหรือไม่",
          "Whether an English write-up exists"),
    Field("sources", "object",
          "เอกสารที่ข้อมูลนี้มาจาก: รายการของ {title: {th, en}, publisher: {th, en}, "
          "date, url, accessed} (date: วันที่เผยแพร่; accessed: วันที่เราอ่านเอกสารที่ url "
          "นั้น; url และ accessed เป็น null ถ้าไม่มี)",
          "Documents the facts come from: a list of {title: {th, en}, publisher: {th, en}, "
          "date, url, accessed} (date: when it was published; accessed: when we read it at "
          "that url; url and accessed null when there is none)", in_csv=False),
    Field("source_th", "string", "ชื่อเอกสารแหล่งที่มาฉบับแรก ภาษาไทย",
          "Title of the first source, in Thai", in_json=False, required=False),
    Field("source_en", "string", "ชื่อเอกสารแหล่งที่มาฉบับแรก ภาษาอังกฤษ",
          "Title of the first source, in English", in_json=False, required=False),
    Field("source_url", "string", "ที่อยู่เว็บของแหล่งที่มาฉบับแรก (ว่างถ้าไม่มี)",
          "Web address of the first source (empty when it has none)", in_json=False,
          format="uri", required=False),
    Field("year_winners_announced", "integer",
          "จำนวนผู้ได้รับรางวัลที่ผู้จัดประกาศในปีนั้น (ว่างถ้าไม่ได้ระบุ) ถ้ามากกว่า "
          "year_winners_listed แสดงว่าข้อมูลปีนั้นยังไม่ครบ",
          "How many winners the organizer announced that year (empty when not stated); "
          "when more than year_winners_listed, this data lacks some of that year's winners",
          required=False),
    Field("year_winners_listed", "integer",
          "จำนวนผู้ได้รับรางวัลของปีนั้นที่มีในข้อมูลนี้ (ที่แหล่งข้อมูลที่เราพบระบุชื่อ)",
          "How many of that year's winners this data holds (those the sources we found "
          "name)"),
)

COLUMNS: tuple[str, ...] = tuple(f.column for f in FIELDS if f.column)


# data/provinces.csv: one row per province, all 77, with what it has won (issue 27: the
# stats page shows the provinces with winners; the full table is open data)
PROVINCE_FIELDS: tuple[Field, ...] = (
    Field("code", "string", "รหัสจังหวัด ISO 3166-2:TH", "Province code, ISO 3166-2:TH",
          pattern="TH-[0-9A-Z]{2}"),
    Field("slug", "string", "รหัสจังหวัดในที่อยู่ของหน้า", "Id of the province in its page's URL",
          pattern="[a-z0-9-]+"),
    Field("th", "string", "ชื่อจังหวัดภาษาไทย", "Province name in Thai"),
    Field("en", "string", "ชื่อจังหวัดภาษาอังกฤษ", "Province name in English"),
    Field("region", "string", "รหัสภาค ตามระบบ 6 ภาค", "Region code, six-region system",
          values=REGIONS),
    *_label("region_name", "ชื่อภาค", "Name of the region"),
    Field("awards", "integer",
          "จำนวนรางวัลของ อปท. ในจังหวัด ในปีที่ winners.csv มี (0 ถ้าไม่มี)",
          "Awards won by the province's LAOs in the years winners.csv holds (0 for none)"),
    Field("laos", "integer", "จำนวน อปท. ในจังหวัดที่ได้รับรางวัล",
          "LAOs of the province that won an award"),
    Field("url.th", "string", "ที่อยู่ของหน้าจังหวัดภาษาไทย", "URL of the Thai province page",
          format="uri"),
    Field("url.en", "string", "ที่อยู่ของหน้าจังหวัดภาษาอังกฤษ",
          "URL of the English province page", format="uri"),
)
PROVINCE_COLUMNS: tuple[str, ...] = tuple(f.column for f in PROVINCE_FIELDS if f.column)
