"""The chip read's screens for docs/screenshots/: the key-entry page (as a QR read fills it,
and after the chip refused the key) and the confirm screen after a verified chip read (the
face is tests/chip_documents.py's synthetic pattern, the citizen invented).
scripts/screenshots.py calls :func:`chip_tour` before its own tour; run alone, this renders
them in Vietnamese at the 5 sizes without touching other files.

Usage: .venv/bin/python scripts/chip_screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SIZES = ((1920, 1080), (1366, 768), (1280, 800), (1280, 1024), (1080, 1920))


def chip_tour(gui, snap: Callable[[str], None]) -> None:  # type: ignore[no-untyped-def]
    """Show the key page (number and birth date from a QR, the expiry to type) and the
    confirm screen of a verified chip read with its face; leave the window at welcome."""
    from dataclasses import replace

    from kiosk.services.chip.active_auth import ChipCheck
    from kiosk.services.chip.key_fields import KeyFields
    from kiosk.services.chip.session import ACCESS_DENIED
    from kiosk.services.identity import CitizenIdentity
    from kiosk.services.identity.model import SOURCE_CHIP
    from kiosk.ui.chip_flow import MRZ_HINT
    from kiosk.ui.chip_worker import PLACE_CARD
    from kiosk.ui.i18n import translate_message
    from tests.chip_documents import face_jpeg

    s = gui.screens
    gui.flow.begin()
    gui.scan_hub.stop()  # no reader here: say what a counter with one says
    s.scan.set_chip_status(True, translate_message(PLACE_CARD))
    s.scan.show_key_page(KeyFields("079192004321", "15/03/1992", ""))
    snap("04c-chip-key")
    s.scan.key_page.ask_number(f"{translate_message(ACCESS_DENIED)} {translate_message(MRZ_HINT)}")
    snap("04d-chip-key-refused")
    chip = CitizenIdentity("079192004321", None, "Trần Thị Hồng Nhung", date(1992, 3, 15), "Nữ",
                           issue_date=date(2021, 7, 1))  # fmt: skip
    gui.flow.take_identity(replace(chip, source=SOURCE_CHIP, verification="verified"))
    s.confirm.chip.show_read("verified", "", ChipCheck.GENUINE)  # a card with DG15
    s.confirm.chip.show_face("jpeg", face_jpeg())
    snap("05b-confirm-chip-verified")
    gui.flow.end_visit()


def main() -> int:
    """Render the two chip screens at each size (Vietnamese) into docs/screenshots/."""
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["KIOSK_CONFIG_DIR"] = f"{scratch}/config"
        os.environ["KIOSK_DATA_DIR"] = f"{scratch}/data"
        os.environ["KIOSK_CENTRAL_DATABASE_URL"] = f"sqlite:///{scratch}/centre.sqlite3"
        sys.path.insert(0, str(ROOT))
        from tests.screen_tour import CENTRE_NAME, seeded_kiosk

        os.environ.setdefault("KIOSK_CENTRE_NAME", CENTRE_NAME)
        from PySide6.QtWidgets import QApplication

        from kiosk.ui.fonts import install_app_font
        from kiosk.ui.main_window import build_gui
        from tests.fakes import FolderPrinter
        from tests.gui_helpers import close_gui

        app = QApplication(sys.argv)
        family = install_app_font(app)
        kiosk = seeded_kiosk(Path(scratch))
        printer = FolderPrinter(Path(scratch) / "printed")
        for width, height in SIZES:
            gui = build_gui(kiosk, [], app=app, font_family=family, printer=printer)
            gui.set_language("vi")
            gui.shell.resize(width, height)
            gui.shell.show()

            def snap(name: str, gui=gui, width=width, height=height) -> None:  # type: ignore[no-untyped-def]
                for _ in range(3):
                    app.processEvents()
                path = OUT / f"{name}-vi-{width}x{height}.png"
                gui.shell.grab().save(str(path))
                print(path.relative_to(ROOT))

            chip_tour(gui, snap)
            close_gui(gui, app)
        kiosk.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
