"""Sending a counter's queued changes to the centre's shared database, in order.

The counter always works on its own database; :func:`install_change_capture` queues every
change in ``sync_outbox`` in the same local transaction. :meth:`Replicator.drain` sends
the queue oldest first, a batch per centre transaction, and deletes what the centre has
committed. A connection that dies anywhere leaves the queue as it was, and the resend is
harmless because applying a snapshot is idempotent (:mod:`kiosk.services.sync.central`).
A snapshot the centre refuses (a rule of its own, or a text its columns cannot hold) is
kept as a conflict, with its reason, for a person, and the rest of the batch is sent. Why
nothing could be sent is told apart (:mod:`kiosk.services.sync.refusals`): the centre away,
this counter's key refused, the centre's schema older or newer than this counter's (checked
before every batch: :mod:`kiosk.services.sync.versions`), or another error of the centre.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import DataError, IntegrityError, SQLAlchemyError

from kiosk.domain.clock import Clock, local_day
from kiosk.errors import KioskError
from kiosk.services.sync.central import CentralWriter, SyncConflict
from kiosk.services.sync.history import queue_history
from kiosk.services.sync.marks import MarkSnapshot, read_mark
from kiosk.services.sync.refusals import first_line, refusal_of, refused_content
from kiosk.services.sync.snapshot import (
    ClosureSnapshot,
    CounterRef,
    ErasureSnapshot,
    TransactionSnapshot,
    read_closure,
    read_transaction,
)
from kiosk.services.visits.receipts import raise_receipt_sequence
from kiosk.storage.change_capture import (
    CONFLICT,
    ERASURE,
    GUIDE_MARK,
    PENDING,
    TRANSACTION,
    parse_closure_key,
    queue_depth,
)
from kiosk.storage.models import SyncOutboxEntry
from kiosk.storage.unit_of_work import Database

log = logging.getLogger(__name__)

# A snapshot that keeps hitting a uniqueness error (a race another counter won, normally
# resolved by the next attempt) becomes a conflict after this many tries.
MAX_INTEGRITY_RETRIES = 5

Snapshot = TransactionSnapshot | ClosureSnapshot | ErasureSnapshot | MarkSnapshot


@dataclass(frozen=True)
class SyncStatus:
    """What the screen and ``kiosk sync status`` say about the link to the centre."""

    online: bool | None  # None until the first attempt
    pending: int  # visits and closures waiting to be sent
    conflicts: int  # refused by the centre, waiting for a person
    last_sent_at: datetime | None
    last_error: str | None
    # The centre answers but takes nothing from this counter: refusals.KEY_REFUSED (another
    # privacy key), versions.CENTRE_OUTDATED or COUNTER_OUTDATED (the schemas differ: update
    # the centre, or this counter) or refusals.CENTRE_ERROR; None when it takes what it is
    # sent, or is away.
    refusal: str | None = None


@dataclass(frozen=True)
class OutboxItem:
    """A queued change as listed for an administrator."""

    id: int
    kind: str
    key: str
    created_at: datetime
    state: str
    attempts: int
    last_error: str | None
    changes: int  # queued changes of this visit or closure, sent as one


@dataclass(frozen=True)
class DrainResult:
    """What one :meth:`Replicator.drain` did."""

    sent: int
    conflicts: int
    status: SyncStatus


@dataclass
class _Item:
    kind: str
    key: str
    row_ids: list[int]
    snapshot: Snapshot | None
    attempts: int
    created_at: datetime
    outcome: str = ""
    error: str | None = None


class Replicator:
    """Sends one counter's outbox to the centre's database and reports how that goes."""

    def __init__(
        self,
        local: Database,
        central: Database,
        clock: Clock,
        counter: CounterRef,
        counter_id: int,
        *,
        prepare_central: Callable[[Database], None],
        batch_size: int = 50,
    ) -> None:
        self.local = local
        self.central = central
        self._clock = clock
        self._counter = counter
        self._counter_id = counter_id
        self._prepare_central = prepare_central
        self._batch_size = batch_size
        self._prepared = False
        self._online: bool | None = None
        self._last_sent_at: datetime | None = None
        self._last_error: str | None = None
        self._refusal: str | None = None
        self._lock = threading.Lock()  # one drain at a time (worker thread, CLI, tests)

    # -- sending -----------------------------------------------------------------------------

    def drain(self, *, max_batches: int | None = None) -> DrainResult:
        """Send queued changes oldest first until the queue is empty or the centre fails."""
        sent = conflicts = batches = 0
        with self._lock:
            while self._connect() and (max_batches is None or batches < max_batches):
                batch = self._next_batch()
                if not batch:
                    break
                batches += 1
                if not self._send(batch):
                    break
                self._acknowledge(batch)
                sent += sum(1 for item in batch if item.outcome == "sent")
                conflicts += sum(1 for item in batch if item.outcome == CONFLICT)
        return DrainResult(sent, conflicts, self.status())

    def _next_batch(self) -> list[_Item]:
        """The oldest pending keys, each with all its queued rows and its current state."""
        with self.local.unit_of_work() as uow:
            rows = uow.session.execute(
                select(
                    SyncOutboxEntry.id,
                    SyncOutboxEntry.kind,
                    SyncOutboxEntry.key,
                    SyncOutboxEntry.attempts,
                    SyncOutboxEntry.created_at,
                )
                .where(SyncOutboxEntry.state == PENDING)
                .order_by(SyncOutboxEntry.id)
                .limit(self._batch_size * 8)
            ).all()
            items: dict[tuple[str, str], _Item] = {}
            for row_id, kind, key, attempts, created_at in rows:
                item = items.get((kind, key))
                if item is None:
                    if len(items) == self._batch_size:
                        continue
                    item = items[(kind, key)] = _Item(kind, key, [], None, attempts, created_at)
                item.row_ids.append(row_id)
                item.attempts = max(item.attempts, attempts)
            for item in items.values():
                item.snapshot = _read(uow.session, item)
            return list(items.values())

    def _send(self, batch: list[_Item]) -> bool:
        """Apply a batch in one centre transaction; ``False`` when the centre failed."""
        culprit: _Item | None = None
        try:
            with self.central.unit_of_work() as uow:
                writer = CentralWriter(uow.session, self._clock.now())
                writer.check_schema()  # a centre migrated since _prepare takes nothing
                for item in batch:
                    culprit = item
                    if item.snapshot is None:
                        item.outcome = "gone"  # deleted locally (never happens today): drop
                        log.warning("sync: %s %s no longer exists locally", item.kind, item.key)
                        continue
                    try:
                        with uow.session.begin_nested():
                            self._apply(writer, item.snapshot)
                        item.outcome = "sent"
                    except SyncConflict as conflict:
                        writer.forget()
                        item.outcome, item.error = CONFLICT, str(conflict)
                        log.warning("sync conflict on %s %s: %s", item.kind, item.key, conflict)
                    except DataError as exc:  # what the row holds, not the link: the rest goes
                        writer.forget()
                        item.outcome = CONFLICT
                        item.error = refused_content(item.snapshot, exc)
                        log.warning(
                            "sync: the centre refused the content of %s %s: %s",
                            item.kind,
                            item.key,
                            first_line(exc),
                        )
                culprit = None
                uow.commit()
        except IntegrityError as exc:  # the centre answered, and refused one snapshot
            self._online, self._last_error = True, str(exc.orig).splitlines()[0]
            log.warning("sync: uniqueness error on %s", culprit.key if culprit else "commit")
            if culprit is not None:
                self._count_refusal(culprit, self._last_error)
            return False
        except (KioskError, SQLAlchemyError, OSError) as exc:
            self._failed(exc)
            return False
        self._online, self._last_error, self._refusal = True, None, None
        self._last_sent_at = self._clock.now()
        return True

    def _connect(self) -> bool:
        """Prepare the centre once per process; ``False`` while it cannot be reached."""
        if self._prepared:
            return True
        try:
            self._prepare()
        except (KioskError, SQLAlchemyError, OSError) as exc:
            self._failed(exc)
            return False
        self._online, self._refusal = True, None
        return True

    def _failed(self, exc: BaseException) -> None:
        """Nothing was sent: the centre is away, or answers and refuses this counter."""
        refusal = refusal_of(exc)
        detail = exc.detail if isinstance(exc, KioskError) else first_line(exc)
        if (self._online, self._refusal) != (refusal is not None, refusal):
            if refusal is None:
                log.warning("sync: the centre's database is unreachable: %s", detail)
            else:
                log.warning("sync: the centre refuses this counter (%s): %s", refusal, detail)
        self._online, self._refusal = refusal is not None, refusal
        self._last_error = exc.message if isinstance(exc, KioskError) else first_line(exc)

    def _apply(self, writer: CentralWriter, snapshot: Snapshot) -> None:
        if isinstance(snapshot, TransactionSnapshot):
            writer.apply_transaction(snapshot)
        elif isinstance(snapshot, ClosureSnapshot):
            writer.apply_closure(snapshot)
        elif isinstance(snapshot, MarkSnapshot):
            writer.apply_mark(snapshot)
        else:
            writer.apply_erasure(snapshot, self._counter)

    def _count_refusal(self, item: _Item, error: str) -> None:
        """A uniqueness race is normally won on the next try; a lasting one is a conflict."""
        attempts = item.attempts + 1
        values: dict[str, Any] = {"attempts": attempts, "last_error": error}
        if attempts >= MAX_INTEGRITY_RETRIES:
            values["state"] = CONFLICT
        with self.local.unit_of_work() as uow:
            uow.session.execute(
                update(SyncOutboxEntry).where(SyncOutboxEntry.id.in_(item.row_ids)).values(**values)
            )
            uow.commit()

    def _acknowledge(self, batch: list[_Item]) -> None:
        """Forget what the centre committed; keep conflicts with their reason."""
        done = [i for item in batch if item.outcome in ("sent", "gone") for i in item.row_ids]
        with self.local.unit_of_work() as uow:
            session = uow.session
            for start in range(0, len(done), 500):
                chunk = done[start : start + 500]
                session.execute(delete(SyncOutboxEntry).where(SyncOutboxEntry.id.in_(chunk)))
            for item in batch:
                if item.outcome == CONFLICT:
                    session.execute(
                        update(SyncOutboxEntry)
                        .where(SyncOutboxEntry.id.in_(item.row_ids))
                        .values(state=CONFLICT, last_error=item.error)
                    )
            uow.commit()

    def _prepare(self) -> None:
        """Once per process: the centre's schema and key, and this counter's receipt numbers.

        A counter whose own database was replaced (new PC, restore) must not hand out
        receipt numbers the centre already holds for today.
        """
        if self._prepared:
            return
        self._prepare_central(self.central)
        today = local_day(self._clock.now())
        with self.central.unit_of_work() as uow:
            highest = CentralWriter(uow.session, self._clock.now()).max_receipt_seq(
                self._counter, today
            )
            uow.commit()
        if highest:
            with self.local.unit_of_work() as uow:
                raise_receipt_sequence(uow.session, self._counter_id, today, highest)
                uow.commit()
        self._prepared = True

    # -- reading and administering ----------------------------------------------------------

    def status(self) -> SyncStatus:
        """Queue depth and the last known state of the link (reads only the local database)."""
        with self.local.unit_of_work() as uow:
            pending, conflicts = queue_depth(uow.session)
        return SyncStatus(
            online=self._online,
            pending=pending,
            conflicts=conflicts,
            last_sent_at=self._last_sent_at,
            last_error=self._last_error,
            refusal=self._refusal,
        )

    def items(self, state: str | None = None) -> list[OutboxItem]:
        """Queued visits and closures, oldest first, each once however many changes it has."""
        with self.local.unit_of_work() as uow:
            query = select(SyncOutboxEntry).order_by(SyncOutboxEntry.id)
            if state:
                query = query.where(SyncOutboxEntry.state == state)
            grouped: dict[tuple[str, str, str], OutboxItem] = {}
            for e in uow.session.scalars(query):
                first = grouped.get((e.state, e.kind, e.key))
                grouped[(e.state, e.kind, e.key)] = OutboxItem(
                    id=first.id if first else e.id,
                    kind=e.kind,
                    key=e.key,
                    created_at=first.created_at if first else e.created_at,
                    state=e.state,
                    attempts=max(e.attempts, first.attempts if first else 0),
                    last_error=e.last_error or (first.last_error if first else None),
                    changes=(first.changes if first else 0) + 1,
                )
            return list(grouped.values())

    def retry_conflicts(self) -> int:
        """Put conflicts back in the queue (after their cause was fixed); return how many."""
        with self.local.unit_of_work() as uow:
            keys = set(
                uow.session.execute(
                    select(SyncOutboxEntry.kind, SyncOutboxEntry.key).where(
                        SyncOutboxEntry.state == CONFLICT
                    )
                ).all()
            )
            uow.session.execute(
                update(SyncOutboxEntry)
                .where(SyncOutboxEntry.state == CONFLICT)
                .values(state=PENDING, attempts=0)
            )
            uow.commit()
        return len(keys)

    def enqueue_history(self) -> int:
        """Queue every visit and closure of the local database (a counter joining a centre);
        return the number of rows queued (:func:`~kiosk.services.sync.history.queue_history`)."""
        return queue_history(self.local, self._clock.now())

    def close(self) -> None:
        """Release the centre's connections."""
        self.central.dispose()


def _read(session: Any, item: _Item) -> Snapshot | None:
    if item.kind == TRANSACTION:
        return read_transaction(session, uuid.UUID(item.key))
    if item.kind == ERASURE:
        return ErasureSnapshot(item.key, item.created_at)
    if item.kind == GUIDE_MARK:
        return read_mark(session, item.key)
    counter_id, day = parse_closure_key(item.key)
    return read_closure(session, counter_id, day)
