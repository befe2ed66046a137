"""How old a guide's check is: its ``checked = "YYYY-MM"`` against today, in whole months."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kiosk.services.guides.model import Guide, GuideLibrary

DEFAULT_MAX_AGE_MONTHS = 6


def checked_month(checked: str) -> tuple[int, int]:
    """``"2026-11"`` as (2026, 11); the loader has validated the form already."""
    year, month = checked.split("-")
    return int(year), int(month)


def months_old(checked: str, today: date) -> int:
    """Whole calendar months from the checked month to today's (0 in the same month)."""
    year, month = checked_month(checked)
    return (today.year - year) * 12 + today.month - month


def checked_label(checked: str) -> str:
    """The checked month as people write it: ``"2026-11"`` → ``"11/2026"``."""
    year, month = checked_month(checked)
    return f"{month:02d}/{year}"


@dataclass(frozen=True)
class StaleGuide:
    """A guide whose last check is older than the centre allows."""

    guide: Guide
    months: int


def stale_guides(library: GuideLibrary, today: date, max_months: int) -> list[StaleGuide]:
    """The guides checked more than ``max_months`` months before ``today``, oldest first."""
    stale = [
        StaleGuide(guide, months)
        for guide in library
        if (months := months_old(guide.checked, today)) > max_months
    ]
    return sorted(stale, key=lambda item: (-item.months, item.guide.service_code))


def is_stale(guide: Guide, today: date, max_months: int) -> bool:
    """Whether ``guide`` was last checked more than ``max_months`` months before ``today``."""
    return months_old(guide.checked, today) > max_months
