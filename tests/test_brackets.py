"""Link brackets found from the brackets alone (load/brackets.py) give Python-Markdown's
own answer for every position of a text (issue 26)."""

from __future__ import annotations

import random

from markdown.inlinepatterns import LinkInlineProcessor

from generator.load.brackets import BracketEnds


def test_every_position_closes_where_python_markdown_says() -> None:
    chance = random.Random(26)
    texts = ["", "[", "]", "[]", "][", "[[a]", "[a]]", "x[y[z]w]v]u", "[" * 50, "]" * 50]
    texts += ["".join(chance.choice("[]a\n") for _ in range(chance.randint(0, 40)))
              for _ in range(5_000)]
    for text in texts:
        ends = BracketEnds(text)
        assert [ends[index] for index in range(len(text) + 1)] \
            == LinkInlineProcessor._findBracketEnds(text), text
