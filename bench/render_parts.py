"""CPU-seconds of the render phase's parts, in one process, one after the other: every
page as a build renders it (each once, words and all; the collector's share of it),
a template's pages among them and then again in Jinja alone, and the data files
(feeds, open data, sitemap, search index). Wall time on a shared machine is noise; CPU-seconds of two commits
taken back to back are not, or much less.

    python bench/render_parts.py CONTENT [--template winner.html --template lao.html]

CONTENT is a content folder, such as the one `python bench/compare.py --winners 2000
--bytes-only` leaves in its work folder (WORK/2000/content). Run it twice first (or
point AWARDS_CACHE_DIR at a store a build of CONTENT filled): the words and Markdown
then come from the store, as in a build with the store warm.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections import Counter
from pathlib import Path

from generator.build import pipeline
from generator.build.files import data_files
from generator.bundled import default_templates
from generator.emit.templates import render_page
from generator.site import urls
from generator.site.graph import Page


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("content", type=Path)
    options.add_argument("--template", action="append", default=[],
                         help="a page template to time alone (default: winner.html, lao.html)")
    args = options.parse_args()
    templates = default_templates()
    clock = time.process_time
    started = clock()
    catalog, graph, renderer, *rest = pipeline._model(args.content, None, templates, False,
                                                      pipeline.Clock())
    for early in rest[1:]:  # the data files' process, where there is one: made below
        early.close()
    renderer.prepare()
    print(f"load, graph and words: {clock() - started:.2f} CPU-s")

    def jinja(page: Page) -> str:
        lang = page.lang or renderer.site.default_language
        twins = [(code, path) for code, path in page.alternates if code not in (lang, "x-default")]
        return renderer.env.get_template(page.template).render(
            page=page, lang=lang, twins=twins, root=renderer.root(page),
            folder="" if page.anywhere else urls.folder_of(page.path), **page.data.variables())

    collected, by_template = [0.0], Counter()

    def collector(phase: str, _: dict) -> None:
        collected[0] += clock() * (1 if phase == "stop" else -1)

    gc.callbacks.append(collector)
    started = clock()
    for page in graph.pages:  # as a build renders them: each once
        before = clock()
        render_page(renderer, page, templates)
        by_template[page.template] += clock() - before
    gc.callbacks.remove(collector)
    print(f"every page: {len(graph.pages)} pages, {clock() - started:.2f} CPU-s "
          f"(the collector {collected[0]:.2f})")
    for name in args.template or ["winner.html", "lao.html"]:
        pages = [page for page in graph.pages if page.template == name]
        started = clock()
        for page in pages:
            jinja(page)
        print(f"{name}: {len(pages)} pages, {by_template[name]:.2f} CPU-s; again, their "
              f"words in memory, Jinja alone {clock() - started:.2f}")
    started = clock()
    data_files(catalog, graph, renderer)
    print(f"data files: {clock() - started:.2f} CPU-s")


if __name__ == "__main__":
    main()
