"""One winner of an award file to the model: its LAO, province, type and themes."""

from __future__ import annotations

import re
from typing import Any

from generator.load import reference
from generator.load.fields import Fields
from generator.load.shapes import WINNER
from generator.load.sources import validate_sources
from generator.model import Lao, Localized, Source, Theme, Tier, Winner
from generator.problems import Problems, visible
from generator.text import clean_name, id_problem, is_id, slugify, suggest

LAO_CODE = re.compile(r"[0-9]{7}", re.ASCII)


def validate_winner(
    item: Any, line: int, path: str, be: int, tier: Tier | None, problems: Problems,
    vocabulary: dict[str, Theme] | None, year_sources: tuple[Source, ...] = (),
) -> Winner | None:
    """One winner of a tier, or of `untiered` when tier is None."""
    where = f"tier '{tier.id}' winner" if tier is not None else "untiered winner"
    fields = Fields.of(item, path, problems, WINNER, where, line)
    if fields is None:
        return None
    winner_id = fields.identifier("id")
    fields.where = f"winner '{winner_id}': " if winner_id else fields.where
    lao = _validate_lao(fields)
    project = fields.localized("project")
    district = fields.localized("district")
    sources = validate_sources(fields)
    themes = _themes(fields, vocabulary)
    aliases = []
    for alias, alias_line in fields.items("aliases"):
        problem = id_problem(alias) if isinstance(alias, str) else "must be text"
        if problem is None:
            aliases.append(alias)
        else:
            problems.add(path, alias_line, f"{fields.where}alias '{visible(str(alias))}' "
                                           + problem.split(", found")[0])
    if winner_id is None or lao is None or (project is None and "project" in fields.data):
        return None
    return Winner(be, winner_id, tier, lao, project, themes, tuple(aliases), district,
                  year_sources if sources is None else sources)


def _themes(fields: Fields, vocabulary: dict[str, Theme] | None) -> tuple[Theme, ...]:
    themes = []
    for item, line in fields.items("themes") if vocabulary is not None else ():
        theme = clean_name(str(item)) if isinstance(item, str | int) else ""
        if theme in vocabulary:
            themes.append(vocabulary[theme])
            continue
        if not theme:
            message, hint = "each of 'themes' must be text", None
        else:
            message = f"unknown theme '{visible(theme)}'"
            close = suggest(theme, vocabulary)
            hint = (f"did you mean '{close}'?" if close else
                    "add it to the themes of site.yaml, with its Thai and English label")
        fields.problems.add(fields.path, line, fields.where + message, hint)
    return tuple(themes)


def _validate_lao(fields: Fields) -> Lao | None:
    lao = fields.mapping("lao")
    if lao is None:
        return None
    th, en = lao.text("th"), lao.text("en")
    code = _lao_code(lao)
    slug = lao.identifier("slug")
    if slug is None and en is not None and "slug" not in lao.data:
        slug = slugify(en)
        if not is_id(slug):
            why = "it is too long" if slug else "it has no letters a-z or digits"
            lao.problem("en", f"cannot make a slug from lao.en '{en}': {why}", "add lao.slug")
            slug = None
    type_name = fields.raw_text("type")
    lao_type = None
    if type_name is not None:
        lao_type = reference.find_lao_type(type_name)
        if lao_type is None:
            hint = suggest(type_name, [t.slug for t in reference.LAO_TYPES])
            fields.problem("type", f"unknown LAO type '{type_name}'",
                           f"did you mean '{hint}'?" if hint else None)
    elif th is not None:
        lao_type = reference.lao_type_from_name(th)
        if lao_type is None:
            fields.problem("lao", f"no 'type', and the Thai name '{th}' has no known prefix",
                           "add type: one of " + ", ".join(t.slug for t in reference.LAO_TYPES))
    province_name = fields.text("province")
    province = None
    if province_name is not None:
        province = reference.find_province(province_name)
        if province is None:
            hint = reference.suggest_province(province_name)
            fields.problem("province", f"unknown province '{province_name}'",
                           f"did you mean '{hint}'?" if hint else None)
    if None in (th, en, slug, lao_type, province):
        return None
    return Lao(slug, Localized(th, en), lao_type, province, code)


def _lao_code(lao: Fields) -> str | None:
    """lao.code: seven digits as text. A number is refused, since YAML drops a
    leading zero (or reads 0123456 as octal) before we ever see it."""
    value = lao.data.get("code")
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        lao.problem("code", f"lao.code must be text, found the number {value}",
                    f"put it in quotes: code: \"{value:07d}\"" if value < 10**7 else None)
        return None
    code = lao.raw_text("code")
    if code is not None and not LAO_CODE.fullmatch(code):
        lao.problem("code", f"lao.code must be the 7-digit code of the Department of Local "
                            f"Administration, found '{visible(code)}'")
        return None
    return code
