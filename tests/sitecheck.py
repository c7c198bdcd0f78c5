"""Reading a built site the way a browser and a crawler would."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

BASE_PATH = "/awards/"  # the path of conftest.BASE_URL


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


@dataclass
class ParsedPage:
    path: Path
    elements: list[Element] = field(default_factory=list)

    @property
    def url(self) -> str:
        """The page's URL path when its site is served at BASE_PATH: its folder under
        the site's root (the folder that holds 404.html)."""
        root = next(folder for folder in self.path.parents if (folder / "404.html").is_file())
        rel = self.path.relative_to(root).as_posix()
        return BASE_PATH + rel.removesuffix("index.html")

    def link(self, element: Element, attr: str = "href") -> str:
        """Where a link of this page leads, as a URL path from the server's root
        (relative links resolved, as a browser does)."""
        return urljoin(self.url, element.attrs[attr])

    def links(self, tag: str = "a") -> set[str]:
        return {self.link(e) for e in self.all(tag) if "href" in e.attrs}

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
        if tag == "textarea":  # raw text up to its end tag, as a browser reads it
            self.set_cdata_mode(tag)

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


def local_links(page: ParsedPage) -> list[tuple[Element, str]]:
    """Every address that a browser would request from this page, as written, with
    its element: href, src, srcset, a form's action, a refresh's target, the
    explorer's index."""
    found = []
    for element in page.elements:
        attrs = element.attrs
        links = [attrs[name] for name in ("href", "src", "action") if attrs.get(name)]
        links += [part.split()[0] for part in attrs.get("srcset", "").split(",") if part.strip()]
        if attrs.get("data-index"):  # the folder of the search index's shards
            links.append(attrs["data-index"] + "0000.json")
        if attrs.get("http-equiv") == "refresh":
            links.append(attrs["content"].partition("url=")[2])
        found += [(element, link) for link in links
                  if not link.startswith(("#", "mailto:", "data:"))]
    return found


def resolve(root: Path, mount: str, page: ParsedPage, link: str) -> Path | None:
    """The file that `link` of `page` asks for when `root` is served at the URL path
    `mount`; None for another site's address or for one outside `mount`."""
    at = mount + page.url.removeprefix(BASE_PATH)
    path = unquote(urlsplit(urljoin(at, link)).path)
    if urlsplit(link).netloc or not path.startswith(mount):
        return None
    target = root / path[len(mount):]
    return target / "index.html" if path.endswith("/") else target


def broken_links(root: Path, base_url: str) -> list[str]:
    """Every link of every page to a file of the site that does not exist, with the
    site served at base_url's path (the base URL itself may be written in full)."""
    base_path = urlsplit(base_url).path
    broken = []
    for page_path in html_files(root):
        page = parse(page_path)
        for _, link in local_links(page):
            if link.startswith(base_url):
                link = link[len(base_url) - len(base_path):]
            elif urlsplit(link).netloc:
                continue
            target = resolve(root, base_path, page, link)
            if target is None or not target.is_file():
                broken.append(f"{page_path.relative_to(root)}: {link}")
    return broken
