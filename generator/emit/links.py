"""The `url` filter: a link to what a template names, relative to the page that shows it."""

from __future__ import annotations

from typing import Any

import jinja2

from generator.site import urls


@jinja2.pass_context
def url(context: jinja2.runtime.Context, target: Any, lang: str | None = None, *,
        file: str | None = None, **query: str) -> str:
    """A link to what a template names (urls.path_of), relative to the page that
    shows it (Renderer.root). A quarter of a million links at 2,000 winners: the
    page's names are read once a context (scope.LeanContext.page_names)."""
    here, page, root, folder = context.page_names()
    path = urls.path_of(target, lang or here, file, **query)
    if page is None or page.anywhere:
        return urls.relative(root, path, folder)
    if path.startswith(page.path):
        below = path[len(page.path):]
        # below the page's own folder (its files, a year's winners): no way up and
        # down again, a tenth of a winner page's links (issue 26). A link to the page
        # with a query keeps its path, which the explorer's rows are read by.
        if not below.startswith("?"):
            return below or "./"
    else:
        # beside the page, in the folder above it (a kit page's winner files, a
        # winner page's year and the year's other winners): one way up, not up to
        # the language's folder and down again (../badge.svg, not ../../../2566/…)
        parent = page.path[:page.path.rstrip("/").rfind("/") + 1]
        if parent.count("/") > 1 and path.startswith(parent):
            return "../" + path[len(parent):]
    return urls.relative(root, path, folder)
