"""Handheld 2D scanner in serial (USB-COM) mode: pyserial's real ``loop://`` port, no mocks."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import date

import pytest
import serial

from kiosk.devices.serial_scanner import (
    Framer,
    ScannerUnavailableError,
    SerialPort,
    SerialScanner,
)
from kiosk.services.identity import FEMALE, parse_id_payload
from tests.factories import NHUNG

TODAY = date(2026, 11, 23)
# NHUNG's card (Hà Nội 001, woman born 1998); DOMAIN.md §2 shape, synthetic person.
PAYLOAD = (
    f"{NHUNG.id_number}||{NHUNG.full_name}|15081998|Nữ|Số 12 Hàng Bạc, Hoàn Kiếm, Hà Nội|20042021"
)


@pytest.fixture
def loop() -> Iterator[SerialPort]:
    port: SerialPort = serial.serial_for_url("loop://", timeout=0)
    yield port
    port.close()


def scanner_on(
    port: SerialPort, *, suffix: bytes | None = None, idle_gap_s: float = 0.15
) -> SerialScanner:
    """A scanner reading ``port`` (pyserial's loopback) instead of opening a device."""
    scanner = SerialScanner(
        "loop://", suffix=suffix, idle_gap_s=idle_gap_s, opener=lambda _url, _baud: port
    )
    scanner.open()
    return scanner


def test_payload_in_two_chunks_arrives_intact_and_parses(loop: serial.Serial) -> None:
    data = PAYLOAD.encode()
    cut = data.index("ễ".encode()) + 1  # inside a multi-byte letter, as USB packets may split
    scanner = scanner_on(loop)

    def scanner_sends() -> None:
        loop.write(data[:cut])
        time.sleep(0.02)
        loop.write(data[cut:] + b"\r\n")

    sender = threading.Thread(target=scanner_sends)
    sender.start()
    raw = scanner.read_payload(timeout_s=2)
    sender.join()

    assert raw == data
    citizen = parse_id_payload(raw, today=TODAY)
    assert citizen.full_name == "Nguyễn Thị Hồng Nhung"
    assert citizen.id_number == "001198012345"
    assert citizen.gender == FEMALE
    assert scanner.read_payload(timeout_s=0.05) is None  # CRLF made one payload, not two
    scanner.close()
    scanner.close()


def test_several_payloads_in_one_read_come_one_at_a_time(loop: serial.Serial) -> None:
    scanner = scanner_on(loop)
    loop.write(b"first\rsecond\nthird\r\n")
    assert [scanner.read_payload(0.5) for _ in range(3)] == [b"first", b"second", b"third"]


def test_idle_gap_ends_a_payload_without_suffix(loop: serial.Serial) -> None:
    scanner = scanner_on(loop, suffix=b"", idle_gap_s=0.03)
    loop.write(PAYLOAD.encode())
    assert scanner.read_payload(timeout_s=1) == PAYLOAD.encode()


def test_nothing_scanned_times_out(loop: serial.Serial) -> None:
    scanner = scanner_on(loop, idle_gap_s=0.01)
    assert scanner.read_payload(timeout_s=0.05) is None


@pytest.mark.parametrize("port", ["/dev/ttyACM-quay-so-missing", "COM99"])
def test_missing_port_is_named_in_vietnamese(port: str) -> None:
    with pytest.raises(ScannerUnavailableError) as caught:
        SerialScanner(port).open()
    assert "máy quét cầm tay" in caught.value.message
    assert "cổng COM" in caught.value.message
    assert port in caught.value.detail


def test_unplugged_while_reading(loop: serial.Serial) -> None:
    scanner = scanner_on(loop)
    loop.close()
    with pytest.raises(ScannerUnavailableError) as caught:
        scanner.read_payload(timeout_s=0.1)
    assert "Mất kết nối" in caught.value.message
    assert not scanner.is_open


def test_reading_a_closed_scanner_is_refused() -> None:
    with pytest.raises(ScannerUnavailableError):
        SerialScanner("loop://").read_payload(0)


@pytest.mark.parametrize(
    ("suffix", "stream", "frames", "pending"),
    [
        (None, b"a\r\nb\rc\nd", [b"a", b"b", b"c"], True),
        (None, b"\r\n\r\n", [], False),
        (b"\x03", b"x\ry\x03z", [b"x\ry"], True),
        (b"\r\n", b"a\rb\r\n", [b"a\rb"], False),
        (b"", b"a\r\n", [], True),
    ],
)
def test_framer(suffix: bytes | None, stream: bytes, frames: list[bytes], pending: bool) -> None:
    framer = Framer(suffix)
    assert framer.feed(stream) == frames
    assert framer.pending is pending


def test_framer_drops_line_noise_without_suffix() -> None:
    framer = Framer(max_bytes=16)
    assert framer.feed(b"x" * 17) == []
    assert not framer.pending
    assert framer.flush() is None
