"""An announcement's lines, from plain text or a Word .docx (issue 29).

A .docx is a ZIP archive whose word/document.xml holds the paragraphs: the
standard library reads it, and nothing else of the file (styles, images) is
needed. A paragraph of a Word list carries its bullet or number as numbering
properties, not as text: it is given a "•" here, so that it reads as a list item
just as a pasted one does.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from generator.text import normalize_source

WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
MAX_BYTES = 20 * 1024 * 1024  # a press release is some kilobytes; a ZIP bomb is not read
SPACES = "\u00a0\u2007\u202f\u3000"  # no-break and wide spaces, common in pasted Thai


class Unreadable(Exception):
    """The file cannot be read as an announcement: one line saying why."""


def read_lines(path: Path) -> list[str]:
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise Unreadable(f"{path.as_posix()} is a folder, not an announcement") from None
    except OSError as error:
        raise Unreadable(f"cannot read {path.as_posix()}: {error.strerror or error}") from None
    if data.startswith(b"PK\x03\x04"):
        text = _docx_text(data, path)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise Unreadable(f"{path.as_posix()} is an old Word .doc: save it as .docx or as text")
    elif data.startswith(b"%PDF"):
        raise Unreadable(f"{path.as_posix()} is a PDF: copy its text into a .txt file")
    else:
        text = _decode(data, path)
    text = normalize_source(text).translate({ord(space): " " for space in SPACES})
    return text.split("\n")


def _decode(data: bytes, path: Path) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode"
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise Unreadable(f"{path.as_posix()} is not UTF-8 text nor a .docx: save it as "
                         "UTF-8 text") from None
    if "\x00" in text:
        raise Unreadable(f"{path.as_posix()} is not text nor a .docx")
    return text


def _docx_text(data: bytes, path: Path) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_BYTES:
                raise Unreadable(f"{path.as_posix()}: its text is too large for an announcement")
            xml = archive.read(info)
        if b"<!DOCTYPE" in xml:  # entities are how an XML file explodes; Word writes none
            raise Unreadable(f"{path.as_posix()} is not a .docx that Word wrote")
        root = ElementTree.fromstring(xml)
    except KeyError:
        raise Unreadable(f"{path.as_posix()} is a ZIP archive but not a .docx "
                         "(no word/document.xml)") from None
    except (zipfile.BadZipFile, ElementTree.ParseError, OSError, EOFError) as error:
        raise Unreadable(f"{path.as_posix()} is not a readable .docx ({error})") from None
    skip = {id(inner) for fallback in root.iter(FALLBACK) for inner in fallback.iter()}
    lines = []
    for paragraph in root.iter(WORD + "p"):
        if id(paragraph) in skip:
            continue
        parts = ["• "] if paragraph.find(f"{WORD}pPr/{WORD}numPr") is not None else []
        for element in paragraph.iter():
            if element.tag == WORD + "t":
                parts.append(element.text or "")
            elif element.tag in (WORD + "tab",):
                parts.append(" ")
            elif element.tag in (WORD + "br", WORD + "cr"):
                parts.append("\n")
        lines.append("".join(parts))
    return "\n".join(lines)
