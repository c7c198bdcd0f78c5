"""Reading a built site the way a browser and a crawler would."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


@dataclass
class ParsedPage:
    path: Path
    elements: list[Element] = field(default_factory=list)

    def all(self, tag: str, **attrs: str) -> list[Element]:
        return [e for e in self.elements
                if e.tag == tag and all(e.attrs.get(k) == v for k, v in attrs.items())]

    def one(self, tag: str, **attrs: str) -> Element:
        found = self.all(tag, **attrs)
        assert len(found) == 1, f"{self.path}: expected one <{tag} {attrs}>, found {len(found)}"
        return found[0]

    def texts(self, tag: str, **attrs: str) -> list[str]:
        return [e.text.strip() for e in self.all(tag, **attrs)]

    @property
    def text(self) -> str:
        return " ".join(e.text for e in self.elements)


class _Parser(HTMLParser):
    """Collects elements with their attributes and the text directly inside them."""

    VOID = {"meta", "link", "img", "br", "hr", "input", "source", "area", "base", "col", "wbr"}

    def __init__(self, page: ParsedPage):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.open: list[Element] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.page.elements.append(element)
        if tag not in self.VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                break

    def handle_data(self, data):
        for element in self.open:
            element.text += data


def parse(path: Path) -> ParsedPage:
    page = ParsedPage(path)
    parser = _Parser(page)
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return page


def html_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def resolve(root: Path, base_path: str, href: str) -> Path | None:
    """The file a root-relative or absolute-to-site link points at, or None if external."""
    parts = urlsplit(href)
    if parts.scheme in ("mailto", "tel") or (parts.scheme and parts.netloc and not
                                               href.startswith(base_path)):
        return None
    path = unquote(parts.path)
    if parts.scheme:
        path = unquote(urlsplit(href).path)
    if not path:
        return None
    assert path.startswith(base_path), f"link {href!r} is outside the site's base path"
    target = root / path[len(base_path):]
    return target / "index.html" if path.endswith("/") else target


def broken_links(root: Path, base_url: str) -> list[str]:
    """Every internal href/src in every page whose target file does not exist."""
    base_path = urlsplit(base_url).path
    broken = []
    for page_path in html_files(root):
        page = parse(page_path)
        for element in page.elements:
            for attr in ("href", "src"):
                href = element.attrs.get(attr)
                if not href or href.startswith("#"):
                    continue
                if href.startswith(("http://", "https://")) and not href.startswith(base_url):
                    continue
                if href.startswith("mailto:"):
                    continue
                local = href[len(base_url) - len(base_path):] if href.startswith(base_url) else href
                assert local.startswith("/"), f"{page_path}: relative link {href!r}"
                target = resolve(root, base_path, local)
                if target is not None and not target.is_file():
                    broken.append(f"{page_path.relative_to(root)}: {href}")
    return broken
