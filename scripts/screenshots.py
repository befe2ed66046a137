"""Regenerate docs/screenshots/: every screen at 1920x1080 and 1280x800.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py
Uses a throw-away config/data dir with synthetic demo data; never a real person's data.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
SIZES = ((1920, 1080), (1280, 800))


def _camera_preview(width: int, height: int):  # type: ignore[no-untyped-def]
    """The scan screen's preview showing a synthetic card photo (tests/data/qr)."""
    import cv2

    from kiosk.ui.scan_worker import frame_to_qimage
    from kiosk.ui.widgets.camera_preview import CameraPreview

    card = cv2.imread(str(OUT.parent.parent / "tests" / "data" / "qr" / "card-ok.jpg"))
    canvas = cv2.resize(card, (1280, 720))  # as a 720p webcam would deliver it
    preview = CameraPreview()
    preview.resize(width, height)
    preview.show_frame(frame_to_qimage(canvas))
    preview.show()
    return preview


def _manual_entry(width: int, height: int, *, with_error: bool):  # type: ignore[no-untyped-def]
    """The manual-entry form, empty or filled with a synthetic citizen and a refusal."""
    from datetime import date

    from kiosk.services.identity import IdentityError, validate_manual_entry
    from kiosk.ui.widgets.manual_entry import ManualEntryForm

    form = ManualEntryForm(lambda: date(2026, 11, 23))
    form.resize(width, height)
    if with_error:  # a synthetic citizen whose gender disagrees with the ID's 4th digit
        form.id_field.setText("001198012345")
        form.name_field.setText("Nguyễn Thị Hồng Nhung")
        form.birth_field.setText("15/08/1998")
        form.male_button.setChecked(True)
        try:
            validate_manual_entry(
                "001198012345",
                "Nguyễn Thị Hồng Nhung",
                "15/08/1998",
                "Nam",
                today=date(2026, 11, 23),
            )
        except IdentityError as exc:
            form.show_error(exc)
    if with_error:
        form.birth_field.setFocus()  # the keypad follows the focused numeric field
    form.show()
    return form


def main() -> int:
    """Render each screen at each size into docs/screenshots/."""
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["KIOSK_CONFIG_DIR"] = f"{scratch}/config"
        os.environ["KIOSK_DATA_DIR"] = f"{scratch}/data"
        os.environ.setdefault(
            "KIOSK_CENTRE_NAME", "Trung tâm Phục vụ hành chính công phường Sông Cầu"
        )
        from PySide6.QtWidgets import QApplication

        from kiosk.settings import load_settings
        from kiosk.ui.fonts import install_app_font
        from kiosk.ui.main_window import build_window

        app = QApplication(sys.argv)
        install_app_font(app)
        settings = load_settings()
        OUT.mkdir(parents=True, exist_ok=True)
        for width, height in SIZES:
            window = build_window(settings)
            window.resize(width, height)
            window.show()
            app.processEvents()
            path = OUT / f"welcome-{width}x{height}.png"
            window.grab().save(str(path))
            window.close()
            print(path)
        for width, height in SIZES:
            path = OUT / f"camera-preview-{width}x{height}.png"
            _camera_preview(width, height).grab().save(str(path))
            print(path)
        for width, height in SIZES:
            for state, with_error in (("empty", False), ("error", True)):
                path = OUT / f"manual-entry-{state}-{width}x{height}.png"
                form = _manual_entry(width, height, with_error=with_error)
                app.processEvents()
                form.grab().save(str(path))
                form.close()
                print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
