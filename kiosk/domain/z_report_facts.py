"""What a Z-report shows: the facts gathered by the reporting service, drawn by documents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

FIRST_HOUR, LAST_HOUR = 7, 18  # the histogram's hours of day, both included
NOBODY = "—"


@dataclass(frozen=True)
class HelperLine:
    """One helper's day: visits started and hours at the counter."""

    name: str
    visits: int
    hours: float


@dataclass(frozen=True)
class FigureRow:
    """One figure: services done (lượt, or dossiers) and distinct people.

    A number is an ``int``; ``""`` where the row has no such number (a "trong đó" row) and
    ``NOBODY`` ("—") where the day was closed before the number was recorded.
    """

    label: str
    services: int | str
    people: int | str
    sub: bool = False  # a "trong đó" row under the figure above


@dataclass(frozen=True)
class ZReportFacts:
    """Everything a Z-report shows, already labelled in Vietnamese and in display order."""

    centre_name: str
    counter_line: str
    counter_code: str
    day: date
    closed_at: datetime
    closed_by: str
    transactions: int
    finished: int
    unfinished: int
    abandoned: int
    people_helped: int
    satisfaction_avg: float | None
    rated: int
    figures: tuple[FigureRow, ...]  # catalogue order, each with its "trong đó" rows
    outcomes: tuple[str, ...]  # column labels of the service × outcome table
    services: tuple[tuple[str, tuple[int, ...]], ...]  # (service label, count per outcome)
    reasons: tuple[tuple[str, int], ...]  # most frequent first
    helpers: tuple[HelperLine, ...]
    hours: tuple[int, ...]  # visits started in each hour FIRST_HOUR..LAST_HOUR
    outside_hours: int  # visits started before FIRST_HOUR or after LAST_HOUR
    note: str = ""  # said under the figures (a day closed under older definitions)

    @property
    def file_stem(self) -> str:
        """``Z-Q01-20261123``: the name of the report's file, without extension."""
        return f"Z-{self.counter_code}-{self.day:%Y%m%d}"
