"""Raw ESC/POS printing against real sinks: a TCP printer port, a pty, a device file.

Nothing of ours is mocked: :class:`PrinterPort` is a TCP server thread that keeps every byte
it receives and answers the paper-sensor query like a printer; the test's own decoder
(:func:`parse_escpos`) reads the stream back into an image, compared with the raster and
read by the project's QR decoders.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from sqlalchemy import delete

from kiosk.app import Kiosk
from kiosk.cli import main
from kiosk.devices.printers import DocumentRejectedError, PrintDocument, PrinterUnavailableError
from kiosk.devices.printers.escpos import PAPER_STATUS, EscPosPrinter, paper_out, raster_commands
from kiosk.devices.printers.targets import DeviceTarget, parse_target
from kiosk.documents.receipt_raster import png_bytes, render_receipt_image
from kiosk.domain.clock import FixedClock
from kiosk.domain.values import TransactionRecord
from kiosk.services.printing import DONE, FAILED, QUEUED, PrintQueue
from kiosk.storage.models import PrintJob
from tests import test_printing_raster as receipts
from tests.conftest import START
from tests.test_printing_raster import CENTRE, DOSSIER, qr_payloads

receipt_kiosk, record = receipts.receipt_kiosk, receipts.record  # module-scoped fixtures

PAPER_OK, PAPER_END = 0x12, 0x72  # DLE EOT 4 replies: roll present / roll empty


# -- a decoder of our own, as a printer would read the stream ---------------------------------


def parse_escpos(stream: bytes) -> tuple[Image.Image | None, list[str]]:
    """The raster image printed by ``stream`` and the commands in order; fails on anything
    that is not ESC @, DLE EOT n, GS v 0 or GS V."""
    commands: list[str] = []
    width_bytes, rows, data = 0, 0, bytearray()
    i = 0
    while i < len(stream):
        if stream.startswith(b"\x1b@", i):
            commands.append("ESC @")
            i += 2
        elif stream.startswith(b"\x10\x04", i):
            commands.append(f"DLE EOT {stream[i + 2]}")
            i += 3
        elif stream.startswith(b"\x1dv0", i):
            mode, x_low, x_high, y_low, y_high = stream[i + 3 : i + 8]
            assert mode == 0
            x, y = x_low + 256 * x_high, y_low + 256 * y_high
            assert 1 <= x <= 128 and 1 <= y <= 255, (x, y)
            assert width_bytes in (0, x), "every band has the same width"
            band = stream[i + 8 : i + 8 + x * y]
            assert len(band) == x * y, "band cut short"
            width_bytes, rows = x, rows + y
            data += band
            commands.append(f"GS v 0 {x}x{y}")
            i += 8 + x * y
        elif stream.startswith(b"\x1dV", i):
            function = stream[i + 2]
            commands.append(f"GS V {function}" + (f" {stream[i + 3]}" if function >= 65 else ""))
            i += 4 if function >= 65 else 3
        else:
            raise AssertionError(f"unexpected byte 0x{stream[i]:02x} at {i}")
    if not rows:
        return None, commands
    # 1 = burn = black: Pillow's "1;I" raw mode reads exactly that.
    image = Image.frombytes("1", (width_bytes * 8, rows), bytes(data), "raw", "1;I")
    return image, commands


# -- real sinks -------------------------------------------------------------------------------


class PrinterPort:
    """A network thermal printer's raw port, as far as the bytes go (a thread on 127.0.0.1)."""

    def __init__(self, port: int = 0, *, paper: int | None = PAPER_OK) -> None:
        self.server = socket.create_server(("127.0.0.1", port))
        self.server.settimeout(0.05)
        self.port = self.server.getsockname()[1]
        self.paper = paper
        self.connections: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.server.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(5)
                received = bytearray()
                while chunk := connection.recv(65536):
                    received += chunk
                    if received == PAPER_STATUS and self.paper is not None:
                        connection.sendall(bytes([self.paper]))  # at once, like the real thing
                self.connections.append(bytes(received))

    def wait_for(self, count: int, seconds: float = 5.0) -> None:
        deadline = time.monotonic() + seconds
        while len(self.connections) < count:
            assert time.monotonic() < deadline, "the printer port received nothing"
            time.sleep(0.01)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.server.close()


@pytest.fixture
def printer_port() -> Iterator[PrinterPort]:
    port = PrinterPort()
    yield port
    port.close()


def _free_port() -> int:
    """A port nobody listens on (connections to it are refused)."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return int(probe.getsockname()[1])


@pytest.fixture
def raster(receipt_kiosk: Kiosk, record: TransactionRecord) -> Image.Image:
    return render_receipt_image(record, centre=CENTRE, catalogue=receipt_kiosk.catalogue)


@pytest.fixture(autouse=True)
def empty_print_queue(receipt_kiosk: Kiosk) -> Iterator[None]:
    """Each test starts with no print jobs in the module's database."""
    yield
    with receipt_kiosk.db.unit_of_work() as uow:
        uow.session.execute(delete(PrintJob))
        uow.commit()


# -- encoding ---------------------------------------------------------------------------------


def test_the_receipt_raster_survives_the_escpos_stream(
    raster: Image.Image, record: TransactionRecord
) -> None:
    job = raster_commands(raster)
    assert raster.size[0] == 576
    bands = -(-raster.height // 255)
    assert len(job) == 2 + bands * 8 + 72 * raster.height + 4  # ESC @, headers, rows, cut
    image, commands = parse_escpos(job)
    assert commands[0] == "ESC @" and commands[-1] == "GS V 66 0"
    assert commands[1:-1] == [
        f"GS v 0 72x{min(255, raster.height - 255 * n)}" for n in range(bands)
    ]
    assert image is not None and image.size == raster.size
    assert image.tobytes() == raster.tobytes()
    [payload] = qr_payloads(image)
    assert payload.split("|")[0] == record.receipt_no


@settings(max_examples=40, deadline=None)
@given(
    width=st.integers(1, 300),
    height=st.integers(1, 600),
    band_rows=st.integers(1, 255),
    seed=st.binary(min_size=1, max_size=64),
)
def test_any_image_round_trips(width: int, height: int, band_rows: int, seed: bytes) -> None:
    noise = (seed * (width * height // len(seed) + 1))[: width * height]
    image = Image.frombytes("L", (width, height), noise).point(lambda v: 255 * (v > 127), "1")
    decoded, commands = parse_escpos(raster_commands(image, band_rows=band_rows, cut=False))
    assert decoded is not None
    assert decoded.width == -(-width // 8) * 8 and decoded.height == height
    assert decoded.crop((0, 0, width, height)).tobytes() == image.tobytes()
    if width % 8:  # the padding is white
        assert decoded.crop((width, 0, decoded.width, height)).getextrema() == (255, 255)
    assert len(commands) == 1 + -(-height // band_rows)


def test_too_wide_an_image_is_refused() -> None:
    with pytest.raises(ValueError, match="8–1024"):
        raster_commands(Image.new("1", (1025, 10), 1))


def test_paper_sensor_replies() -> None:
    assert paper_out(PAPER_OK) is False
    assert paper_out(PAPER_OK | 0x0C) is False  # near the end still prints
    assert paper_out(PAPER_END) is True
    assert paper_out(0x00) is None  # not a DLE EOT reply


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tcp://192.168.1.50:9100", DeviceTarget("tcp", "192.168.1.50", port=9100)),
        ("tcp://printer.local", DeviceTarget("tcp", "printer.local", port=9100)),
        ("tcp://[fe80::1]:9101", DeviceTarget("tcp", "fe80::1", port=9101)),
        ("/dev/usb/lp0", DeviceTarget("file", "/dev/usb/lp0")),
        ("file:/dev/usb/lp1", DeviceTarget("file", "/dev/usb/lp1")),
        ("serial:/dev/ttyUSB0?baud=19200", DeviceTarget("serial", "/dev/ttyUSB0", baudrate=19200)),
        ("serial:COM3?baud=115200&rtscts=1", DeviceTarget("serial", "COM3", 9100, 115200, True)),
        ("serial:/dev/ttyS0", DeviceTarget("serial", "/dev/ttyS0", baudrate=19200)),
    ],
)
def test_device_targets(text: str, expected: DeviceTarget) -> None:
    assert parse_target(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tcp://", "phải có tên"),
        ("tcp://host:99999", "cổng TCP không hợp lệ"),
        ("tcp://host:abc", "cổng TCP không hợp lệ"),
        ("serial:", "phải có tên cổng"),
        ("serial:/dev/ttyUSB0?baud=12", "tốc độ baud"),
        ("serial:/dev/ttyUSB0?parity=E", "không hỗ trợ: parity"),
        ("serial:/dev/ttyUSB0?rtscts=maybe", "rtscts"),
        ("http://printer/", "phải là tcp://"),
    ],
)
def test_bad_device_targets_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_target(text)


# -- printing to real sinks -------------------------------------------------------------------


def test_a_refused_port_keeps_the_job_until_the_printer_is_up(
    receipt_kiosk: Kiosk, record: TransactionRecord
) -> None:
    port = _free_port()
    printer = EscPosPrinter(parse_target(f"tcp://127.0.0.1:{port}"))
    queue = PrintQueue(receipt_kiosk.db, FixedClock(START), printer)
    job_id = queue.enqueue_receipt(
        record, centre=CENTRE, catalogue=receipt_kiosk.catalogue, paper="80mm"
    )
    [tried] = queue.process()
    assert (tried.id, tried.status, tried.attempts) == (job_id, QUEUED, 1)
    assert tried.last_error is not None
    assert tried.last_error.startswith("Không kết nối được máy in nhiệt ở 127.0.0.1:")
    assert queue.pending_count() == 1

    sink = PrinterPort(port)  # the printer is switched on
    try:
        [printed] = queue.process()
        assert (printed.id, printed.status, printed.attempts) == (job_id, DONE, 2)
        sink.wait_for(1)
    finally:
        sink.close()
    [stream] = sink.connections
    assert stream.startswith(PAPER_STATUS)
    image, commands = parse_escpos(stream)
    assert commands[:2] == ["DLE EOT 4", "ESC @"] and commands[-1] == "GS V 66 0"
    expected = render_receipt_image(record, centre=CENTRE, catalogue=receipt_kiosk.catalogue)
    assert image is not None and image.tobytes() == expected.tobytes()
    assert qr_payloads(image) == [f"{record.receipt_no}|{DOSSIER}"]
    assert queue.pending_count() == 0


def test_a_printer_out_of_paper_gets_nothing_and_keeps_the_job(
    receipt_kiosk: Kiosk, raster: Image.Image
) -> None:
    sink = PrinterPort(paper=PAPER_END)
    try:
        queue = PrintQueue(
            receipt_kiosk.db, FixedClock(START), EscPosPrinter(parse_target(sink.url))
        )
        queue.enqueue(png_bytes(raster), "Q01-20261123-0001", "80mm")
        [job] = queue.process()
        sink.wait_for(1)
    finally:
        sink.close()
    assert job.status == QUEUED
    assert job.last_error is not None and "hết giấy" in job.last_error
    assert sink.connections == [PAPER_STATUS]  # asked, then nothing sent


def test_a_printer_that_does_not_report_its_paper_still_prints(raster: Image.Image) -> None:
    sink = PrinterPort(paper=None)  # many cheap printers ignore DLE EOT
    try:
        started = time.monotonic()
        EscPosPrinter(parse_target(sink.url)).print_document(
            PrintDocument(png_bytes(raster), "80mm", "Q01-20261123-0001")
        )
        sink.wait_for(1)
    finally:
        sink.close()
    assert 0.4 < time.monotonic() - started < 3  # half a second of waiting for an answer
    image, _ = parse_escpos(sink.connections[0])
    assert image is not None and image.tobytes() == raster.tobytes()


def test_a_pdf_job_cannot_go_to_a_thermal_printer(
    receipt_kiosk: Kiosk, printer_port: PrinterPort
) -> None:
    printer = EscPosPrinter(parse_target(printer_port.url))
    queue = PrintQueue(receipt_kiosk.db, FixedClock(START), printer)
    queue.enqueue(b"%PDF-1.4 left from the CUPS days", "Q01-20261123-0002", "80mm")
    [job] = queue.process()
    assert job.status == FAILED
    assert job.last_error is not None and "loại máy in khác (PDF)" in job.last_error
    assert printer_port.connections == []


def test_a_device_file_gets_the_job(raster: Image.Image, tmp_path: Path) -> None:
    device = tmp_path / "lp0"
    device.write_bytes(b"")  # the node usblp creates when the printer is plugged in
    printer = EscPosPrinter(parse_target(f"file:{device}"))
    printer.print_document(PrintDocument(png_bytes(raster), "80mm", "Q01-20261123-0001"))
    image, _ = parse_escpos(device.read_bytes())
    assert image is not None and image.tobytes() == raster.tobytes()


def test_an_unplugged_usb_printer_is_reported_and_no_file_is_created(
    raster: Image.Image, tmp_path: Path
) -> None:
    device = tmp_path / "usb" / "lp0"
    device.parent.mkdir()
    printer = EscPosPrinter(parse_target(str(device)))
    with pytest.raises(PrinterUnavailableError, match="chưa cắm cáp USB"):
        printer.print_document(PrintDocument(png_bytes(raster), "80mm", "x"))
    assert not device.exists()
    fifo = tmp_path / "fifo"  # a device node whose driver is gone: nobody reads
    os.mkfifo(fifo)
    with pytest.raises(PrinterUnavailableError, match="chưa cắm cáp USB"):
        EscPosPrinter(parse_target(str(fifo))).send(b"\x1b@")


def test_a_serial_printer_gets_the_job(raster: Image.Image) -> None:
    controller, attached = os.openpty()  # the printer's end, and the port the kiosk opens
    received = bytearray()

    def printer_side() -> None:
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # EIO: the kiosk closed the port
                return
            if not chunk:
                return
            received.extend(chunk)
            if bytes(received) == PAPER_STATUS:
                os.write(controller, bytes([PAPER_OK]))

    reader = threading.Thread(target=printer_side, daemon=True)
    reader.start()
    try:
        target = parse_target(f"serial:{os.ttyname(attached)}?baud=115200")
        job = PrintDocument(png_bytes(raster), "80mm", "Q01-20261123-0001")
        EscPosPrinter(target).print_document(job)
        expected = len(PAPER_STATUS) + len(raster_commands(raster))
        deadline = time.monotonic() + 5
        while len(received) < expected and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        os.close(attached)
        reader.join(5)
        os.close(controller)
    image, commands = parse_escpos(bytes(received))
    assert commands[0] == "DLE EOT 4"
    assert image is not None and image.tobytes() == raster.tobytes()


def test_a_missing_serial_port_is_reported(raster: Image.Image) -> None:
    printer = EscPosPrinter(parse_target("serial:/dev/ttyKIOSKNONE?baud=19200"))
    with pytest.raises(PrinterUnavailableError, match="Không mở được cổng /dev/ttyKIOSKNONE"):
        printer.print_document(PrintDocument(png_bytes(raster), "80mm", "x"))


def test_a_broken_raster_is_reported(printer_port: PrinterPort) -> None:
    printer = EscPosPrinter(parse_target(printer_port.url))
    with pytest.raises(DocumentRejectedError, match="bị hỏng"):
        printer.print_document(PrintDocument(b"\x89PNG\r\n\x1a\nnot really", "80mm", "x"))


def test_cli_prints_through_escpos(
    printer_port: PrinterPort,
    raster: Image.Image,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = f"sqlite:///{tmp_path / 'data' / 'kiosk.sqlite3'}"
    monkeypatch.setenv("KIOSK_DATABASE_URL", url)
    monkeypatch.setenv("KIOSK_PRINT_BACKEND", "escpos")
    monkeypatch.setenv("KIOSK_PRINT_DEVICE", printer_port.url)
    assert main(["print-queue", "list"]) == 0
    from kiosk.storage.database import create_kiosk_engine
    from kiosk.storage.unit_of_work import Database

    database = Database(create_kiosk_engine(url))
    try:
        printer = EscPosPrinter(parse_target(printer_port.url))
        PrintQueue(database, FixedClock(START), printer).enqueue(
            png_bytes(raster), "Q01-20261123-0009", "80mm"
        )
    finally:
        database.dispose()
    capsys.readouterr()
    assert main(["print-queue", "retry"]) == 0
    assert "Q01-20261123-0009: đã in" in capsys.readouterr().out
    printer_port.wait_for(1)
    image, _ = parse_escpos(printer_port.connections[0])
    assert image is not None and image.tobytes() == raster.tobytes()


def test_escpos_settings_name_the_key(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KIOSK_PRINT_BACKEND", "escpos")
    assert main(["print-queue", "list"]) == 2
    assert "'printing.device'" in capsys.readouterr().err  # required for escpos
    monkeypatch.setenv("KIOSK_PRINT_DEVICE", "http://printer")
    assert main(["print-queue", "list"]) == 2
    assert "'printing.device' phải là tcp://" in capsys.readouterr().err
    monkeypatch.setenv("KIOSK_PRINT_DEVICE", "/dev/usb/lp0")
    monkeypatch.setenv("KIOSK_PAPER", "a5")
    assert main(["print-queue", "list"]) == 2
    assert "'printing.paper'" in capsys.readouterr().err
    monkeypatch.setenv("KIOSK_PRINT_BACKEND", "laser")
    assert main(["print-queue", "list"]) == 2
    assert "'printing.backend' phải là một trong: cups, qt, escpos" in capsys.readouterr().err
