"""Taking down a kiosk window built by ``build_gui`` in a test (or the screenshot script)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from kiosk.ui.helper_mode import helper_mode_of
from kiosk.ui.main_window import KioskGui


def close_gui(gui: KioskGui, app: QApplication) -> None:
    """Stop the window's workers, remove the filters it put on the application, close it."""
    gui.shutdown()
    for watcher in (gui.wedge, gui.shell.idle_watcher, helper_mode_of(gui).unlock_watcher):
        app.removeEventFilter(watcher)
    gui.shell.allow_close()
    gui.shell.close()
    gui.shell.deleteLater()
