"""The first frame of the kiosk: its window and welcome screen, shown and painted.

:func:`kiosk.ui.start.run_gui` shows them before anything heavy is imported;
:func:`kiosk.ui.main_window.build_gui` builds the same two when a test builds a window.
Nothing here imports SQLAlchemy, numpy or the other screens.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QEventLoop, QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from kiosk.settings import Settings
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.shell import KioskShell

FIRST_FRAME_WAIT_MS = 2000  # a display that never exposes the window does not hold the start
# While waiting for the first frame: window-system events (expose, paint) only. Timers and
# taps wait for the event loop, so nothing runs against a kiosk that is not built yet.
_FRAME_ONLY = (
    QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents
    | QEventLoop.ProcessEventsFlag.X11ExcludeTimers
)


def make_shell(settings: Settings, font_family: str | None) -> KioskShell:
    """The kiosk window of ``settings``, with no screen yet."""
    return KioskShell(
        f"{settings.centre_name} · {settings.counter_code}",
        font_family=font_family,
        idle_timeout_s=settings.idle_timeout_seconds,
        idle_countdown_s=settings.idle_countdown_seconds,
        kiosk_mode=settings.kiosk_mode,
    )


def make_welcome(settings: Settings) -> WelcomeScreen:
    """The welcome screen of ``settings`` (the day is set by its owner)."""
    return WelcomeScreen(settings.centre_name, f"{settings.counter_name} · {settings.counter_code}")


class _Painted(QObject):
    """Notes the first paint of one widget."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.seen = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.seen = True
        return False


def show_first_frame(app: QApplication, window: QMainWindow, widget: QWidget) -> bool:
    """Show ``window`` full screen and let the display paint it until ``widget`` has been
    painted (at most :data:`FIRST_FRAME_WAIT_MS`); ``False`` when it was not."""
    painted = _Painted(widget)
    show_full_screen(window)
    clock = QElapsedTimer()
    clock.start()
    while not painted.seen and clock.elapsed() < FIRST_FRAME_WAIT_MS:
        app.processEvents(_FRAME_ONLY, 20)
    app.processEvents(_FRAME_ONLY)  # once more: what the paint posted, the display's queue
    widget.removeEventFilter(painted)
    painted.deleteLater()
    return painted.seen


def show_full_screen(window: QMainWindow) -> None:
    """Full screen on the primary monitor (without a window manager, showFullScreen alone
    leaves a tiny window)."""
    screen = QApplication.primaryScreen()
    if screen is not None:
        window.setGeometry(screen.geometry())
    window.showFullScreen()
