"""A finish's receipt, rendered before the write lock is taken.

The receipt's print job is stored in the finish's own unit of work (a finished visit never
lacks its job), but rendering it there held the database's write lock 28–40 ms, every other
writer of the file waiting. The receipt is a pure function of the visit's record (and of the
step's centre, catalogue, paper and language), and the record a finish will produce can be
read beforehand without any lock: the visit as it is, finished now, with the next number of
the day's sequence. So the bytes are rendered from that prediction first; inside the lock the
real record is compared with it and the bytes are kept only if the two are equal, otherwise
(another finish took the number meanwhile, the visit changed) the receipt is rendered again
there, as before. Either way the job holds exactly the receipt of the record committed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select

from kiosk.domain.values import TransactionRecord
from kiosk.services.people.privacy import PrivacyVault
from kiosk.services.visits.listing import read_record
from kiosk.services.visits.receipts import format_receipt_no
from kiosk.storage.models import ReceiptSequence
from kiosk.storage.unit_of_work import Database, Executor


@dataclass(frozen=True)
class ReceiptStep:
    """What stores a just-finished visit's receipt as a print job in the finish's session
    (which commits it): :meth:`kiosk.services.printing.PrintQueue.receipt_step`."""

    render: Callable[[TransactionRecord], bytes]
    """The receipt of a record as the printer takes it (no database; before the lock)."""
    store: Callable[[Executor, TransactionRecord, bytes], int]
    """Add the receipt (bytes) of a record as a print job in the finish's transaction (a
    Core unit's connection); its id."""


@dataclass(frozen=True)
class FinishedVisit:
    """A finished visit and the id of its receipt's print job (``None``: none was queued)."""

    record: TransactionRecord
    print_job_id: int | None


@dataclass(frozen=True)
class Prepared:
    """A receipt rendered ahead, and the record it was rendered from."""

    record: TransactionRecord
    document: bytes

    def document_for(self, step: ReceiptStep, record: TransactionRecord) -> bytes:
        """The bytes rendered ahead if ``record`` is the one predicted, else a new render."""
        return self.document if record == self.record else step.render(record)


def predicted_finish(
    db: Database,
    vault: PrivacyVault,
    visit_id: uuid.UUID,
    counter: tuple[int, str],
    finished_at: datetime,
) -> TransactionRecord | None:
    """The record finishing ``visit_id`` at ``finished_at`` would give as things stand (read
    without the write lock), or ``None`` when it cannot be finished as it is (the finish
    then refuses it with the reason, inside its lock). ``counter``: the finishing counter's
    id and code, whose sequence numbers the receipt."""
    counter_id, counter_code = counter
    with db.reading() as connection:
        visit = read_record(connection, vault, visit_id)
        if visit is None:
            return None
        last = connection.execute(
            select(ReceiptSequence.last_number).where(
                ReceiptSequence.counter_id == counter_id,
                ReceiptSequence.business_day == visit.business_day,
            )
        ).scalar()
    if visit.status != "open" or not visit.services:
        return None
    if any(line.outcome is None for line in visit.services):
        return None
    receipt_no = format_receipt_no(counter_code, visit.business_day, (last or 0) + 1)
    return replace(visit, status="finished", finished_at=finished_at, receipt_no=receipt_no)


def prepare_receipt(
    db: Database,
    vault: PrivacyVault,
    step: ReceiptStep,
    visit_id: uuid.UUID,
    counter: tuple[int, str],
    finished_at: datetime,
) -> Prepared | None:
    """The receipt of the predicted finish rendered now, before any lock; ``None`` when no
    finish is to be expected."""
    record = predicted_finish(db, vault, visit_id, counter, finished_at)
    return None if record is None else Prepared(record, step.render(record))
