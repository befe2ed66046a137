"""Loading guides: TOML files into frozen values, the first problem raised with file and line."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kiosk.domain.catalogue import Catalogue, default_catalogue
from kiosk.resources import resource_path
from kiosk.services.guides.model import Guide, GuideLibrary
from kiosk.services.guides.problems import GuideError
from kiosk.services.guides.validation import check_file


def load_guide(path: Path, catalogue: Catalogue | None = None) -> Guide:
    """Read and validate one guide file; :class:`GuideError` names its first problem."""
    guide, problems = check_file(path, catalogue or default_catalogue(), {})
    if problems:
        raise problems[0]
    assert guide is not None
    return guide


def guides_directory(directory: Path | None) -> Path:
    """``directory``, or resources/guides when it is ``None``."""
    return directory if directory is not None else resource_path("guides")


def guide_files(directory: Path) -> list[Path]:
    """The guide files of ``directory``, by name."""
    return sorted(path for path in directory.glob("*.toml") if path.is_file())


def load_guides(directory: Path | None = None, catalogue: Catalogue | None = None) -> GuideLibrary:
    """Load every guide of ``directory`` (default: resources/guides) in catalogue order.

    The first problem is raised as :class:`GuideError`; a service without a guide is not an
    error here (:func:`~kiosk.services.guides.checker.check_guides` reports it), its
    :meth:`GuideLibrary.get` is ``None``.
    """
    directory = guides_directory(directory)
    catalogue = catalogue or default_catalogue()
    if not directory.is_dir():
        raise GuideError(directory, None, "missing_directory")
    svg_results: dict[Path, list[GuideError]] = {}
    guides = []
    files = guide_files(directory)
    available = frozenset(path.stem for path in files)  # where a step's see_also may point
    for path in files:
        guide, problems = check_file(path, catalogue, svg_results, available)
        if problems:
            raise problems[0]
        assert guide is not None
        guides.append(guide)
    order = {service.code: index for index, service in enumerate(catalogue.services)}
    guides.sort(key=lambda guide: order[guide.service_code])
    return GuideLibrary(tuple(guides), directory)


@cache
def default_guides() -> GuideLibrary:
    """The guides shipped in resources/guides, loaded once."""
    return load_guides()
