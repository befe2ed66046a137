"""Regenerate docs/screenshots/: every screen of the kiosk, in Vietnamese and English,
at 1920x1080, 1366x768 (the commonest counter monitor), 1280x800, 1280x1024 and a
portrait kiosk's 1080x1920, driven through the real window (tests/screen_tour.py; the
same walk is tests/test_layouts.py's, which checks that nothing is cut off).

Usage: .venv/bin/python scripts/screenshots.py
Uses a throw-away config/data dir, a synthetic citizen and a printer that writes files;
never a real person's data.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SIZES = ((1920, 1080), (1366, 768), (1280, 800), (1280, 1024), (1080, 1920))
LANGUAGES = ("vi", "en")


def main() -> int:
    """Render every screen at each size and language into docs/screenshots/."""
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["KIOSK_CONFIG_DIR"] = f"{scratch}/config"
        os.environ["KIOSK_DATA_DIR"] = f"{scratch}/data"
        # the centre's shared database (PostgreSQL in a real centre; any URL works here)
        os.environ["KIOSK_CENTRAL_DATABASE_URL"] = f"sqlite:///{scratch}/centre.sqlite3"
        sys.path.insert(0, str(ROOT))
        from scripts.chip_screenshots import chip_tour
        from tests.screen_tour import CENTRE_NAME, seeded_kiosk, tour

        os.environ.setdefault("KIOSK_CENTRE_NAME", CENTRE_NAME)
        from PySide6.QtWidgets import QApplication

        from kiosk.ui.fonts import install_app_font
        from kiosk.ui.main_window import build_gui
        from tests.fakes import FolderPrinter
        from tests.gui_helpers import close_gui

        app = QApplication(sys.argv)
        family = install_app_font(app)
        OUT.mkdir(parents=True, exist_ok=True)
        for old in OUT.glob("*.png"):
            old.unlink()
        kiosk = seeded_kiosk(Path(scratch))
        printer = FolderPrinter(Path(scratch) / "printed")
        for language in LANGUAGES:
            for width, height in SIZES:
                gui = build_gui(kiosk, [], app=app, font_family=family, printer=printer)
                gui.set_language(language)
                gui.shell.resize(width, height)
                gui.shell.show()

                def snap(name: str, gui=gui, width=width, height=height, language=language) -> None:  # type: ignore[no-untyped-def]
                    app.processEvents()
                    home = gui.helper_mode.screens.home  # its rows come a few a turn

                    def filling() -> bool:
                        return home.loading and gui.shell.current_screen is home

                    while gui.tasks.pending or filling():  # answers from the worker threads
                        gui.tasks.wait_idle(100)
                        app.processEvents()
                    for _ in range(3):  # lay out what the last answers put on screen
                        app.processEvents()
                    path = OUT / f"{name}-{language}-{width}x{height}.png"
                    gui.shell.grab().save(str(path))
                    print(path.relative_to(ROOT))

                gui.language.language_changed.emit(language)
                app.processEvents()
                chip_tour(gui, snap)  # the chip read's screens (issue 17)
                tour(gui, snap, language)
                close_gui(gui, app)
        kiosk.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
