"""build/paths.Paths: what the last build wrote, held as one block of bytes, answers as
the frozenset of its paths did."""

from __future__ import annotations

from generator.build.paths import Paths


def test_paths_answer_as_a_set_of_them():
    listed = ["index.html", "th/2567/a.html", "en/ไทย/ข.png", "a/b/c.json", "x\udcff.txt", ""]
    paths = Paths(listed + ["index.html"])
    assert len(paths) == len(listed) and sorted(paths) == sorted(listed)
    assert all(path in paths for path in listed)
    assert "index.htm" not in paths and "th/2567" not in paths and b"index.html" not in paths
    assert paths == frozenset(listed) and not Paths() and "" not in Paths()
    assert sum(1 for path in paths if path not in {"index.html"}) == len(listed) - 1
