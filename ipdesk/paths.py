"""The one place that knows where bundled files are: a source checkout or a frozen (PyInstaller) bundle.

Bundle layout (also the checkout layout): <root>/data/ipfiscal.sqlite, <root>/resources/…
User files (settings, logs) never go here but under the user profile (QStandardPaths, see ipdesk.app).
"""

from __future__ import annotations

import sys
from pathlib import Path


def root() -> Path:
    """The folder that holds data/ and resources/."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def database() -> Path:
    return root() / "data" / "ipfiscal.sqlite"


def sources() -> Path:
    return root() / "data" / "sources"


def resource(*parts: str) -> Path:
    return root().joinpath("resources", *parts)
