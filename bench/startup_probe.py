"""Start ``kiosk`` (no command, the window) or a bare PySide6 window; exit at the first frame.

``python bench/startup_probe.py kiosk`` runs ``kiosk.cli.main([])`` as the ``kiosk`` command
does, with one event filter on the application that watches for the first paint of the
welcome screen. ``ready``: the same start, but it exits when the event loop first runs a
timer (the window is built: a tap would be handled). ``bare``: a QMainWindow with one label,
shown full screen the same way and watched the same way. ``kiosk`` and ``bare`` exit
(``os._exit(0)``) on a posted event that follows the paint (its backing store has been
flushed to the display by then). Each writes the milliseconds since the process began to
``$STARTUP_PROBE_OUT`` when it is set.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _process_age_ms() -> float:
    """Milliseconds since the kernel started this process (Linux: /proc/self/stat)."""
    fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
    start_ticks = int(fields[19])  # field 22 of stat(5), counted after the ")"
    hertz = os.sysconf("SC_CLK_TCK")
    uptime = float(Path("/proc/uptime").read_text().split()[0])
    return (uptime - start_ticks / hertz) * 1000.0


def _finish(kind: str) -> None:
    out = os.environ.get("STARTUP_PROBE_OUT")
    if out:
        with open(out, "a", encoding="utf-8") as file:
            file.write(f"{kind} {_process_age_ms():.1f}\n")
    os._exit(0)


def _watch(target_class: str) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent, QObject
    from PySide6.QtWidgets import QApplication

    flushed = QEvent.Type(QEvent.registerEventType())

    class FirstFrame(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and type(watched).__name__ == target_class:
                # A posted event, delivered after this paint's backing store has been
                # flushed to the display (the kiosk's first-frame wait runs no timers).
                QCoreApplication.postEvent(self, QEvent(flushed))
            elif watched is self and event.type() == flushed:
                _done()
            return False

    def _done() -> None:
        _finish(sys.argv[1])

    app = QApplication(sys.argv)
    app.installEventFilter(watcher := FirstFrame())
    globals()["_keep"] = (app, watcher)


def main() -> None:
    """Run the kind named on the command line."""
    kind = sys.argv[1]
    if kind == "ready":
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        import kiosk.cli

        app = QApplication(sys.argv)
        QTimer.singleShot(1, lambda: _finish("ready"))  # not a queued call: the loop runs it
        globals()["_keep"] = app
        raise SystemExit(kiosk.cli.main([]))
    if kind == "kiosk":
        # The product's own order: the command line, logging, settings, then the window,
        # which finds the QApplication made here (run_gui uses QApplication.instance()).
        import kiosk.cli

        _watch("WelcomeScreen")
        raise SystemExit(kiosk.cli.main([]))
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    _watch("QLabel")
    window = QMainWindow()
    window.setCentralWidget(QLabel("Xin chào"))
    screen = QApplication.primaryScreen()
    window.setGeometry(screen.geometry())
    window.showFullScreen()
    raise SystemExit(QApplication.instance().exec())  # type: ignore[union-attr]


if __name__ == "__main__":
    main()
