"""The minimal window starts offscreen and shows today's count or a clear error."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.settings import Settings
from kiosk.ui.main_window import build_window
from tests.factories import finished_visit


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_window_shows_todays_count(kiosk: Kiosk, settings: Settings, qtbot: QtBot) -> None:
    finished_visit(kiosk)
    window = build_window(settings)
    qtbot.addWidget(window)
    window.show()
    texts = [label.text() for label in window.findChildren(QLabel)]
    assert "Xin chào!" in texts and any("Quầy Q01" in text for text in texts)
    # the fixture's clock is fixed on 23/11/2026; the window counts the real today
    assert "Hôm nay đã hỗ trợ" in window.status.text()


def test_window_reports_an_unusable_database(
    settings: Settings, qtbot: QtBot, tmp_path: Path
) -> None:
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is not a database" * 100)
    window = build_window(replace(settings, database_url=f"sqlite:///{garbage}"))
    qtbot.addWidget(window)
    assert "bị hỏng" in window.status.text()


def test_bundled_font_is_installed(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFont

    from kiosk.ui.fonts import install_app_font

    before = qapp.font()
    try:
        assert install_app_font(qapp) == "Noto Sans"
        assert qapp.font().family() == "Noto Sans"
    finally:
        qapp.setFont(QFont(before))
