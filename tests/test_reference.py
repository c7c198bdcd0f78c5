"""The 77 provinces checked against an independent source (pycountry's ISO 3166-2)."""

from __future__ import annotations

from collections import Counter

import pycountry
import pytest

from generator.load import reference


def iso_provinces() -> dict[str, str]:
    # TH-S is Pattaya, a special administrative city, not one of the 77 provinces
    return {s.code: s.name for s in pycountry.subdivisions.get(country_code="TH")
            if s.code != "TH-S"}


def test_77_provinces_match_iso_3166_2():
    ours = {p.code: p for p in reference.provinces()}
    iso = iso_provinces()
    assert len(ours) == 77
    assert set(ours) == set(iso)
    for code, name in iso.items():
        expected = "Bangkok" if code == "TH-10" else name
        assert ours[code].name.en == expected, code


def test_slugs_come_from_the_iso_english_name():
    for province in reference.provinces():
        if province.code == "TH-10":
            assert province.slug == "bangkok"
        else:
            assert province.slug == iso_provinces()[province.code].lower().replace(" ", "-")
    slugs = {p.code: p.slug for p in reference.provinces()}
    assert slugs["TH-20"] == "chon-buri" and slugs["TH-16"] == "lop-buri"
    assert slugs["TH-39"] == "nong-bua-lam-phu"


def test_six_regions_with_their_sizes():
    counts = Counter(p.region.slug for p in reference.provinces())
    assert counts == {"north": 9, "northeast": 20, "central": 22, "east": 7, "west": 5,
                      "south": 14}
    assert reference.find_province("Bangkok").region.slug == "central"


def test_thai_names_match_iso_thai_locale_where_it_is_right():
    # pycountry's Thai locale misspells TH-39 and lacks Bangkok and Bueng Kan
    import gettext
    thai = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["th"])
    for province in reference.provinces():
        translated = thai.gettext(iso_provinces()[province.code])
        if province.code not in ("TH-39", "TH-10", "TH-38") and translated != iso_provinces()[
                province.code]:
            assert translated == province.name.th, province.code
    assert reference.find_province("TH-39").name.th == "หนองบัวลำภู"


@pytest.mark.parametrize("name,code", [
    ("Chonburi", "TH-20"), ("Chon Buri", "TH-20"), ("chon buri", "TH-20"), ("CHONBURI", "TH-20"),
    ("Bangkok", "TH-10"), ("Krung Thep Maha Nakhon", "TH-10"), ("กรุงเทพมหานคร", "TH-10"),
    ("TH-95", "TH-95"), ("th-95", "TH-95"), ("ยะลา", "TH-95"), ("Lopburi", "TH-16"),
    ("Ayutthaya", "TH-14"), ("Nong Bua Lamphu", "TH-39"), ("Buriram", "TH-31"),
    ("Si Sa Ket", "TH-33"), ("Sisaket", "TH-33"),
])
def test_spelling_variants_resolve(name, code):
    assert reference.find_province(name).code == code


def test_lao_type_from_thai_prefix():
    cases = {
        "กรุงเทพมหานคร": "bma", "เมืองพัทยา": "pattaya", "องค์การบริหารส่วนจังหวัดยะลา": "pao",
        "อบจ.ยะลา": "pao", "อบจยะลา": "pao", "เทศบาลนครยะลา": "city-municipality",
        "ทน.ยะลา": "city-municipality", "เทศบาลเมืองตาคลี": "town-municipality",
        "ทม.ตาคลี": "town-municipality", "เทศบาลตำบลครึ่ง": "subdistrict-municipality",
        "ทต.ครึ่ง": "subdistrict-municipality", "องค์การบริหารส่วนตำบลสิงหนาท": "sao",
        "อบต.สิงหนาท": "sao", "อบตสิงหนาท": "sao",
    }
    for name, slug in cases.items():
        assert reference.lao_type_from_name(name).slug == slug, name
    assert reference.lao_type_from_name("นครยะลา") is None
