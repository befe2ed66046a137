"""Housekeeping while the kiosk runs: the automatic daily backup, off the GUI thread.

Shortly after start and then every hour, a :class:`BackupWorker` on its own QThread runs
:func:`kiosk.services.upkeep.backup.backup_if_due`; it backs up the embedded database when
the newest backup is 24 hours old (a few seconds for a year of visits; the counter keeps
working meanwhile, SQLite's WAL lets it write beside the reader). The result comes back by
signal on the GUI thread. A failure (backup disk full, USB stick unplugged) is logged and
kept in :attr:`BackupScheduler.last_error`; it is not shown to citizens: ``kiosk doctor``
reports the age of the newest backup.

The worker opens its own SQLite connections and uses no session of the GUI; it only talks
back by signal, so it never touches a widget. The scheduler gets what it needs (settings,
clock, parent) from the composition root.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Signal

from kiosk.domain.clock import Clock
from kiosk.errors import KioskError
from kiosk.services.upkeep.backup import backup_if_due
from kiosk.settings import Settings
from kiosk.ui.worker_thread import LoopWorker, WorkerOwner

log = logging.getLogger(__name__)

HOUR_MS = 3_600_000
START_DELAY_MS = 20_000  # let the window come up and the camera start before the first check
STOP_TIMEOUT_MS = 120_000  # a backup in hand: a few seconds for 100,000 visits


class BackupWorker(LoopWorker):
    """Checks whether a backup is due, makes it, waits an interval (or a wake); signals only."""

    done = Signal(str)  # the new backup's path, "" when none was due
    failed = Signal(str)  # Vietnamese reason

    def __init__(
        self, settings: Settings, clock: Clock, *, interval_s: float, first_delay_s: float
    ) -> None:
        super().__init__(first_delay_s=first_delay_s)
        self._settings = settings
        self._clock = clock
        self._interval_s = interval_s
        self._busy = threading.Event()

    @property
    def busy(self) -> bool:
        """Whether a check is in hand (thread-safe)."""
        return self._busy.is_set()

    def step(self) -> float:
        """One check; a failure is reported and the next check comes at the interval."""
        self._busy.set()
        path, error = "", ""
        try:
            backup = backup_if_due(self._settings, self._clock)
            path = str(backup.path) if backup else ""
        except KioskError as exc:
            log.error("automatic backup failed: %s", exc.detail)
            error = exc.message
        except Exception as exc:  # a bug must not end the backups for the day
            log.exception("automatic backup crashed")
            error = f"{type(exc).__name__}: {exc}"
        finally:
            self._busy.clear()  # before the signals: a check asked for from now on runs
        if error:
            self.failed.emit(error)
        else:
            self.done.emit(path)
        return self._interval_s


class BackupScheduler(WorkerOwner):
    """Asks for a backup at start and every ``interval_ms``; one run at a time."""

    backed_up = Signal(str)  # path of the backup just made
    failed = Signal(str)  # Vietnamese reason
    checked = Signal()  # a check ended, whatever its outcome

    worker: BackupWorker

    def __init__(
        self,
        settings: Settings,
        clock: Clock,
        *,
        interval_ms: int = HOUR_MS,
        first_delay_ms: int = START_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        worker = BackupWorker(
            settings, clock, interval_s=interval_ms / 1000, first_delay_s=first_delay_ms / 1000
        )
        super().__init__(
            worker, name="backup-worker", stop_timeout_ms=STOP_TIMEOUT_MS, parent=parent
        )
        self.setObjectName("backup_scheduler")
        worker.done.connect(self._done)
        worker.failed.connect(self._failed)
        self._stopped = False
        self.last_backup = ""
        self.last_error = ""

    def check_now(self) -> bool:
        """Check at once; ``False`` when a check is running or the scheduler stopped."""
        if self._stopped or self.worker.busy:
            return False
        self.start()
        self.wake()
        return True

    def stop(self, timeout_ms: int | None = None) -> bool:
        """No more checks; wait for a backup in hand. ``False`` if it did not end in time."""
        self._stopped = True
        return super().stop(timeout_ms)

    def _done(self, path: str) -> None:
        if path:
            log.info("automatic backup %s", path)
            self.last_backup = path
            self.backed_up.emit(path)
        self.last_error = ""
        self.checked.emit()

    def _failed(self, message: str) -> None:
        self.last_error = message
        self.failed.emit(message)
        self.checked.emit()


def install_maintenance(settings: Settings, clock: Clock, parent: QObject) -> BackupScheduler:
    """Start the automatic backups; the window's shutdown stops them."""
    scheduler = BackupScheduler(settings, clock, parent=parent)
    scheduler.start()
    return scheduler
