"""The chip read's screens for docs/screenshots/: the key-entry page (as a QR read fills it,
and after the chip refused the key) and the confirm screen after a verified chip read (the
face is tests/chip_documents.py's synthetic pattern, the citizen invented).
scripts/screenshots.py calls :func:`chip_tour` before its own tour; run alone, this renders
them in Vietnamese at the 5 sizes without touching other files.

Usage: .venv/bin/python scripts/chip_screenshots.py [--out DIR]
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

if __package__ in (None, ""):  # run as a file: import scripts.* from the repository
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.screen_session import SIZES, output_folder, screen_session


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
    out = output_folder("The chip read's screens, in Vietnamese at the 5 sizes.")
    with screen_session(out) as session:
        for width, height in SIZES:
            gui = session.open_window(width, height, "vi")

            def snap(name: str, gui=gui, width=width, height=height) -> None:  # type: ignore[no-untyped-def]
                for _ in range(3):
                    session.app.processEvents()
                session.save(gui, name, "vi", width, height)

            chip_tour(gui, snap)
            session.close_window(gui)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
