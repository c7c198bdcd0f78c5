"""Warnings across years: what is allowed but most likely a slip (contract §2).

A tier id or Thai tier name that no other year uses (`outstandng` builds a second
"ดีเด่น" tier), and one Thai LAO name spelled two ways in English (two LAO pages
for one LAO). Both are valid content, a new tier or a renamed LAO, so they warn,
with their line, and never stop the build.
"""

from __future__ import annotations

from generator.load.awards import Located, YearSource
from generator.model import Tier, Year
from generator.problems import Problems
from generator.text import suggest


def warn_across_years(sources: list[YearSource], warnings: Problems) -> None:
    _tiers(sources, warnings)
    _lao_spellings(sources, warnings)


def _tiers(sources: list[YearSource], warnings: Problems) -> None:
    """Where two years differ, one in each (`outstanding` and `outstandng`), the newer
    one is warned: it is the file being written."""
    if len(sources) < 2:
        return
    for label, key in (("tier id", _tier_id), ("Thai tier name", _thai_name)):
        years: dict[str, set[int]] = {}
        for source in sources:
            for tier in source.year.tiers:
                years.setdefault(key(tier), set()).add(source.year.be)
        for source in sources:
            be = source.year.be
            # a year whose sources leave a winner's tier unstated cannot tell that a
            # tier is new: it may have had that tier too
            judges = {other.year.be for other in sources if _tiers_known(other.year)} - {be}
            if not judges:
                continue
            for tier, line in zip(source.year.tiers, source.tier_lines, strict=True):
                if years[key(tier)] != {be}:
                    continue
                close = _close(tier, key, [other for other in sources if other is not source])
                if close and len(years[close]) == 1 and max(years[close]) > be:
                    continue
                warnings.add(source.path, line,
                             f"{label} '{key(tier)}' is used in no other year",
                             f"did you mean `{close}`?" if close else
                             "a new tier? then this warning can stay")


def _tiers_known(year: Year) -> bool:
    """True when the year lists every winner announced, each with its tier."""
    return not year.untiered and not year.incomplete


def _tier_id(tier: Tier) -> str:
    return tier.id


def _thai_name(tier: Tier) -> str:
    return tier.name.th


def _close(tier: Tier, key, others: list[YearSource]) -> str | None:
    """The other years' value this one most likely means: an id by the tier's Thai
    name, else the nearest spelling."""
    tiers = [other_tier for other in others for other_tier in other.year.tiers]
    if key is _tier_id:
        same_name = next((other for other in tiers if other.name.th == tier.name.th), None)
        if same_name is not None:
            return same_name.id
    return suggest(key(tier), sorted({key(other) for other in tiers}))


def _lao_spellings(sources: list[YearSource], warnings: Problems) -> None:
    """Each spelling is compared with the oldest year's, and the warning is at the
    newer one: the file just edited."""
    first: dict[str, Located] = {}
    for source in sorted(sources, key=lambda source: source.year.be):
        for winner, line in zip(source.year.winners, source.winner_lines, strict=True):
            seen = first.setdefault(winner.lao.name.th, Located(winner.lao.name.en,
                                                                source.path, line))
            if seen.value != winner.lao.name.en and seen.path != source.path:
                warnings.add(source.path, line,
                             f"LAO '{winner.lao.name.th}' is '{winner.lao.name.en}' in English "
                             f"here but '{seen.value}' at {seen.where}",
                             "one LAO, one English name: it gets two LAO pages otherwise")
