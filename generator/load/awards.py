"""Raw YAML to the model: award years, and the rules across years and files."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from generator import languages
from generator.load import markup
from generator.load.fields import Fields
from generator.load.shapes import AWARD_YEAR, TIER
from generator.load.sources import validate_sources
from generator.load.winners import validate_winner
from generator.model import UNTIERED_ID, Lao, Localized, Theme, Tier, Winner, Year
from generator.problems import Problems


@dataclass(frozen=True)
class YearSource:
    """A validated year with the lines its tiers and winners came from."""

    year: Year
    path: str
    tier_lines: tuple[int, ...]
    winner_lines: tuple[int, ...]


@dataclass(frozen=True)
class Located:
    """A value with the place it was read from, for problems across files."""

    value: Any
    path: str
    line: int

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


def declared_ids(data: Any) -> set[str]:
    """Winner ids an award file declares, even where the winner itself is invalid.

    Write-ups of such winners are then not reported as orphans: the editor
    sees the one real mistake, not its echoes.
    """
    ids: set[str] = set()
    tiers = data.get("tiers") if isinstance(data, dict) else None
    lists = [tier.get("winners") for tier in (tiers if isinstance(tiers, list) else ())
             if isinstance(tier, dict)]
    lists.append(data.get("untiered") if isinstance(data, dict) else None)
    for winners in lists:
        for winner in winners if isinstance(winners, list) else ():
            found = winner.get("id") if isinstance(winner, dict) else None
            # a number is an id too (`id: 2566` is read as "2566", as the winner is)
            if isinstance(found, str | int) and not isinstance(found, bool):
                ids.add(str(found))
    return ids


def validate_award(data: Any, path: str, be: int, problems: Problems,
                   vocabulary: dict[str, Theme] | None) -> YearSource | None:
    """One award file to a Year; winners carry no write-ups yet. `vocabulary`:
    site.yaml's themes, the only ones a winner may name (None: unknown, as
    site.yaml is broken; themes are then left out)."""
    fields = Fields.of(data, path, problems, AWARD_YEAR, line=1)
    if fields is None:
        return None
    year = fields.integer("year")
    if year is not None and year != be:
        hint = f"did you mean {languages.be(year)} (B.E.)?" if 1900 < year < 2200 else None
        fields.problem("year", f"year {year} differs from the file name {be}.yaml", hint)
    about = fields.localized("about", clean=False)
    sources = validate_sources(fields) or ()
    tiers: list[Tier] = []
    winners: list[Winner] = []
    tier_lines: list[int] = []
    winner_lines: list[int] = []
    lists: list[tuple[Tier | None, Iterator[tuple[Any, int]]]] = []
    for rank, (item, line) in enumerate(fields.items("tiers"), start=1):
        tier_fields = Fields.of(item, path, problems, TIER, f"tier {rank}", line)
        if tier_fields is None:
            continue
        tier_id, name = tier_fields.identifier("id"), tier_fields.localized("name")
        if tier_id is None or name is None:
            continue
        tier = Tier(tier_id, name, rank)
        tiers.append(tier)
        tier_lines.append(line)
        lists.append((tier, tier_fields.items("winners")))
    # each tier's winners, then those whose tier no source states
    for tier, items in (*lists, (None, fields.items("untiered"))):
        for winner_item, winner_line in items:
            winner = validate_winner(winner_item, winner_line, path, be, tier, problems,
                                     vocabulary, sources)
            if winner is not None:
                winners.append(winner)
                winner_lines.append(winner_line)
    if not tiers and "tiers" in fields.data:
        fields.problem("tiers", "a year needs at least one tier")
    announced = fields.integer("winners_announced")
    if announced is not None and announced < len(winners):
        fields.problem("winners_announced", f"{announced} winners announced, but the year "
                                            f"lists {len(winners)}",
                       "count again, or leave 'winners_announced' out")
    draft = bool(fields.boolean("draft"))
    if tiers and not declared_ids(data) and not draft:
        fields.problem("tiers", f"{be} has no winners, yet it would be published",
                       "add its winners, or mark it 'draft: true' until they are known")
    result = Year(
        be=be,
        name=fields.localized("name"),
        announced=fields.date("announced"),
        tiers=tuple(tiers),
        winners=tuple(winners),
        edition=fields.integer("edition"),
        venue=fields.localized("venue"),
        submissions=fields.integer("submissions"),
        applicants=fields.integer("applicants"),
        about=about and _about_html(about, fields),
        sources=sources,
        winners_announced=announced,
        draft=draft,
    )
    if result.name is None or result.announced is None:
        return None
    return YearSource(result, path, tuple(tier_lines), tuple(winner_lines))


def _about_html(about: Localized, fields: Fields) -> Localized | None:
    """The year's summary as HTML; what Markdown gives up on, or an image from
    another site, is a problem at the line of 'about'."""
    html = {}
    for lang in ("th", "en"):
        try:
            html[lang] = markup.to_html(about[lang])
        except markup.MarkupError as error:
            fields.problem("about", f"'about' ({lang}): {error}", "simplify the text")
            return None
        for src in markup.image_sources(html[lang]):
            if markup.is_foreign(src):
                fields.problem("about", f"'about' ({lang}): image '{src}' is on another site",
                               "every image is served from the site itself")
                return None
    return Localized(html["th"], html["en"])


def check_years(sources: list[YearSource], problems: Problems) -> None:
    """Rules within and across years: ids, aliases, tiers and LAOs agree."""
    tiers_seen: dict[str, Located] = {}
    laos_seen: dict[str, Located] = {}
    for source in sources:
        path, year = source.path, source.year
        tier_ids: set[str] = set()
        for tier, line in zip(year.tiers, source.tier_lines, strict=True):
            if tier.id in tier_ids:
                problems.add(path, line, f"tier id '{tier.id}' is used twice in this year")
                continue
            tier_ids.add(tier.id)
            if tier.id == UNTIERED_ID:
                problems.add(path, line, f"tier id '{tier.id}' is reserved: it stands for "
                                         "winners whose tier is not stated", "choose another id")
            first = tiers_seen.setdefault(tier.id, Located(tier, path, line))
            if first.value.name != tier.name or first.value.rank != tier.rank:
                problems.add(
                    path, line,
                    f"tier '{tier.id}' is rank {tier.rank} '{tier.name.en}' here but rank "
                    f"{first.value.rank} '{first.value.name.en}' at {first.where}",
                    "a tier id must keep its names and rank in every year",
                )
        ids: dict[str, int] = {}
        for winner, line in zip(year.winners, source.winner_lines, strict=True):
            if winner.id in ids:
                problems.add(path, line,
                             f"duplicate winner id '{winner.id}' (first on line {ids[winner.id]})")
            ids.setdefault(winner.id, line)
            _check_lao(winner.lao, Located(winner.lao, path, line), laos_seen, problems)
        owners: dict[str, str] = {}
        for winner, line in zip(year.winners, source.winner_lines, strict=True):
            for alias in winner.aliases:
                if alias in ids:
                    problems.add(path, line, f"winner '{winner.id}': alias '{alias}' is the id "
                                             "of a winner of this year")
                elif owners.setdefault(alias, winner.id) != winner.id:
                    problems.add(path, line, f"winner '{winner.id}': alias '{alias}' is also "
                                             f"an alias of '{owners[alias]}'")


def _check_lao(lao: Lao, here: Located, seen: dict[str, Located], problems: Problems) -> None:
    first = seen.setdefault(lao.slug, here)
    other: Lao = first.value
    for what, mine, theirs in (
        ("Thai name", lao.name.th, other.name.th),
        ("type", lao.type.slug, other.type.slug),
        ("province", lao.province.name.en, other.province.name.en),
        ("code", lao.code or other.code, other.code or lao.code),
    ):
        if mine != theirs:
            problems.add(here.path, here.line,
                         f"LAO '{lao.slug}' has {what} '{mine}' here but '{theirs}' at "
                         f"{first.where}", "one LAO slug must name one LAO everywhere")


def unify_laos(years: list[Year]) -> list[Year]:
    """Give every winner of one LAO slug the same Lao (the newest year's)."""
    canonical: dict[str, Lao] = {}
    for year in years:
        for winner in year.winners:
            lao = canonical.setdefault(winner.lao.slug, winner.lao)
            if lao.code is None and winner.lao.code is not None:  # given in one year only
                canonical[lao.slug] = replace(lao, code=winner.lao.code)
    return [
        replace(year, winners=tuple(replace(w, lao=canonical[w.lao.slug]) for w in year.winners))
        for year in years
    ]
