"""What ``kiosk guides check`` reports: every problem of every guide, and guides missing."""

from __future__ import annotations

from pathlib import Path

from kiosk.domain.catalogue import Catalogue, default_catalogue
from kiosk.services.guides.loader import guide_files, guides_directory
from kiosk.services.guides.problems import GuideError
from kiosk.services.guides.validation import check_file


def check_guides(
    directory: Path | None = None, catalogue: Catalogue | None = None
) -> list[GuideError]:
    """Every problem of every guide in ``directory``, and every catalogue service without one.

    For ``kiosk guides check``: nothing is raised, all problems are returned by file and line.
    """
    directory = guides_directory(directory)
    catalogue = catalogue or default_catalogue()
    if not directory.is_dir():
        return [GuideError(directory, None, "missing_directory")]
    svg_results: dict[Path, list[GuideError]] = {}
    problems: list[GuideError] = []
    files = guide_files(directory)
    available = frozenset(path.stem for path in files)  # where a step's see_also may point
    for path in files:
        problems.extend(check_file(path, catalogue, svg_results, available)[1])
    for service in catalogue.services:
        expected = directory / f"{service.code}.toml"
        if not expected.is_file():
            problems.append(GuideError(expected, None, "missing_guide", code=service.code))
    return problems
