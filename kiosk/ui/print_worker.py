"""Printing off the GUI thread: a worker drains the persisted print queue on its own QThread.

The GUI stores a receipt with :meth:`~kiosk.services.printing.PrintQueue.enqueue_receipt`
(committed at once, so nothing is lost) and calls :meth:`PrintController.submit`; the
worker then runs :meth:`~kiosk.services.printing.PrintQueue.process`, which may block for
seconds (``lp``, a TCP connect to a printer that is off, a spooler), and reports by signal
only. While jobs wait it tries again every ``retry_seconds``, so a printer switched back on
prints its backlog without anyone pressing a button.

The queue opens a new unit of work (its own session) for every step on the thread that
calls it; the worker's calls run on the worker's thread, the GUI's on the GUI thread, and no
session or ORM object crosses between them (SQLAlchemy's engine and pool are thread-safe).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal

from kiosk.errors import QT_TRANSLATE_NOOP, KioskError
from kiosk.services.printing import DONE, PrintQueue
from kiosk.ui.worker_thread import LoopWorker, WorkerOwner

log = logging.getLogger(__name__)

QUEUE_JOB = 0  # the job id of job_failed when the queue itself failed (database unreachable)
MSG_WORKER_CRASHED = QT_TRANSLATE_NOOP(
    "Errors", "Bộ phận in gặp lỗi và đã dừng; biên nhận vẫn được giữ. Báo cán bộ CNTT."
)
MSG_PRINT_BUG = QT_TRANSLATE_NOOP(
    "Errors",
    "Lỗi không mong đợi khi in (chi tiết trong tệp nhật ký); biên nhận vẫn được giữ và sẽ "
    "được thử in lại. Báo cán bộ CNTT.",
)


class PrintWorker(LoopWorker):
    """Runs the print loop; lives on its own QThread. Signals only, never touches widgets."""

    job_printed = Signal(int, str)  # job id, receipt number
    job_failed = Signal(int, str)  # job id (QUEUE_JOB: the queue itself), Vietnamese reason
    queue_changed = Signal(int)  # jobs the worker will try again by itself

    def __init__(self, queue: PrintQueue, *, retry_seconds: float = 30.0) -> None:
        super().__init__()
        self._queue = queue
        self._retry_seconds = retry_seconds

    def submit(self, job_id: int) -> None:
        """A job was queued: print it now (thread-safe; returns at once)."""
        log.debug("print job %s submitted", job_id)
        self.wake()

    def step(self) -> float | None:
        """Drain the queue; wait for a submit, or the retry delay while jobs wait."""
        return self._retry_seconds if self._drain() else None

    def crashed(self) -> None:  # a bug must not end printing silently
        self.job_failed.emit(QUEUE_JOB, MSG_WORKER_CRASHED)

    def _drain(self) -> int:
        """Print what waits; return how many jobs still wait (1 if the queue failed).

        Every job the run tried or held behind a printer that is not ready is reported, so
        each receipt's screen can say whether it came out.
        """
        try:
            tried = self._queue.process()
            for job in tried:
                if job.status == DONE:
                    self.job_printed.emit(job.id, job.receipt_no)
                else:
                    self.job_failed.emit(job.id, job.last_error or "")
            waiting = self._queue.pending_count(failed=False)  # a failed job waits for a person
        except KioskError as exc:  # the database: try again later, like a printer that is off
            log.warning("print queue unavailable: %s", exc.detail)
            self.job_failed.emit(QUEUE_JOB, exc.message)
            return 1
        except Exception:  # a bug in one printer route must not end printing for the day
            log.exception("unexpected error while printing; trying again later")
            self.job_failed.emit(QUEUE_JOB, MSG_PRINT_BUG)
            return 1
        self.queue_changed.emit(waiting)
        return waiting


class PrintController(WorkerOwner):
    """Owns the print worker's thread (see :class:`~kiosk.ui.worker_thread.WorkerOwner`).

    Lives on the GUI thread and re-emits the worker's signals, so slots connected here run
    on the GUI thread. Stopping waits up to 15 s: a print in hand (``lp`` and network
    timeouts are 10 s at most).
    """

    job_printed = Signal(int, str)
    job_failed = Signal(int, str)
    queue_changed = Signal(int)

    worker: PrintWorker

    def __init__(self, worker: PrintWorker) -> None:
        super().__init__(worker, name="print-worker", stop_timeout_ms=15_000)
        worker.job_printed.connect(self.job_printed)
        worker.job_failed.connect(self.job_failed)
        worker.queue_changed.connect(self.queue_changed)

    def submit(self, job_id: int) -> None:
        """Print the queued job ``job_id`` as soon as the printer takes it."""
        self.worker.submit(job_id)
