"""Read aloud reads what matters: step counts, dates and masked numbers in spoken form, the
details the citizen is asked to check, the rating faces."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.text.speakable import speakable
from tests.conftest import GuiFactory
from tests.factories import BA_TU_CARD


@pytest.mark.parametrize(
    ("text", "language", "spoken"),
    [
        ("Bước 1/8. Mở ứng dụng", "vi", "Bước 1 trên 8. Mở ứng dụng"),
        ("Step 3/8", "en", "Step 3 of 8"),
        ("Hôm nay: 04/12/2026", "vi", "Hôm nay: ngày 4 tháng 12 năm 2026"),
        ("Today: 04/12/2026", "en", "Today: 4 December 2026"),
        ("Số căn cước 038******234", "vi", "Số căn cước 0 3 8, các số giữa được che, 2 3 4"),
        ("Giờ hẹn 32/13/2026 không phải ngày", "vi", "Giờ hẹn 32/13/2026 không phải ngày"),
        ("Không có gì đặc biệt.", "vi", "Không có gì đặc biệt."),
    ],
)
def test_speakable(text: str, language: str, spoken: str) -> None:
    assert speakable(text, language) == spoken


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_confirm_and_rating_screens_read_what_they_ask(
    kiosk: Kiosk, make_gui: GuiFactory, qtbot: QtBot
) -> None:
    gui = make_gui(kiosk)
    gui.flow.begin()
    gui.scan_hub.identity_read.emit(BA_TU_CARD)
    s = gui.screens
    qtbot.waitUntil(lambda: gui.shell.current_screen is s.confirm)
    spoken = speakable(s.confirm.speech_text(), "vi")
    assert "Lê Thị Tư" in spoken and "các số giữa được che" in spoken and "1948" in spoken
    rating = s.rating.speech_text()
    assert all(caption in rating for caption in ("Rất không hài lòng", "Rất hài lòng", "Bỏ qua"))
