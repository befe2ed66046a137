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
    """Wait until the work asked of the background tasks has answered on the GUI thread."""
    qtbot.waitUntil(lambda: gui.tasks.pending == 0, timeout=10_000)
