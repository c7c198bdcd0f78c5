"""Where the generator finds its templates and keeps its caches."""

from __future__ import annotations

import os
from pathlib import Path


def default_templates() -> Path:
    """templates/ inside an installed wheel, else the one at the project root."""
    here = Path(__file__).resolve().parent
    bundled = here / "templates"
    return bundled if bundled.is_dir() else here.parent / "templates"


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
