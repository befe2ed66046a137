"""The print queue: every receipt is stored first, then printed, then marked done.

``enqueue`` commits the document before any print is attempted, so a printer that is off or
a CUPS service that is down loses nothing, even across a restart. The document is what the
configured printer consumes, rendered once by :meth:`PrintQueue.render_receipt`: a PDF for
CUPS, a 1-bit PNG raster for ESC/POS and the Qt route (the ``print_jobs.pdf`` column holds
either; the signature tells them apart). Stored bytes print the same after a restart or a
catalogue change. A visit's receipt is queued in the unit of work of its finish
(:meth:`PrintQueue.receipt_step`): a crash never leaves a finished visit without its job.

``process`` tries the waiting jobs oldest first, each in its own units of work; a job the
printer cannot take stays queued with the Vietnamese reason in ``last_error``. Processing
stops at the first :class:`PrinterUnavailableError`, so receipts never come out of order and
an unplugged printer costs one check, not one per job; the jobs behind it are reported as
held, with that reason, so each receipt's citizen hears that it waits. A job that fails for
its own reason (``DocumentRejectedError``: a document the printer cannot read) is marked
failed and the next job is tried: it never holds the others. A failed job is tried
again only when a person asks (``kiosk print-queue retry``); a reprint renders it afresh.
``prune`` deletes printed jobs after some days: their bytes hold the citizen's name in
clear; :func:`delete_jobs` deletes jobs in every state for an erasure (people.retention), and
a job so deleted while ``process`` runs is reported failed, saying why. A job found
``printing`` by ``process`` was handed to the printer by a process that then died before
recording the outcome; it is tried again (a possible duplicate slip beats a lost one).

Threads: every method opens its own unit of work on the calling thread, so one
:class:`PrintQueue` serves the GUI thread (enqueue) and the print worker's (process) at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, insert, or_, select
from sqlalchemy.orm import Session, defer
from sqlalchemy.sql.elements import ColumnElement

from kiosk.devices.printers import (
    PrintDocument,
    Printer,
    PrinterUnavailableError,
    document_format,
)
from kiosk.domain.clock import Clock
from kiosk.errors import InputError, KioskError, NotFoundError
from kiosk.services import print_messages
from kiosk.services.people import audit
from kiosk.services.people.audit import Actor
from kiosk.services.people.retention import MSG_JOB_ERASED, DeletedJobs
from kiosk.services.visits.transactions import ReceiptStep
from kiosk.storage.models import PrintJob, table_of
from kiosk.storage.unit_of_work import Database, Executor

_NEW_JOB = insert(table_of(PrintJob)).returning(table_of(PrintJob).c.id)  # attempts: default

if TYPE_CHECKING:
    from kiosk.domain.catalogue import Catalogue
    from kiosk.domain.centre import CentreInfo
    from kiosk.domain.values import TransactionRecord

log = logging.getLogger(__name__)

QUEUED, PRINTING, DONE, FAILED = "queued", "printing", "done", "failed"
PENDING = (QUEUED, PRINTING, FAILED)  # not printed yet
RETRIED = (QUEUED, PRINTING)  # tried again by themselves; a failed job waits for a person
STATUSES = (QUEUED, PRINTING, DONE, FAILED)


@dataclass(frozen=True)
class PrintJobView:
    """A print job as read back (without its PDF)."""

    id: int
    created_at: datetime
    receipt_no: str
    paper: str
    printer: str
    status: str
    attempts: int
    last_error: str | None
    printed_at: datetime | None
    size: int
    held: bool = False  # not tried: an earlier job found the printer not ready (last_error)


class PrintQueue:
    """Use cases of the persisted print queue; one unit of work per step."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        printer: Printer,
        actor: Actor | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        self._printer = printer
        self._actor = actor or Actor.system("kiosk")

    @property
    def printer(self) -> Printer:
        """The printer jobs go to."""
        return self._printer

    def enqueue_receipt(
        self,
        record: TransactionRecord,
        *,
        centre: CentreInfo,
        catalogue: Catalogue,
        paper: str,
        reprint_at: datetime | None = None,
        language: str = "vi",
    ) -> int:
        """Render the receipt of ``record`` and queue it (committed); return the job's id. For
        reprints (``reprint_at``): a first receipt is queued by :meth:`receipt_step`."""
        data = self.render_receipt(
            record,
            centre=centre,
            catalogue=catalogue,
            paper=paper,
            reprint_at=reprint_at,
            language=language,
        )
        assert record.receipt_no is not None  # rendering refused a visit without one
        return self.enqueue(data, record.receipt_no, paper)

    def receipt_step(
        self,
        *,
        centre: CentreInfo,
        catalogue: Catalogue,
        paper: str,
        language: Callable[[], str] = lambda: "vi",
    ) -> ReceiptStep:
        """What queues a finished visit's receipt in the finish's own unit of work (rendered
        before its lock): both are stored or neither; ``language()`` is the citizen's then."""

        def render(record: TransactionRecord) -> bytes:  # before the finish's write lock
            return self.render_receipt(
                record, centre=centre, catalogue=catalogue, paper=paper, language=language()
            )

        def store(session: Executor, record: TransactionRecord, document: bytes) -> int:
            assert record.receipt_no is not None  # a finished visit has its number
            return self.add_job(session, document, record.receipt_no, paper)

        return ReceiptStep(render, store)

    def render_receipt(
        self,
        record: TransactionRecord,
        *,
        centre: CentreInfo,
        catalogue: Catalogue,
        paper: str,
        reprint_at: datetime | None = None,
        language: str = "vi",
    ) -> bytes:
        """The receipt of ``record`` as the printer takes it: a PDF for a printer that takes
        PDFs (CUPS), else the 1-bit raster at the paper's resolution (203 dpi on rolls, 300
        on A5), in the citizen's ``language``."""
        if self._printer.formats[0] == "pdf":
            from kiosk.documents.receipt import render_receipt

            return render_receipt(
                record,
                centre=centre,
                catalogue=catalogue,
                paper=paper,
                reprint_at=reprint_at,
                language=language,
            )
        from kiosk.documents.receipt_raster import png_bytes, render_receipt_image

        image = render_receipt_image(
            record,
            centre=centre,
            catalogue=catalogue,
            paper=paper,
            reprint_at=reprint_at,
            language=language,
        )
        return png_bytes(image)

    def enqueue(self, document: bytes, receipt_no: str, paper: str) -> int:
        """Store a receipt (PDF or PNG raster) as a queued job (committed); return its id."""
        with self._db.unit_of_work() as uow:
            job_id = self.add_job(uow.session, document, receipt_no, paper)
            uow.commit()
            return job_id

    def add_job(self, session: Executor, document: bytes, receipt_no: str, paper: str) -> int:
        """Add a receipt (PDF or PNG raster) as a queued job to the unit of work of
        ``session`` (a Core unit's connection too), which commits it; return the job's id."""
        if document_format(document) is None:
            raise InputError(print_messages.NOT_A_RECEIPT)
        now, printer = self._clock.now(), self._printer.name
        job = {"created_at": now, "receipt_no": receipt_no, "paper": paper, "printer": printer}
        inserted = session.execute(_NEW_JOB, {**job, "pdf": document, "status": QUEUED})
        job_id = int(inserted.scalar_one())
        audit.record(
            session, now, self._actor, "print_enqueued", receipt_no,
            job_id=job_id, paper=paper, printer=printer,
        )  # fmt: skip
        return job_id

    def process(self, *, retry_failed: bool = False) -> list[PrintJobView]:
        """Try the waiting jobs oldest first (failed ones too with ``retry_failed``).

        Returns every job tried, with its outcome, then the jobs held behind a printer that
        was not ready (``held``, with that printer's reason in ``last_error``).
        """
        statuses = PENDING if retry_failed else RETRIED
        with self._db.unit_of_work() as uow:
            ids = list(
                uow.session.scalars(
                    select(PrintJob.id).where(PrintJob.status.in_(statuses)).order_by(PrintJob.id)
                )
            )
        tried: list[PrintJobView] = []
        for index, job_id in enumerate(ids):
            view = self._print_one(job_id)
            tried.append(view)
            if view.status == QUEUED:  # not ready: later jobs would only fail the same way
                return tried + self._held(ids[index + 1 :], view.last_error)
        return tried

    def _held(self, ids: list[int], reason: str | None) -> list[PrintJobView]:
        if not ids:
            return []
        query = (
            select(PrintJob, func.length(PrintJob.pdf))
            .options(defer(PrintJob.pdf))
            .where(PrintJob.id.in_(ids))
            .order_by(PrintJob.id)
        )
        with self._db.unit_of_work() as uow:
            rows = uow.session.execute(query)
            return [replace(_view(job, size), last_error=reason, held=True) for job, size in rows]

    def _print_one(self, job_id: int) -> PrintJobView:
        with self._db.unit_of_work() as uow:
            job = uow.session.get(PrintJob, job_id)
            if job is None:  # deleted with its citizen's data since it was listed
                return self._erased(job_id)
            job.status = PRINTING
            job.attempts += 1
            document = PrintDocument(job.pdf, job.paper, job.receipt_no)
            receipt_no = job.receipt_no
            uow.commit()
        status: str = DONE
        error: KioskError | None = None
        try:
            self._printer.print_document(document)
        except PrinterUnavailableError as exc:
            status, error = QUEUED, exc
        except KioskError as exc:
            status, error = FAILED, exc
        now = self._clock.now()
        with self._db.unit_of_work() as uow:
            job = uow.session.get(PrintJob, job_id)
            if job is None:  # deleted with its citizen's data while it printed
                return self._erased(job_id)
            job.status = status
            if error is None:
                job.last_error = None
                job.printed_at = now
                audit.record(uow.session, now, self._actor, "print_done", receipt_no, job_id=job_id)
            else:
                job.last_error = error.message
                log.warning("print job %s not printed: %s", job_id, error.detail)
                audit.record(
                    uow.session,
                    now,
                    self._actor,
                    "print_waiting" if status == QUEUED else "print_failed",
                    receipt_no,
                    job_id=job_id,
                    attempts=job.attempts,
                    reason=error.detail[:200],
                )
            view = _view(job)
            uow.commit()
        return view

    def _erased(self, job_id: int) -> PrintJobView:
        now, name = self._clock.now(), self._printer.name
        return PrintJobView(job_id, now, "", "", name, FAILED, 0, MSG_JOB_ERASED, None, 0)

    def list(self, *, pending_only: bool = False, limit: int = 100) -> list[PrintJobView]:
        """The newest jobs first (only waiting ones with ``pending_only``)."""
        query = (
            select(PrintJob, func.length(PrintJob.pdf))
            .options(defer(PrintJob.pdf))
            .order_by(PrintJob.id.desc())
            .limit(limit)
        )
        if pending_only:
            query = query.where(PrintJob.status.in_(PENDING))
        with self._db.unit_of_work() as uow:
            return [_view(job, size) for job, size in uow.session.execute(query)]

    def pending_count(self, *, failed: bool = True) -> int:
        """How many jobs are not printed yet (without the failed ones: how many the queue
        tries again by itself)."""
        statuses = PENDING if failed else RETRIED
        with self._db.unit_of_work() as uow:
            query = select(func.count()).select_from(PrintJob).where(PrintJob.status.in_(statuses))
            return int(uow.session.scalar(query) or 0)

    def prune(self, *, older_than_days: int) -> int:
        """Delete printed jobs (and their bytes) printed more than ``older_than_days`` ago
        (never one still waiting); return how many."""
        if older_than_days < 0:
            raise InputError(print_messages.NEGATIVE_KEEP_DAYS)
        now = self._clock.now()
        cutoff = now - timedelta(days=older_than_days)
        with self._db.unit_of_work() as uow:
            result = uow.session.execute(
                delete(PrintJob).where(PrintJob.status == DONE, PrintJob.printed_at < cutoff)
            )
            deleted = int(result.rowcount or 0)  # type: ignore[attr-defined]
            if deleted:
                audit.record(
                    uow.session,
                    now,
                    self._actor,
                    "print_pruned",
                    None,
                    deleted=deleted,
                    older_than_days=older_than_days,
                )
            uow.commit()
        log.info("pruned %d printed job(s) older than %d days", deleted, older_than_days)
        return deleted

    def get(self, job_id: int) -> PrintJobView:
        """One job by id."""
        with self._db.unit_of_work() as uow:
            job = uow.session.get(PrintJob, job_id)
            if job is None:
                raise NotFoundError(print_messages.NO_SUCH_JOB.format(job_id=job_id))
            return _view(job)


def delete_jobs(
    session: Session,
    *,
    receipt_nos: Sequence[str] = (),
    created_before: datetime | None = None,
) -> DeletedJobs:
    """Delete, in every state, the jobs of ``receipt_nos`` (reprints too) and those created
    before ``created_before``; return how many had not printed yet (never will) and had."""
    conditions: list[ColumnElement[bool]] = []
    if receipt_nos:
        conditions.append(PrintJob.receipt_no.in_(list(receipt_nos)))
    if created_before is not None:
        conditions.append(PrintJob.created_at < created_before)
    if not conditions:
        return DeletedJobs()
    counted = (
        select(PrintJob.status, func.count()).where(or_(*conditions)).group_by(PrintJob.status)
    )
    counts = {status: int(number) for status, number in session.execute(counted)}
    session.execute(delete(PrintJob).where(or_(*conditions)))
    return DeletedJobs(sum(counts.get(s, 0) for s in PENDING), counts.get(DONE, 0))


def _view(job: PrintJob, size: int | None = None) -> PrintJobView:
    return PrintJobView(
        id=job.id,
        created_at=job.created_at,
        receipt_no=job.receipt_no,
        paper=job.paper,
        printer=job.printer,
        status=job.status,
        attempts=job.attempts,
        last_error=job.last_error,
        printed_at=job.printed_at,
        size=len(job.pdf) if size is None else int(size),
    )
