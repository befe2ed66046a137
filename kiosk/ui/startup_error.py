"""What the screen shows when the kiosk cannot start: one clear message, never a black screen.

A kiosk session has no terminal, so a failure before the kiosk's window exists (wrong
settings, a database or key problem) must reach the screen too. This module needs only Qt
and the bundled font: it still works when the rest of the GUI cannot be built.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from kiosk.ui.fonts import install_app_font
from kiosk.ui.theme import set_role


class StartupErrorWindow(QMainWindow):
    """What the kiosk shows when it cannot start (settings, database, key…): one message."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.setObjectName("startup_error")
        self.setWindowTitle(self.tr("Quầy Số"))
        self.message = QLabel(message)
        set_role(self.message, "error")
        self.message.setWordWrap(True)
        self.message.setMargin(64)
        self.setCentralWidget(self.message)
        self.setStyleSheet("QLabel { font-size: 26pt; color: #8A0010; background: #FFFFFF; }")


def show_full_screen(window: QMainWindow) -> None:
    """Cover the primary screen with ``window`` (without a window manager ``showFullScreen``
    alone leaves a tiny window)."""
    screen = QApplication.primaryScreen()
    if screen is not None:
        window.setGeometry(screen.geometry())
    window.showFullScreen()


def run_startup_error(message: str) -> int:
    """Show ``message`` full screen until the window is closed; return Qt's exit code."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    install_app_font(app)
    window = StartupErrorWindow(message)
    show_full_screen(window)
    try:
        return int(app.exec())
    finally:
        window.deleteLater()
