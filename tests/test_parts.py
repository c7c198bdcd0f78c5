"""A page made a part at a time (emit/parts.py) is the page made whole, byte for byte."""

from __future__ import annotations

from conftest import CONTENT

from generator.bundled import default_templates
from generator.emit import parts
from generator.emit.templates import make_renderer
from generator.load.catalog import load_content
from generator.site.graph import build_graph


def test_the_explorer_made_a_row_at_a_time_is_the_explorer_made_whole(monkeypatch):
    templates = default_templates()
    catalog = load_content(CONTENT)
    renderer = make_renderer(templates, catalog)
    explorers = [page for page in build_graph(catalog, templates).pages
                 if page.template == "winners.html"]
    made = []
    monkeypatch.setattr(parts, "PART", 1)  # each row a part of its own
    monkeypatch.setattr(parts, "_made", lambda typesetter, part, made_as=parts._made:
                        made.append(part) or made_as(typesetter, part))
    in_parts = [renderer.render(page) for page in explorers]
    assert len(explorers) == 2 and len(made) == 2 * len(catalog.winners)
    assert all(part.startswith("<tr ") for part in made)
    monkeypatch.setattr(parts, "_marks", lambda template: False)
    assert [renderer.render(page) for page in explorers] == in_parts
    assert all("\0" not in html.decode() for html in in_parts)
