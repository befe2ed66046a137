"""Receipts from the GUI: rendered and queued off the GUI thread, printed by the print worker.

A visit's receipt (a PDF, or a raster for a thermal printer) is rendered and stored in the
persisted queue by the finish itself, in its unit of work and off the GUI thread
(:meth:`ReceiptPrinting.receipt_step`); a reprint is rendered and queued through
:class:`~kiosk.ui.background.BackgroundTasks`. The print worker's thread then prints it.
The queue keeps every receipt until the printer took it, so a printer that is off prints
the receipt when it comes back, even after a restart.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from kiosk.app import Kiosk
from kiosk.devices.printers import Printer
from kiosk.domain.values import TransactionRecord
from kiosk.errors import KioskError
from kiosk.services.printing import PrintQueue
from kiosk.services.visits.transactions import ReceiptStep
from kiosk.ui.background import BackgroundTasks
from kiosk.ui.i18n import translate_error, translate_message
from kiosk.ui.print_worker import PrintController, PrintWorker

log = logging.getLogger(__name__)

PRINTED_KEEP_DAYS = 7
REPRINT_GAP_S = 5.0  # a second "In lại" of the same receipt sooner than this is a repeat tap


class ReceiptPrinting(QObject):
    """Queues receipts and reports, per receipt number, whether they came out."""

    printed = Signal(str)  # receipt number
    failed = Signal(str, str)  # receipt number ("" when the queue itself failed), message

    def __init__(
        self,
        kiosk: Kiosk,
        printer: Printer,
        tasks: BackgroundTasks,
        *,
        retry_seconds: float = 30.0,
        language: Callable[[], str] = lambda: "vi",
    ) -> None:
        super().__init__()
        self._kiosk = kiosk
        self._tasks = tasks
        self._language = language  # the citizen's on screen: the receipt is printed in it
        self._queue = PrintQueue(kiosk.db, kiosk.clock, printer)
        self._controller = PrintController(PrintWorker(self._queue, retry_seconds=retry_seconds))
        self._controller.job_printed.connect(self._printed)
        self._controller.job_failed.connect(self._failed)
        self._receipts: dict[int, str] = {}  # job → receipt number, until printed
        self._reprinted: dict[str, float] = {}  # receipt number → when a reprint was asked
        self._controller.start()
        queue = self._queue  # printed receipts hold names in clear: keep them only a few days
        tasks.run(
            lambda: queue.prune(older_than_days=PRINTED_KEEP_DAYS),
            lambda pruned: log.info(
                "pruned %d printed receipts older than %d days", pruned, PRINTED_KEEP_DAYS
            ),
            on_error=lambda exc: log.error("print queue not pruned: %s", exc.detail),
            key="prune-print-queue",
        )

    def receipt_step(self) -> ReceiptStep:
        """What queues a visit's receipt in the unit of work of its finish (the receipt as
        the settings' paper and this printer want it)."""
        settings = self._kiosk.settings
        return self._queue.receipt_step(
            centre=settings.centre,
            catalogue=self._kiosk.catalogue,
            paper=settings.receipt_paper,
            language=self._language,
        )

    def print_finished(self, record: TransactionRecord, job_id: int) -> None:
        """Print the receipt of a visit just finished: its job, queued by the finish
        (:meth:`receipt_step`), or, when none was (``job_id`` 0), a new one."""
        if not job_id:
            self.print_receipt(record)
            return
        self._receipts[job_id] = record.receipt_no or ""
        self._controller.submit(job_id)

    def print_receipt(self, record: TransactionRecord, *, reprint: bool = False) -> bool:
        """Render and queue ``record``'s receipt off the GUI thread (marked "BẢN IN LẠI" when
        ``reprint``), then print it; ``False`` when that receipt is already being queued. A
        receipt that cannot be queued is reported through :attr:`failed`."""
        settings = self._kiosk.settings
        queue, catalogue = self._queue, self._kiosk.catalogue
        reprint_at = self._kiosk.clock.now() if reprint else None
        language = self._language()  # a reprint in helper mode: the helper's language
        receipt_no = record.receipt_no or ""
        if reprint and self._asked_again(receipt_no):
            log.info("reprint of %s not queued again: asked moments ago", receipt_no)
            return False

        def render_and_queue() -> int:
            return queue.enqueue_receipt(
                record,
                centre=settings.centre,
                catalogue=catalogue,
                paper=settings.receipt_paper,
                reprint_at=reprint_at,
                language=language,
            )

        def queued(job_id: int) -> None:
            self._receipts[job_id] = receipt_no
            self._controller.submit(job_id)

        def refused(exc: KioskError) -> None:
            log.error("receipt %s not queued: %s", receipt_no, exc.detail)
            self.failed.emit(receipt_no, translate_error(exc))

        return self._tasks.run(
            render_and_queue, queued, on_error=refused, key=f"receipt:{receipt_no}"
        )

    def _asked_again(self, receipt_no: str) -> bool:
        """Whether a reprint of ``receipt_no`` waits for the printer or was asked for less
        than :data:`REPRINT_GAP_S` ago (three hurried taps on "In lại" print one copy)."""
        now = time.monotonic()
        waiting = receipt_no in self._receipts.values()
        recent = now - self._reprinted.get(receipt_no, -REPRINT_GAP_S) < REPRINT_GAP_S
        if not (waiting or recent):
            self._reprinted[receipt_no] = now
        return waiting or recent

    def _printed(self, job_id: int, receipt_no: str) -> None:
        self._receipts.pop(job_id, None)
        self.printed.emit(receipt_no)

    def _failed(self, job_id: int, message: str) -> None:
        receipt_no = self._receipts.get(job_id, "")
        self.failed.emit(receipt_no, translate_message(message))  # stored with its values

    def stop(self) -> None:
        """Stop the print thread (jobs not printed stay queued for next time)."""
        if not self._controller.stop():
            log.error("the print worker did not stop in time")
