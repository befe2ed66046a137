"""The print queue: every receipt is stored first, then printed, then marked done.

``enqueue`` commits the PDF before any print is attempted, so a printer that is off or a
CUPS service that is down loses nothing, even across a restart. ``process`` tries the waiting
jobs oldest first, each in its own units of work; a job the printer cannot take stays queued
with the Vietnamese reason in ``last_error``. Processing stops at the first
:class:`PrinterUnavailableError`, so receipts never come out of order and an unplugged
printer costs one ``lpstat``, not one per job.

A job found ``printing`` by ``process`` was handed to the printer by a process that then died
before recording the outcome; it is tried again (a possible duplicate slip beats a lost one).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import defer

from kiosk.devices.printers import Printer, PrinterUnavailableError
from kiosk.errors import InputError, KioskError, NotFoundError
from kiosk.services import audit
from kiosk.services.audit import Actor
from kiosk.services.clock import Clock
from kiosk.storage.models import PrintJob
from kiosk.storage.unit_of_work import Database

log = logging.getLogger(__name__)

QUEUED, PRINTING, DONE, FAILED = "queued", "printing", "done", "failed"
PENDING = (QUEUED, PRINTING, FAILED)
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

    def enqueue(self, pdf: bytes, receipt_no: str, paper: str) -> int:
        """Store a receipt PDF as a queued job (committed); return the job's id."""
        if not pdf.startswith(b"%PDF-"):
            raise InputError("Biên nhận không phải tệp PDF nên không đưa vào hàng in được.")
        now = self._clock.now()
        with self._db.unit_of_work() as uow:
            job = PrintJob(
                created_at=now,
                receipt_no=receipt_no,
                paper=paper,
                printer=self._printer.name,
                pdf=pdf,
                status=QUEUED,
                attempts=0,
            )
            uow.session.add(job)
            uow.session.flush()
            audit.record(
                uow.session,
                now,
                self._actor,
                "print_enqueued",
                receipt_no,
                job_id=job.id,
                paper=paper,
                printer=self._printer.name,
            )
            uow.commit()
            return job.id

    def process(self) -> list[PrintJobView]:
        """Try the waiting jobs oldest first; return every job tried, with its outcome."""
        with self._db.unit_of_work() as uow:
            ids = list(
                uow.session.scalars(
                    select(PrintJob.id).where(PrintJob.status.in_(PENDING)).order_by(PrintJob.id)
                )
            )
        tried: list[PrintJobView] = []
        for job_id in ids:
            view = self._print_one(job_id)
            tried.append(view)
            if view.status == QUEUED:
                break  # the printer is not ready: later jobs would only fail the same way
        return tried

    def _print_one(self, job_id: int) -> PrintJobView:
        with self._db.unit_of_work() as uow:
            job = uow.session.get(PrintJob, job_id)
            assert job is not None
            job.status = PRINTING
            job.attempts += 1
            pdf, paper, receipt_no = job.pdf, job.paper, job.receipt_no
            uow.commit()
        status: str = DONE
        error: KioskError | None = None
        try:
            self._printer.print_pdf(pdf, paper=paper, title=receipt_no)
        except PrinterUnavailableError as exc:
            status, error = QUEUED, exc
        except KioskError as exc:
            status, error = FAILED, exc
        now = self._clock.now()
        with self._db.unit_of_work() as uow:
            job = uow.session.get(PrintJob, job_id)
            assert job is not None
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

    def get(self, job_id: int) -> PrintJobView:
        """One job by id."""
        with self._db.unit_of_work() as uow:
            job = uow.session.get(PrintJob, job_id)
            if job is None:
                raise NotFoundError(f"Không có lệnh in số {job_id}.")
            return _view(job)


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
