"""The content files' JSON Schemas (issue 17): written from the validator's own field
definitions, published with the site and kept in the repository, and in agreement
with `awards check` on valid and invalid samples."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import CONTENT, ROOT

from generator.load.catalog import load_content
from generator.load.parsing import parse_yaml, split_front_matter
from generator.load.schemas import REPOSITORY_FOLDER, schema_files
from generator.problems import ContentError, Problems

YEAR, SITE, FRONT = "award-year.schema.json", "site.schema.json", "front-matter.schema.json"
NOTES = "notes.schema.json"
AWARD = "awards/2566.yaml"
WRITEUP = "entries/2566/yala-big-data.en.md"


def schema(name: str) -> jsonschema.Draft202012Validator:
    document = json.loads(schema_files()[name])
    jsonschema.Draft202012Validator.check_schema(document)
    return jsonschema.Draft202012Validator(
        document, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def read(text: str, name: str):
    """A content file as editors' tools read it: YAML 1.2, where a date stays text."""
    problems = Problems()
    data = parse_yaml(text, name, problems)
    assert not problems, problems.items
    return json.loads(json.dumps(data))


def front_matter(path: Path):
    front, _, _ = split_front_matter(path.read_text(encoding="utf-8"))
    return read(front, path.name)


def schema_errors(name: str, data) -> list[str]:
    return [error.message for error in schema(name).iter_errors(data)]


def test_the_repository_and_the_site_carry_the_schemas_written_from_the_validator(site: Path):
    for name, data in schema_files().items():
        assert (ROOT / REPOSITORY_FOLDER / name).read_bytes() == data, (
            f"{REPOSITORY_FOLDER}/{name} is stale: run python -m generator.load.schemas")
        assert (site / "schema" / name).read_bytes() == data


def test_the_bundled_content_is_valid_by_its_schemas():
    samples = [(SITE, read((CONTENT / "site.yaml").read_text(encoding="utf-8"), "site.yaml"))]
    samples += [(YEAR, read(path.read_text(encoding="utf-8"), path.name))
                for path in (CONTENT / "awards").glob("*.yaml")]
    samples += [(YEAR, read(path.read_text(encoding="utf-8"), path.name))
                for path in (ROOT / "tests/fixtures").rglob("2*.yaml")]
    samples += [(FRONT, front_matter(path)) for path in (CONTENT / "entries").rglob("*.md")]
    samples += [(NOTES, read(path.read_text(encoding="utf-8"), path.name))
                for folder in (CONTENT / "entries", ROOT / "tests/fixtures")
                for path in folder.rglob("*.notes.yaml")]
    assert {name for name, _ in samples} == {SITE, YEAR, FRONT, NOTES}
    for name, data in samples:
        assert schema_errors(name, data) == [], (name, data)


def test_the_bundled_award_file_names_its_schema_for_editors():
    first = (CONTENT / AWARD).read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schema/award-year.schema.json"
    assert (CONTENT / "awards" / "../../schema/award-year.schema.json").resolve().is_file()


def winner(data, index=0):
    return data["tiers"][0]["winners"][index]


# (schema, what is changed, the change, what awards check says)
Change = Callable[[dict], None]
REJECTED: list[tuple[str, str, Change, str]] = [
    (YEAR, "a required field missing", lambda d: d.pop("announced"),
     "missing required field 'announced'"),
    (YEAR, "a misspelt field", lambda d: d.update(anounced="2023-10-10"),
     "unknown field 'anounced'"),
    (YEAR, "a date not in ISO form", lambda d: d.update(announced="10/10/2023"),
     "must be an ISO date"),
    (YEAR, "a date that does not exist", lambda d: d.update(announced="2023-02-30"),
     "date '2023-02-30' does not exist"),
    (YEAR, "an edition of 0", lambda d: d.update(edition=0), "'edition' must be at least 1"),
    (YEAR, "a count written as words", lambda d: d.update(submissions="sixty"),
     "'submissions' must be a whole number"),
    (YEAR, "no tiers", lambda d: d.update(tiers=[]), "a year needs at least one tier"),
    (YEAR, "an empty list of sources", lambda d: d.update(sources=[]),
     "'sources' is an empty list"),
    (YEAR, "a source without a publisher", lambda d: d["sources"][0].pop("publisher"),
     "missing required field 'publisher'"),
    (YEAR, "a source at an ftp address", lambda d: d["sources"][0].update(url="ftp://dga.or.th/x"),
     "must be an http:// or https:// URL"),
    (YEAR, "a name without English", lambda d: d["name"].pop("en"),
     "missing required field 'en'"),
    (YEAR, "a tier id in capitals", lambda d: d["tiers"][0].update(id="Excellence"),
     "must use only a-z, 0-9 and '-'"),
    (YEAR, "an LAO code of six digits", lambda d: winner(d)["lao"].update(code="123456"),
     "7-digit code"),
    (YEAR, "an LAO code as a number", lambda d: winner(d)["lao"].update(code=1234567),
     "lao.code must be text"),
    (YEAR, "an unknown LAO type", lambda d: winner(d).update(type="village"),
     "unknown LAO type 'village'"),
    (YEAR, "an alias with an underscore", lambda d: winner(d).update(aliases=["old_id"]),
     "alias 'old_id' must use only a-z"),
    (YEAR, "a Thai name left empty", lambda d: winner(d)["lao"].update(th="  "),
     "'th' is empty"),
    (YEAR, "neither tiers nor untiered winners", lambda d: d.pop("tiers"),
     "missing required field 'tiers'"),
    (YEAR, "no winner announced", lambda d: d.update(winners_announced=0),
     "'winners_announced' must be at least 1"),
    (YEAR, "an accessed date in words", lambda d: d["sources"][0].update(accessed="today"),
     "'accessed' must be an ISO date"),
    (YEAR, "an untiered winner with a tier",
     lambda d: d.update(untiered=[{**winner(d), "id": "other", "tier": "excellence"}]),
     "unknown field 'tier'"),
    (SITE, "a base URL on ftp", lambda d: d.update(base_url="ftp://example.org/"),
     "must be an absolute http(s) URL"),
    (SITE, "a corrections address on plain http",
     lambda d: d.update(corrections="http://example.go.th/form"),
     "'corrections' must be a mailto: or https:// address"),
    (SITE, "a language the site is not built in", lambda d: d.update(languages=["th", "fr"]),
     "unsupported language 'fr'"),
    (SITE, "a spelling group of one", lambda d: d.update(spellings=[["แอป"]]),
     "expected a list of two or more ways"),
    (SITE, "a custom domain with a space", lambda d: d.update(cname="awards example.org"),
     "'cname' must be a domain name"),
    (SITE, "a theme without its Thai label", lambda d: next(iter(d["themes"].values())).pop("th"),
     "missing required field 'th'"),
    (FRONT, "a website without its scheme", lambda d: d.update(website="www.yala.go.th"),
     "'website' must be an http:// or https:// URL"),
    (FRONT, "a link without an address", lambda d: d.update(links=[{"label": "App"}]),
     "missing required field 'url'"),
    (FRONT, "a misspelt field", lambda d: d.update(summery="x"), "unknown field 'summery'"),
]

# Changes both accept: optional fields that the contract allows
ACCEPTED: list[tuple[str, str, Change]] = [
    (YEAR, "an LAO code, a district and a winner's own source", lambda d: winner(d).update(
        lao={**winner(d)["lao"], "code": "0123456"},
        district={"th": "อำเภอเมืองยะลา", "en": "Mueang Yala District"},
        sources=[{"title": {"th": "ก", "en": "A"}, "publisher": {"th": "ข", "en": "B"},
                  "date": "2023-10-10"}])),
    (YEAR, "a numeric id and no edition",
     lambda d: (d["tiers"][-1]["winners"][-1].update(id=2566), d.pop("edition"))),
    (YEAR, "a winner whose project no source names", lambda d: winner(d).pop("project")),
    (YEAR, "untiered winners instead of tiers, a count and an accessed date",
     lambda d: (d.update(untiered=[w for t in d.pop("tiers") for w in t["winners"]],
                         winners_announced=30),
                d["sources"][0].update(accessed="2026-12-06"))),
    (SITE, "a custom domain and a mail address for corrections",
     lambda d: d.update(cname="awards.example.org", corrections="mailto:awards@example.go.th")),
    (FRONT, "a link", lambda d: d.update(links=[{"label": "App", "url": "https://example.org/"}])),
]


def content_file(name: str) -> str:
    return {YEAR: AWARD, SITE: "site.yaml", FRONT: WRITEUP}[name]


def original(name: str, content: Path):
    path = content / content_file(name)
    return front_matter(path) if name == FRONT else read(path.read_text(encoding="utf-8"),
                                                          path.name)


def write(name: str, content: Path, data) -> None:
    path = content / content_file(name)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    if name == FRONT:
        _, body, _ = split_front_matter(path.read_text(encoding="utf-8"))
        text = f"---\n{text}---\n{body}"
    path.write_text(text, encoding="utf-8")


def files_follow_renamed_winners(content: Path, before, after) -> None:
    """A winner a change renames takes its write-ups and notes with it, as an editor's
    rename does (an orphaned notes file is a problem of its own)."""
    def ids(data) -> list[str]:
        return [str(w["id"]) for tier in data.get("tiers", []) for w in tier["winners"]]

    if len(ids(before)) != len(ids(after)):
        return
    entries = content / "entries" / str(before["year"])
    for old, new in zip(ids(before), ids(after), strict=True):
        for path in entries.glob(f"{old}.*") if old != new else ():
            path.rename(entries / path.name.replace(old, new, 1))


def check_messages(content: Path) -> list[str]:
    try:
        load_content(content)
    except ContentError as error:
        return [str(problem) for problem in error.problems]
    return []


@pytest.mark.parametrize(("name", "what", "change", "message"), REJECTED,
                         ids=[case[1] for case in REJECTED])
def test_what_awards_check_rejects_the_schema_rejects_too(content, name, what, change, message):
    data = copy.deepcopy(original(name, content))
    assert schema_errors(name, data) == []
    change(data)
    assert schema_errors(name, data), f"the schema accepts {what}"
    write(name, content, data)
    found = check_messages(content)
    assert any(message in line and content_file(name) in line for line in found), found


@pytest.mark.parametrize(("name", "what", "change"), ACCEPTED, ids=[case[1] for case in ACCEPTED])
def test_what_awards_check_accepts_the_schema_accepts_too(content, name, what, change):
    data = copy.deepcopy(original(name, content))
    change(data)
    assert schema_errors(name, data) == [], what
    if name == YEAR:
        files_follow_renamed_winners(content, original(name, content), data)
    write(name, content, data)
    assert check_messages(content) == []


def test_the_validator_reads_no_field_the_shapes_do_not_declare():
    from generator.load.fields import Fields, UndeclaredField
    from generator.load.shapes import SOURCE

    data = parse_yaml("title: {th: ก, en: A}\n", "x.yaml", Problems())
    fields = Fields(data, "x.yaml", Problems(), SOURCE)
    with pytest.raises(UndeclaredField):
        fields.text("publisher")  # declared, but as Thai and English, not as one text
    with pytest.raises(UndeclaredField):
        fields.url("website")  # not a field of a source
