"""Hostile content (issue 25): alias bombs, image bombs, broken images, user info in
base_url and bidirectional controls end as content problems at their line, with
bounded memory and short messages, never as a traceback."""

from __future__ import annotations

import io
import os
import resource
import struct
import subprocess
import sys
import threading
import unicodedata
import zlib
from pathlib import Path

import pytest
from helpers import AWARD, edit, image_bytes, line_of

from generator.load.media import MAX_PIXELS
from generator.load.parsing import MAX_ALIASED
from generator.text import FORMAT_CONTROLS, INVISIBLE_CHARACTERS, clean_name

SITE_YAML = "content/site.yaml"
PHOTOS = "content/entries/2566/yala-big-data"
MB = 2**20


def alias_bomb(levels: int = 9) -> str:
    """A few hundred bytes of YAML standing for 10**levels values."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def bombed_site_yaml(content: Path) -> int:
    """site.yaml with an alias bomb where a theme's English label goes: the line
    where its aliases pass the limit (a3's: 10 + 10 x 11 + 10 x 111 + ...)."""
    path = content / "site.yaml"
    bomb = "bombs:\n" + "".join(f"  {line}\n" for line in alias_bomb().splitlines())
    path.write_text(bomb + path.read_text(encoding="utf-8").replace(
        "  data: {th: ข้อมูล, en: Data}", "  data: {th: ข้อมูล, en: *a8}"), encoding="utf-8")
    return line_of(path, "a3: &a3")


def png(width: int, height: int, rows: int | None = None) -> bytes:
    """A PNG of width x height black RGB pixels, compressed as far as zlib goes: a
    30,000 px square is a few hundred KB. `rows`: only that many rows of data."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    compressor, parts = zlib.compressobj(9), []
    row = b"\0" * (1 + 3 * width)
    for _ in range(height if rows is None else rows):
        parts.append(compressor.compress(row))
    parts.append(compressor.flush())
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"".join(parts))
            + chunk(b"IEND", b""))


def peak_memory(args: list[str], cwd: Path) -> tuple[int, int, str]:
    """Run `awards ARGS` in a process of its own, under a 3 GB address-space limit:
    (exit status, its peak resident memory in bytes, standard error)."""
    limit = 3 * 2**30

    def bounded() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    process = subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=cwd,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               preexec_fn=bounded)
    timer = threading.Timer(600, process.kill)
    timer.start()
    try:
        err = process.stderr.read().decode("utf-8", "replace")
        _, status, usage = os.wait4(process.pid, 0)  # this child's own peak, no other's
    finally:
        timer.cancel()
        process.stderr.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KB on Linux
    return process.returncode, usage.ru_maxrss * scale, err


# -- YAML alias bombs -----------------------------------------------------------------

def test_an_alias_bomb_is_found_at_the_alias_that_crosses_the_limit(content, awards):
    award = content / "awards" / "2566.yaml"
    award.write_text(alias_bomb() + award.read_text(encoding="utf-8"), encoding="utf-8")
    run = awards("check", "--content", "content")
    assert run.code == 1
    assert run.problems == [f"{AWARD}:4: invalid YAML: aliases repeat more than "
                            f"{MAX_ALIASED:,} values here (*a2); write the values out "
                            "instead"], run.err


def test_an_alias_inside_its_own_value_is_a_problem(content, awards):
    award = content / "awards" / "2566.yaml"
    award.write_text("loop: &loop [1, *loop]\n" + award.read_text(encoding="utf-8"),
                     encoding="utf-8")
    run = awards("check", "--content", "content")
    assert run.code == 1
    assert run.problems == [f"{AWARD}:1: invalid YAML: the alias *loop is inside the value "
                            "it names"], run.err


def test_a_few_aliases_are_still_fine(content, awards):
    """Aliases within the limit are ordinary YAML: a source given once, used twice."""
    path = content / "site.yaml"
    edit(path, "  data: {th: ข้อมูล, en: Data}", "  data: &data {th: ข้อมูล, en: Data}")
    edit(path, "  gis: {th: แผนที่และภูมิสารสนเทศ, en: Maps and GIS}", "  gis: *data")
    run = awards("check", "--content", "content")
    assert "alias" not in run.err


def test_a_long_value_is_quoted_short_in_a_message(content, awards):
    """Case 2: a message quotes at most a short excerpt of a value."""
    edit(content / "site.yaml", "  data: {th: ข้อมูล, en: Data}",
         "  data: {th: ข้อมูล, en: [" + ", ".join(["word"] * 50_000) + "]}")
    edit(content / "awards" / "2566.yaml", "announced: 2023-10-10",
         "announced: '" + "9" * 200_000 + "'")
    run = awards("check", "--content", "content")
    assert run.code == 1 and len(run.problems) == 2, run.err
    assert all(len(problem) < 300 for problem in run.problems), run.err
    assert "found a list" in run.err and "9999…" in run.err


@pytest.mark.skipif(not hasattr(os, "wait4"), reason="measures memory with wait4 (POSIX)")
@pytest.mark.parametrize("command", ["check", "build"])
def test_an_alias_bomb_where_a_label_goes_is_a_problem_at_its_line(tmp_path, content, command):
    """Case 2: a 3 KB site.yaml, an alias bomb where a theme's label goes, grew check,
    build and serve past 2 GB. Now: a problem at the line where its aliases pass the
    limit, a short message, and little memory (in a process of its own, under a
    limit, so that a regression cannot take the machine's memory)."""
    line = bombed_site_yaml(content)
    assert (content / "site.yaml").stat().st_size < MB
    extra = ["--output", str(tmp_path / "output")] if command == "build" else []
    code, peak, err = peak_memory([command, "--content", str(content), *extra], tmp_path)
    assert code == 1, err
    assert f"{content / 'site.yaml'}:{line}: invalid YAML: aliases repeat more than " \
           f"{MAX_ALIASED:,} values here (*a2); write the values out instead" in err, err
    assert len(err) < 1000, "no message prints a whole value"
    assert peak < 500 * MB, f"{peak / MB:.0f} MB"
    assert not (tmp_path / "output").exists()


# -- images ---------------------------------------------------------------------------

def truncated_jpeg() -> bytes:
    data = image_bytes("JPEG", 800, 600)
    return data[: len(data) // 2]


def corrupt_png() -> bytes:
    data = bytearray(image_bytes("PNG", 800, 600))
    at = data.index(b"IDAT") + 40
    data[at:at + 16] = b"\xff" * 16  # damaged compressed data
    return bytes(data)


def sixteen_bit_png() -> bytes:
    buffer = io.BytesIO()
    from PIL import Image

    Image.new("I;16", (800, 600), 40000).save(buffer, "PNG")
    return buffer.getvalue()


IMAGES = {
    "bomb.png": (lambda: png(30000, 30000, rows=10), "has far too many pixels"),
    "big.png": (lambda: png(7000, 6000, rows=10), "is 7,000 x 6,000 px (42 megapixels); the "
                                                  "limit is 25 megapixels"),
    "cut.jpg": (truncated_jpeg, "cannot read the image 'cut.jpg': it is truncated or damaged"),
    "damaged.png": (corrupt_png, "cannot read the image 'damaged.png': it is truncated or "
                                 "damaged"),
    "deep.png": (sixteen_bit_png, "has the colour mode I;16, which cannot be published"),
}


@pytest.mark.parametrize("name", sorted(IMAGES))
@pytest.mark.parametrize("command", ["check", "build"])
def test_an_image_problem_is_a_content_problem_at_its_file(content, awards, name, command):
    """Case 4: a decompression bomb, pixels over the limit, a truncated or damaged
    file, a mode we cannot publish: found by check as well as by build."""
    make, message = IMAGES[name]
    folder = content / "entries" / "2566" / "yala-big-data"
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(make())
    extra = ["--output", "output"] if command == "build" else []
    run = awards(command, "--content", "content", *extra)
    assert run.code == 1, run.err
    assert "Traceback" not in run.err and "cannot write" not in run.err
    assert [p for p in run.problems if p.startswith(f"{PHOTOS}/{name}: ")] == \
        [p for p in run.problems if message in p] != [], run.err
    assert not (content.parent / "output").exists()


def test_the_pixel_limit_is_the_one_the_readme_states():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert MAX_PIXELS == 25_000_000 and "25 megapixels" in readme


@pytest.mark.skipif(not hasattr(os, "wait4"), reason="measures memory with wait4 (POSIX)")
def test_a_small_image_of_many_pixels_takes_no_memory(tmp_path, content):
    """Case 4: a 13,000 px square PNG of 480 KB took 1.5 GB."""
    folder = content / "entries" / "2566" / "yala-big-data"
    folder.mkdir(exist_ok=True)
    (folder / "square.png").write_bytes(png(13000, 13000))
    assert (folder / "square.png").stat().st_size < MB
    code, peak, err = peak_memory(["check", "--content", str(content)], tmp_path)
    assert code == 1 and "square.png: the image 'square.png' has far too many pixels" in err
    assert peak < 500 * MB, f"{peak / MB:.0f} MB"


# -- base_url -------------------------------------------------------------------------

@pytest.mark.parametrize(("url", "message"), [
    ("https://user:secret@example.org/", "must not hold a user name or password"),
    ("https://secret@example.org/awards/", "must not hold a user name or password"),
    ("https://example.org/" + "a" * 5000 + "/", "is 5,021 characters long; the most is 1,000"),
    ("https://example.org/\u202eawards/", "must not contain spaces or control characters"),
])
def test_a_base_url_with_user_info_or_too_long_is_refused(tmp_path, content, awards, url,
                                                          message):
    """Case 6: refused with exit 2 on the command line, a content problem in site.yaml;
    never repeated whole, and a password never printed."""
    run = awards("build", "--content", "content", "--output", "output", "--base-url", url)
    assert run.code == 2 and len(run.err.strip().splitlines()) == 1, run.err
    assert f"awards: --base-url {message}" in run.err and "secret" not in run.err
    assert len(run.err) < 300 and not (tmp_path / "output").exists()
    edit(content / "site.yaml", "base_url: https://example.github.io/awards/",
         f"base_url: '{url}'")
    run = awards("check", "--content", "content")
    line = line_of(content / "site.yaml", "base_url:")
    assert run.code == 1 and len(run.problems) == 1, run.err
    assert run.problems[0].startswith(f"{SITE_YAML}:{line}: 'base_url' {message}")
    assert "secret" not in run.err and len(run.err) < 400


# -- bidirectional controls -----------------------------------------------------------

def test_the_format_controls_are_every_format_character_not_removed():
    """Unicode category Cf less the invisible characters names lose (contract §1)."""
    found = {chr(code) for code in range(0x110000) if FORMAT_CONTROLS.match(chr(code))}
    cf = {chr(code) for code in range(0x110000) if unicodedata.category(chr(code)) == "Cf"}
    assert cf - set(INVISIBLE_CHARACTERS) <= found
    assert all(unicodedata.category(c) in ("Cf", "Cn") for c in found)
    assert not found & set(INVISIBLE_CHARACTERS)
    assert clean_name("Yala\u200d City\u200c") == "Yala City"


@pytest.mark.parametrize("control", ["\u202e", "\u202a", "\u2066", "\u2069", "\u200f",
                                     "\u061c", "\U000e0041"])
def test_a_bidirectional_control_in_a_name_or_label_is_a_problem_at_its_line(
        content, awards, control):
    """Case 7: 'Yala City \u202egnp.exe Municipality' was published in 13 files."""
    award = content / "awards" / "2566.yaml"
    edit(award, "en: Yala City Municipality", f"en: Yala City {control}gnp.exe Municipality")
    edit(content / "site.yaml", "en: Maps and GIS}", f"en: Maps {control}and GIS}}")
    writeup = content / "entries" / "2566" / "yala-big-data.en.md"
    text = writeup.read_text(encoding="utf-8")
    writeup.write_text(text.replace("---\n", f"---\nlinks:\n  - {{label: A{control}pp, "
                                    "url: 'https://example.org/'}\n", 1), encoding="utf-8")
    run = awards("check", "--content", "content")
    assert run.code == 1
    code = f"U+{ord(control):04X} ({unicodedata.name(control).lower()})"
    expected = [(f"{AWARD}:{line_of(award, 'gnp.exe')}", "'en'"),
                (f"{SITE_YAML}:{line_of(content / 'site.yaml', 'Maps ')}", "'en'"),
                (f"content/entries/2566/yala-big-data.en.md:{line_of(writeup, 'label: A')}",
                 "'label'")]
    for where, field in expected:
        assert any(p.startswith(f"{where}: ") and f"{field} holds {code}" in p
                   and "can make text display as something else" in p
                   for p in run.problems), (where, run.err)
