"""build() and check(): one pipeline; check stops before writing."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from generator.build import record
from generator.emit import feeds, sitemap
from generator.load import markup
from generator.site import opendata, urls
from generator.emit.artwork import OWNER as ARTWORK
from generator.emit.artwork import Artwork
from generator.load.catalog import load_content
from generator.build.destination import Destination, claim
from generator.site.explorer import writeup_texts
from generator.site.graph import Page, build_graph
from generator.build.output import Content, Staging, WriteReport
from generator.cache.parallel import fork_map
from generator.cache.folder import cache_folder
from generator.bundled import default_templates
from generator.problems import ContentError, Problem
from generator.emit.templates import Renderer, TemplateProblem
from generator.cache.store import Store


@dataclass
class RenderCache:
    """Pages of the previous build, each with a fingerprint of what made it.

    A page is its template applied to its data; it is rendered again only when
    the repr of its data, the templates or the site-wide data (navigation)
    changed. `awards serve` keeps one across rebuilds, so an edited write-up
    re-renders its own pages only.
    """

    site_key: str = ""
    pages: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    # Digests of the model objects of the latest build (see _digest), kept for
    # awards serve's one-page updates: a winner page's year holds every winner
    digests: dict[int, tuple[object, str]] = field(default_factory=dict)

    def start(self, site_key: str) -> None:
        self.digests = {}  # a new build: new objects
        if site_key != self.site_key:
            self.site_key, self.pages = site_key, {}


@dataclass
class BuildResult:
    pages: int
    files: int
    report: WriteReport | None
    timings: dict[str, float] = field(default_factory=dict)  # data: during render
    seconds: float = 0.0
    rendered: int = 0  # pages rendered, not taken from the RenderCache
    converted: int = 0  # Markdown texts converted, not taken from memory or the store
    session: Session | None = None  # what `awards serve` needs to update the site in place


@dataclass
class Session:
    """The model, pages and renderer of a finished build, kept by `awards serve`."""

    content: Path
    output: Path
    templates: Path
    catalog: object
    graph: object
    renderer: Renderer
    cache: RenderCache | None


def build(
    content: Path,
    output: Path | Destination | None,
    base_url: str | None = None,
    templates: Path | None = None,
    cache: RenderCache | None = None,
    inputs: str | None = None,
    atomic: bool = True,
) -> BuildResult:
    """Load, validate, render and (when output is given) write the whole site.

    Raises Refused, before reading anything, for an output folder that a build
    must not write into, and ContentError listing every problem; output is then
    left untouched. `inputs`, the record.inputs_key the caller computed
    before the build read anything, is recorded with the output for the next
    build to compare. `atomic=False`: see Staging.
    """
    started = time.perf_counter()
    templates = templates or default_templates()
    destination = claim(output, content, templates) if isinstance(output, Path) else output
    timings: dict[str, float] = {}
    clock = _Clock(timings)
    store = Store(cache_folder() / "store.sqlite")
    converted_before = markup.conversions()
    with clock("load"):
        try:
            catalog = load_content(content, base_url, store)
        finally:
            store.close()
    with clock("graph"):
        graph = build_graph(catalog, templates)
    renderer = _renderer(templates, catalog)
    # `check` validates; drawn files cannot fail on content
    artwork = Artwork(catalog, renderer, templates, cache_folder()) if destination else None
    files = _Files()
    for page in graph.pages:  # made below, once every destination is known
        files.add(page.output_path, None, f"page /{page.path}")
    for path in artwork.paths() if artwork else ():
        files.add(path, None, ARTWORK)
    report = None
    staging = Staging(destination, atomic) if destination is not None else None
    staged: list[str] = []

    def other_files() -> None:
        """Data files: made by this process while workers render pages."""
        with clock("data"):
            _data_files(catalog, graph, renderer, files)
            if artwork:  # their destinations were added (and checked) above
                files.data.update(artwork.site_files())
        if files.problems:
            raise ContentError(files.problems)
        if staging is not None:
            staged.extend(rel for rel, data in files.data.items()
                          if data is not None and staging.put(rel, data))

    try:
        with clock("render"):
            rendered, made = _render_pages(graph, renderer, templates, cache, staging, artwork,
                                           other_files)
        if staging is not None:
            with clock("write"):
                report = staging.commit(files.data, made + staged)
                if inputs is not None:
                    record.save(destination.path, inputs, len(graph.pages))
    finally:
        if staging is not None:
            staging.discard()
    session = Session(content, destination.path, templates, catalog, graph, renderer, cache) \
        if destination is not None else None
    return BuildResult(len(graph.pages), len(files.data), report, timings,
                       time.perf_counter() - started, rendered,
                       markup.conversions() - converted_before, session)


class _Files:
    """Every file of the site by destination; two owners of one path, or a path
    that would be both a file and a folder, is a problem."""

    def __init__(self) -> None:
        self.data: dict[str, Content | None] = {}  # None: a page, rendered later
        self.owners: dict[str, str] = {}
        self.folders: dict[str, str] = {}  # folder -> the first path inside it
        self.problems: list[Problem] = []

    def add(self, path: str, data: Content | None, owner: str) -> None:
        problem = None
        if path in self.data:
            problem = f"would overwrite {path} (already written for {self.owners[path]})"
        elif path in self.folders:
            inside = self.folders[path]
            problem = (f"{path} is needed as a file, but is the folder of {inside} "
                       f"(written for {self.owners[inside]})")
        parents = path.split("/")[:-1]
        for depth in range(1, len(parents) + 1):
            folder = "/".join(parents[:depth])
            self.folders.setdefault(folder, path)
            if problem is None and folder in self.data:
                problem = (f"{path} needs {folder} as a folder, but it is a file "
                           f"(written for {self.owners[folder]})")
        if problem is not None:
            self.problems.append(Problem(owner, None, problem))
            return
        self.data[path], self.owners[path] = data, owner


def _render_pages(graph, renderer: Renderer, templates: Path, cache: RenderCache | None,
                  staging: Staging | None, artwork: Artwork | None, meanwhile
                  ) -> tuple[int, list[str]]:
    """Render every page not in the cache and draw every winner's artwork, on
    every core, staging what changed: (pages rendered, destinations staged).
    `meanwhile` runs alongside, in this process."""
    pages = graph.pages
    winners = [(year, winner) for year in renderer.catalog.years for winner in year.winners] \
        if artwork else []
    if cache is None:  # one build: the workers stage what they make themselves
        def job(index: int) -> list[str]:
            if index < len(pages):
                html = _render(renderer, pages[index], templates)
                rel = pages[index].output_path
                return [rel] if staging is not None and staging.put(rel, html) else []
            return _stage_artwork(artwork, staging, *winners[index - len(pages)])

        made = fork_map(job, range(len(pages) + len(winners)), meanwhile=meanwhile)
        return len(pages), [rel for rels in made for rel in rels]
    cache.start(_site_key(templates, renderer.catalog))
    fingerprints = [_fingerprint(page, cache.digests) for page in pages]
    todo = [index for index, page in enumerate(pages)
            if cache.pages.get(page.path, ("",))[0] != fingerprints[index]]
    htmls = fork_map(lambda index: _render(renderer, pages[index], templates), todo,
                     meanwhile=meanwhile)
    for index, html in zip(todo, htmls, strict=True):
        cache.pages[pages[index].path] = (fingerprints[index], html)
    if staging is None:
        return len(todo), []
    made = [page.output_path for page in pages
            if staging.put(page.output_path, cache.pages[page.path][1])]
    for year, winner in winners:
        made += _stage_artwork(artwork, staging, year, winner)
    return len(todo), made


def _stage_artwork(artwork: Artwork, staging: Staging, year, winner) -> list[str]:
    """Stage one winner's drawn files; the destinations that changed."""
    return [rel for rel, data in artwork.winner_files(year, winner) if staging.put(rel, data)]


def search_index(catalog) -> bytes:
    return json.dumps(writeup_texts(catalog), ensure_ascii=False, sort_keys=True).encode("utf-8")


def render_page(renderer: Renderer, page: Page, templates: Path, cache: RenderCache | None) -> bytes:
    """Render one page again (after an in-place update), keeping the cache in step."""
    html = _render(renderer, page, templates)
    if cache is not None:
        cache.pages[page.path] = (_fingerprint(page, cache.digests), html)
    return html


def _data_files(catalog, graph, renderer: Renderer, files: _Files) -> None:
    """Feeds, open data, the search index, sitemap and the files hosts look for."""
    site = catalog.site
    for lang in site.languages:
        files.add(urls.feed(lang), feeds.atom(catalog, lang, renderer.strings), "feed")
    files.add(urls.JSON_DATA, opendata.winners_json(catalog), "open data")
    files.add(urls.CSV_DATA, opendata.winners_csv(catalog), "open data")
    files.add(urls.SEARCH_DATA, search_index(catalog), "explorer")
    files.add("sitemap.xml", sitemap.sitemap(graph.pages, site.base_url), "sitemap")
    files.add("robots.txt", sitemap.robots(site.base_url), "robots.txt")
    # GitHub Pages: serve files as they are, without Jekyll
    files.add(".nojekyll", b"", "GitHub Pages")
    if site.cname:
        files.add("CNAME", site.cname.encode() + b"\n", "site.yaml cname")
    for asset in graph.assets:
        files.add(asset.path, asset.source, asset.source.as_posix())


def _site_key(templates: Path, catalog) -> str:
    """What every page depends on: the templates and the site-wide navigation."""
    digest = hashlib.sha256()
    for path in sorted(templates.rglob("*")):
        if path.is_file() and "static" not in path.relative_to(templates).parts:
            digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    navigation = (catalog.site, [(y.be, y.name) for y in catalog.years], catalog.tiers)
    digest.update(repr(navigation).encode())
    return digest.hexdigest()


def _fingerprint(page: Page, memo: dict[int, tuple[object, str]]) -> str:
    return _digest((page.template, page.lang, page.alternates, page.data), memo)


def _digest(value: object, memo: dict[int, tuple[object, str]]) -> str:
    """A hash of a value's repr-visible content, each model object hashed once per build.

    The plain repr of every page's data re-spelled the same winners thousands of
    times (most of a no-change rebuild at 2,000 winners). The memo is keyed by
    id and holds the object itself, so that no other object can take its id.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        known = memo.get(id(value))
        if known is None:
            parts = [type(value).__name__] + [
                _digest(getattr(value, f.name), memo)
                for f in dataclasses.fields(value) if f.repr
            ]
            known = memo[id(value)] = (value, _hash("(".join(parts)))
        return known[1]
    if isinstance(value, dict):
        return _hash("{" + ",".join(_digest(k, memo) + ":" + _digest(v, memo)
                                    for k, v in value.items()))
    if isinstance(value, list | tuple):
        return _hash("[" + ",".join(_digest(item, memo) for item in value))
    return _hash(repr(value))


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _renderer(templates: Path, catalog) -> Renderer:
    try:
        return Renderer(templates, catalog)
    except TemplateProblem as error:
        raise ContentError([Problem(str(templates / "strings.yaml"), None, str(error))]) from None


def _render(renderer: Renderer, page, templates: Path) -> bytes:
    """Render one page; template mistakes become problems with file and line."""
    try:
        return renderer.render(page).encode("utf-8")
    except jinja2.TemplateSyntaxError as error:
        path = Path(error.filename or templates / (error.name or "?"))
        raise ContentError([Problem(_shown(path), error.lineno, f"template: {error.message}")]) from None
    except Exception as error:  # any mistake in a template, reported with its line
        path, line = _template_frame(error, templates)
        raise ContentError(
            [Problem(path, line, f"template: {error} (rendering /{page.path})")]
        ) from None


def _template_frame(error: BaseException, templates: Path) -> tuple[str, int | None]:
    root = str(templates.resolve())
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.startswith(root):
            return _shown(Path(frame.filename)), frame.lineno
    return _shown(templates), None


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


class _Clock:
    """Times the phases of a build, for the summary line and benchmarks."""

    def __init__(self, timings: dict[str, float]):
        self.timings = timings

    @contextlib.contextmanager
    def __call__(self, phase: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[phase] = time.perf_counter() - start
