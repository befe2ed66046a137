"""Closed days: after its closure a counter's day is read-only."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.storage.models import DayClosure


def find_closure(session: Session, counter_id: int, day: date) -> DayClosure | None:
    """The closure of the counter's ``day``, or ``None`` while it is open."""
    return session.scalar(
        select(DayClosure).where(
            DayClosure.counter_id == counter_id, DayClosure.business_day == day
        )
    )


def is_day_closed(session: Session, counter_id: int, day: date) -> bool:
    """Whether the counter's ``day`` has been closed."""
    return find_closure(session, counter_id, day) is not None
