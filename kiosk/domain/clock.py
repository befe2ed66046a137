"""Time: stored in UTC, shown and bucketed by day in Asia/Ho_Chi_Minh."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from kiosk.errors import QT_TRANSLATE_NOOP

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class Clock(Protocol):
    """Source of the current time; tests pass a fixed one."""

    def now(self) -> datetime:
        """Return the current time, timezone-aware."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """Return the current UTC time."""
        return datetime.now(UTC)


class FixedClock:
    """A clock that stays where it is put, for tests and demo data."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        """Return the time the clock was set to."""
        return self.at

    def advance(self, **kwargs: float) -> None:
        """Move the clock forward by a ``timedelta(**kwargs)``."""
        self.at += timedelta(**kwargs)


def local_day(moment: datetime) -> date:
    """The calendar day in Vietnam of an aware ``moment``."""
    return moment.astimezone(LOCAL_TZ).date()


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """UTC start (inclusive) and end (exclusive) of a Vietnamese calendar day."""
    start = datetime.combine(day, time.min, tzinfo=LOCAL_TZ)
    return start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)


def format_local(moment: datetime | None) -> str:
    """``dd/mm/yyyy HH:MM`` in Vietnamese time, or an empty string."""
    if moment is None:
        return ""
    return moment.astimezone(LOCAL_TZ).strftime("%d/%m/%Y %H:%M")


def format_day(day: date | None) -> str:
    """``dd/mm/yyyy``, or an empty string."""
    return day.strftime("%d/%m/%Y") if day else ""


BAD_DAY = QT_TRANSLATE_NOOP(
    "Errors", "ngày '{text}' không hợp lệ; dùng dạng YYYY-MM-DD hoặc dd/mm/yyyy"
)


def parse_day(text: str) -> date:
    """Parse ``YYYY-MM-DD`` or ``dd/mm/yyyy``; raise ``ValueError`` with a Vietnamese reason."""
    text = text.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(BAD_DAY.format(text=text))
