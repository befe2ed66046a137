"""The Qt print route (QPrinter + QPainter) against the real CUPS PDF printer.

The receipt raster goes through Qt's CUPS backend to cups-pdf; the PDF that comes out is
measured (paper size) and rendered back at 203 dpi, and its QR code read, as a phone would.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.devices.printers import PrintDocument, PrinterUnavailableError
from kiosk.devices.printers.qt import QtSystemPrinter, page_slices
from kiosk.documents.receipt_raster import png_bytes, render_receipt_image
from kiosk.domain.clock import FixedClock
from kiosk.domain.values import TransactionRecord
from kiosk.services.printing import DONE, QUEUED, PrintQueue
from tests import test_printing as cups_support
from tests import test_printing_raster as receipts
from tests.conftest import START
from tests.test_printing import _output_dir, _run, _wait
from tests.test_printing_raster import CENTRE, DOSSIER, qr_payloads

# Fixtures shared with the CUPS and raster tests (a running cupsd, a cups-pdf queue, a visit).
cups, pdf_queue = cups_support.cups, cups_support.pdf_queue
receipt_kiosk, record = receipts.receipt_kiosk, receipts.record


def _printed_pdf(queue_name: str, before: set[Path], title: str) -> Path:
    """The PDF cups-pdf wrote for the job ``title`` (it names files after the job's title)."""
    _wait(
        "the CUPS job to finish",
        lambda: _run("lpstat", "-o", queue_name, check=False).stdout.strip() == "",
        15,
    )

    def new() -> list[Path]:
        return list(set(_output_dir().glob(f"{title}*.pdf")) - before)

    _wait("cups-pdf to write the file", lambda: len(new()) == 1)
    [printed] = new()
    _wait("cups-pdf to write the file", lambda: printed.stat().st_size > 0)
    return printed


def _pdf_pages_mm(path: Path) -> tuple[int, float, float]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    pages = int(info.stdout.split("Pages:")[1].split()[0])
    width, _, height = info.stdout.split("Page size:")[1].split()[:3]
    return pages, float(width) / 72 * 25.4, float(height) / 72 * 25.4


def _first_page(path: Path, dpi: int) -> Image.Image:
    prefix = path.parent / f"page-{time.monotonic_ns()}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-f", "1", "-l", "1", "-singlefile",
                    str(path), str(prefix)], check=True, timeout=30)  # fmt: skip
    png = prefix.with_suffix(".png")
    image = Image.open(png)
    image.load()
    png.unlink()
    return image


def _existing_pdfs() -> set[Path]:
    out_dir = _output_dir()
    return set(out_dir.glob("*.pdf")) if out_dir.exists() else set()


def test_a_disabled_printer_keeps_the_job_and_prints_it_once_enabled(
    qapp: object, pdf_queue: str, receipt_kiosk: Kiosk, record: TransactionRecord
) -> None:
    before = _existing_pdfs()
    _run("cupsdisable", pdf_queue)
    queue = PrintQueue(receipt_kiosk.db, FixedClock(START), QtSystemPrinter(pdf_queue))
    job_id = queue.enqueue_receipt(
        record, centre=CENTRE, catalogue=receipt_kiosk.catalogue, paper="80mm"
    )
    [waiting] = queue.process()
    assert (waiting.id, waiting.status) == (job_id, QUEUED)
    assert waiting.last_error is not None
    assert waiting.last_error.startswith(f"Máy in đang tắt hoặc hết giấy (hàng in '{pdf_queue}'")
    assert _run("lpstat", "-o", pdf_queue, check=False).stdout == ""  # nothing held in CUPS

    _run("cupsenable", pdf_queue)
    [printed] = queue.process()
    assert (printed.id, printed.status, printed.attempts) == (job_id, DONE, 2)

    assert record.receipt_no is not None
    path = _printed_pdf(pdf_queue, before, record.receipt_no)
    try:
        raster = render_receipt_image(record, centre=CENTRE, catalogue=receipt_kiosk.catalogue)
        pages, width, height = _pdf_pages_mm(path)
        assert pages == 1
        assert width == pytest.approx(80, abs=0.6)  # the roll, not an A4 sheet
        assert height == pytest.approx(raster.height / 203 * 25.4, abs=0.6)
        page = _first_page(path, 203)
        assert qr_payloads(page) == [f"{record.receipt_no}|{DOSSIER}"]
    finally:
        path.unlink()


def test_a5_goes_on_an_a5_sheet(
    qapp: object, pdf_queue: str, receipt_kiosk: Kiosk, record: TransactionRecord
) -> None:
    before = _existing_pdfs()
    image = render_receipt_image(
        record, centre=CENTRE, catalogue=receipt_kiosk.catalogue, paper="a5"
    )
    QtSystemPrinter(pdf_queue).print_document(PrintDocument(png_bytes(image), "a5", "A5-sheet"))
    path = _printed_pdf(pdf_queue, before, "A5-sheet")
    try:
        pages, width, height = _pdf_pages_mm(path)
        assert pages == 1
        assert (width, height) == pytest.approx((148, 210), abs=1.5)  # A5, not A4
    finally:
        path.unlink()


def test_an_unknown_printer_is_reported(qapp: object, cups: None) -> None:
    document = PrintDocument(png_bytes(Image.new("1", (576, 40), 255)), "80mm", "x")
    with pytest.raises(PrinterUnavailableError, match="Không có máy in 'KioskNoSuchQueue'"):
        QtSystemPrinter("KioskNoSuchQueue").print_document(document)


def test_a_pdf_job_is_not_for_the_qt_route(qapp: object, qtbot: QtBot) -> None:
    from kiosk.errors import KioskError

    with pytest.raises(KioskError, match="loại máy in khác"):
        QtSystemPrinter("any").print_document(PrintDocument(b"%PDF-1.4", "80mm", "x"))


def test_a_long_receipt_breaks_pages_between_lines() -> None:
    blank = [False] * 1000
    for row in (90, 140, 560, 610):
        blank[row] = True
    assert page_slices(blank, 150, 400) == [(0, 141), (141, 541), (541, 941), (941, 1000)]
    assert page_slices(blank[:100], 150, 400) == [(0, 100)]
    assert page_slices([False] * 10, 4, 4) == [(0, 4), (4, 8), (8, 10)]  # no blank row: cut


def test_blank_rows_are_found() -> None:
    from kiosk.devices.printers.qt import blank_rows

    image = Image.fromarray(np.full((5, 16), 255, dtype=np.uint8)).convert("1")
    image.putpixel((3, 2), 0)
    assert blank_rows(image) == [True, True, False, True, True]
