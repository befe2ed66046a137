"""Loading, while the kiosk waits at the welcome screen, what the first receipt, sign-in or
close-day would otherwise load on a worker thread while someone waits; then taking what
start-up built out of the garbage collector's way.

Start-up stays short because the document and export modules (reportlab, openpyxl, about
0.5 s) are imported on first use. Imported then, on a worker thread, they froze the window
for 50–100 ms: an import reads hundreds of files, releasing and retaking the interpreter
lock at each, and the GUI thread does not get it back meanwhile (see :mod:`kiosk.pacing`).
:func:`warm_up` imports them a few seconds after the first frame, one module at a time with
a pause between, on the window's background tasks.

Then it calls :func:`gc.freeze`: the modules, classes, widgets and wrappers built so far
(about 140,000 objects) move to a generation the collector never scans. Without it a full
collection, which holds the interpreter lock throughout and can start on any thread,
took 60–100 ms (measured during close-day: the window froze for exactly that long).
"""

from __future__ import annotations

import gc
import importlib
import logging
import sys
import time

from PySide6.QtCore import QTimer

from kiosk.documents.fonts import register_fonts
from kiosk.ui.background import BackgroundTasks

log = logging.getLogger(__name__)

AFTER_MS = 2_000  # after the first frame, before a helper's first tap is likely
PAUSE_S = 0.01  # between two modules: the GUI thread's turn
MODULES = (
    "kiosk.documents.receipt",
    "kiosk.documents.receipt_raster",
    "kiosk.documents.z_report",
    "kiosk.services.reporting.z_report",
    "kiosk.services.reporting.export",
    "kiosk.services.reporting.export.writers",
    "openpyxl",
    "openpyxl.cell",
    "openpyxl.styles",
    "openpyxl.utils",
    "openpyxl.writer.excel",
)


def load_modules() -> int:
    """Import :data:`MODULES` and register the documents' fonts; how many were new."""
    started = time.perf_counter()
    new = 0
    for name in MODULES:
        if name not in sys.modules:
            importlib.import_module(name)
            new += 1
            time.sleep(PAUSE_S)
    register_fonts()
    log.info("warm-up: %d modules loaded in %.2f s", new, time.perf_counter() - started)
    return new


def warm_up(tasks: BackgroundTasks, after_ms: int = AFTER_MS) -> None:
    """Load :data:`MODULES` on ``tasks`` ``after_ms`` from now; a failure is only logged."""

    def loaded(_new: int) -> None:
        freeze_heap()

    def start() -> None:
        tasks.run(load_modules, loaded, on_error=_failed, key="warm-up")

    QTimer.singleShot(after_ms, tasks, start)


def freeze_heap() -> int:
    """Move every object alive now out of the collector's scans; how many are frozen."""
    gc.collect()  # what start-up left as garbage is freed, not frozen
    gc.freeze()
    frozen = gc.get_freeze_count()
    log.info("warm-up: %d objects frozen out of the garbage collector's scans", frozen)
    return frozen


def _failed(exc: Exception) -> None:
    log.warning("warm-up failed (the first use loads what it needs): %s", exc)
    freeze_heap()
