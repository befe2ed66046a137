"""Waiting for and taking down a kiosk window built by ``build_gui`` in a test (or the
screenshot script)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.ui.main_window import KioskGui


def close_gui(gui: KioskGui, app: QApplication) -> None:
    """Stop the window's workers (shutdown also removes its event filters), close it."""
    gui.shutdown()
    gui.shell.allow_close()
    gui.shell.close()
    gui.shell.deleteLater()


def settle(qtbot: QtBot, gui: KioskGui) -> None:
    """Wait until the work asked of the background tasks has answered on the GUI thread,
    and what the answers posted has run: a widget added to a visible layout is shown by a
    queued call, which a loaded machine may not have run yet when the last answer did."""
    qtbot.waitUntil(lambda: gui.tasks.pending == 0, timeout=10_000)
    QApplication.sendPostedEvents()
    QApplication.processEvents()
