"""The one place that knows where resources/ lives.

Works for a source checkout, an installed wheel (resources shipped as data files
beside the package) and a PyInstaller bundle (``sys._MEIPASS``).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    """Return the directory that holds guides, catalogues, fonts and translations."""
    bundle = getattr(sys, "_MEIPASS", None)
    candidates = []
    if bundle:
        candidates.append(Path(bundle) / "resources")
    package_dir = Path(__file__).resolve().parent
    candidates.append(package_dir.parent / "resources")  # source checkout
    candidates.append(package_dir / "resources")  # wheel with resources inside the package
    for candidate in candidates:
        if (candidate / "catalogue").is_dir():
            return candidate
    raise FileNotFoundError("resources/ not found next to the kiosk package")


def resource_path(*parts: str) -> Path:
    """Return the path of a file under resources/ (it may not exist)."""
    return resources_dir().joinpath(*parts)
