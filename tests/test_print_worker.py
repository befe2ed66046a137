"""Printing off the GUI thread: the print worker against real CUPS and a real printer port."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from kiosk.devices.printers import PrintDocument, Printer
from kiosk.devices.printers.cups import CupsPrinter
from kiosk.devices.printers.escpos import EscPosPrinter
from kiosk.devices.printers.targets import parse_target
from kiosk.documents.receipt_raster import png_bytes
from kiosk.domain.clock import SystemClock
from kiosk.services.printing import PrintQueue
from kiosk.storage.unit_of_work import Database
from kiosk.ui.print_worker import QUEUE_JOB, PrintController, PrintWorker
from tests import test_printing as cups_support
from tests.test_escpos import PrinterPort, parse_escpos
from tests.test_printing import _output_dir, _run, _wait, receipt_pdf

# Fixtures shared with the CUPS tests: a running cupsd, a cups-pdf queue, a fresh database.
cups, pdf_queue, db = cups_support.cups, cups_support.pdf_queue, cups_support.db

Start = Callable[[Printer], tuple[PrintController, PrintQueue]]


@pytest.fixture
def start_worker(qtbot: QtBot, db: Database) -> Iterator[Start]:
    """Start print workers on ``db``; each must stop cleanly at teardown."""
    controllers: list[PrintController] = []

    def start(printer: Printer) -> tuple[PrintController, PrintQueue]:
        queue = PrintQueue(db, SystemClock(), printer)
        controller = PrintController(PrintWorker(queue, retry_seconds=0.2))
        controllers.append(controller)
        controller.start()
        return controller, queue

    yield start
    for controller in controllers:
        assert controller.stop(), "the print thread did not stop"


def test_a_job_waits_for_the_printer_then_prints_by_itself(
    qtbot: QtBot, pdf_queue: str, start_worker: Start
) -> None:
    out_dir = _output_dir()
    before = set(out_dir.glob("*.pdf")) if out_dir.exists() else set()
    _run("cupsdisable", pdf_queue)
    controller, queue = start_worker(CupsPrinter(pdf_queue))
    waiting: list[int] = []
    controller.queue_changed.connect(waiting.append)

    job_id = queue.enqueue(receipt_pdf(), "Q01-20261123-0017", "80mm")
    with qtbot.waitSignal(controller.job_failed, timeout=10_000) as failed:
        controller.submit(job_id)
    assert failed.args[0] == job_id
    assert failed.args[1].startswith(f"Máy in đang tắt hoặc hết giấy (hàng in '{pdf_queue}'")
    qtbot.waitUntil(lambda: waiting[-1:] == [1], timeout=5_000)

    _run("cupsenable", pdf_queue)  # nobody presses anything: the retry prints it
    with qtbot.waitSignal(controller.job_printed, timeout=10_000) as printed:
        pass
    assert printed.args == [job_id, "Q01-20261123-0017"]
    qtbot.waitUntil(lambda: waiting[-1:] == [0], timeout=5_000)
    assert queue.pending_count() == 0

    _wait(
        "the CUPS job to finish",
        lambda: _run("lpstat", "-o", pdf_queue, check=False).stdout.strip() == "",
        15,
    )
    for path in set(out_dir.glob("Q01-20261123-0017*.pdf")) - before:  # named after the title
        path.unlink()


def test_jobs_left_from_a_previous_run_print_at_start(
    qtbot: QtBot, db: Database, start_worker: Start
) -> None:
    port = PrinterPort()
    try:
        printer = EscPosPrinter(parse_target(port.url))
        earlier = PrintQueue(db, SystemClock(), printer)  # the kiosk before a restart
        slip = png_bytes(Image.new("1", (576, 64), 255))
        first = earlier.enqueue(slip, "Q01-20261123-0001", "80mm")
        second = earlier.enqueue(slip, "Q01-20261123-0002", "80mm")

        printed: list[tuple[int, str]] = []
        controller, _ = start_worker(printer)  # signals reach the GUI thread in its loop
        controller.job_printed.connect(lambda job, receipt: printed.append((job, receipt)))
        qtbot.waitUntil(lambda: len(printed) == 2, timeout=10_000)
        assert printed == [(first, "Q01-20261123-0001"), (second, "Q01-20261123-0002")]
        port.wait_for(2)
        for stream in port.connections:
            image, _ = parse_escpos(stream)
            assert image is not None and image.size == (576, 64)
    finally:
        port.close()


def test_an_idle_worker_stops_at_once(qtbot: QtBot, start_worker: Start) -> None:
    controller, _ = start_worker(EscPosPrinter(parse_target("tcp://127.0.0.1:9")))
    with qtbot.waitSignal(controller.queue_changed, timeout=5_000) as changed:
        pass
    assert changed.args == [0]
    assert controller.stop(timeout_ms=1_000)


class _FailsOnce:
    """A printer route with a bug on its first job (a plain exception, not a KioskError)."""

    def __init__(self, device: Path) -> None:
        self._real = EscPosPrinter(parse_target(str(device)))
        self.calls = 0

    name = "fails-once"
    formats = EscPosPrinter.formats

    def print_document(self, document: PrintDocument) -> None:
        self.calls += 1
        if self.calls == 1:
            raise RuntimeError("a bug")
        self._real.print_document(document)


def test_a_bug_in_a_printer_route_does_not_stop_printing(
    qtbot: QtBot, start_worker: Start, tmp_path: Path
) -> None:
    device = tmp_path / "lp0"
    device.write_bytes(b"")
    printer = _FailsOnce(device)
    controller, queue = start_worker(printer)
    job_id = queue.enqueue(png_bytes(Image.new("1", (576, 32), 255)), "Q01-20261123-0003", "80mm")
    with qtbot.waitSignal(controller.job_failed, timeout=5_000) as failed:
        controller.submit(job_id)
    assert failed.args[0] == QUEUE_JOB and failed.args[1].startswith("Lỗi không mong đợi khi in")
    with qtbot.waitSignal(controller.job_printed, timeout=5_000) as printed:
        pass  # the next retry, on the same thread
    assert printed.args == [job_id, "Q01-20261123-0003"]
    assert device.stat().st_size > 576 // 8 * 32


def test_the_qt_route_paints_on_the_worker_thread(
    qtbot: QtBot, pdf_queue: str, start_worker: Start
) -> None:
    """QPainter on a QPrinter off the GUI thread, through CUPS to a PDF file."""
    from kiosk.devices.printers.qt import QtSystemPrinter

    out_dir = _output_dir()
    before = set(out_dir.glob("*.pdf")) if out_dir.exists() else set()
    controller, queue = start_worker(QtSystemPrinter(pdf_queue))
    slip = Image.new("1", (576, 400), 255)
    slip.paste(0, (100, 100, 476, 300))
    job_id = queue.enqueue(png_bytes(slip), "Q01-20261123-0004", "80mm")
    with qtbot.waitSignal(controller.job_printed, timeout=10_000) as printed:
        controller.submit(job_id)
    assert printed.args == [job_id, "Q01-20261123-0004"]
    _wait(
        "the CUPS job to finish",
        lambda: _run("lpstat", "-o", pdf_queue, check=False).stdout.strip() == "",
        15,
    )

    def new() -> set[Path]:  # cups-pdf names the file after the job's title
        return set(out_dir.glob("Q01-20261123-0004*.pdf")) - before

    _wait("cups-pdf to write the file", lambda: len(new()) == 1)
    for path in new():
        path.unlink()


def test_every_receipt_behind_a_printer_that_is_not_ready_hears_so(
    qtbot: QtBot, start_worker: Start, tmp_path: Path
) -> None:
    """An older receipt stuck at an unplugged printer: the current citizen's receipt, never
    tried, is still reported (its screen would say "Đang in…" for ever otherwise)."""
    controller, queue = start_worker(EscPosPrinter(parse_target(str(tmp_path / "unplugged"))))
    slip = png_bytes(Image.new("1", (576, 32), 255))
    failed: list[tuple[int, str]] = []
    controller.job_failed.connect(lambda job, message: failed.append((job, message)))
    older = queue.enqueue(slip, "Q01-20261123-0005", "80mm")
    current = queue.enqueue(slip, "Q01-20261123-0006", "80mm")
    controller.submit(current)
    qtbot.waitUntil(lambda: {job for job, _ in failed} >= {older, current}, timeout=5_000)
    reasons = {message for _, message in failed}
    assert len(reasons) == 1 and "chưa cắm cáp USB" in reasons.pop()
