"""Queueing a counter's whole history for the centre: a counter that joins a centre."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from kiosk.storage.change_capture import (
    DAY_CLOSURE,
    GUIDE_MARK,
    PENDING,
    TRANSACTION,
    closure_key,
)
from kiosk.storage.models import DayClosure, GuideMark, SyncOutboxEntry, Transaction
from kiosk.storage.unit_of_work import Database


def queue_history(local: Database, now: datetime) -> int:
    """Queue every visit, closure and guide mark of ``local``; return the rows queued.

    Days oldest first, each day's visits before its closure, so the centre sees them in
    the order they happened; then the marks, oldest first.
    """
    queued = 0
    with local.unit_of_work() as uow:
        session = uow.session
        days = sorted(set(session.scalars(select(Transaction.business_day).distinct())))
        closures = {(c.counter_id, c.business_day): c for c in session.scalars(select(DayClosure))}
        for day in sorted(set(days) | {d for _, d in closures}):
            for transaction_id in session.scalars(
                select(Transaction.id)
                .where(Transaction.business_day == day)
                .order_by(Transaction.started_at)
            ):
                session.add(_entry(TRANSACTION, str(transaction_id), now))
                queued += 1
            for counter_id, closed_day in closures:
                if closed_day == day:
                    session.add(_entry(DAY_CLOSURE, closure_key(counter_id, day), now))
                    queued += 1
        for uid in session.scalars(select(GuideMark.uid).order_by(GuideMark.recorded_at)):
            session.add(_entry(GUIDE_MARK, str(uid), now))
            queued += 1
        uow.commit()
    return queued


def _entry(kind: str, key: str, now: datetime) -> SyncOutboxEntry:
    return SyncOutboxEntry(kind=kind, key=key, created_at=now, state=PENDING, attempts=0)
