"""Queue, in the same local transaction, every change the centre's database must learn.

A counter that shares a centre-wide database works on its own SQLite file and sends its
changes later (:mod:`kiosk.services.sync`). The outbox row is written by the flush that
writes the change, so a change cannot be committed without being queued, whichever use
case made it; a use case that writes through Core statements declares its change to its
unit (:class:`~kiosk.storage.unit_of_work.Writing`), which queues it the same way. Only
the key is queued: the sender reads the latest state when it sends.

Bulk ``UPDATE`` statements bypass this hook. Those that exist are replayed on the centre
instead: closing a day (open visits become abandoned), an erasure on request (queued by
:func:`queue_erasure`) and the retention purge (``kiosk purge`` runs on both databases).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select
from sqlalchemy.orm import Session

from kiosk.storage.models import (
    AssistedService,
    DayClosure,
    GuideMark,
    GuideStuckPoint,
    SyncOutboxEntry,
    Transaction,
    TransactionBarrier,
    table_of,
)
from kiosk.storage.unit_of_work import Database

_QUEUE = insert(table_of(SyncOutboxEntry))  # attempts: the column's default
TRANSACTION, DAY_CLOSURE, ERASURE = "transaction", "day_closure", "erasure"
GUIDE_MARK = "guide_mark"  # a volunteer's "out of date" mark; key: its uid
PENDING, CONFLICT = "pending", "conflict"


def closure_key(counter_id: int, day: date) -> str:
    """Outbox key of a counter's day closure (local counter id; the sender maps it)."""
    return f"{counter_id}/{day.isoformat()}"


def parse_closure_key(key: str) -> tuple[int, date]:
    """The local counter id and day of a :func:`closure_key`."""
    counter, day = key.split("/", 1)
    return int(counter), date.fromisoformat(day)


def _transaction_key(obj: object) -> str | None:
    if isinstance(obj, Transaction):
        if obj.id is None:  # the column default only fires at flush: give it its id now
            obj.id = uuid.uuid4()
        return str(obj.id)
    if isinstance(obj, AssistedService):
        if obj.transaction_id is not None:
            return str(obj.transaction_id)
        return str(obj.transaction.id) if obj.transaction is not None else None
    if isinstance(obj, TransactionBarrier | GuideStuckPoint):
        return str(obj.transaction_id) if obj.transaction_id is not None else None
    return None


def changed_keys(objects: Iterable[object]) -> list[tuple[str, str]]:
    """The outbox (kind, key) pairs that a flush of ``objects`` must queue, each once."""
    keys: dict[tuple[str, str], None] = {}
    for obj in objects:
        if isinstance(obj, SyncOutboxEntry):
            continue
        if isinstance(obj, DayClosure):
            keys[(DAY_CLOSURE, closure_key(obj.counter_id, obj.business_day))] = None
            continue
        if isinstance(obj, GuideMark):
            if obj.uid is None:  # as a visit's id: the column default fires only at flush
                obj.uid = uuid.uuid4()
            keys[(GUIDE_MARK, str(obj.uid))] = None
            continue
        key = _transaction_key(obj)
        if key is not None:
            keys[(TRANSACTION, key)] = None
    return list(keys)


def install_change_capture(db: Database, now: Callable[[], datetime]) -> None:
    """Make every flush of ``db`` queue what it changed in ``sync_outbox``."""

    def queue_changes(session: Session, _context: Any, _instances: Any) -> None:
        queued: set[tuple[str, str]] = session.info.setdefault("kiosk_outbox_queued", set())
        touched = [*session.new, *session.dirty, *session.deleted]
        for kind, key in changed_keys(touched):
            if (kind, key) not in queued:  # a use case that flushes twice queues its key once
                queued.add((kind, key))
                session.add(SyncOutboxEntry(kind=kind, key=key, created_at=now(), state=PENDING))

    def queue_written(connection: Connection, kind: str, key: str) -> None:
        row = {"kind": kind, "key": key, "created_at": now(), "state": PENDING}
        connection.execute(_QUEUE, row)

    db.before_flush(queue_changes)
    db.on_core_change(queue_written)  # what Core units (visits recorded) declare


def queue_erasure(session: Session, id_hash: str, now: datetime) -> None:
    """Queue a citizen's erasure for the centre (keyed hash only), in the caller's transaction."""
    session.add(SyncOutboxEntry(kind=ERASURE, key=id_hash, created_at=now, state=PENDING))


def queue_depth(executor: Session | Connection) -> tuple[int, int]:
    """Visits and closures waiting to be sent, and conflicts: each once, however many
    changes it has queued (a session of the kiosk, or a plain connection for the doctor)."""
    changed = func.count(func.distinct(SyncOutboxEntry.kind + SyncOutboxEntry.key))
    counts = dict(
        executor.execute(
            select(SyncOutboxEntry.state, changed).group_by(SyncOutboxEntry.state)
        ).all()
    )
    return int(counts.get(PENDING, 0)), int(counts.get(CONFLICT, 0))
