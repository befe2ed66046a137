"""What scripts/screenshots.py and scripts/chip_screenshots.py both set up: Qt offscreen, a
throw-away config/data dir and centre database, the seeded kiosk (tests/screen_tour.py's
synthetic citizens), a printer that writes files, and the real window at a given size and
language, shot with ``grab()`` into docs/screenshots/ (or the folder given with ``--out``).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SIZES = ((1920, 1080), (1366, 768), (1280, 800), (1280, 1024), (1080, 1920))


def output_folder(description: str) -> Path:
    """The folder the PNGs go to: ``--out DIR``, else docs/screenshots/."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--out", type=Path, default=OUT, help=f"default: {OUT}")
    return parser.parse_args().out.resolve()


@dataclass
class ScreenSession:
    """The Qt application, the seeded kiosk and its printer; windows made one at a time."""

    app: Any  # QApplication (imported once the environment is set)
    kiosk: Any
    printer: Any
    family: str
    out: Path

    def open_window(self, width: int, height: int, language: str) -> Any:
        """The kiosk window built afresh, in ``language``, shown at ``width`` x ``height``."""
        from kiosk.ui.main_window import build_gui

        gui = build_gui(self.kiosk, [], app=self.app, font_family=self.family, printer=self.printer)
        gui.set_language(language)
        gui.shell.resize(width, height)
        gui.shell.show()
        return gui

    def close_window(self, gui: Any) -> None:
        """Close a window of :meth:`open_window` and let Qt delete it."""
        from tests.gui_helpers import close_gui

        close_gui(gui, self.app)

    def save(self, gui: Any, name: str, language: str, width: int, height: int) -> None:
        """Grab the window into ``<out>/<name>-<language>-<width>x<height>.png``."""
        path = self.out / f"{name}-{language}-{width}x{height}.png"
        gui.shell.grab().save(str(path))
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


@contextlib.contextmanager
def screen_session(out: Path) -> Iterator[ScreenSession]:
    """A :class:`ScreenSession` on a scratch config/data dir, removed afterwards."""
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["KIOSK_CONFIG_DIR"] = f"{scratch}/config"
        os.environ["KIOSK_DATA_DIR"] = f"{scratch}/data"
        # the centre's shared database (PostgreSQL in a real centre; any URL works here)
        os.environ["KIOSK_CENTRAL_DATABASE_URL"] = f"sqlite:///{scratch}/centre.sqlite3"
        sys.path.insert(0, str(ROOT))
        from tests.screen_tour import CENTRE_NAME, seeded_kiosk

        os.environ.setdefault("KIOSK_CENTRE_NAME", CENTRE_NAME)
        from PySide6.QtWidgets import QApplication

        from kiosk.ui.fonts import install_app_font
        from tests.fakes import FolderPrinter

        app = QApplication(sys.argv[:1])
        family = install_app_font(app)
        out.mkdir(parents=True, exist_ok=True)
        kiosk = seeded_kiosk(Path(scratch))
        printer = FolderPrinter(Path(scratch) / "printed")
        try:
            yield ScreenSession(app, kiosk, printer, family, out)
        finally:
            kiosk.close()
