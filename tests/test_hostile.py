"""Hostile input: script payloads never reach a page, and no input crashes the loader."""

from __future__ import annotations

import json
import os
import shutil
import string
from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import CONTENT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitecheck import html_files, parse

from generator.build.pipeline import build
from generator.load.catalog import load_content
from generator.problems import ContentError

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '<a href="javascript:alert(3)">click</a>',
    '<a href="JaVaScRiPt:alert(4)">click</a>',
    '<a href="&#106;avascript:alert(5)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg2KTwvc2NyaXB0Pg==">click</a>',
    '<iframe src="https://evil.example/"></iframe>',
    "<svg onload=alert(8)><circle r=1 /></svg>",
    "<svg><script>alert(9)</script></svg>",
    '<form action="https://evil.example/"><input name=p><button>go</button></form>',
    '<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/y">',
    "<body onload=alert(12)>",
    '<div style="background:url(javascript:alert(13))">styled</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(14)>",
    "[click](javascript:alert(15))",
    "![img](javascript:alert(16))",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(17)">',
    '<base href="https://evil.example/">',
    '"><script>alert(19)</script>',
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<details open ontoggle=alert(21)>x</details>",
    "<a href=' javascript:alert(22)'>space</a>",
]
ACTIVE_TAGS = {"script", "iframe", "object", "embed", "form", "input", "button", "base",
               "frame", "frameset", "applet", "style", "svg", "math"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href"}


def active_content(root: Path, base_path: str) -> list[str]:
    """Everything in the built pages that could run a script or leave the site.

    Event handlers and script URLs are never ours. Elements such as <svg>,
    <form> or <script src> are, on some pages (charts, explorer), so those are
    compared with a build of the clean content instead.
    """
    found = []
    for path in html_files(root):
        page = parse(path)
        for element in page.elements:
            where = f"{path.relative_to(root)}: <{element.tag}>"
            if element.tag in ACTIVE_TAGS:
                found.append(f"{where} element {sorted(element.attrs)}")
            if element.tag == "meta" and "refresh" in element.attrs.get("http-equiv", ""):
                found.append(f"{where} refresh")
            if element.tag == "link" and element.attrs.get("rel") == "stylesheet" and not \
                    page.link(element).startswith(base_path):
                found.append(f"{where} foreign stylesheet")
            for name, value in element.attrs.items():
                if name.startswith("on"):
                    found.append(f"{where} {name}")
                if name == "style":
                    found.append(f"{where} inline style")
                squeezed = "".join(value.split()).lower()
                if name in URL_ATTRIBUTES and squeezed.startswith(("javascript:", "data:",
                                                                   "vbscript:")):
                    found.append(f"{where} {name}={value}")
    return found


def leaks(root: Path, clean: Path, base_path: str) -> list[str]:
    """Active content that the payloads added to a build of the clean content."""
    added = Counter(active_content(root, base_path)) - Counter(active_content(clean, base_path))
    return sorted(added.elements())


def test_xss_payloads_are_neutralized(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    award = content / "awards" / "2566.yaml"
    data = yaml.safe_load(award.read_text(encoding="utf-8"))
    winners = [w for tier in data["tiers"] for w in tier["winners"]]
    entries = content / "entries" / "2566"
    for index, payload in enumerate(PAYLOADS):
        winner = winners[index % len(winners)]
        winner["project"]["en"] = f"{winner['project']['en']} {payload}"
        winner["project"]["th"] = f"{payload} {winner['project']['th']}"
        (entries / f"{winner['id']}.en.md").write_text(
            f"---\nsummary: {json.dumps(payload)}\n---\n## Heading {payload}\n\n{payload}\n\n"
            f"Text with {payload} inline.\n", encoding="utf-8")
    data["about"]["en"] += "\n\n" + "\n\n".join(PAYLOADS)
    award.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                     encoding="utf-8")
    output, clean = tmp_path / "output", tmp_path / "clean"
    build(content, output, "https://example.github.io/awards/")
    build(CONTENT, clean, "https://example.github.io/awards/")
    assert leaks(output, clean, "/awards/") == []
    # the payloads are still there, as harmless text
    page = (output / "en" / "2566" / winners[0]["id"] / "index.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    for feed in output.glob("*/feed.xml"):
        assert "<script" not in feed.read_text()


def test_the_leak_check_finds_leaks(tmp_path):
    (tmp_path / "clean").mkdir()
    (tmp_path / "clean" / "x.html").write_text('<script src="/ours.js"></script>')
    (tmp_path / "dirty").mkdir()
    (tmp_path / "dirty" / "x.html").write_text(
        '<script src="/ours.js"></script><a href=" javascript:x()">a</a>'
        '<img src=x onerror=y()><script></script><p style="x">s</p>')
    assert len(leaks(tmp_path / "dirty", tmp_path / "clean", "/")) == 4


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "content"
    (root / "awards").mkdir(parents=True)
    (root / "entries" / "2566").mkdir(parents=True)
    shutil.copy(CONTENT / "site.yaml", root / "site.yaml")
    return root


def loads_cleanly(root: Path) -> None:
    """The loader either builds a catalog or lists problems with a path; nothing else."""
    try:
        load_content(root)
    except ContentError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.path.startswith(str(root)), problem
            assert problem.message


FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", 120)), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@FUZZ
@given(st.text(max_size=400))
def test_any_text_as_an_award_file(sandbox, text):
    (sandbox / "awards" / "2566.yaml").write_text(text, encoding="utf-8")
    loads_cleanly(sandbox)


scalars = st.one_of(st.none(), st.booleans(), st.integers(-10, 3000), st.floats(allow_nan=False),
                    st.text(max_size=20), st.sampled_from(["Yala", "ยะลา", "TH-95", "2023-10-10",
                                                           "excellence", "เทศบาลนครยะลา"]))
keys = st.sampled_from(["year", "name", "announced", "tiers", "id", "winners", "lao", "th", "en",
                        "slug", "type", "province", "project", "themes", "aliases", "about",
                        "edition", "venue", "other"])
documents = st.recursive(scalars, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=6)), max_leaves=30)


@FUZZ
@given(documents)
def test_any_yaml_structure_as_an_award_file(sandbox, document):
    (sandbox / "awards" / "2566.yaml").write_text(yaml.safe_dump(document, allow_unicode=True),
                                                  encoding="utf-8")
    loads_cleanly(sandbox)


markdown_text = st.text(alphabet=st.sampled_from(list(string.printable) + list("ก่าเ่้ๆ“”\u200b")),
                        max_size=300)


@FUZZ
@given(front=st.one_of(st.none(), markdown_text, documents), body=markdown_text)
def test_any_markdown_and_front_matter_as_a_writeup(sandbox, front, body):
    shutil.copy(CONTENT / "awards" / "2566.yaml", sandbox / "awards" / "2566.yaml")
    if front is None:
        text = body
    elif isinstance(front, str):
        text = f"---\n{front}\n---\n{body}"
    else:
        text = f"---\n{yaml.safe_dump(front, allow_unicode=True)}---\n{body}"
    (sandbox / "entries" / "2566" / "yala-big-data.en.md").write_text(text, encoding="utf-8")
    loads_cleanly(sandbox)
