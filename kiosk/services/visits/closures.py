"""Closed days: after its closure a counter's day is read-only.

The rule holds under concurrency because every writer of a counter's day takes the day's
lock *before* it reads whether the day is closed: edits take it shared (they run side by
side), the closure exclusive (it waits for the edits under way and holds back new ones until
it committed). A finish that raced the closure either committed before the closure counted
the day, or sees the closure once it gets the lock and is refused. On PostgreSQL the lock is
a transaction-level advisory lock keyed by the schema, the counter and the day (released at
commit or rollback); on SQLite ``BEGIN IMMEDIATE`` already serialises every writer of the
file, so there is nothing more to take. tests/test_closed_day_race.py.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from kiosk.storage.models import DayClosure

_SHARED = text(
    "SELECT pg_advisory_xact_lock_shared("
    "hashtext('quay-so/day/' || current_schema() || '/' || :counter), :day)"
)
_EXCLUSIVE = text(
    "SELECT pg_advisory_xact_lock("
    "hashtext('quay-so/day/' || current_schema() || '/' || :counter), :day)"
)


def lock_day(session: Session, counter_id: int, day: date, *, exclusive: bool = False) -> None:
    """Take the counter's ``day`` lock until the session's transaction ends: shared to
    change a visit of the day, ``exclusive`` to close it. Take it before reading whether
    the day is closed, and before any other lock of the transaction."""
    if session.get_bind().dialect.name != "postgresql":
        return  # SQLite: the transaction began with BEGIN IMMEDIATE, the file's write lock
    statement = _EXCLUSIVE if exclusive else _SHARED
    session.execute(statement, {"counter": str(counter_id), "day": day.toordinal()})


def find_closure(session: Session, counter_id: int, day: date) -> DayClosure | None:
    """The closure of the counter's ``day``, or ``None`` while it is open."""
    return session.scalar(
        select(DayClosure).where(
            DayClosure.counter_id == counter_id, DayClosure.business_day == day
        )
    )


_CLOSED = (
    select(DayClosure.id)
    .where(
        DayClosure.counter_id == bindparam("counter_id"),
        DayClosure.business_day == bindparam("day"),
    )
    .limit(1)
)


def is_day_closed(session: Session, counter_id: int, day: date) -> bool:
    """Whether the counter's ``day`` has been closed. Every edit asks: the closure's id
    only, by a statement built once (not the closure with its totals, built each time)."""
    return session.execute(_CLOSED, {"counter_id": counter_id, "day": day}).first() is not None
