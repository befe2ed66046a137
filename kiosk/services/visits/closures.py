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

from kiosk.domain.clock import format_day
from kiosk.errors import DayClosedError
from kiosk.services.visits import messages
from kiosk.storage.models import DayClosure
from kiosk.storage.unit_of_work import Executor, dialect_of

_SHARED = text(
    "SELECT pg_advisory_xact_lock_shared("
    "hashtext('quay-so/day/' || current_schema() || '/' || :counter), :day)"
)
_EXCLUSIVE = text(
    "SELECT pg_advisory_xact_lock("
    "hashtext('quay-so/day/' || current_schema() || '/' || :counter), :day)"
)


def lock_day(session: Executor, counter_id: int, day: date, *, exclusive: bool = False) -> None:
    """Take the counter's ``day`` lock until the session's transaction ends: shared to
    change a visit of the day, ``exclusive`` to close it. Take it before reading whether
    the day is closed, and before any other lock of the transaction."""
    if dialect_of(session) != "postgresql":
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


def is_day_closed(session: Executor, counter_id: int, day: date) -> bool:
    """Whether the counter's ``day`` has been closed. Every edit asks: the closure's id
    only, by a statement built once (not the closure with its totals, built each time)."""
    return session.execute(_CLOSED, {"counter_id": counter_id, "day": day}).first() is not None


def refuse_if_closed(
    executor: Executor, counter_id: int, day: date, *, seen_closed: bool | None = None
) -> None:
    """Take the day's shared lock, then refuse a closed day: a closure committed before
    the lock is seen, one begun after it waits for this unit of work (:func:`lock_day`).

    ``seen_closed``: whether the day was closed as a SELECT of this transaction already
    read it. On SQLite that answer stands (the transaction began ``BEGIN IMMEDIATE``, the
    lock, before anything was read) and saves a statement; on PostgreSQL the day is read
    again once its lock is taken."""
    if seen_closed is None or dialect_of(executor) != "sqlite":
        lock_day(executor, counter_id, day)
        seen_closed = is_day_closed(executor, counter_id, day)
    if seen_closed:
        raise DayClosedError(messages.DAY_CLOSED.format(day=format_day(day)))
