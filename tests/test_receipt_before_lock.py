"""A finish's receipt is rendered before the write lock, and is always the committed visit's.

The receipt's bytes are rendered from the record the finish is predicted to produce, read
without a lock (kiosk/services/visits/finishing.py); inside the lock the real record is
compared with the prediction and the receipt is rendered again when they differ.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable

import pytest
from sqlalchemy import select

from kiosk.app import Kiosk
from kiosk.domain.values import ServiceOutcome, TransactionRecord
from kiosk.errors import InputError
from kiosk.services.printing import PrintQueue
from kiosk.services.visits.finishing import ReceiptStep
from kiosk.storage.models import PrintJob
from tests.fakes import FolderPrinter

DONE = ServiceOutcome("vssid", "done")


def open_visit(kiosk: Kiosk) -> uuid.UUID:
    visit = kiosk.transactions.start(helper_id=None, services=[DONE.service_code])
    kiosk.transactions.record_outcome(visit, DONE)
    return visit


def receipt_step(kiosk: Kiosk, printer: FolderPrinter) -> ReceiptStep:
    settings = kiosk.settings
    queue = PrintQueue(kiosk.db, kiosk.clock, printer)
    return queue.receipt_step(
        centre=settings.centre, catalogue=kiosk.catalogue, paper=settings.receipt_paper
    )


def watched(step: ReceiptStep, before: Callable[[TransactionRecord], None]) -> ReceiptStep:
    """``step`` with ``before(record)`` run at the start of each render."""

    def render(record: TransactionRecord) -> bytes:
        before(record)
        return step.render(record)

    return ReceiptStep(render, step.store)


def stored_document(kiosk: Kiosk, job_id: int | None) -> bytes:
    with kiosk.db.unit_of_work() as uow:
        return bytes(uow.session.scalars(select(PrintJob.pdf).where(PrintJob.id == job_id)).one())


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_receipt_is_rendered_while_the_database_is_free_to_write(
    kiosk: Kiosk, printer: FolderPrinter
) -> None:
    path = kiosk.db.engine.url.database
    assert path is not None
    free: list[bool] = []

    def try_to_write(_record: TransactionRecord) -> None:
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")  # fails at once while the finish holds the lock
            other.execute("ROLLBACK")
            free.append(True)
        except sqlite3.OperationalError:
            free.append(False)
        finally:
            other.close()

    step = receipt_step(kiosk, printer)
    finished = kiosk.transactions.finish_with_receipt(
        open_visit(kiosk), watched(step, try_to_write)
    )
    assert free == [True]  # rendered once, and not inside the lock
    assert stored_document(kiosk, finished.print_job_id) == step.render(finished.record)


def test_a_receipt_whose_number_was_taken_meanwhile_is_rendered_again(
    make_kiosk: Callable[..., Kiosk], printer: FolderPrinter
) -> None:
    kiosk, other = make_kiosk(), make_kiosk()  # the same counter, two engines
    visit, theirs = open_visit(kiosk), open_visit(kiosk)
    rendered: list[str | None] = []

    def finish_theirs_first(record: TransactionRecord) -> None:
        if not rendered:  # between the prediction and the lock, another finish takes 0001
            other.transactions.finish(theirs)
        rendered.append(record.receipt_no)

    step = receipt_step(kiosk, printer)
    finished = kiosk.transactions.finish_with_receipt(visit, watched(step, finish_theirs_first))
    assert rendered == ["Q01-20261123-0001", "Q01-20261123-0002"]
    assert finished.record == kiosk.transactions.get(visit)
    assert finished.record.receipt_no == "Q01-20261123-0002"
    assert stored_document(kiosk, finished.print_job_id) == step.render(finished.record)


def test_a_visit_that_cannot_finish_renders_no_receipt(
    kiosk: Kiosk, printer: FolderPrinter
) -> None:
    visit = kiosk.transactions.start(helper_id=None, services=[DONE.service_code])
    rendered: list[TransactionRecord] = []
    step = watched(receipt_step(kiosk, printer), rendered.append)
    with pytest.raises(InputError, match="Chưa ghi kết quả"):
        kiosk.transactions.finish_with_receipt(visit, step)  # its outcome is missing
    assert rendered == []
