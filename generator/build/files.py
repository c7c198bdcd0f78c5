"""Every file of the site by destination: pages, drawn files and data files, with
their clashes (two owners of one path, a path both a file and a folder) as problems."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from generator.cache.derived import Derived
from generator.cache.store import Store
from generator.emit import feeds, sitemap
from generator.emit.templates import Renderer
from generator.load.schemas import schema_files
from generator.model import Catalog
from generator.problems import ContentError, Problem
from generator.site import datapackage, fulltext, opendata, urls
from generator.site.fulltext import index_files
from generator.site.graph import Page, SiteGraph
from generator.work.files import Content
from generator.work.workers import cores, give_back


class SiteFiles:
    """Every file of the site by destination; two owners of one path, or a path
    that would be both a file and a folder, is a problem."""

    @classmethod
    def of(cls, graph: SiteGraph, drawn: Iterable[str], owner: str) -> SiteFiles:
        """The pages and the drawn files, whose destinations are known before any is made."""
        files = cls()
        for page in graph.pages:
            files._claim(page.output_path, page)
        later = _Later(owner)
        for path in drawn:
            files._claim(path, later)
        return files

    def plus(self, items: Iterable[tuple[str, Content, str]],
             each: Callable[[str, Content], object] = lambda path, data: None) -> SiteFiles:
        """These files and `items`, the last ones added; ContentError if any of them
        clashes with another. This one is used up: its tables are taken, not copied (a
        page's path is in two of them: 15 MB at 10,000 winners, issue 26). each(path,
        data) is called for an item as soon as it claims its path without a clash: the
        build stages it then, and never holds all the items' bytes at once."""
        files = SiteFiles()
        files.data, files.folders = self.data, self.folders
        files.problems = list(self.problems)
        self.data, self.folders = {}, {}
        for path, data, owner in items:
            if files.add(path, data, owner) and data is not None:
                each(path, data)
        if files.problems:
            raise ContentError(files.problems)
        files.folders = {}  # only a path added later would need them: 8 MB at 10,000 winners
        return files

    def __init__(self) -> None:
        # Each path's claim, which names its owner: a Page or a _Later, made later by
        # the workers; the owner's name, made. Not its bytes: those are staged as soon
        # as made (the data files of 10,000 winners: over 100 MB, issue 26). Not each
        # page's owner spelled out: 60,000 strings at 10,000 winners, for messages
        self.data: dict[str, Claim] = {}
        self.folders: dict[str, str] = {}  # folder -> the first path inside it
        self.problems: list[Problem] = []

    def add(self, path: str, data: Content | None, owner: str) -> bool:
        """Claim a path; False when it clashes (a problem)."""
        return self._claim(path, owner if data is not None else _Later(owner))

    def _claim(self, path: str, claim: Claim) -> bool:
        known = self.data.get(path)
        if isinstance(known, (Page, _Later)) and _owner(known) == _owner(claim):
            self.data[path] = _owner(claim)  # made now, where it was known to go
            return True
        problem = None
        if known is not None:
            problem = f"would overwrite {path} (already written for {_owner(known)})"
        elif path in self.folders:
            inside = self.folders[path]
            problem = (f"{path} is needed as a file, but is the folder of {inside} "
                       f"(written for {_owner(self.data[inside])})")
        at = path.find("/")
        while at >= 0:  # each folder the path is in, outermost first
            folder = path[:at]
            self.folders.setdefault(folder, path)
            if problem is None and folder in self.data:
                problem = (f"{path} needs {folder} as a folder, but it is a file "
                           f"(written for {_owner(self.data[folder])})")
            at = path.find("/", at + 1)
        if problem is not None:
            self.problems.append(Problem(_owner(claim), None, problem))
            return False
        self.data[path] = claim
        return True


class _Later:
    """A file whose destination is known before it is made, and who makes it."""

    __slots__ = ("owner",)

    def __init__(self, owner: str) -> None:
        self.owner = owner


Claim = str | Page | _Later


def _owner(claim: Claim) -> str:
    """Who writes a path, as a problem names it."""
    if isinstance(claim, Page):
        return f"page /{claim.path}"
    return claim.owner if isinstance(claim, _Later) else claim


def data_files(catalog: Catalog, graph: SiteGraph, renderer: Renderer,
               made: Made | None = None) -> Iterator[tuple[str, Content, str]]:
    """(destination, content, owner) of the feeds, open data, search index, sitemap,
    the files hosts look for, and the copied assets, each made as it is asked for.
    `made`: made_from_catalog's, where another process made them; its two parts are
    iterated in order, once (Soon.stream)."""
    site = catalog.site
    opened, search = made or made_from_catalog(catalog)
    for lang in site.languages:
        yield urls.feed(lang), feeds.atom(catalog, lang, renderer.strings), "feed"
    yield from opened
    yield "sitemap.xml", sitemap.sitemap(graph.pages, site.base_url), "sitemap"
    yield "robots.txt", sitemap.robots(site.base_url), "robots.txt"
    yield ".nojekyll", b"", "GitHub Pages"  # serve files as they are, without Jekyll
    for name, data in schema_files().items():
        yield urls.SCHEMA + name, data, "content schema"
    yield from search
    if site.cname:
        yield "CNAME", site.cname.encode() + b"\n", "site.yaml cname"
    for asset in graph.assets:
        yield asset.path, asset.source, asset.source.as_posix()


Made = tuple[Iterable[tuple[str, Content, str]], Iterable[tuple[str, Content, str]]]


def made_from_catalog(catalog: Catalog, store: Path | None = None) -> Made:
    """The data files that are most of the work (the search index: 2 CPU-s at 2,000
    winners) and need only the catalog and the write-ups' words (prepared: prepare_words,
    or in `store`, read from there a few at a time), not the pages: so that a process of
    their own can make them while the pages are laid out. The open data, and the search
    index, made first: the memory its tables leave is handed back before the open data
    is made (at 10,000 winners both at once took this process 160 MB over the catalog)."""
    service = Derived(Store(store) if store is not None else None)
    try:
        search = [(urls.SEARCH_INDEX + name, data, "explorer")
                  for name, data in index_files(catalog, service, beside_render()).items()]
    finally:
        service.close()
    give_back()
    opened: list[tuple[str, Content, str]] = [
        (urls.JSON_DATA, opendata.winners_json(catalog), "open data"),
        (urls.CSV_DATA, opendata.winners_csv(catalog), "open data"),
        (urls.PROVINCES_CSV, opendata.provinces_csv(catalog), "open data"),
        (urls.DATA_PACKAGE, datapackage.datapackage_json(catalog), "open data"),
    ]
    return opened, search


def beside_render() -> int | None:
    """How many workers cut the search index's words where none are stored (a cold build):
    half the cores. Its process runs beside the render's workers, which take every core,
    so more workers only share those cores with them, and more processes than cores cost
    CPU-s (at 2,000 winners the render's workers took 17.5 CPU-s with the data process
    done first, 19-21 beside it); each also loads the cutter's dictionary (0.1 CPU-s,
    60 MB). Always apart from this process, so that the dictionary stays out of the one
    that builds the index's tables; on one core, the default (there: serially)."""
    return cores() // 2 or None


def prepare_words(catalog: Catalog, renderer: Renderer, service: Derived,
                  meanwhile: Callable[[], object] = lambda: None,
                  then: Callable[[], object] = lambda: None, search: bool = True) -> None:
    """Thai cut into words before the pages are rendered, from the store or on every
    core: what pages set word by word (Renderer.prepare), then the write-ups for the
    search index (site/fulltext.prepare), which reads the pages' cuts of the same runs.
    `meanwhile`: run by this process while workers cut for the pages (cold: the pages
    laid out). `then`: called as soon as the search index's words are cut, or where
    search=False (the data files' process cuts them, or has them), the pages' words."""
    renderer.prepare(service, meanwhile)
    if search:
        fulltext.prepare(catalog, service)
    then()
