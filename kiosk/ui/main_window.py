"""The kiosk's window. A minimal welcome screen until the touch UI lands (issue 5).

It shows the centre, the counter, today's date and how many visits were logged
today, or one clear message when the kiosk cannot start (database, key…).
"""

from __future__ import annotations

import logging
import sys
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QVBoxLayout, QWidget

from kiosk import __version__
from kiosk.errors import KioskError
from kiosk.services.clock import SystemClock, format_day, local_day
from kiosk.settings import Settings
from kiosk.ui.fonts import install_app_font

log = logging.getLogger(__name__)


def _label(text: str, point_size: int, *, bold: bool = False) -> QLabel:
    label = QLabel(text)
    font = QFont()
    font.setPointSize(point_size)
    font.setBold(bold)
    label.setFont(font)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    return label


class MainWindow(QMainWindow):
    """Welcome screen: centre, counter, date and today's count, or a start-up error."""

    def __init__(
        self, settings: Settings, *, today: date, today_count: int | None, error: str | None
    ) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Quầy Số"))
        self.setStyleSheet("background: #FFFFFF; color: #111111;")
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addStretch(1)
        layout.addWidget(_label(self.tr("Xin chào!"), 48, bold=True))
        layout.addWidget(_label(settings.centre_name, 28))
        counter = self.tr("Quầy {code} · Ngày {day}").format(
            code=settings.counter_code, day=format_day(today)
        )
        layout.addWidget(_label(counter, 24))
        if error:
            self.status = _label(error, 24, bold=True)
            self.status.setStyleSheet("color: #8B0000;")
        else:
            self.status = _label(
                self.tr("Hôm nay đã hỗ trợ {count} lượt.").format(count=today_count or 0), 24
            )
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(_label(f"Quầy Số {__version__}", 12))
        self.setCentralWidget(body)
        QShortcut(QKeySequence("Ctrl+Q"), self, self.close)


def build_window(settings: Settings) -> MainWindow:
    """Open the kiosk's services and build the window; a start-up error becomes its message."""
    from kiosk.app import build_kiosk

    today = local_day(SystemClock().now())
    try:
        kiosk = build_kiosk(settings)
    except KioskError as exc:
        log.error("kiosk could not start: %s", exc.detail)
        return MainWindow(settings, today=today, today_count=None, error=exc.message)
    try:
        count = len(kiosk.transactions.list_day(today))
    finally:
        kiosk.close()
    return MainWindow(settings, today=today, today_count=count, error=None)


def run_gui(settings: Settings) -> int:
    """Start Qt, show the window full screen, run the event loop."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    install_app_font(app)
    window = build_window(settings)
    screen = QApplication.primaryScreen()
    if screen is not None:  # without a window manager showFullScreen alone leaves a tiny window
        window.setGeometry(screen.geometry())
    window.showFullScreen()
    return int(app.exec())
