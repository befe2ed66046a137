"""The serial scanner's worker thread end to end on pyserial's real ``loop://`` port."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import serial
from pytestqt.qtbot import QtBot

from kiosk.devices.serial_scanner import SerialScanner
from kiosk.domain.clock import FixedClock
from kiosk.services.identity import CitizenIdentity
from kiosk.ui.scan_worker import ScanController
from kiosk.ui.serial_worker import SerialScanWorker
from tests.factories import NHUNG

PAYLOAD = (
    f"{NHUNG.id_number}||{NHUNG.full_name}|15081998|Nữ|Số 12 Hàng Bạc, Hoàn Kiếm, Hà Nội|20042021"
)
Start = Callable[[SerialScanner], ScanController]


@pytest.fixture
def start(clock: FixedClock) -> Iterator[Start]:
    controllers: list[ScanController] = []

    def run(scanner: SerialScanner) -> ScanController:
        controller = ScanController(SerialScanWorker(scanner, clock, reconnect_seconds=0.05))
        controllers.append(controller)
        controller.start()
        return controller

    yield run
    for controller in controllers:
        assert controller.stop(), "the serial thread did not stop"


def test_scan_on_the_serial_port_reads_the_citizen(start: Start, qtbot: QtBot) -> None:
    port = serial.serial_for_url("loop://", timeout=0)
    controller = start(SerialScanner("loop://", opener=lambda _url, _baud: port))
    with qtbot.waitSignal(controller.camera_status, timeout=5_000):
        pass
    with qtbot.waitSignal(controller.identity_read, timeout=5_000) as blocker:
        port.write(PAYLOAD.encode() + b"\r\n")
    identity = blocker.args[0]
    assert isinstance(identity, CitizenIdentity)
    assert identity.full_name == "Nguyễn Thị Hồng Nhung"
    with qtbot.waitSignal(controller.scan_rejected, timeout=5_000) as rejected:
        port.write(b"https://dichvucong.gov.vn/\r\n")
    assert "địa chỉ web" in rejected.args[0] or "trang web" in rejected.args[0]


def test_missing_port_is_reported_and_retried(start: Start, qtbot: QtBot) -> None:
    scanner = SerialScanner("/dev/ttyKIOSK-missing")
    controller = start(scanner)
    statuses: list[tuple[bool, str]] = []
    controller.camera_status.connect(lambda ok, message: statuses.append((ok, message)))
    qtbot.waitUntil(lambda: len(statuses) >= 2, timeout=5_000)
    assert all(not ok for ok, _ in statuses)
    assert "máy quét" in statuses[0][1].lower()
