"""content/site.yaml to the model: the site's title, address and languages."""

from __future__ import annotations

import re
from typing import Any

from generator.load.fields import Fields
from generator.load.webaddress import base_url_problem
from generator.model import LANGUAGES, Site
from generator.problems import Problems

HOSTNAME = re.compile(r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")
SITE_FIELDS = ("title", "description", "base_url", "languages", "cname")


def validate_site(data: Any, path: str, problems: Problems, base_url: str | None) -> Site | None:
    fields = Fields.of(data, path, problems, SITE_FIELDS, line=1)
    if fields is None:
        return None
    title = fields.localized("title")
    description = fields.localized("description", required=False)
    languages = tuple(fields.text_list("languages")) or LANGUAGES
    for lang in languages:
        if lang not in LANGUAGES:
            fields.problem("languages", f"unsupported language '{lang}'",
                           "the site is built in: " + ", ".join(LANGUAGES))
    if len(set(languages)) != len(languages):
        fields.problem("languages", "a language is listed twice")
    # site.yaml's own base_url is checked even when --base-url overrides it
    url = fields.raw_text("base_url", required=False)
    if url is None and base_url is None:
        fields.problem("base_url", "missing required field 'base_url'",
                       "or pass --base-url on the command line")
    for where, value in (("'base_url'", url), ("--base-url", base_url)):
        problem = None if value is None else base_url_problem(value)
        if problem:
            fields.problem("base_url", f"{where} {problem}")
    url = base_url or url
    cname = fields.raw_text("cname", required=False)
    if cname is not None and not HOSTNAME.fullmatch(cname):
        fields.problem("cname", f"'cname' must be a domain name like awards.example.org, "
                                f"found '{cname}'")
    if problems or title is None or url is None:
        return None
    return Site(
        title=title,
        description=description or title,
        base_url=url if url.endswith("/") else url + "/",
        languages=languages,
        cname=cname,
    )
