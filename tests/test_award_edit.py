"""awards serve's quick path for an award file finds an edited project title, and
nothing else: any other change takes a full build (serve/award_edit.py)."""

from __future__ import annotations

import pytest

from generator.serve.award_edit import _edited_project

YEAR = """\
year: 2566
tiers:
  - id: excellence
    name: {th: ยอดเยี่ยม, en: Excellence}
    winners:
      - id: first-winner
        lao: {th: เทศบาลนครยะลา, en: Yala City Municipality}
        project:
          th: โครงการแรก
          # a comment inside the field
          en: The First Project
        themes: [data]
      - lao: {th: เทศบาลเมืองหนึ่ง, en: One Town Municipality}
        id: second-winner   # the id need not come first
        project: {th: โครงการสอง, en: The Second Project}
        sources:
          - url: https://example.org/
            id: not-a-winner
      - project:
          th: โครงการสาม
          en: The Third Project
        id: "third-winner"
"""


@pytest.mark.parametrize(("old", "new", "winner"), [
    ("en: The First Project", "en: 'A Better Title'", "first-winner"),
    ("th: โครงการแรก", "th: >-\n            โครงการ\n            ที่ดีกว่า", "first-winner"),
    ("en: The Second Project}", "en: Another}", "second-winner"),
    ("en: The Third Project", "en: Third, Renamed", "third-winner"),
])
def test_an_edited_title_is_found_with_its_winner(old, new, winner):
    found = _edited_project(YEAR, YEAR.replace(old, new))
    assert found is not None and found[0] == winner
    (_, before), (_, after) = found[1], found[2]
    assert before.startswith("project:") and after.startswith("project:")
    assert old.rstrip("}") in before and new.rstrip("}").splitlines()[0] in after


@pytest.mark.parametrize(("old", "new"), [
    ("en: Yala City Municipality", "en: Yala City"),  # on the LAO's pages too
    ("themes: [data]", "themes: [data, health]"),
    ("id: second-winner", "id: winner-two"),
    ("en: The First Project", "en: The First Project\n        district: {th: ก, en: K}"),
    ("url: https://example.org/", "url: https://example.org/other"),
    ("en: Excellence", "en: Excellent"),
    ("  - id: excellence", "  - id: excellence\n    project: {th: ก, en: K}"),  # not a winner
])
def test_any_other_change_is_left_to_a_full_build(old, new):
    assert old in YEAR
    assert _edited_project(YEAR, YEAR.replace(old, new, 1)) is None


def test_two_titles_or_none_are_left_to_a_full_build():
    both = YEAR.replace("The First Project", "One").replace("The Second Project", "Two")
    assert _edited_project(YEAR, both) is None
    assert _edited_project(YEAR, YEAR) is None
