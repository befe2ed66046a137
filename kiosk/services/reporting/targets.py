"""Province targets next to the counter's figures, without inventing a denominator.

A target in settings (``[targets]``) is either a share (0 to 1) or a count (a whole number
above 1). A support counter never knows the denominator of a province's share: the
online-filing share is online dossiers ÷ *all* dossiers the locality received (Decision
766/QĐ-TTg, as ../shared/DOMAIN.md §6 reads it); the signature share is adults with a personal
digital signature ÷ the adult population (the national 50 %-by-2025 goal is commonly cited from
Decision 411/QĐ-TTg of 2022: *not verified against its text here*; provinces set their own,
e.g. Đồng Nai: 50 % of adults by the end of 2025, about 57.500 people in three communes, Báo
Đồng Nai, ../shared/seeds/004). For a share the counter shows what it contributed (the
count) and says the province computes the share; its own success rate is never drawn against
the target. Only a count target (e.g. "57.500 người trưởng thành có chữ ký số", or a number
the commune gives the centre) gets progress: the counter's count in the period ÷ the target.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from kiosk.services.reporting.definitions import DOSSIERS, SIGNATURES
from kiosk.services.reporting.figures import Figures

Measure = Literal["dossiers", "adults", "people"]


@dataclass(frozen=True)
class TargetKind:
    """What the counter contributes to a target: which figure, counted how."""

    figure: str
    measure: Measure


# Targets with a meaning of their own; any catalogue figure id is also a target key
# (counted in distinct people).
KNOWN_TARGETS = {
    "online_filing_share": TargetKind(DOSSIERS, "dossiers"),
    "adults_with_signature": TargetKind(SIGNATURES, "adults"),
    DOSSIERS: TargetKind(DOSSIERS, "dossiers"),
}


@dataclass(frozen=True)
class TargetProgress:
    """One province target and what the counter contributed to it in the period.

    ``target`` is a share (``0..1``) or a count (above 1); ``count`` is the counter's
    contribution, ``None`` when the key names nothing the counter records.
    """

    key: str
    target: float
    count: int | None
    measure: Measure = "people"

    @property
    def is_count(self) -> bool:
        """Whether the target is a count (progress can be shown) rather than a share."""
        return self.target > 1

    @property
    def progress(self) -> float | None:
        """The count ÷ a count target; ``None`` for a share (its denominator is the province's)."""
        if not self.is_count or self.count is None:
            return None
        return self.count / self.target

    @property
    def reached(self) -> bool:
        """Whether a count target is met."""
        return self.is_count and self.count is not None and self.count >= self.target


def _kind(key: str, figures: Figures) -> TargetKind | None:
    if key in KNOWN_TARGETS:
        return KNOWN_TARGETS[key]
    if key in figures.by_figure:
        return TargetKind(key, "people")
    return None


def contribution(figures: Figures, kind: TargetKind) -> int:
    """What the counter counted toward a target of ``kind``."""
    if kind.measure == "dossiers":
        return figures.by_figure.get(kind.figure, 0)
    if kind.measure == "adults":
        return figures.adults_by_figure.get(kind.figure, 0)
    return figures.people_by_figure.get(kind.figure, 0)


def target_progress(figures: Figures, targets: Mapping[str, float]) -> list[TargetProgress]:
    """What the counter contributed to each of ``targets`` (from settings), in their order."""
    progress = []
    for key, target in targets.items():
        kind = _kind(key, figures)
        if kind is None:
            progress.append(TargetProgress(key, target, None))
        else:
            progress.append(TargetProgress(key, target, contribution(figures, kind), kind.measure))
    return progress
