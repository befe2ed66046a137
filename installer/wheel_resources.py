"""Setuptools build step: a wheel of the kiosk carries resources/ as kiosk/resources/.

resources/ (catalogue, guides and their pictures, fonts, translations) lives at the top of
the repository, beside the kiosk package rather than inside it, so package-data cannot name
it. pyproject.toml points setuptools' ``build_py`` here; after the usual step this copies the
tree into the built package, where ``kiosk.resources.resources_dir`` looks when the kiosk
runs from an installed wheel. An editable install (``pip install -e``, the dev venv) reads
resources/ from the checkout and gets no copy. The compiled translation (.qm) is copied when
it exists: scripts/setup.sh builds it; a wheel built without it runs in Vietnamese only.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools.command.build_py import build_py

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


class BuildPyWithResources(build_py):
    """``build_py`` that also copies resources/ into the built ``kiosk`` package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "kiosk" / "resources"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(
            RESOURCES, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*")
        )
