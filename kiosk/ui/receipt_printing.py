"""Receipts from the GUI: render and queue on the GUI thread (a few ms), print off it.

The persisted queue keeps every receipt until the printer took it, so a printer that is off
prints the receipt when it comes back, even after a restart of the kiosk.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, Signal

from kiosk.app import Kiosk
from kiosk.devices.printers import Printer
from kiosk.domain.values import TransactionRecord
from kiosk.errors import KioskError
from kiosk.services.printing import PrintQueue
from kiosk.ui.i18n import translate_error
from kiosk.ui.print_worker import PrintController, PrintWorker

log = logging.getLogger(__name__)

PRINTED_KEEP_DAYS = 7


class ReceiptPrinting(QObject):
    """Queues receipts and reports, per receipt number, whether they came out."""

    printed = Signal(str)  # receipt number
    failed = Signal(str, str)  # receipt number ("" when the queue itself failed), message

    def __init__(self, kiosk: Kiosk, printer: Printer, *, retry_seconds: float = 30.0) -> None:
        super().__init__()
        self._kiosk = kiosk
        self._queue = PrintQueue(kiosk.db, kiosk.clock, printer)
        self._controller = PrintController(PrintWorker(self._queue, retry_seconds=retry_seconds))
        self._controller.job_printed.connect(self._printed)
        self._controller.job_failed.connect(self._failed)
        self._receipts: dict[int, str] = {}
        try:  # printed receipts hold names in clear: keep them only a few days
            pruned = self._queue.prune(older_than_days=PRINTED_KEEP_DAYS)
        except KioskError as exc:
            log.error("print queue not pruned: %s", exc.detail)
        else:
            log.info("pruned %d printed receipts older than %d days", pruned, PRINTED_KEEP_DAYS)
        self._controller.start()

    def print_receipt(self, record: TransactionRecord, *, reprint: bool = False) -> bool:
        """Queue ``record``'s receipt (marked "BẢN IN LẠI" when ``reprint``); ``False`` when
        it could not even be queued (the reason is emitted through :attr:`failed`)."""
        settings = self._kiosk.settings
        try:
            job_id = self._queue.enqueue_receipt(
                record,
                centre=settings.centre,
                catalogue=self._kiosk.catalogue,
                paper=settings.receipt_paper,
                reprint_at=self._kiosk.clock.now() if reprint else None,
            )
        except KioskError as exc:
            log.error("receipt %s not queued: %s", record.receipt_no, exc.detail)
            self.failed.emit(record.receipt_no or "", translate_error(exc))
            return False
        self._receipts[job_id] = record.receipt_no or ""
        self._controller.submit(job_id)
        return True

    def _printed(self, job_id: int, receipt_no: str) -> None:
        self._receipts.pop(job_id, None)
        self.printed.emit(receipt_no)

    def _failed(self, job_id: int, message: str) -> None:
        receipt_no = self._receipts.get(job_id, "")
        self.failed.emit(receipt_no, QCoreApplication.translate("Errors", message))

    def stop(self) -> None:
        """Stop the print thread (jobs not printed stay queued for next time)."""
        if not self._controller.stop():
            log.error("the print worker did not stop in time")
