"""The real kiosk window on a real X server, for tests that send it real X input.

Run by :class:`tests.xkiosk.XKiosk` with ``DISPLAY`` set and ``QT_QPA_PLATFORM=xcb``: it
builds the kiosk from the settings in the environment exactly as ``kiosk`` does
(``build_kiosk``, ``build_gui``, the app font, full screen), except the devices at the edge:
no camera, and receipts printed to a folder (``XKIOSK_PRINTED``). Input comes only from
the X server. The test asks it, one JSON line on standard input each, where a widget is and
what is on screen; it answers one JSON line on standard output:

* ``{"op": "where", "path": "screens.scan.anonymous"}``: the widget's global geometry,
  whether it is visible and enabled, its text. A path walks attributes of the
  :class:`~kiosk.ui.main_window.KioskGui`; a part that is a key of a dict indexes it
  (``helper_mode.screens.login.name_buttons.lan``), a number indexes a list.
* ``{"op": "state"}``: the screen shown, the banner, the background work still pending,
  how far its page is scrolled, the text size.
* ``{"op": "shot", "file": "…png"}``: the window grabbed to a PNG.
* ``{"op": "quit"}``.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QWidget

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from kiosk.app import build_kiosk  # noqa: E402  (after the path)
from kiosk.logging_setup import configure_logging  # noqa: E402
from kiosk.settings import load_settings  # noqa: E402
from kiosk.ui.fonts import install_app_font  # noqa: E402
from kiosk.ui.main_window import KioskGui, build_gui  # noqa: E402
from tests.fakes import FolderPrinter  # noqa: E402

log = logging.getLogger("x_kiosk")


def resolve(gui: KioskGui, path: str) -> Any:
    """The object at ``path`` (dotted attributes, dict keys) from ``gui``."""
    value: Any = gui
    for part in path.split("."):
        if isinstance(value, dict):
            value = value[part]
        elif isinstance(value, list | tuple):
            value = value[int(part)]
        else:
            value = getattr(value, part)
    return value


def where(gui: KioskGui, path: str) -> dict[str, Any]:
    widget = resolve(gui, path)
    assert isinstance(widget, QWidget), f"{path} is a {type(widget).__name__}, not a widget"
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    text = widget.text() if hasattr(widget, "text") else ""
    return {
        "x": top_left.x(),
        "y": top_left.y(),
        "w": widget.width(),
        "h": widget.height(),
        "visible": widget.isVisible(),
        "enabled": widget.isEnabled(),
        "text": text if isinstance(text, str) else "",
    }


def state(gui: KioskGui) -> dict[str, Any]:
    shell = gui.shell
    banner = shell.banner
    current = shell.current_screen
    scan = gui.screens.scan
    return {
        "scan_message": scan.message.text() if scan.message.isVisible() else "",
        "screen": type(current).__name__ if current is not None else "",
        "banner": banner.text() if banner.isVisible() else "",
        "pending": gui.tasks.pending,
        "active": QApplication.activeWindow() is shell,
        "scroll": shell.current_page.verticalScrollBar().value(),
        "scroll_max": shell.current_page.verticalScrollBar().maximum(),
        "text_step": shell.theme.text_step,
    }


def answer(gui: KioskGui, request: dict[str, Any], app: QApplication) -> dict[str, Any]:
    op = request.get("op")
    if op == "where":
        return where(gui, str(request["path"]))
    if op == "state":
        return state(gui)
    if op == "shot":
        gui.shell.grab().save(str(request["file"]))
        return {"saved": request["file"]}
    if op == "quit":
        QTimer.singleShot(0, lambda: app.exit(0))  # quit() asks the windows, which refuse
        return {"quitting": True}
    raise ValueError(f"unknown op {op!r}")


def main() -> int:
    settings = load_settings()
    configure_logging(settings.log_dir)
    app = QApplication(sys.argv)
    family = install_app_font(app)
    kiosk = build_kiosk(settings)
    printer = FolderPrinter(Path(os.environ["XKIOSK_PRINTED"]))
    gui = build_gui(kiosk, [], app=app, font_family=family, printer=printer)
    window = gui.shell
    screen = QApplication.primaryScreen()
    if screen is not None:  # as run_gui: no window manager on the test server
        window.setGeometry(screen.geometry())
    window.showFullScreen()
    window.activateWindow()

    def read_request() -> None:
        line = sys.stdin.readline()
        if not line:
            app.quit()
            return
        try:
            reply = answer(gui, json.loads(line), app)
        except Exception as exc:  # a wrong path: the test sees why
            reply = {"error": f"{type(exc).__name__}: {exc}"}
        sys.stdout.write(json.dumps(reply, ensure_ascii=False) + "\n")
        sys.stdout.flush()

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(read_request)

    def ready() -> None:
        sys.stdout.write(json.dumps({"ready": True}) + "\n")
        sys.stdout.flush()

    QTimer.singleShot(300, ready)
    try:
        return int(app.exec())
    finally:
        gui.shutdown()
        kiosk.close()


if __name__ == "__main__":
    sys.exit(main())
