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
import threading

from PySide6.QtCore import QObject, QThread, Signal, Slot

from kiosk.errors import QT_TRANSLATE_NOOP, KioskError
from kiosk.services.printing import DONE, PrintQueue

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


class PrintWorker(QObject):
    """Runs the print loop; lives on its own QThread. Signals only, never touches widgets."""

    job_printed = Signal(int, str)  # job id, receipt number
    job_failed = Signal(int, str)  # job id (QUEUE_JOB: the queue itself), Vietnamese reason
    queue_changed = Signal(int)  # jobs still waiting
    finished = Signal()

    def __init__(self, queue: PrintQueue, *, retry_seconds: float = 30.0) -> None:
        super().__init__()
        self._queue = queue
        self._retry_seconds = retry_seconds
        self._stop = threading.Event()
        self._wake = threading.Event()

    def submit(self, job_id: int) -> None:
        """A job was queued: print it now (thread-safe; returns at once)."""
        log.debug("print job %s submitted", job_id)
        self._wake.set()

    def stop(self) -> None:
        """Ask the loop to end after the job in hand (thread-safe)."""
        self._stop.set()
        self._wake.set()

    @Slot()
    def run(self) -> None:
        """Drain the queue; wait for a submit, or the retry delay while jobs wait; until stopped."""
        try:
            while not self._stop.is_set():
                self._wake.clear()  # a submit from now on triggers another round
                waiting = self._drain()
                if self._stop.is_set():
                    break
                self._wake.wait(self._retry_seconds if waiting else None)
        except Exception:  # a bug must not end printing silently
            log.exception("print worker crashed")
            self.job_failed.emit(QUEUE_JOB, MSG_WORKER_CRASHED)
        finally:
            self.finished.emit()

    def _drain(self) -> int:
        """Print what waits; return how many jobs still wait (1 if the queue failed)."""
        try:
            tried = self._queue.process()
            for job in tried:
                if job.status == DONE:
                    self.job_printed.emit(job.id, job.receipt_no)
                else:
                    self.job_failed.emit(job.id, job.last_error or "")
            waiting = self._queue.pending_count()
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


class PrintController(QObject):
    """Owns the worker's thread: start, submit, stop and wait (never destroy a running QThread).

    Lives on the GUI thread and re-emits the worker's signals, so slots connected here run
    on the GUI thread.
    """

    job_printed = Signal(int, str)
    job_failed = Signal(int, str)
    queue_changed = Signal(int)

    def __init__(self, worker: PrintWorker) -> None:
        super().__init__()
        self.worker = worker
        self._thread = QThread()
        self._thread.setObjectName("print-worker")
        worker.moveToThread(self._thread)
        self._thread.started.connect(worker.run)
        worker.finished.connect(self._thread.quit)
        worker.job_printed.connect(self.job_printed)
        worker.job_failed.connect(self.job_failed)
        worker.queue_changed.connect(self.queue_changed)

    def start(self) -> None:
        """Start the worker (it first tries jobs left from an earlier run)."""
        self._thread.start()

    def submit(self, job_id: int) -> None:
        """Print the queued job ``job_id`` as soon as the printer takes it."""
        self.worker.submit(job_id)

    def stop(self, timeout_ms: int = 15_000) -> bool:
        """Stop and wait for the thread; ``False`` if it did not end in time.

        The wait covers a print in hand (``lp`` and network timeouts are 10 s at most).
        """
        self.worker.stop()
        if not self._thread.isRunning():
            return True
        # quit() here, not only through ``finished``: that connection is queued to this
        # (GUI) thread, whose loop does not run while we wait.
        self._thread.quit()
        return bool(self._thread.wait(timeout_ms))
