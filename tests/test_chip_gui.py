"""The chip read in the real kiosk window: the emulated card (tests/chip_card.py) on pcscd's
virtual reader, the kiosk's chip worker reading it as it reads a real card, the volunteer
typing on the touch keypad. Only the card is an emulator; pcscd, pyscard and the window are
the product's."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.devices.chip_reader import CARD_REMOVED
from kiosk.services.chip.session import ACCESS_DENIED
from kiosk.services.identity import CitizenIdentity
from kiosk.services.identity.model import SOURCE_CHIP
from kiosk.ui.chip_worker import TRY_AGAIN
from kiosk.ui.main_window import KioskGui
from kiosk.ui.screens.chip_key import ChipKeyPage
from tests.chip_documents import Pki, issue_card
from tests.conftest import GuiFactory
from tests.test_chip_pcsc import CITIZEN, InsertCard, insert_card, pcscd, pki

__all__ = ["insert_card", "pcscd", "pki"]  # the fixtures, shared with test_chip_pcsc
pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

READ_SECONDS = 30_000  # ms: a loaded CI machine reads the emulated chip in a few seconds


@pytest.fixture
def csca_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pki: Pki) -> Path:
    """The test CSCA as the kiosk's [chip] csca_store (asked for before the kiosk)."""
    store = tmp_path / "csca"
    store.mkdir()
    (store / "vn.pem").write_bytes(pki.csca.public_bytes(serialization.Encoding.PEM))
    monkeypatch.setenv("KIOSK_CSCA_STORE", str(store))
    return store


@pytest.fixture
def gui(csca_store: Path, kiosk: Kiosk, make_gui: GuiFactory) -> Iterator[KioskGui]:
    """The kiosk window, no camera: the chip reader is its only ID source."""
    yield make_gui(kiosk)


def tap(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def type_in(qtbot: QtBot, page: ChipKeyPage, field: QLineEdit, text: str) -> None:
    """Touch ``field`` and type ``text`` on the page's keypad."""
    tap(qtbot, field)
    field.clear()
    for char in text:
        tap(qtbot, page.keypad.key(char))
    assert field.text() == text


def to_key_page(qtbot: QtBot, gui: KioskGui) -> ChipKeyPage:
    """Start a visit and open the chip's key page once the reader is found."""
    scan = gui.screens.scan
    gui.flow.begin()
    qtbot.waitUntil(scan.chip.isVisible, timeout=10_000)
    tap(qtbot, scan.chip)
    assert scan.on_key_page
    return scan.key_page


def type_key(qtbot: QtBot, page: ChipKeyPage, number: str = CITIZEN.id_number) -> None:
    type_in(qtbot, page, page.number, number)
    type_in(qtbot, page, page.birth, "15/03/1992")
    type_in(qtbot, page, page.expiry, "15/03/2032")
    tap(qtbot, page.read)


def confirmed(qtbot: QtBot, gui: KioskGui) -> None:
    qtbot.waitUntil(lambda: gui.shell.current_screen is gui.screens.confirm, timeout=READ_SECONDS)


def test_a_chip_read_fills_the_confirm_screen_verified_with_the_face(
    gui: KioskGui, insert_card: InsertCard, pki: Pki, qtbot: QtBot
) -> None:
    card = issue_card(CITIZEN, pki, with_dg14_15=True)  # DG15: active authentication too
    insert_card(card).close()  # the kiosk's worker connects on its own
    page = to_key_page(qtbot, gui)
    type_key(qtbot, page)
    confirmed(qtbot, gui)
    confirm = gui.screens.confirm
    assert confirm.values[0].text() == "Trần Thị Hồng Nhung"
    assert confirm.values[1].text() == "079******321" and confirm.values[2].text() == "1992"
    assert confirm.chip.isVisible() and confirm.chip.verdict.text().startswith("Đã xác thực")
    assert confirm.chip.chip_check.text().startswith("Chip thật")
    face = confirm.chip.face.pixmap()
    assert confirm.chip.face.isVisible() and not face.isNull() and face.height() > 100
    assert not confirm.verify_chip.isVisible()  # already the chip's
    session = gui.flow.session
    assert session is not None and session.identity is not None
    assert session.identity.source == SOURCE_CHIP and session.identity.verified
    assert not gui.scan_hub.running  # the reader is let go with the camera
    tap(qtbot, confirm.rescan)  # "Quét lại": the face goes with the rest
    assert confirm.chip.face.pixmap().isNull() and not confirm.chip.isVisible()


def test_a_refused_key_asks_for_the_mrz_number_then_reads(
    gui: KioskGui, insert_card: InsertCard, pki: Pki, qtbot: QtBot
) -> None:
    insert_card(issue_card(CITIZEN, pki)).close()
    page = to_key_page(qtbot, gui)
    type_key(qtbot, page, number="079192004322")  # one digit off: the chip says no
    qtbot.waitUntil(page.error.isVisible, timeout=READ_SECONDS)
    assert ACCESS_DENIED in page.error.text() and "IDVNM" in page.error.text()
    assert "MRZ" in page.captions[0].text() and page.number.text() == ""
    qtbot.waitUntil(lambda: page.status.text() == TRY_AGAIN)  # no longer "Đang đọc chip…"
    assert gui.shell.current_screen is gui.screens.scan
    type_in(qtbot, page, page.number, CITIZEN.document_number)  # as the MRZ prints it
    tap(qtbot, page.read)
    confirmed(qtbot, gui)
    assert gui.screens.confirm.values[0].text() == "Trần Thị Hồng Nhung"


def test_a_card_pulled_out_mid_read_says_so_and_records_nothing(
    gui: KioskGui, kiosk: Kiosk, insert_card: InsertCard, pki: Pki, qtbot: QtBot
) -> None:
    insert_card(issue_card(CITIZEN, pki), pull_after=40).close()  # gone inside DG2
    page = to_key_page(qtbot, gui)
    type_key(qtbot, page)
    qtbot.waitUntil(lambda: CARD_REMOVED in page.error.text(), timeout=READ_SECONDS)
    assert gui.shell.current_screen is gui.screens.scan and page.error.isVisible()
    session = gui.flow.session
    assert session is not None and session.identity is None
    assert gui.screens.confirm.values[0].text() == ""
    gui.flow.end_visit()
    assert kiosk.transactions.list_day() == [] and kiosk.transactions.list_unfinished() == []


def test_a_qr_that_disagrees_with_the_verified_chip_is_named(
    gui: KioskGui, insert_card: InsertCard, pki: Pki, qtbot: QtBot
) -> None:
    """After a QR read, "Đọc chip để xác thực" needs nothing typed: the number and birth
    date come from the QR, the expiry from the issue date (Law 26/2023, art. 21)."""
    insert_card(issue_card(CITIZEN, pki)).close()
    scan, confirm = gui.screens.scan, gui.screens.confirm
    gui.flow.begin()
    qtbot.waitUntil(scan.chip.isVisible, timeout=10_000)
    qr = CitizenIdentity("079192004321", None, "Trần Thị Hồng Nhàn", date(1992, 3, 15), "Nữ",
                         issue_date=date(2021, 7, 1))  # fmt: skip
    gui.flow.take_identity(qr)
    assert confirm.values[0].text() == "Trần Thị Hồng Nhàn"
    tap(qtbot, confirm.verify_chip)
    assert gui.shell.current_screen is scan and scan.key_page.expiry.text() == "15/03/2032"
    confirmed(qtbot, gui)
    assert confirm.values[0].text() == "Trần Thị Hồng Nhung"  # the verified chip wins
    assert "khác nhau ở: họ và tên" in confirm.chip.note.text() and confirm.chip.note.isVisible()
    assert confirm.chip.verdict.text().startswith("Đã xác thực")
    assert not confirm.chip.chip_check.isVisible()  # no DG15 on this card: nothing to say
