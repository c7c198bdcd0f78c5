"""What ships with the generator: its templates and reference data."""

from __future__ import annotations

from pathlib import Path


def default_templates() -> Path:
    """templates/ inside an installed wheel, else the one at the project root."""
    here = Path(__file__).resolve().parent
    bundled = here / "templates"
    return bundled if bundled.is_dir() else here.parent / "templates"


DATA = Path(__file__).resolve().parent / "data"  # provinces, fonts, the map
