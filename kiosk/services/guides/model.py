"""The values a guide file becomes: frozen, bilingual, and the limits of the format.

docs/GUIDES.md describes the format; :mod:`.loader` reads files into these values.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SCHEMA_VERSION = 1
MIN_STEPS = 3
MAX_STEPS = 9
IMAGES_DIR = "images"

# Longest text (in characters, after joining lines) each kind of field may hold: a step is
# read aloud to a 70-year-old on a touch screen, so it stays short.
LIMITS = {
    "title": 80,
    "summary": 240,
    "need": 120,
    "text": 300,
    "tip": 400,
    "source": 300,
    "step_source": 160,  # a step's own source: issuer, title, date; the guide lists the rest
}


@dataclass(frozen=True)
class Text:
    """One piece of text in Vietnamese and English."""

    vi: str
    en: str

    def get(self, language: str = "vi") -> str:
        """The text in ``language``; Vietnamese for any language other than English."""
        if language.lower().startswith("en") and self.en:
            return self.en
        return self.vi


@dataclass(frozen=True)
class GuideStep:
    """One step: what the citizen sees, a pictogram, an optional tip for the helper and,
    with the tip, the service code of another guide the tip points to (``see_also``).

    A step changed because of a finding carries its own ``checked`` month ("YYYY-MM") and
    ``source`` (short text), both or neither; the guide's age stays the guide's ``checked``.
    """

    id: str
    title: Text
    text: Text
    image: Path
    tip: Text | None = None
    see_also: str | None = None
    checked: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Guide:
    """The step-by-step guide of one catalogue service."""

    service_code: str
    title: Text
    summary: Text
    needs: tuple[Text, ...]
    steps: tuple[GuideStep, ...]
    checked: str
    sources: tuple[str, ...]
    path: Path

    def __len__(self) -> int:
        return len(self.steps)

    def __getitem__(self, index: int) -> GuideStep:
        return self.steps[index]

    def __iter__(self) -> Iterator[GuideStep]:
        return iter(self.steps)

    def index_of(self, step_id: str) -> int:
        """The position of the step ``step_id``; :class:`KeyError` if there is none."""
        for index, step in enumerate(self.steps):
            if step.id == step_id:
                return index
        raise KeyError(step_id)

    def step(self, step_id: str) -> GuideStep:
        """The step ``step_id``; :class:`KeyError` if there is none."""
        return self.steps[self.index_of(step_id)]


@dataclass(frozen=True)
class GuideLibrary:
    """Every guide of a directory, in catalogue order."""

    guides: tuple[Guide, ...]
    directory: Path

    @property
    def codes(self) -> tuple[str, ...]:
        """The service codes that have a guide."""
        return tuple(guide.service_code for guide in self.guides)

    def get(self, code: str) -> Guide | None:
        """The guide of service ``code``, or ``None`` if it has none."""
        for guide in self.guides:
            if guide.service_code == code:
                return guide
        return None

    def __contains__(self, code: object) -> bool:
        return any(guide.service_code == code for guide in self.guides)

    def __len__(self) -> int:
        return len(self.guides)

    def __iter__(self) -> Iterator[Guide]:
        return iter(self.guides)
