"""Sending the counter's queue to the centre off the GUI thread, and saying how it goes.

A :class:`SyncWorker` on its own QThread calls :meth:`Replicator.drain` every
``sync.interval_seconds``, and at once when :meth:`SyncLink.nudge` says a visit ended.
Draining may block for seconds on a dead network (libpq keepalives bound it); the counter
never waits for it, because every visit is already committed in the counter's own
database. The worker reports a :class:`SyncStatus` by signal; the top bar shows a discreet
"offline" note while the centre cannot be reached.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QThread, Signal, Slot

from kiosk.services.sync import Replicator, SyncStatus

log = logging.getLogger(__name__)


class SyncWorker(QObject):
    """Drains the queue in a loop; lives on its own QThread; signals only."""

    status_changed = Signal(object)  # SyncStatus
    finished = Signal()

    def __init__(self, replicator: Replicator, *, interval_s: float) -> None:
        super().__init__()
        self._replicator = replicator
        self._interval_s = interval_s
        self._stop = threading.Event()
        self._wake = threading.Event()

    def nudge(self) -> None:
        """Send now rather than at the next interval (thread-safe)."""
        self._wake.set()

    def stop(self) -> None:
        """End the loop after the batch in hand (thread-safe)."""
        self._stop.set()
        self._wake.set()

    @Slot()
    def run(self) -> None:
        """Drain, report, wait for a nudge or the interval; until stopped."""
        try:
            while not self._stop.is_set():
                self._wake.clear()
                try:
                    status = self._replicator.drain().status
                except Exception:  # a bug must not end sending for the day
                    log.exception("sync: unexpected error; trying again later")
                else:
                    self.status_changed.emit(status)
                self._wake.wait(self._interval_s)
        finally:
            self.finished.emit()


class SyncLink(QObject):
    """Owns the worker's thread (start, nudge, stop and wait) and re-emits its status."""

    status_changed = Signal(object)  # SyncStatus, on the GUI thread

    def __init__(self, replicator: Replicator, *, interval_s: float) -> None:
        super().__init__()
        self.setObjectName("sync_link")
        self.worker = SyncWorker(replicator, interval_s=interval_s)
        self.status: SyncStatus | None = None
        self._thread = QThread()
        self._thread.setObjectName("sync-worker")
        self.worker.moveToThread(self._thread)
        self._thread.started.connect(self.worker.run)
        self.worker.finished.connect(self._thread.quit)
        self.worker.status_changed.connect(self._remember)

    def start(self) -> None:
        """Start sending (first of all what an earlier run left in the queue)."""
        self._thread.start()

    def nudge(self) -> None:
        """A visit ended: send it now."""
        self.worker.nudge()

    def stop(self, timeout_ms: int = 20_000) -> bool:
        """Stop and wait for the thread; ``False`` if it did not end in time."""
        self.worker.stop()
        if not self._thread.isRunning():
            return True
        self._thread.quit()
        return self._thread.wait(timeout_ms)

    def _remember(self, status: SyncStatus) -> None:
        self.status = status
        self.status_changed.emit(status)
