"""Every rejection of the contract's section 2: exit 1, path:line: message, output untouched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import AWARD, YALA_TH, edit, line_of, posix_only, rejected, snapshot
from sitecheck import parse


@pytest.fixture
def site(built_here: Path) -> Path:
    """A good build in tmp_path/output, and a way to edit content and rebuild."""
    return built_here


def year_file(tiers: str) -> str:
    """A 2567 with these tiers; a draft, so that it may have no winners."""
    return f"""year: 2567
draft: true
name: {{th: รางวัลท้องถิ่นดิจิทัล ประจำปี 2567, en: Digital Local Government Awards 2024}}
announced: 2024-10-01
tiers:
{tiers}"""


def test_invalid_yaml(site, awards):
    award = site / AWARD
    line = line_of(award, "province: Chiang Rai")
    edit(award, "province: Chiang Rai", "province: [Chiang Rai")
    assert rejected(awards, site) == [
        f"{AWARD}:{line + 1}: invalid YAML: expected ',' or ']', but got ':'"]


def test_tab_indentation(site, awards):
    award = site / AWARD
    line = line_of(award, "province: Chiang Rai")
    edit(award, "        province: Chiang Rai", "\tprovince: Chiang Rai")
    assert rejected(awards, site) == [
        f"{AWARD}:{line}: invalid YAML: found character '\\t' that cannot start any token "
        "(YAML indents with spaces, not tabs)"]


def test_duplicate_yaml_key(site, awards):
    award = site / AWARD
    first = line_of(award, "province: Yala")
    edit(award, "        province: Yala\n", "        province: Yala\n        province: Narathiwat\n")
    assert rejected(awards, site) == [
        f"{AWARD}:{first + 1}: duplicate key 'province' (first given on line {first})"]


def test_file_not_utf8(site, awards):
    path = site / YALA_TH
    path.write_bytes("---\nsummary: ทดสอบ\n---\nเนื้อหา\n".encode("cp874"))
    assert rejected(awards, site) == [
        f"{YALA_TH}:2: file is not UTF-8 (byte 0xb7) "
        "(it looks like Thai in TIS-620/Windows-874; save it as UTF-8)"]


def test_award_file_name(site, awards):
    (site / "content/awards/2567-final.yaml").write_text(year_file("  []"), encoding="utf-8")
    assert rejected(awards, site) == [
        "content/awards/2567-final.yaml: award file '2567-final.yaml' is not named <BE>.yaml "
        "(name it after its Buddhist Era year, like 2566.yaml)"]


def test_year_differs_from_file_name(site, awards):
    edit(site / AWARD, "year: 2566", "year: 2023")
    assert rejected(awards, site) == [
        f"{AWARD}:{line_of(site / AWARD, 'year: 2023')}: year 2023 differs from the file name "
        "2566.yaml (did you mean 2566 (B.E.)?)"]


def test_missing_required_field(site, awards):
    award = site / AWARD
    line = line_of(award, "- id: yala-big-data")
    edit(award, "        province: Yala\n", "")
    assert rejected(awards, site) == [
        f"{AWARD}:{line}: winner 'yala-big-data': missing required field 'province'"]


def test_wrong_type(site, awards):
    edit(site / AWARD, "edition: 3", "edition: third")
    assert rejected(awards, site) == [
        f"{AWARD}:{line_of(site / AWARD, 'edition: third')}: 'edition' must be a whole number, "
        "found text ('third')"]


def test_date_that_does_not_exist(site, awards):
    edit(site / AWARD, "announced: 2023-10-10", "announced: 2023-02-30")
    assert rejected(awards, site) == [
        f"{AWARD}:{line_of(site / AWARD, 'announced: 2023-02-30')}: date '2023-02-30' does not exist"]


def test_duplicate_winner_id(site, awards):
    award = site / AWARD
    first = line_of(award, "- id: yala-big-data")
    second = line_of(award, "- id: khrueng-waste-management")
    edit(award, "- id: khrueng-waste-management", "- id: yala-big-data")
    # the write-ups of the renamed winner now belong to no winner
    problems = rejected(awards, site)
    assert f"{AWARD}:{second}: duplicate winner id 'yala-big-data' (first on line {first})" \
        in problems


@pytest.mark.parametrize("field,value,line_snippet,message", [
    ("id", "Yala_Big_Data", "- id: Yala_Big_Data",
     "tier 'excellence' winner: 'id' must use only a-z, 0-9 and '-', found 'Yala_Big_Data'"),
    ("slug", "yala city", "slug: yala city",
     "winner 'yala-big-data': 'slug' must use only a-z, 0-9 and '-', found 'yala city'"),
    ("alias", "Old_Id", "aliases: [Old_Id]",
     "winner 'yala-big-data': alias 'Old_Id' must use only a-z, 0-9 and '-'"),
])
def test_invalid_ids(site, awards, field, value, line_snippet, message):
    award = site / AWARD
    if field == "id":
        edit(award, "- id: yala-big-data", f"- id: {value}")
        (site / "content/entries/2566/yala-big-data.th.md").unlink()
        (site / "content/entries/2566/yala-big-data.en.md").unlink()
        (site / "content/entries/2566/yala-big-data.notes.yaml").unlink()
    elif field == "slug":
        edit(award, "en: Yala City Municipality}", f"en: Yala City Municipality, slug: {value}}}")
        line_snippet = "slug: yala city"
    else:
        edit(award, "        themes: [data]\n", f"        themes: [data]\n        aliases: [{value}]\n")
    assert rejected(awards, site) == [f"{AWARD}:{line_of(award, line_snippet)}: {message}"]


def test_alias_equal_to_another_winners_id(site, awards):
    award = site / AWARD
    edit(award, "        themes: [data]\n", "        themes: [data]\n        aliases: [bang-sare-b-buddy]\n")
    line = line_of(award, "- id: yala-big-data")
    assert rejected(awards, site) == [
        f"{AWARD}:{line}: winner 'yala-big-data': alias 'bang-sare-b-buddy' is the id of a "
        "winner of this year"]


def test_two_tiers_with_one_id(site, awards):
    award = site / AWARD
    edit(award, "  - id: outstanding", "  - id: excellence")
    line = line_of(award, "name: {th: ดีเด่น, en: Outstanding}") - 1
    assert f"{AWARD}:{line}: tier id 'excellence' is used twice in this year" \
        in rejected(awards, site)


def test_tier_with_other_names_or_rank_in_another_year(site, awards):
    (site / "content/awards/2567.yaml").write_text(year_file(
        "  - id: outstanding\n    name: {th: ดีเด่น, en: Outstanding}\n    winners: []\n"
        "  - id: excellence\n    name: {th: ยอดเยี่ยม, en: Excellent}\n    winners: []\n"),
        encoding="utf-8")
    earlier = "content/awards/2565.yaml"
    assert rejected(awards, site) == [
        f"{earlier}:{line_of(site / earlier, '- id: excellence')}: tier 'excellence' is rank 1 "
        "'Excellence' here but rank 2 'Excellent' at content/awards/2567.yaml:9 "
        "(a tier id must keep its names and rank in every year)",
        f"{AWARD}:{line_of(site / AWARD, '- id: excellence')}: tier 'excellence' is rank 1 "
        "'Excellence' here but rank 2 'Excellent' at content/awards/2567.yaml:9 "
        "(a tier id must keep its names and rank in every year)",
        f"{AWARD}:{line_of(site / AWARD, '- id: outstanding')}: tier 'outstanding' is rank 2 "
        "'Outstanding' here but rank 1 'Outstanding' at content/awards/2567.yaml:6 "
        "(a tier id must keep its names and rank in every year)",
    ]


def test_unknown_province_with_suggestion(site, awards):
    award = site / AWARD
    edit(award, "province: Chon Buri\n        project:\n          th: การจัดการ",
         "province: Chonbury\n        project:\n          th: การจัดการ")
    assert rejected(awards, site) == [
        f"{AWARD}:{line_of(award, 'Chonbury')}: winner 'khet-udomsak-online-tax': "
        "unknown province 'Chonbury' (did you mean 'Chon Buri'?)"]


def test_province_spelling_variants_are_accepted(site, awards):
    award = site / AWARD
    edit(award, "province: Yala", "province: TH-95")
    edit(award, "province: Chiang Rai", "province: เชียงราย")
    edit(award, "province: Phra Nakhon Si Ayutthaya", "province: ayutthaya")
    assert awards("build", "--content", "content", "--output", "output").code == 0


def test_unknown_type_with_suggestion(site, awards):
    award = site / AWARD
    edit(award, "        province: Yala\n", "        type: city-municipalty\n        province: Yala\n")
    assert rejected(awards, site) == [
        f"{AWARD}:{line_of(award, 'city-municipalty')}: winner 'yala-big-data': "
        "unknown LAO type 'city-municipalty' (did you mean 'city-municipality'?)"]


def test_no_type_and_no_known_prefix(site, awards):
    award = site / AWARD
    edit(award, "th: เทศบาลนครยะลา,", "th: นครยะลา,")
    assert rejected(awards, site) == [
        f"{AWARD}:{line_of(award, 'th: นครยะลา')}: winner 'yala-big-data': no 'type', and the "
        "Thai name 'นครยะลา' has no known prefix (add type: one of bma, pattaya, pao, "
        "city-municipality, town-municipality, subdistrict-municipality, sao)"]


@pytest.mark.parametrize("old,new,what,mine,theirs", [
    ("lao: {th: เทศบาลตำบลอุโมงค์, en: Umong Subdistrict Municipality}\n        province: Lamphun\n"
     "        project:\n          th: โครงการห้อง",
     "lao: {th: เทศบาลตำบลอุโมงค์ใหม่, en: Umong Subdistrict Municipality}\n"
     "        province: Lamphun\n        project:\n          th: โครงการห้อง",
     "Thai name", "เทศบาลตำบลอุโมงค์ใหม่", "เทศบาลตำบลอุโมงค์"),
    ("province: Lamphun\n        project:\n          th: โครงการห้อง",
     "province: Chiang Mai\n        project:\n          th: โครงการห้อง",
     "province", "Chiang Mai", "Lamphun"),
    ("province: Lamphun\n        project:\n          th: โครงการห้อง",
     "type: town-municipality\n        province: Lamphun\n        project:\n          th: โครงการห้อง",
     "type", "town-municipality", "subdistrict-municipality"),
])
def test_one_lao_slug_must_name_one_lao(site, awards, old, new, what, mine, theirs):
    award = site / AWARD
    edit(award, old, new)
    first = line_of(award, "- id: umong-social-welfare")
    second = line_of(award, "- id: umong-smart-classroom")
    assert rejected(awards, site) == [
        f"{AWARD}:{second}: LAO 'umong-subdistrict-municipality' has {what} '{mine}' here but "
        f"'{theirs}' at {AWARD}:{first} (one LAO slug must name one LAO everywhere)"]


def test_entry_for_unknown_winner(site, awards):
    (site / "content/entries/2566/yala-bigdata.en.md").write_text("Hello\n", encoding="utf-8")
    assert rejected(awards, site) == [
        "content/entries/2566/yala-bigdata.en.md: no winner of 2566 has the id 'yala-bigdata' "
        "(did you mean 'yala-big-data'?)"]


def test_entry_in_unsupported_language(site, awards):
    (site / "content/entries/2566/yala-big-data.fr.md").write_text("Bonjour\n", encoding="utf-8")
    assert rejected(awards, site) == [
        "content/entries/2566/yala-big-data.fr.md: language 'fr' is not one of the site's "
        "languages (th, en)"]


def test_invalid_front_matter(site, awards):
    path = site / YALA_TH
    path.write_text("---\nsummary: [unclosed\n---\nBody\n", encoding="utf-8")
    problems = rejected(awards, site)
    assert len(problems) == 1 and problems[0].startswith(f"{YALA_TH}:2: invalid YAML: ")
    path.write_text("---\nsumary: typo\n---\nBody\n", encoding="utf-8")
    assert rejected(awards, site) == [
        f"{YALA_TH}:2: front matter: unknown field 'sumary' (did you mean 'summary'?)"]
    path.write_text("---\nsummary: open\nBody\n", encoding="utf-8")
    assert rejected(awards, site) == [
        f"{YALA_TH}:1: front matter opened with '---' is never closed by a '---' line "
        "(close the front matter with a line '---')"]


def test_image_missing_or_outside_its_folder(site, awards):
    path = site / YALA_TH
    (site / "content/secret.png").write_bytes(b"\x89PNG")
    path.write_text("---\nimage: ../../../secret.png\n---\nBody\n", encoding="utf-8")
    assert rejected(awards, site) == [
        f"{YALA_TH}:2: front matter: image '../../../secret.png' lies outside "
        "content/entries/2566/yala-big-data/ (put the image in the winner's own folder)"]
    path.write_text("---\nimage: screenshot.png\n---\nBody\n", encoding="utf-8")
    assert rejected(awards, site) == [
        f"{YALA_TH}:2: front matter: image 'screenshot.png' does not exist in "
        "content/entries/2566/yala-big-data/"]


def test_urls_that_are_not_http(site, awards):
    path = site / YALA_TH
    path.write_text("---\nwebsite: javascript:alert(1)\nlinks:\n  - {label: App, url: "
                    "ftp://example.org/app}\n---\nBody\n", encoding="utf-8")
    assert rejected(awards, site) == [
        f"{YALA_TH}:2: front matter: 'website' must be an http:// or https:// URL, "
        "found 'javascript:alert(1)'",
        f"{YALA_TH}:4: link 1: 'url' must be an http:// or https:// URL, "
        "found 'ftp://example.org/app'",
    ]


@posix_only
def test_symlink_outside_content(site, awards, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("password\n")
    link = site / "content/entries/2566/yala-big-data"
    link.mkdir()
    (link / "leak.txt").symlink_to(secret)
    assert rejected(awards, site) == [
        f"content/entries/2566/yala-big-data/leak.txt: symbolic link points outside the "
        f"content folder (to {secret})"]


def test_base_url_must_be_absolute(site, awards):
    edit(site / "content/site.yaml", "base_url: https://example.github.io/awards/",
         "base_url: /awards/")
    assert rejected(awards, site) == [
        "content/site.yaml:7: 'base_url' must be an absolute http(s) URL, found '/awards/'"]
    # site.yaml's own base_url is checked even when --base-url overrides it
    run = awards("build", "--content", "content", "--output", "output",
                 "--base-url", "https://example.org/")
    assert run.code == 1 and run.problems == [
        "content/site.yaml:7: 'base_url' must be an absolute http(s) URL, found '/awards/'"]


@pytest.mark.parametrize("url", ["ftp://x/", "https://example.org/\nDisallow: /",
                                 "https://exa mple.org/", "https://example.org/\t",
                                 "https://example.org/?q=1", "//example.org/"])
def test_a_wrong_base_url_on_the_command_line_is_wrong_usage(site, awards, url):
    before = snapshot(site / "output")
    run = awards("build", "--content", "content", "--output", "output", "--base-url", url)
    assert run.code == 2 and run.err.startswith("awards: --base-url must "), run.err
    assert snapshot(site / "output") == before


def test_whitespace_or_a_control_character_in_base_url_is_rejected(site, awards):
    edit(site / "content/site.yaml", "base_url: https://example.github.io/awards/",
         'base_url: "https://example.github.io/awards/\\nDisallow: /"')
    assert rejected(awards, site) == [
        "content/site.yaml:7: 'base_url' must not contain spaces or control characters, found "
        "'https://example.github.io/awards/\\u000aDisallow: /'"]


def test_every_problem_is_reported_in_one_run(site, awards):
    award = site / AWARD
    edit(award, "announced: 2023-10-10", "announced: 2023-13-01")
    edit(award, "province: Yala", "province: Yalla")
    (site / "content/entries/2566/nobody.th.md").write_text("x\n", encoding="utf-8")
    problems = rejected(awards, site)
    assert len(problems) == 3
    assert [p.split(":")[0] for p in problems] == [AWARD, AWARD, "content/entries/2566/nobody.th.md"]


@posix_only
def test_check_validates_without_writing(site, awards):
    edit(site / AWARD, "province: Yala", "province: Yalla")
    run = awards("check", "--content", "content")
    assert run.code == 1 and "unknown province 'Yalla'" in run.err
    assert run.err.rstrip().endswith("awards check: 1 problem")
    fresh = site / "fresh"
    fresh.mkdir()
    os.chdir(fresh)
    os.symlink(site / "content", fresh / "content")
    assert awards("check").code == 1
    assert not (fresh / "output").exists()


def test_wrong_usage_exits_2(awards):
    assert awards("build", "--no-such-flag").code == 2
    assert awards().code == 2


# What editors paste from Word and web pages


def test_invisible_character_in_an_id_is_spelled_out(site, awards):
    award = site / AWARD
    edit(award, "- id: bang-sare-b-buddy", "- id: bang-sare\u200b-b-buddy")
    line = line_of(award, "- id: bang-sare")
    assert rejected(awards, site) == [
        f"{AWARD}:{line}: tier 'outstanding' winner: 'id' must use only a-z, 0-9 and '-', "
        "found 'bang-sare\\u200b-b-buddy'",
        # the winner's write-ups and notes on its sources now match no id: the hint spells
        # it out too
        *(f"content/entries/2566/bang-sare-b-buddy.{kind}: no winner of 2566 has the id "
          "'bang-sare-b-buddy' (did you mean 'bang-sare\\u200b-b-buddy'?)"
          for kind in ("en.md", "notes.yaml", "th.md"))]


def test_smart_quotes_around_a_province(site, awards):
    award = site / AWARD
    edit(award, "province: Yala", "province: “Yala”")
    assert rejected(awards, site) == [
        f"{AWARD}:{line_of(award, '“Yala”')}: winner 'yala-big-data': unknown province "
        "'“Yala”' (did you mean 'Yala'?)"]


def test_pasted_invisible_characters_and_windows_line_ends_are_cleaned(site, awards):
    award = site / AWARD
    text = award.read_text(encoding="utf-8")
    text = text.replace("th: เทศบาลนครยะลา,", "th: \u200bเทศบาล\u00adนครยะลา\ufeff  ,")
    text = text.replace("province: Yala", "province: Ya\u200dla")
    award.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert awards("build", "--content", "content", "--output", "output").code == 0
    page = parse(site / "output" / "th" / "2566" / "yala-big-data" / "index.html")
    assert page.one("h1").text == "เทศบาลนครยะลา"


def test_yes_read_as_a_boolean_where_text_is_meant(site, awards):
    award = site / AWARD
    edit(award, "en: B-Buddy Bangsaray", "en: yes")
    assert rejected(awards, site) == [
        f"{AWARD}:{line_of(award, 'en: yes')}: winner 'bang-sare-b-buddy': project: 'en' must be text, "
        "found true or false (True) (put it in quotes to make it text)"]


def test_value_that_yaml_cannot_read(site, awards):
    edit(site / AWARD, "edition: 3", "edition: !!int three")
    assert rejected(awards, site) == [
        f"{AWARD}:{line_of(site / AWARD, 'edition: !!int')}: invalid YAML: cannot read this value "
        "(invalid literal for int() with base 10: 'three')"]


def test_unknown_theme_with_did_you_mean(site, awards):
    award = site / AWARD
    line = line_of(award, "themes: [complaints, e-service]")
    edit(award, "themes: [complaints, e-service]", "themes: [complaint, eservice, potholes]")
    found = rejected(awards, site)
    assert found == [
        f"{AWARD}:{line}: winner '{_winner_at(award, line)}': unknown theme 'complaint' "
        "(did you mean 'complaints'?)",
        f"{AWARD}:{line}: winner '{_winner_at(award, line)}': unknown theme 'eservice' "
        "(did you mean 'e-service'?)",
        f"{AWARD}:{line}: winner '{_winner_at(award, line)}': unknown theme 'potholes' "
        "(add it to the themes of site.yaml, with its Thai and English label)"]


def test_theme_vocabulary_needs_both_labels_and_an_id(site, awards):
    settings = site / "content/site.yaml"
    edit(settings, "  water: {th: น้ำ, en: Water}", "  water: {th: น้ำ}\n  Bad Theme: {th: ก, en: B}")
    water = line_of(settings, "  water: {th: น้ำ}")
    found = rejected(awards, site)
    assert f"content/site.yaml:{water}: themes: water: missing required field 'en'" in found
    assert any(p.startswith(f"content/site.yaml:{water + 1}: themes: theme id 'Bad Theme' ")
               for p in found), found


def test_spelling_groups(site, awards):
    settings = site / "content/site.yaml"
    edit(settings, "spellings: []", "spellings:\n  - [แอป, แอพ]\n  - [แอพ]\n  - [แอปพลิเคชัน, แอป]")
    one = line_of(settings, "  - [แอพ]")
    found = rejected(awards, site)
    assert found == [
        f"content/site.yaml:{one}: spellings 2: expected a list of two or more ways to write "
        "one word, like [แอป, แอพ]",
        f"content/site.yaml:{one + 1}: spellings 3: 'แอป' is part of 'แอปพลิเคชัน', so it "
        "cannot become it (list the longer word's own variants in a group of their own)"]


def _winner_at(award, line: int) -> str:
    """The id of the winner whose mapping holds `line`."""
    lines = award.read_text(encoding="utf-8").splitlines()[:line]
    return next(text.split("id:")[1].strip() for text in reversed(lines) if "- id:" in text)
