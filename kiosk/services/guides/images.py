"""The pictograms a guide names: a well-formed SVG document with a viewBox."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

from kiosk.services.guides.problems import GuideError

SVG_NS = "{http://www.w3.org/2000/svg}"


def svg_problems(path: Path) -> list[GuideError]:
    """A well-formed SVG document with a viewBox, or the problem with its line."""
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as exc:
        line = exc.position[0] if exc.position else 1
        return [GuideError(path, line, "bad_svg", detail=str(exc))]
    except OSError as exc:
        return [GuideError(path, None, "unreadable", detail=exc.strerror or exc)]
    if root.tag != f"{SVG_NS}svg" or not root.get("viewBox"):
        text = path.read_text(encoding="utf-8", errors="replace")
        line = next((n for n, row in enumerate(text.splitlines(), start=1) if "<svg" in row), 1)
        return [GuideError(path, line, "not_svg")]
    return []
