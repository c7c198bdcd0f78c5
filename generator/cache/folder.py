"""Where derived data is kept: one folder for every cache of the generator."""

from __future__ import annotations

import os
from pathlib import Path


def cache_folder() -> Path:
    """Where derived data (drawn images, converted Markdown, build records) is kept.

    $AWARDS_CACHE_DIR, else the user's cache folder: entries are keyed by
    content hashes, so one cache serves every checkout and output folder safely.
    """
    override = os.environ.get("AWARDS_CACHE_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "dga-awards"
