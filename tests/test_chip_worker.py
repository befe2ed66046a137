"""The chip worker's watch over PC/SC when the service or the reader comes and goes, and
the face panel's decoders.

pcscd cannot be stopped or its virtual reader unplugged under the other tests' feet (one
pcscd serves every test process), so here the PC/SC edge is faked: which readers
``kiosk.devices.chip_reader`` lists and what lies in them. The worker, its thread and the
window are the product's. Reading a real (emulated) card is tests/test_chip_gui.py's.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.devices import chip_reader
from kiosk.services.chip.datagroups import JP2_START
from kiosk.ui.chip_flow import NO_READER_LINE
from kiosk.ui.chip_worker import (
    ABSENT,
    CARD,
    NEEDS_KEY,
    PLACE_CARD,
    READY,
    ChipController,
    ChipWorker,
)
from kiosk.ui.screens.chip_panel import FACE_HEIGHT, ChipPanel
from tests.conftest import GuiFactory

READER = "ACS ACR1252 1S CL Reader PICC 00 00"


class FakePcsc:
    """What PC/SC reports: the service up or down, the readers plugged in, the card."""

    def __init__(self) -> None:
        self.service = True
        self.readers: list[str] = []
        self.card = "empty"

    def list_readers(self) -> list[str]:
        if not self.service:
            raise chip_reader.ChipReaderError(chip_reader.PCSC_UNAVAILABLE, detail="fake: down")
        return list(self.readers)

    def card_state(self, reader: str) -> str:
        return self.card if self.service and reader in self.readers else "unknown"


@pytest.fixture
def pcsc(monkeypatch: pytest.MonkeyPatch) -> FakePcsc:
    fake = FakePcsc()
    monkeypatch.setattr(chip_reader, "list_readers", fake.list_readers)
    monkeypatch.setattr(chip_reader, "card_state", fake.card_state)
    return fake


def test_the_worker_follows_the_service_and_a_reader_unplugged_and_back(
    pcsc: FakePcsc, qtbot: QtBot
) -> None:
    pcsc.service = False
    controller = ChipController(ChipWorker(None, absent_retry_s=0.02, poll_s=0.02))
    said: list[tuple[str, str]] = []
    controller.status.connect(lambda state, message: said.append((state, message)))

    def now(state: str, message: str) -> None:
        qtbot.waitUntil(lambda: bool(said) and said[-1] == (state, message), timeout=5_000)

    controller.start()
    try:
        now(ABSENT, chip_reader.PCSC_UNAVAILABLE)
        pcsc.service = True  # pcscd started: still no reader
        now(ABSENT, chip_reader.NO_READER)
        pcsc.readers = [READER]  # plugged in
        now(READY, PLACE_CARD)
        pcsc.card = "card"
        now(CARD, NEEDS_KEY)
        pcsc.readers = []  # unplugged with the card on it
        now(ABSENT, chip_reader.NO_READER)
        pcsc.card = "empty"
        pcsc.readers = [READER]  # and back
        now(READY, PLACE_CARD)
    finally:
        assert controller.stop(2_000)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_no_pcsc_service_leaves_a_quiet_line_and_the_qr_paths(
    pcsc: FakePcsc, kiosk: Kiosk, make_gui: GuiFactory, qtbot: QtBot
) -> None:
    pcsc.service = False
    gui = make_gui(kiosk)
    scan = gui.screens.scan
    gui.flow.begin()
    qtbot.waitUntil(lambda: scan.chip_status.text() == NO_READER_LINE, timeout=5_000)
    assert scan.chip_status.isVisible() and not scan.chip.isVisible()
    assert not gui.shell.banner.isVisible()  # no error box
    assert scan.manual.isVisible() and scan.anonymous.isVisible()


def test_a_jpeg_2000_face_shows_and_one_no_decoder_reads_says_so(qtbot: QtBot) -> None:
    """Qt's wheels read no JPEG 2000 (no jp2 image plugin), so the panel goes through
    Pillow; bytes nothing decodes leave a line for the volunteer, not a blank."""
    panel = ChipPanel()
    qtbot.addWidget(panel)
    out = io.BytesIO()
    Image.new("RGB", (120, 160), (180, 120, 90)).save(out, "JPEG2000")
    panel.show_face("jp2", out.getvalue())
    assert panel.face.pixmap().height() == FACE_HEIGHT and panel.face.text() == ""
    panel.show_face("jp2", JP2_START + b"not an image")
    assert panel.face.pixmap().isNull()
    assert panel.face.text() == "Không hiển thị được ảnh trong chip trên máy này."
    panel.clear()
    assert panel.face.pixmap().isNull() and panel.isHidden()
