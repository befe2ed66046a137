"""300 citizen flows through the real kiosk window: memory, Python objects, QObjects.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_leaks.py [--flows 300] [--every 30]

A fresh SQLite kiosk in a temporary dir, the real window (build_gui, as tests build it: a
folder printer, no camera; the card comes as a wedge scanner's burst, every third typed on
the manual-entry form). Each flow is tests/leak_flows.py's: welcome, card, consent, one
service's guide, outcome, rating, receipt printed, home. Prints a markdown table of the
counts every ``--every`` flows.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    """Play the flows and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flows", type=int, default=300)
    parser.add_argument("--every", type=int, default=30)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="bench-leaks-") as folder:
        tmp = Path(folder)
        os.environ.update(
            KIOSK_CONFIG_DIR=str(tmp / "config"),
            KIOSK_DATA_DIR=str(tmp / "data"),
            KIOSK_PIN_HASH_TIME_COST="1",
            KIOSK_PIN_HASH_MEMORY_KIB="1024",
        )
        from PySide6.QtCore import QElapsedTimer
        from PySide6.QtWidgets import QApplication

        from kiosk.app import build_kiosk
        from kiosk.settings import load_settings
        from kiosk.ui.main_window import build_gui
        from tests.fakes import FolderPrinter
        from tests.gui_helpers import close_gui
        from tests.leak_flows import play

        app = QApplication(sys.argv)
        kiosk = build_kiosk(load_settings())
        gui = build_gui(
            kiosk,
            [],
            app=app,
            printer=FolderPrinter(tmp / "printed"),
            print_retry_seconds=0.2,
            warm_up_after_ms=None,
            tap_guard_ms=0,
        )
        gui.shell.resize(1280, 800)
        gui.shell.show()

        def wait_until(predicate: Callable[[], bool]) -> None:
            clock = QElapsedTimer()
            clock.start()
            while not predicate():
                if clock.elapsed() > 20_000:
                    raise TimeoutError("a screen did not come in 20 s")
                app.processEvents()
                time.sleep(0.001)

        started = time.perf_counter()
        seen = play(gui, app, wait_until, args.flows, every=args.every)
        elapsed = time.perf_counter() - started
        close_gui(gui, app)
        kiosk.close()
    print(f"{args.flows} flows in {elapsed:.0f} s, load average {os.getloadavg()[0]:.2f}\n")
    print("| after flow | Python objects | QObjects | RSS MiB |")
    print("|---|---|---|---|")
    for number, counts in seen:
        print(
            f"| {number} | {counts.python_objects} | {counts.qobjects} | "
            f"{counts.rss_kib / 1024:.1f} |"
        )


if __name__ == "__main__":
    main()
