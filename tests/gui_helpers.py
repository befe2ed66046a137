"""Taking down a kiosk window built by ``build_gui`` in a test (or the screenshot script)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from kiosk.ui.main_window import KioskGui


def close_gui(gui: KioskGui, app: QApplication) -> None:
    """Stop the window's workers (shutdown also removes its event filters), close it."""
    gui.shutdown()
    gui.shell.allow_close()
    gui.shell.close()
    gui.shell.deleteLater()
