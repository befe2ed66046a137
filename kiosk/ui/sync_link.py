"""Sending the counter's queue to the centre off the GUI thread, and saying how it goes.

A :class:`SyncWorker` on its own QThread calls :meth:`Replicator.drain` every
``sync.interval_seconds``, and at once when :meth:`SyncLink.nudge` says a visit ended.
Draining may block for seconds on a dead network (libpq keepalives bound it); the counter
never waits for it, because every visit is already committed in the counter's own
database. The worker reports a :class:`SyncStatus` by signal; the top bar shows a discreet
note while the centre cannot be reached, refuses this counter's key or holds conflicts.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal

from kiosk.services.sync import Replicator, SyncStatus
from kiosk.ui.worker_thread import LoopWorker, WorkerOwner

log = logging.getLogger(__name__)


class SyncWorker(LoopWorker):
    """Drains the queue in a loop; lives on its own QThread; signals only."""

    status_changed = Signal(object)  # SyncStatus

    def __init__(self, replicator: Replicator, *, interval_s: float) -> None:
        super().__init__()
        self._replicator = replicator
        self._interval_s = interval_s

    def nudge(self) -> None:
        """Send now rather than at the next interval (thread-safe)."""
        self.wake()

    def step(self) -> float:
        """Drain, report; the next round after the interval (or a nudge)."""
        try:
            status = self._replicator.drain().status
        except Exception:  # a bug must not end sending for the day
            log.exception("sync: unexpected error; trying again later")
        else:
            self.status_changed.emit(status)
        return self._interval_s


class SyncLink(WorkerOwner):
    """Owns the sender's thread (start, nudge, stop and wait) and re-emits its status."""

    status_changed = Signal(object)  # SyncStatus, on the GUI thread

    worker: SyncWorker

    def __init__(self, replicator: Replicator, *, interval_s: float) -> None:
        super().__init__(
            SyncWorker(replicator, interval_s=interval_s),
            name="sync-worker",
            stop_timeout_ms=20_000,
        )
        self.setObjectName("sync_link")
        self.status: SyncStatus | None = None
        self.worker.status_changed.connect(self._remember)

    def nudge(self) -> None:
        """A visit ended: send it now."""
        self.worker.nudge()

    def _remember(self, status: SyncStatus) -> None:
        self.status = status
        self.status_changed.emit(status)
