"""Housekeeping while the kiosk runs: the automatic daily backup, off the GUI thread.

Shortly after start and then every hour, :class:`BackupScheduler` hands
:func:`kiosk.services.upkeep.backup.backup_if_due` to Qt's global thread pool; it backs up the
embedded database when the newest backup is 24 hours old (a few seconds for a year of
visits; the counter keeps working meanwhile, SQLite's WAL lets it write beside the reader).
The result comes back by signal on the GUI thread. A failure (backup disk full, USB stick
unplugged) is logged and kept in :attr:`BackupScheduler.last_error`; it is not shown to
citizens: ``kiosk doctor`` reports the age of the newest backup.

The pooled job opens its own SQLite connections and uses no session of the GUI; it only
talks back through a small relay object, so it never touches a widget or the scheduler.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, QTimer, Signal

from kiosk.domain.clock import Clock
from kiosk.errors import KioskError
from kiosk.services.upkeep.backup import backup_if_due
from kiosk.settings import Settings

if TYPE_CHECKING:
    from kiosk.ui.main_window import KioskGui

log = logging.getLogger(__name__)

HOUR_MS = 3_600_000
START_DELAY_MS = 20_000  # let the window come up and the camera start before the first check
STOP_TIMEOUT_S = 120.0  # a backup in hand: a few seconds for 100,000 visits


class _Relay(QObject):
    """Carries one pooled run's outcome to the GUI thread (queued: it lives there)."""

    done = Signal(str)  # the new backup's path, "" when none was due
    failed = Signal(str)  # Vietnamese reason


class BackupScheduler(QObject):
    """Asks for a backup at start and every ``interval_ms``; one run at a time."""

    backed_up = Signal(str)  # path of the backup just made
    failed = Signal(str)  # Vietnamese reason
    checked = Signal()  # a check ended, whatever its outcome

    def __init__(
        self,
        settings: Settings,
        clock: Clock,
        *,
        interval_ms: int = HOUR_MS,
        first_delay_ms: int = START_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("backup_scheduler")
        self._settings = settings
        self._clock = clock
        self._first_delay_ms = first_delay_ms
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check_now)
        self._idle = threading.Event()
        self._idle.set()
        self._stopped = False
        self._relay: _Relay | None = None  # kept here so it is deleted on the GUI thread
        self.last_backup = ""
        self.last_error = ""

    def start(self) -> None:
        """First check after ``first_delay_ms``, then one every interval."""
        self._timer.start()
        QTimer.singleShot(self._first_delay_ms, self, self.check_now)

    def check_now(self) -> bool:
        """Start a check in the pool; ``False`` when one is running or the scheduler stopped."""
        if self._stopped or not self._idle.is_set():
            return False
        self._idle.clear()
        relay = _Relay()
        relay.done.connect(self._done)
        relay.failed.connect(self._failed)
        self._relay = relay
        settings, clock, idle = self._settings, self._clock, self._idle

        def run() -> None:
            try:
                backup = backup_if_due(settings, clock)
                relay.done.emit(str(backup.path) if backup else "")
            except KioskError as exc:
                log.error("automatic backup failed: %s", exc.detail)
                relay.failed.emit(exc.message)
            except Exception as exc:  # a bug must not kill the pool thread silently
                log.exception("automatic backup crashed")
                relay.failed.emit(f"{type(exc).__name__}: {exc}")
            finally:
                idle.set()

        QThreadPool.globalInstance().start(run)
        return True

    def stop(self, timeout_s: float = STOP_TIMEOUT_S) -> bool:
        """No more checks; wait for a backup in hand. ``False`` if it did not end in time."""
        self._stopped = True
        self._timer.stop()
        return self._idle.wait(timeout_s)

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


def install_maintenance(gui: KioskGui) -> BackupScheduler:
    """Start the automatic backups of ``gui``'s kiosk; they stop when the application quits."""
    kiosk = gui.kiosk
    scheduler = BackupScheduler(kiosk.settings, kiosk.clock, parent=gui.shell)
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(scheduler.stop)
    scheduler.start()
    return scheduler


def backup_scheduler_of(gui: KioskGui) -> BackupScheduler:
    """The scheduler installed on ``gui`` (tests reach it this way)."""
    scheduler = gui.shell.findChild(BackupScheduler, "backup_scheduler")
    assert isinstance(scheduler, BackupScheduler)
    return scheduler
