"""A year's winners from DGA's announcement, resolved for an award file (issue 29).

Each winner of the announcement gets its province's key, and where the gazetteer
(or an earlier year naming the same LAO) identifies its place, its English name
and district; then an id. Tiers get the ids earlier years give their Thai names,
else the award's known ones. What could not be established stays empty for the
editor, and the report says why, line by line of the announcement.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from generator.load import gazetteer, reference
from generator.load.announcement import Announcement, Item
from generator.model import Localized
from generator.text import fold, slugify

# The award's tiers before any year was written: ids as the bundled years use them
KNOWN_TIERS = {"ยอดเยี่ยม": ("excellence", "Excellence"), "ดีเด่น": ("outstanding", "Outstanding")}
LATIN_WORDS = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
LATIN_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-]*(?:[\s/&,]+[A-Za-z0-9][A-Za-z0-9\-]*)*")
ID_WORDS = 2  # of the project's first English words, after the place: yala-big-data


@dataclass(frozen=True)
class Earlier:
    """What earlier years' files say: tier ids and names by Thai name, LAOs by Thai name."""

    tiers: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    laos: dict[str, dict[str, Any]] = field(default_factory=dict)  # lao.en, district, file

    @classmethod
    def of(cls, files: list[tuple[str, Any]]) -> Earlier:
        """From (file name, parsed YAML) of the other years, newest first."""
        uses: dict[str, Counter[tuple[str, str | None]]] = {}
        laos: dict[str, dict[str, Any]] = {}
        for name, data in files:
            for tier in _list(data, "tiers"):
                names = tier.get("name") if isinstance(tier.get("name"), dict) else {}
                if isinstance(tier.get("id"), str) and isinstance(names.get("th"), str):
                    uses.setdefault(names["th"], Counter())[tier["id"], names.get("en")] += 1
                for winner in _list(tier, "winners"):
                    lao = winner.get("lao") if isinstance(winner.get("lao"), dict) else {}
                    if isinstance(lao.get("th"), str) and isinstance(lao.get("en"), str):
                        laos.setdefault(lao["th"], {"en": lao["en"], "file": name,
                                                    "district": winner.get("district")})
        # the id most years give a Thai name (the newest on a tie): one year's typo
        # (outstandng) is not copied into the next
        tiers = {th: counted.most_common(1)[0][0] for th, counted in uses.items()}
        return cls(tiers, laos)


@dataclass
class Winner:
    item: Item
    tier: str
    id: str = ""
    province: str | None = None  # the contract's key: the English name
    lao_en: str | None = None
    district: Localized | None = None
    notes: list[str] = field(default_factory=list)  # what the report says of it
    warnings: list[str] = field(default_factory=list)


@dataclass
class TierOut:
    id: str
    th: str
    en: str | None
    new: bool
    winners: list[Winner]
    stated: int | None
    line: int


def resolve(announcement: Announcement, earlier: Earlier) -> list[TierOut]:
    tiers = []
    used: set[str] = set()
    for number, tier in enumerate(announcement.tiers, start=1):
        known = earlier.tiers.get(tier.name) or KNOWN_TIERS.get(tier.name)
        tier_id, en = known or (f"new-tier-{number}", None)
        winners = [_winner(item, tier_id, earlier) for item in tier.items]
        for winner in winners:
            winner.id = _unique(_id(winner), used)
        tiers.append(TierOut(tier_id, tier.name, en, known is None, winners, tier.stated,
                             tier.line))
    return tiers


def _winner(item: Item, tier: str, earlier: Earlier) -> Winner:
    winner = Winner(item, tier)
    province = reference.find_province(item.province) if item.province else None
    if item.province is None:
        winner.warnings.append("no province (จังหวัด…): left for you")
    elif province is None:
        winner.warnings.append(f"unknown province '{item.province}': written as it is")
        winner.province = item.province
    else:
        winner.province = province.name.en
    before = earlier.laos.get(item.lao)
    if before:
        winner.lao_en = before["en"]
        district = before.get("district")
        if isinstance(district, dict) and district.get("th") and district.get("en"):
            winner.district = Localized(str(district["th"]), str(district["en"]))
        winner.notes.append(f"English name from {before['file']}")
    if province is None or item.type.slug == "bma":
        winner.lao_en = winner.lao_en or (item.type.name.en if item.type.slug == "bma" else None)
        return winner
    if item.type.slug == "pattaya":
        winner.lao_en = winner.lao_en or item.type.name.en
    else:
        found = gazetteer.lookup(item.place, province, item.district)
        if found.place is not None:
            if not before:
                winner.lao_en = f"{found.place.name.en} {item.type.name.en}"
                winner.notes.append(f"{found.place.level} {found.place.name.th}")
            if item.type.slug != "pao" and found.district and not winner.district:
                winner.district = _written(found.district)
        else:
            listed = ", ".join(_shown(place) for place in found.candidates)
            what = (f"{len(found.candidates)} places named {item.place} in {province.name.en}"
                    if found.candidates and found.candidates[0].name.th == item.place else
                    f"no place named {item.place} in {province.name.en}")
            if not before:
                winner.warnings.append(f"{what}: English name left for you"
                                       + (f"; candidates: {listed}" if listed else ""))
    if item.district and not winner.district:
        winner.district = _district(item.district, province)
    return winner


def _district(thai: str, province) -> Localized | None:
    found = gazetteer.lookup(thai.removeprefix("อำเภอ"), province)
    if found.place is not None and found.place.level == "district":
        return _written(found.place)
    return None


def _written(district: gazetteer.Place) -> Localized:
    """A district as the sources write it: อำเภอเชียงของ / Chiang Khong District (a
    district of Bangkok is a เขต, and its English name says District too)."""
    word = "เขต" if district.code.startswith(gazetteer.BANGKOK) else "อำเภอ"
    return Localized(word + district.name.th, f"{district.name.en} District")


def _shown(place: gazetteer.Place) -> str:
    district = gazetteer.district_of(place)
    where = f" in {district.name.th} ({district.name.en})" if district and district != place else ""
    return f"{place.level} {place.name.th} ({place.name.en}){where}"


def _id(winner: Winner) -> str:
    """The English place name and the project's first English words: yala-big-data.
    Never a romanization: a project without English words gives the place alone, a
    place without an English name a placeholder, winner-<line of the announcement>."""
    place = {"bma": "Bangkok", "pattaya": "Pattaya"}.get(winner.item.type.slug) or (
        winner.lao_en.removesuffix(winner.item.type.name.en) if winner.lao_en else "")
    skip = {fold(place)} | {fold(word) for word in place.split()}
    run = LATIN_RUN.search(winner.item.project)
    words = [word for word in LATIN_WORDS.findall(run[0] if run else "")
             if fold(word) not in skip and not word.isdigit()][:ID_WORDS]
    if not place:  # a placeholder, which the file asks the editor to replace
        return f"winner-{winner.item.lines[0]}"
    return slugify(" ".join([place, *words]))


def _unique(wanted: str, used: set[str]) -> str:
    found, number = wanted, 1
    while found in used:
        number += 1
        found = f"{wanted}-{number}"
    used.add(found)
    return found


def _list(data: Any, key: str) -> list[dict]:
    items = data.get(key) if isinstance(data, dict) else None
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def report(announcement: Announcement, tiers: list[TierOut], source: str) -> list[str]:
    """What was read, line by line of the announcement, and what to check."""
    lines = []
    warnings = []
    for tier in tiers:
        stated = f"the text states {tier.stated}" if tier.stated is not None else "no count stated"
        new = ": a tier no earlier year has, confirm its id and English name" if tier.new else ""
        count = len(tier.winners)
        lines.append(f"{source}:{tier.line}: tier {tier.th} ({tier.id}{new}): "
                     f"{count} winner{'s' * (count != 1)}, {stated}")
        if tier.stated is not None and tier.stated != len(tier.winners):
            warnings.append(f"{source}:{tier.line}: warning: tier {tier.th} lists "
                            f"{len(tier.winners)} winners but the text states {tier.stated}")
        for winner in tier.winners:
            item = winner.item
            where = f"{item.lines[0]}" + (f"-{item.lines[1]}" if item.lines[1] != item.lines[0]
                                          else "")
            place = f"{winner.lao_en}" if winner.lao_en else "English name: ?"
            notes = "; ".join(winner.notes)
            district = (f", district {winner.district.th} ({winner.district.en})"
                        if winner.district else "")
            lines.append(f"{source}:{where}: {winner.id}: {item.lao}, {winner.province or '?'}: "
                         f"{place}{f' [{notes}]' if notes else ''}{district}")
            lines.append(f"    {item.project}")
            warnings += [f"{source}:{item.lines[0]}: warning: {item.lao}: {text}"
                         for text in winner.warnings]
    winners = [winner for tier in tiers for winner in tier.winners]
    laos = len({winner.item.lao for winner in winners})
    total = (f"the text states {announcement.total} อปท." if announcement.total is not None
             else "the text states no total")
    lines.append(f"total: {len(winners)} winners ({laos} LAOs); {total}")
    if announcement.total is not None and announcement.total not in (len(winners), laos):
        warnings.append(f"{source}: warning: {len(winners)} winners ({laos} LAOs) read, but "
                        f"the text states {announcement.total} อปท.")
    for number, text, why in announcement.unread:
        warnings.append(f"{source}:{number}: warning: not read ({why}): {text}")
    if announcement.submissions is not None and not announcement.submissions_exact:
        warnings.append(f"{source}: note: the text gives more than {announcement.submissions} "
                        "entries (กว่า), not their number: 'submissions' is left as a comment")
    return lines + warnings
