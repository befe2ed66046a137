"""Idle detection: any touch, click or key press counts as activity."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


class IdleWatcher(QObject):
    """Emits :attr:`idle` once after ``timeout_s`` without activity, while armed.

    Install it on the QApplication (``app.installEventFilter(watcher)``); it never
    consumes events.
    """

    idle = Signal()

    def __init__(self, timeout_s: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_s * 1000)
        self._timer.timeout.connect(self.idle)
        self._armed = False

    def set_timeout_ms(self, milliseconds: int) -> None:
        """Change the time-out (tests use milliseconds instead of minutes)."""
        self._timer.setInterval(milliseconds)

    def arm(self) -> None:
        """Start watching (a citizen's visit began)."""
        self._armed = True
        self._timer.start()

    def disarm(self) -> None:
        """Stop watching (back on the welcome screen)."""
        self._armed = False
        self._timer.stop()

    @property
    def armed(self) -> bool:
        """Whether a time-out can fire."""
        return self._armed

    def touch(self) -> None:
        """Count as activity now."""
        if self._armed:
            self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY:
            self.touch()
        return False
