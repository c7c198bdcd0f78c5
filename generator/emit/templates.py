"""Render pages to HTML with jinja2: autoescape, strict variables, th/en strings."""

from __future__ import annotations

import contextlib
import datetime as dt
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
import markupsafe

from generator import languages
from generator.cache.derived import Derived
from generator.emit import design, links, names, pagewords, parts, photos, spacing, structured, typography
from generator.emit.phrases import TemplateProblem, load_strings, phrase
from generator.emit.scope import LeanCodeGenerator, LeanContext, LeanTemplate, escaped, reads_names
from generator.languages import LANGUAGES
from generator.model import UNTIERED_NAME, Catalog, Localized, Province, Winner
from generator.problems import ContentError, Problem
from generator.site import urls
from generator.site.graph import Page
from generator.site.stats import coverage

# The same on every page of a language: base.html places them by name
SITE_WIDE = {"nav": "partials/site_nav.html", "footer": "partials/site_footer.html",
             "region_note": "partials/region_note.html", "held_years": "partials/held_years.html"}
# Whole elements outside attributes, labels and uncut text: Thai cut once a language and depth (issue 26)
CUT_ONCE = frozenset({"nav", "footer"})


class Renderer:
    def __init__(self, templates: Path, catalog: Catalog):
        self.catalog = catalog
        self.site = catalog.site
        self.base_path = urlsplit(self.site.base_url).path or "/"
        self.strings = load_strings(templates / "strings.yaml", self.site.languages)
        # what t('key') gives in each language, looked up once: 250,000 calls at 2,000 winners
        self._plain = {(key, lang): text for key, texts in self.strings.items()
                       for lang, text in texts.items() if isinstance(text, str)}
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # one version of the templates a build: kept in a dict, not an LRU reordered at each lookup
            auto_reload=False, cache_size=-1,
        )
        self.env.context_class, self.env.template_class = LeanContext, LeanTemplate
        self.env.code_generator_class = LeanCodeGenerator
        self.env.filters.update(
            url=links.url, abs_url=self._abs_url, download_as=self._download_as, loc=self._loc,
            year=self._year, date=self._date, ld_json=lambda data: markupsafe.Markup(structured.dumps(data)),
            province_title=self._province_title, ordinal=self._ordinal,
            # a winner's tier name, or what stands for it when no source states it
            tier_name=lambda winner: winner.tier.name if winner.tier else UNTIERED_NAME,
            unbroken=typography.unbroken, words=self._words, query=urls.query_value,
            as_text=spacing.as_text,
            clip=lambda text, limit: typography.clip(text, limit, self.thai_pieces),
            photos=lambda fragment, winner: photos.responsive(
                fragment, {attachment.name: attachment for attachment in winner.assets}),
        )
        # No `catalog` here: a page reads only its own data and the site settings,
        # which is what awards serve compares to know that a page is unchanged
        self.env.globals.update(t=self._t, site=self.site, other_language=languages.other,
                                correction_link=self._correction_link,
                                language_names={code: language.name for code, language
                                                in LANGUAGES.items()},
                                locales={code: language.locale
                                         for code, language in LANGUAGES.items()},
                                sizes=design.SIZES,
                                organization=structured.organization,
                                site_wide=self._site_wide, may_split=parts.NOTHING,
                                share_title_of=self._share_title)
        self._shared: dict[tuple[str, str, str], dict[str, markupsafe.Markup]] = {}
        self._cut: dict[tuple[str, str, str, str], markupsafe.Markup] = {}  # CUT_ONCE's
        self._typesetter: typography.Typesetter | None = None  # made when first asked
        self._compiled = False

    @reads_names
    def _correction_link(self, context: jinja2.runtime.Context, winner: Any, subject: str) -> str:
        permalink = urls.absolute(self.site.base_url, urls.of(winner, context["lang"]))
        return urls.correction(self.site.corrections or "", permalink, subject)

    def prepare(self, service: Derived | None = None,
                meanwhile: Callable[[], object] = lambda: None) -> None:
        """Cut the Thai that pages show into words here, before the workers fork to render:
        from the build's store, else on every core while this process compiles the templates
        and runs meanwhile() (emit/typography.py)."""
        if self._typesetter is not None:
            self.compile_templates()
            meanwhile()
            return
        self._typesetter = typography.Typesetter(self.catalog)
        self._typesetter.prepare(lambda: pagewords.thai_texts(self.catalog, self.strings),
                                 service or Derived(None), lambda: (self.compile_templates(), meanwhile()))

    def compile_templates(self) -> None:
        """Compile every template here, before the workers fork: each of them compiled them
        all again. A template with a mistake is left for its page to report (render_page)."""
        if self._compiled:
            return
        self._compiled = True
        for name in self.env.list_templates(filter_func=_is_template):
            with contextlib.suppress(jinja2.TemplateError):
                self.env.get_template(name)

    def thai_pieces(self, text: str) -> list[str]:
        self.prepare()
        return self._typesetter.pieces(text)

    def _words(self, text: str) -> markupsafe.Markup:
        self.prepare()
        return self._typesetter.words(text)

    def render(self, page: Page, joined: bool = True) -> bytes | list[bytes]:  # parts.made
        template = self.env.get_template(page.template)
        lang = page.lang or self.site.default_language
        twins = [(code, path) for code, path in page.alternates
                 if code not in (lang, "x-default")]
        variables = dict(page=page, lang=lang, twins=twins, root=self.root(page),
                         folder="" if page.anywhere else urls.folder_of(page.path),
                         **page.data.variables())
        self.prepare()
        return parts.made(template, variables, self._typesetter, joined)

    def root(self, page: Page) -> str:
        """What the `url` filter puts before a site path on this page: the way up to the
        site's root, or, on a page served at any depth, the base URL's path."""
        return self.base_path if page.anywhere else urls.root_from(page.path)

    def render_file(self, template: str, lang: str, **data: Any) -> str:
        """A template that is not a page (a badge), in one language."""
        return self.env.get_template(template).render(lang=lang, **data)

    def shared_html(self, lang: str, root: str, folder: str = "") -> dict[str, markupsafe.Markup]:
        """The parts that every page of a language shows (SITE_WIDE), rendered once
        per language, depth and first folder instead of once per page; they alone see
        the whole catalog. Without a folder, every link climbs to the root: a page's
        key (build/pipeline.py) reads those, which say all that the others do."""
        parts = self._shared.get((lang, root, folder))
        if parts is None:
            parts = self._shared[lang, root, folder] = {
                name: markupsafe.Markup(self.render_file(template, lang, root=root,
                                                         folder=folder,
                                                         catalog=self.catalog,
                                                         coverage=coverage(self.catalog))
                                        .removesuffix("\n"))
                for name, template in SITE_WIDE.items()}
        return parts

    @reads_names
    def _site_wide(self, context: jinja2.runtime.Context, name: str) -> markupsafe.Markup:
        where = (context["lang"], context["root"], context["folder"], name)
        if name in CUT_ONCE and where not in self._cut:
            self.prepare()
            self._cut[where] = markupsafe.Markup(pagewords.cut_page(
                self._typesetter, self.shared_html(*where[:3])[name]))
        return self._cut[where] if name in CUT_ONCE else self.shared_html(*where[:3])[name]

    @reads_names
    def _share_title(self, context: jinja2.runtime.Context, winner: Winner) -> markupsafe.Markup:
        """What a share preview or a shared post calls a winner's page: its og:title and
        the text of its kit's share links. Not a macro: each page imported it (issue 26)."""
        lang = context["lang"]
        tier = f" {escaped(winner.tier.name[lang])} ·" if winner.tier else ""
        return markupsafe.Markup(f"{escaped(winner.lao.name[lang])} ·{tier} {escaped(self.site.title[lang])}"
                                 f" {escaped(LANGUAGES[lang].year(winner.year))}")

    @reads_names
    def _t(self, context: jinja2.runtime.Context, key: str, lang: str | None = None,
           n: int | None = None, form: str | None = None, **words: str) -> str:
        if n is None and form is None and not words:
            text = self._plain.get((key, lang or context["lang"]))
            if text is not None:
                return text
        return phrase(self.strings, key, lang or context["lang"], n, form, **words)

    @jinja2.pass_context
    def _abs_url(self, context: jinja2.runtime.Context, target: Any, lang: str | None = None,
                 *, file: str | None = None, **query: str) -> str:
        """The published address of what a template names: for canonical, hreflang,
        og:url, the permalink to share or cite, the HTML an LAO pastes elsewhere."""
        path = urls.path_of(target, lang or context["lang"], file, **query)
        return urls.absolute(self.site.base_url, path)

    @jinja2.pass_context
    def _download_as(self, context: jinja2.runtime.Context, winner: Winner, what: str) -> str:
        """The name a file of a winner's kit keeps on the officer's computer."""
        return urls.download_name(context["lang"], winner.year, winner.id, what)

    @jinja2.pass_context
    def _loc(self, context: jinja2.runtime.Context, text: Localized) -> str:
        return text[context["lang"]]

    @jinja2.pass_context
    def _province_title(self, context: jinja2.runtime.Context, province: Province) -> str:
        return names.province_title(province, context["lang"])

    @jinja2.pass_context
    def _ordinal(self, context: jinja2.runtime.Context, number: int) -> str:
        return LANGUAGES[context["lang"]].ordinal(number)

    @jinja2.pass_context
    def _year(self, context: jinja2.runtime.Context, be: int) -> str:
        return LANGUAGES[context["lang"]].year(be)

    @jinja2.pass_context
    def _date(self, context: jinja2.runtime.Context, date: dt.date) -> str:
        return LANGUAGES[context["lang"]].date(date)


def make_renderer(templates: Path, catalog: Catalog, compiled: bool = True) -> Renderer:
    """The renderer of a catalog; a mistake in the interface strings is a ContentError.
    compiled=False: its templates are compiled by prepare(), while workers cut words."""
    try:
        renderer = Renderer(templates, catalog)
    except TemplateProblem as error:
        raise ContentError([Problem(str(templates / "strings.yaml"), None, str(error))]) from None
    if compiled:
        renderer.compile_templates()
    return renderer


def _is_template(name: str) -> bool:
    return name.endswith((".html", ".svg")) and not name.startswith("static/")


def render_page(renderer: Renderer, page: Page, templates: Path, joined: bool = True) -> bytes | list[bytes]:
    """Render one page; template mistakes become problems with file and line."""
    try:
        return renderer.render(page, joined)
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
