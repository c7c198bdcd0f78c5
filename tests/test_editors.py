"""Editors where they edit (issue 17): annotations on GitHub, JSON for other tools,
a new year in one command, and a generator that runs where fork and UTF-8 consoles
are missing (Windows)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml
from conftest import ROOT
from helpers import AWARD, edit, line_of, tree

from generator.build.pipeline import build
from generator.cache import derived
from generator.emit import share
from generator.load.parsing import parse_yaml
from generator.load.schemas import schema_files
from generator.problems import Problem, Problems, workflow_command
from generator.work import workers

BANG_SARE = "en: Bang Sare Subdistrict Municipality}\n        province: "


def plant(content: Path, province: str = "Chonbury") -> int:
    """An unknown province in the bundled year; the line it is on."""
    edit(content / "awards/2566.yaml", BANG_SARE + "Chon Buri", BANG_SARE + province)
    return line_of(content / "awards/2566.yaml", f"province: {province}")


def test_under_github_actions_each_problem_is_also_an_annotation_on_its_line(
        content, awards, monkeypatch):
    line = plant(content)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    for command in (("check",), ("build", "--output", "output")):
        run = awards(*command, "--content", "content")
        assert run.code == 1
        [text] = run.problems
        assert text == (f"{AWARD}:{line}: winner 'bang-sare-b-buddy': unknown province "
                        "'Chonbury' (did you mean 'Chon Buri'?)")
        [annotation] = run.out.splitlines()
        assert annotation == (
            f"::error file={AWARD},line={line},title=awards {command[0]}::winner "
            "'bang-sare-b-buddy': unknown province 'Chonbury' (did you mean 'Chon Buri'?)")
    monkeypatch.delenv("GITHUB_ACTIONS")
    assert awards("check", "--content", "content").out == ""  # elsewhere only on request
    assert awards("check", "--content", "content", "--format", "github").out.startswith(
        f"::error file={AWARD},line={line},")


def test_annotations_are_escaped_as_github_documents():
    problem = Problem("content/a,b:c.yaml", 3, "100% wrong:\r\nsee, here", "a, b: c", 7)
    assert workflow_command(problem, "awards check: 1") == (
        "::error file=content/a%2Cb%3Ac.yaml,line=3,title=awards check%3A 1::"
        "100%25 wrong:%0D%0Asee, here (a, b: c)")
    assert workflow_command(Problem("content/site.yaml", None, "x"), "t") == \
        "::error file=content/site.yaml,title=t::x"


def test_check_lists_problems_as_json_for_other_tools(content, awards, site):
    assert json.loads(awards("check", "--content", "content", "--format", "json").out) == {
        "valid": True, "pages": len(list(site.rglob("*.html"))), "problems": [],
        "warnings": [], "drafts": []}
    line = plant(content)
    with open(content / "site.yaml", "a", encoding="utf-8") as settings:
        settings.write("corrections: http://example.go.th/form\n")
    run = awards("check", "--content", "content", "--format", "json")
    assert run.code == 1
    found = json.loads(run.out)
    assert found["valid"] is False
    assert (found["warnings"], found["drafts"]) == ([], None)
    assert {tuple(problem) for problem in found["problems"]} == {
        ("file", "line", "column", "message", "hint")}
    assert found["problems"][0] == {
        "file": AWARD, "line": line, "column": 9,
        "message": "winner 'bang-sare-b-buddy': unknown province 'Chonbury'",
        "hint": "did you mean 'Chon Buri'?"}
    assert found["problems"][1]["file"] == "content/site.yaml"
    assert found["problems"][1]["message"].startswith("'corrections' must be a mailto:")
    assert found["problems"][1]["column"] == 1


def test_new_year_writes_a_year_to_fill_in_and_check_names_what_is_missing(content, awards):
    run = awards("new-year", "2567", "--content", "content")
    assert run.code == 0, run.err
    path = content / "awards/2567.yaml"
    text = path.read_text(encoding="utf-8")
    # no schema/ beside this content folder: a copy in it, never the site's address (the
    # site may not be online yet); tests/test_newyear.py follows the path
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../.schema/award-year.schema.json"
    data = parse_yaml(text, "2567.yaml", Problems())
    bundled = parse_yaml((content / "awards/2566.yaml").read_text(encoding="utf-8"), "2566.yaml", Problems())
    assert data["year"] == 2567 and data["edition"] == 4
    assert data["name"] == {"th": "รางวัลท้องถิ่นดิจิทัล ประจำปี 2567",
                            "en": "Digital Local Government Awards 2024"}
    assert [(t["id"], t["name"]) for t in data["tiers"]] == [
        (t["id"], t["name"]) for t in bundled["tiers"]]
    assert "      # - id: example-project" in text
    schema = jsonschema.Draft202012Validator(json.loads(schema_files()["award-year.schema.json"]))
    assert not schema.is_valid(json.loads(json.dumps(data)))

    before = path.read_bytes()
    refused = awards("new-year", "2567", "--content", "content")
    assert refused.code == 2 and "exists" in refused.err
    assert path.read_bytes() == before

    run = awards("check", "--content", "content")
    assert run.code == 1
    lines = text.splitlines()

    def at(snippet: str) -> int:
        return next(n for n, line in enumerate(lines, start=1) if line.startswith(snippet))

    where = "content/awards/2567.yaml"
    assert run.problems == [
        f"{where}:{at('announced:')}: missing required field 'announced'",
        f"{where}:{at('  - title:')}: source 1: title: missing required field 'th'",
        f"{where}:{at('  - title:')}: source 1: title: missing required field 'en'",
        f"{where}:{at('    publisher:')}: source 1: publisher: missing required field 'th'",
        f"{where}:{at('    publisher:')}: source 1: publisher: missing required field 'en'",
        f"{where}:{at('    date:')}: source 1: missing required field 'date'",
    ]
    # filled in, with the example winner taken out of its comment, the year builds
    filled = (text.replace("announced:", "announced: 2024-10-10", 1)
              .replace("{th: , en: }", "{th: ประกาศ, en: Announcement}")
              .replace("    date:", "    date: 2024-10-10", 1)
              .replace("      # - id:", "      - id:").replace("      #   ", "        "))
    path.write_text(filled, encoding="utf-8")
    assert awards("check", "--content", "content").code == 0


def test_new_year_refuses_what_is_not_a_year_and_uses_the_repositorys_schema(
        content, awards, tmp_path):
    for wrong in ("67", "๒๕๖๗", "2024x", "1999"):
        run = awards("new-year", wrong, "--content", "content")
        assert run.code == 2 and "Buddhist Era" in run.err, wrong
    for earlier in ("2564", "2565"):  # the bundled earlier years: 2565 is written anew here
        (content / "awards" / f"{earlier}.yaml").unlink()
        shutil.rmtree(content / "entries" / earlier)
    assert sorted(p.name for p in (content / "awards").iterdir()) == ["2566.yaml"]
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema/award-year.schema.json").write_bytes(b"{}")
    assert awards("new-year", "2565", "--content", "content").code == 0
    text = (content / "awards/2565.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/award-year.schema.json")
    assert "\nedition: 2 " in text  # 2566 was the 3rd


def test_thai_messages_reach_a_console_that_cannot_encode_them(content, tmp_path):
    """Windows writes to a pipe in its ANSI code page (cp1252); Thai must not crash it."""
    plant(content, "ชลบุรร")
    environment = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    run = subprocess.run([sys.executable, "-m", "generator", "check", "--content", "content"],
                         cwd=tmp_path, env=environment, capture_output=True, timeout=300)
    assert run.returncode == 1
    err = run.stderr.decode("utf-8")
    assert "Traceback" not in err
    assert "unknown province 'ชลบุรร' (did you mean 'Chon Buri'?)" in err


def test_without_fork_the_build_runs_in_one_process_and_writes_the_same_site(
        synthetic, tmp_path, monkeypatch):
    monkeypatch.setenv("AWARDS_WORKERS", "2")
    monkeypatch.setenv("AWARDS_CACHE_DIR", str(tmp_path / "cache-fork"))
    derived.forget()
    build(synthetic, tmp_path / "forked")
    # as on Windows: the start methods that exist there
    monkeypatch.setattr(workers.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    monkeypatch.setattr(workers.multiprocessing, "get_context", None)  # never reached
    monkeypatch.setenv("AWARDS_CACHE_DIR", str(tmp_path / "cache-spawn"))
    derived.forget()
    build(synthetic, tmp_path / "one-process")
    assert tree(tmp_path / "one-process") == tree(tmp_path / "forked")


def test_content_with_windows_line_ends_builds_the_same_site(content, tmp_path, awards):
    assert awards("build", "--content", "content", "--output", "lf").code == 0
    for path in [*content.rglob("*.yaml"), *content.rglob("*.md")]:
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert awards("build", "--content", "content", "--output", "crlf").code == 0
    assert tree(tmp_path / "crlf") == tree(tmp_path / "lf")


def test_the_readme_gives_the_setup_for_windows_and_macos_beside_linux():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "py -3.11 -m venv .venv; .venv\\Scripts\\python -m pip install -e ." in readme
    assert ".venv\\Scripts\\awards build" in readme
    assert "python3 -m venv .venv && .venv/bin/python -m pip install -e ." in readme


def test_every_pull_request_is_checked_on_three_systems_with_least_privilege():
    text = (ROOT / ".github/workflows/check.yml").read_text(encoding="utf-8")
    flow = yaml.safe_load(text)
    triggers = flow.pop(True)  # PyYAML reads the key `on` as True (YAML 1.1)
    assert "pull_request" in triggers and "pull_request_target" not in triggers
    assert flow["permissions"] == {"contents": "read"}
    assert "secrets." not in text
    job = flow["jobs"]["check"]
    assert job["timeout-minutes"] <= 30
    assert job["strategy"]["matrix"]["os"] == ["ubuntu-latest", "windows-latest", "macos-latest"]
    steps = job["steps"]
    assert steps[0]["with"]["persist-credentials"] is False
    extras = [step for step in steps if step.get("name", "").startswith("FriBiDi")]
    assert len(extras) == 2 and all(step["continue-on-error"] for step in extras)
    # the run's summary says how to look at the preview (it only writes to the summary)
    [summary] = [step for step in steps if step.get("name") == "Say how to look at the preview"]
    assert summary["run"].rstrip().endswith('>> "$GITHUB_STEP_SUMMARY"')
    extras.append(summary)
    runs = [step["run"] for step in steps if "run" in step and step not in extras]
    assert runs == ["python -m pip install -e '.[test]' && npm ci --prefix tests/browser",
                    "awards check", "awards build --output site-preview", "python -m pytest"]
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-art"))
    assert upload["with"]["path"] == "site-preview"


def test_without_fribidi_the_build_draws_a_preview_and_says_so(content, awards, monkeypatch,
                                                               tmp_path):
    """Pillow's raqm needs FriBiDi, which Windows and a bare macOS lack: the build goes
    on with the basic layout, says so, and never takes such an image for a shaped one."""
    monkeypatch.setenv("AWARDS_CACHE_DIR", str(tmp_path / "cache"))
    shaped = awards("build", "--content", "content", "--output", "shaped")
    assert shaped.code == 0 and "warning" not in shaped.err
    monkeypatch.setattr(share, "SHAPING", False)
    share.font.cache_clear()
    try:
        preview = awards("build", "--content", "content", "--output", "preview")
    finally:
        share.font.cache_clear()
    assert preview.code == 0
    assert "awards build: warning: Pillow cannot shape Thai here" in preview.err
    for image in ("th/2566/yala-big-data/share.png",
                  "th/2566/yala-big-data/dga-local-award-2566-yala-big-data-badge.png"):
        assert (tmp_path / "shaped" / image).read_bytes() != \
            (tmp_path / "preview" / image).read_bytes(), image
