"""build() and check(): load -> graph -> render -> write, each phase returning its result."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

from generator.build import record
from generator.build.clock import Clock
from generator.build.destination import Destination, own
from generator.build.files import Made, SiteFiles, data_files, made_from_catalog, prepare_words
from generator.build.lock import located
from generator.build.output import Staging, WriteReport
from generator.bundled import default_templates
from generator.cache import derived
from generator.cache.derived import Derived
from generator.cache.folder import cache_folder
from generator.cache.pages import RenderCache, fingerprint
from generator.emit.artwork import OWNER as ARTWORK
from generator.emit.artwork import Artwork
from generator.emit.templates import Renderer, make_renderer, render_page
from generator.load import markup, reading
from generator.load.catalog import load_content
from generator.model import Catalog
from generator.site import fulltext
from generator.site.graph import Page, SiteGraph, build_graph
from generator.work.soon import Soon
from generator.work.workers import fork_map_while


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


@dataclass(frozen=True)
class Session:
    """The model, pages and renderer of a finished build, kept by `awards serve`."""

    content: Path
    output: Path
    templates: Path
    catalog: Catalog
    graph: SiteGraph
    renderer: Renderer
    cache: RenderCache | None


def build(content: Path, output: Path | Destination, base_url: str | None = None,
          templates: Path | None = None, cache: RenderCache | None = None,
          inputs: str | None = None, atomic: bool = True, drafts: bool = False,
          once: bool = False) -> BuildResult:
    """Load, validate, render and write the whole site.

    Raises Refused, before reading anything, for an output folder that a build
    must not write into, and ContentError listing every problem; output is then
    left untouched. Given a path, the build holds the folder's lock (build/lock.py):
    a build into the same folder that started first is waited for. `inputs`, the
    record.inputs_key the caller computed before the build read anything, is
    recorded with the output for the next build to compare. `cache` (awards serve)
    skips pages whose inputs did not change; `atomic=False`: see Staging.
    `drafts`: publish draft years too. `once`: no other build follows in this process
    (awards build), so what only a next build would reuse is not kept.
    """
    templates = templates or default_templates()
    if isinstance(output, Path):  # else the caller holds the folder's lock (cli)
        with located(output, content, templates) as destination:
            return build(content, own(destination), base_url, templates, cache, inputs, atomic,
                         drafts, once)
    started, clock, destination = time.perf_counter(), Clock(), output
    converted_before = markup.conversions()
    catalog, graph, renderer, service, data = _model(content, base_url, templates, drafts, clock,
                                                     once)
    try:
        artwork = Artwork(catalog, renderer, service.files)
        staging = Staging(destination, atomic)
        try:
            with clock("render"):
                made = _render(graph, renderer, templates, cache, staging, artwork, data, clock)
            with clock("write"):
                report = staging.commit(made.files.data, made.staged)
                files, rendered = len(made.files.data), made.rendered
                del made  # every file's path, not held as the record is made (200,000 at 10,000 winners)
                if inputs is not None:
                    record.save(destination.path, inputs, len(graph.pages))
        finally:
            staging.discard()
    finally:
        data.close()
    session = Session(content, destination.path, templates, catalog, graph, renderer, cache)
    return BuildResult(len(graph.pages), files, report, clock.timings,
                       time.perf_counter() - started, rendered,
                       markup.conversions() - converted_before, session)


@dataclass(frozen=True)
class Checked:
    pages: int  # that a build would make
    catalog: Catalog  # with its draft years and warnings


def check(content: Path, templates: Path | None = None) -> Checked:
    """Validate the content and render every page and data file, writing nothing.
    Raises ContentError."""
    templates = templates or default_templates()
    catalog, graph, renderer, _, data = _model(content, None, templates, False, Clock())
    try:
        fork_map_while(lambda page: len(render_page(renderer, page, templates)), graph.pages,
                       lambda: SiteFiles.of(graph, (), ARTWORK).plus(
                           data_files(catalog, graph, renderer, data.get())))
    finally:
        data.close()
    return Checked(len(graph.pages), catalog)


DataFiles = Soon[Made]


def _model(content: Path, base_url: str | None, templates: Path, drafts: bool, clock: Clock,
           once: bool = False) -> tuple[Catalog, SiteGraph, Renderer, Derived, DataFiles]:
    """The catalog, its pages, and its Markdown and Thai words made, with the build's derived
    values (a store opened once, closed before workers fork to render). The data files, most of
    the work (build/files.made_from_catalog), are made by a process of their own, whose memory and
    collector stay out of this one's way (issue 26): with the write-ups' words all stored, it starts
    once the catalog is loaded; else after the pages' cuts, which the index's cut reuses (run once,
    a build leaves it the words to cut: 10,000 winners, 150 MB less here), and the pages are laid
    out once it forked (40 MB). The caller closes it. `once`: build()."""
    service, data, graph = Derived.at(cache_folder()), None, None
    try:
        with clock("load"):
            # serve holds the write-ups' HTML anyway, in its memory of converted Markdown
            catalog = load_content(content, base_url, service, drafts, shelve=once)
        if once:  # every source text (13 MB at 2,000): only serve builds again (issue 26)
            derived.forget(markup.MARKDOWN)
        store = service.store.path if once and service.store else None  # the words' (below)

        def start_data() -> None:
            nonlocal data
            if data is None:
                service.disconnect()  # no SQLite connection crosses a fork: words were lost
                data = Soon(lambda: made_from_catalog(catalog, store))
                if once and data.apart:  # the search index's words: in its process only
                    derived.forget(fulltext.WRITEUP_WORDS)  # (64 MB at 10,000 winners)

        # All stored: that process reads them a few at a time, this one never holds them
        if fulltext.stored(catalog, service, read=not once):
            start_data()
        renderer = make_renderer(templates, catalog, compiled=False)  # while words are cut

        def lay_out() -> None:
            nonlocal graph
            graph = build_graph(catalog, templates)

        with clock("graph and words"):  # the pages laid out while workers cut their words
            prepare_words(catalog, renderer, service, meanwhile=lay_out if data else lambda: None,
                          then=start_data, search=data is None and not once)
            graph = graph if graph is not None else build_graph(catalog, templates)
    except BaseException:
        if data is not None:
            data.close()
        raise
    finally:
        service.close()
    return catalog, graph, renderer, service, data


# A winner's drawn files against a page, in work: a hundred pages when drawn (a first
# build), a few when stored. Between the two, chunks stay short either way (work/chunks.py)
ARTWORK_COST = 20


@dataclass(frozen=True)
class Rendered:
    rendered: int  # pages rendered, not taken from the RenderCache
    staged: list[str]  # destinations whose bytes changed
    files: SiteFiles  # every file of the site


def _render(graph: SiteGraph, renderer: Renderer, templates: Path, cache: RenderCache | None,
            staging: Staging, artwork: Artwork, data: DataFiles, clock: Clock) -> Rendered:
    """Render the pages whose inputs changed (all, without a RenderCache) and draw each
    winner's artwork on every core, each worker staging what it made, while this
    process stages the data files; then stage the pages the RenderCache kept."""
    pages = graph.pages
    winners = [(year, winner) for year in renderer.catalog.years for winner in year.winners]
    keys = page_keys(pages, renderer, templates, cache) if cache is not None else []
    todo = [index for index, page in enumerate(pages)
            if cache is None or cache.pages.get(page.path, (b"",))[0] != keys[index]]
    listed = bool(staging.previous)  # else every file is new, and staged: none is named

    def job(index: int) -> Any:
        """Whether a page changed, and its HTML for the RenderCache (else None); or the winner's
        drawn files that changed (None: none), not each that did not, a copy of its path here
        once sent back (an editor's build at 10,000 winners: 24 MB, issue 26)."""
        if index >= len(todo):
            changed = _stage_artwork(artwork, staging, *winners[index - len(todo)])
            return changed if changed and listed else None
        page = pages[todo[index]]
        html = render_page(renderer, page, templates, joined=cache is not None)
        changed = staging.put(page.output_path, html)
        return changed, (html if cache is not None else None)  # only kept HTML travels back

    def other_files() -> tuple[list[str], SiteFiles]:
        """Staged here while workers render, each checked against the pages' destinations first:
        (those changed, every file), listed after the fork, not inherited by workers (26 MB at 10,000)."""
        with clock("data"):
            made = chain(data_files(renderer.catalog, graph, renderer, data.stream()),
                         ((rel, content, ARTWORK) for rel, content in artwork.site_files()))
            changed: list[str] = []
            # each file staged once checked against the pages' destinations and the files
            # before it: never all held at once (55 MB at 10,000 winners, issue 26)
            files = SiteFiles.of(graph, artwork.paths(), ARTWORK).plus(
                made, lambda rel, content: staging.put(rel, content) and changed.append(rel))
        return changed, files

    made, (changed, files) = fork_map_while(
        job, range(len(todo) + len(winners)), other_files,
        cost=lambda index: 1 if index < len(todo) else ARTWORK_COST)
    staged = set(changed).union(*filter(None, made[len(todo):]))
    for index, (page_changed, html) in zip(todo, made, strict=False):  # drawn files' after
        if page_changed:
            staged.add(pages[index].output_path)
        if cache is not None:
            cache.pages[pages[index].path] = (keys[index], html)
    if cache is not None:  # the pages that the RenderCache kept, staged here
        fresh = set(todo)
        staged.update(page.output_path for index, page in enumerate(pages) if index not in fresh
                      and staging.put(page.output_path, cache.pages[page.path][1]))
    del made
    return Rendered(len(todo), [rel for rel in files.data if rel in staged or not listed], files)


def page_keys(pages: list[Page], renderer: Renderer, templates: Path, cache: RenderCache
              ) -> list[bytes]:
    """What each page is made from, declared: the template folder, the site settings,
    the HTML that every page of its language shares, and the page's own data."""
    cache.start()
    cache.shared = reading.folder_digest(templates), renderer.site
    return [page_key(page, renderer, cache.shared, cache) for page in pages]


def page_key(page: Page, renderer: Renderer, shared: tuple, cache: RenderCache) -> bytes:
    lang = page.lang or renderer.site.default_language
    return fingerprint((shared, renderer.shared_html(lang, renderer.root(page)), page.template,
                        page.lang, page.alternates, page.data), cache.digests)


def _stage_artwork(artwork: Artwork, staging: Staging, year, winner) -> list[str]:
    """Stage one winner's drawn files; the destinations that changed."""
    return [rel for rel, data in artwork.winner_files(year, winner) if staging.put(rel, data)]
