"""Printing through Qt's print support: the Windows spooler, or CUPS on Linux.

:class:`QtSystemPrinter` paints the receipt raster (the 1-bit PNG the print queue stores)
onto a ``QPrinter`` with ``QPainter``. Why the raster and not vector text: the queued job
must print the same after a restart without the visit, the catalogue or the privacy key
at hand, and Qt cannot draw our PDF (QtPdf is not in PySide6-Essentials). The raster is
rendered at the printer's own resolution where it matters: 203 dpi on 58/80 mm rolls (the
head of the thermal printers behind a Windows driver, so dots map one to one) and 300 dpi
on A5 sheets. It is scaled without smoothing, so text and the QR code keep hard edges.

The page is the paper: 80 or 58 mm wide and as long as the receipt, or A5 (a long receipt
continues on the next sheet, cut at a blank row between lines). A printer that Qt reports
in the Error state (a disabled CUPS queue, a paused Windows printer) or does not know is
:class:`~kiosk.devices.printers.base.PrinterUnavailableError`, so the job stays in the kiosk's
queue instead of waiting invisibly in the spooler.

PySide6 is imported inside the methods: importing this module loads no Qt, so the print
queue's CLI works where Qt is missing, and the layering test stays true. ``QPrinter``
needs a ``QCoreApplication``: the GUI has one; the CLI gets a bare one here.
"""

from __future__ import annotations

import io
import logging
import threading
from typing import TYPE_CHECKING, Any

from kiosk.devices.printers.base import (
    MSG_PRINTER_OFF,
    DocumentFormat,
    DocumentRejectedError,
    PrintDocument,
    PrinterUnavailableError,
    check_format,
)
from kiosk.errors import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from PIL import Image

log = logging.getLogger(__name__)

MM_PER_INCH = 25.4
A5_MM = (148.0, 210.0)
ROLL_WIDTH_MM = {"80mm": 80.0, "58mm": 58.0}
A5_MARGIN_MM = 12.0
_BREAK_SEARCH = 3  # look for a blank row in the last third of a page

MSG_NO_QT_PRINTER = QT_TRANSLATE_NOOP(
    "Errors",
    "Không có máy in '{name}' trong danh sách máy in của hệ thống. Hãy kiểm tra cài đặt "
    "printing.printer hoặc báo cán bộ CNTT; biên nhận vẫn được giữ.",
)
MSG_NO_DEFAULT_PRINTER = QT_TRANSLATE_NOOP(
    "Errors",
    "Máy tính chưa có máy in mặc định. Hãy đặt printing.printer hoặc báo cán bộ CNTT; "
    "biên nhận vẫn được giữ.",
)
MSG_QT_FAILED = QT_TRANSLATE_NOOP(
    "Errors",
    "Không gửi được lệnh in tới máy in '{name}'. Hãy kiểm tra máy in rồi bấm In lại; "
    "biên nhận vẫn được giữ.",
)
MSG_BAD_RASTER = QT_TRANSLATE_NOOP(
    "Errors", "Ảnh biên nhận trong hàng in bị hỏng nên không in được. Báo cán bộ CNTT."
)

_app_lock = threading.Lock()
_app: Any = None  # the QCoreApplication made for a command-line run, kept alive


def _ensure_application() -> None:
    """QPrinter aborts the process without a QCoreApplication: make one on the main thread."""
    global _app
    from PySide6.QtCore import QCoreApplication

    with _app_lock:
        if QCoreApplication.instance() is not None:
            return
        if threading.current_thread() is not threading.main_thread():
            raise PrinterUnavailableError(
                MSG_QT_FAILED.format(name="?"),
                detail="Qt printing off the main thread needs a QCoreApplication first",
            )
        _app = QCoreApplication(["kiosk"])


def page_slices(blank: list[bool], first_rows: int, other_rows: int) -> list[tuple[int, int]]:
    """Split rows ``0..len(blank)`` into pages: ``(start, stop)`` of each page's rows.

    The first page takes up to ``first_rows`` rows, later ones ``other_rows``; a page ends at
    the last blank row of its final third when there is one, so no line of text is cut.
    """
    slices: list[tuple[int, int]] = []
    start, height = 0, len(blank)
    while start < height:
        capacity = max(1, first_rows if not slices else other_rows)
        stop = min(start + capacity, height)
        if stop < height:
            floor = stop - capacity // _BREAK_SEARCH
            for row in range(stop, max(start, floor), -1):
                if blank[row - 1]:
                    stop = row
                    break
        slices.append((start, stop))
        start = stop
    return slices


def blank_rows(image: Image.Image) -> list[bool]:
    """For each row of a 1-bit image, whether it is all white."""
    import numpy as np

    pixels = np.asarray(image.convert("L"))
    return [bool(row.all()) for row in pixels > 127]


class QtSystemPrinter:
    """A printer known to the system (``name=""``: the default), driven through QPrinter."""

    formats: tuple[DocumentFormat, ...] = ("png",)

    def __init__(self, name: str) -> None:
        self._name = name

    @property
    def name(self) -> str:
        """The configured printer name ("" for the system default)."""
        return self._name

    def _printer_info(self) -> Any:
        from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

        if self._name:
            info = QPrinterInfo.printerInfo(self._name)
            if info.isNull():
                raise PrinterUnavailableError(
                    MSG_NO_QT_PRINTER.format(name=self._name),
                    detail=f"QPrinterInfo knows no printer {self._name!r}",
                )
        else:
            info = QPrinterInfo.defaultPrinter()
            if info.isNull():
                raise PrinterUnavailableError(MSG_NO_DEFAULT_PRINTER, detail="no default printer")
        if info.state() == QPrinter.PrinterState.Error:
            name = info.printerName()
            raise PrinterUnavailableError(
                MSG_PRINTER_OFF.format(name=name), detail=f"printer {name} is in the Error state"
            )
        return info

    def print_document(self, document: PrintDocument) -> None:
        """Paint the PNG raster of ``document`` on its paper and hand it to the spooler."""
        from PIL import Image as PILImage

        check_format(self, document)
        try:
            raster = PILImage.open(io.BytesIO(document.data))
            raster.load()
        except (OSError, ValueError) as exc:
            raise DocumentRejectedError(MSG_BAD_RASTER, detail=f"raster job: {exc}") from exc
        _ensure_application()
        info = self._printer_info()
        self._paint(info, raster, document)

    def _paint(self, info: Any, raster: Image.Image, document: PrintDocument) -> None:
        from PySide6.QtCore import QByteArray, QMarginsF, QRectF, QSizeF
        from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
        from PySide6.QtPrintSupport import QPrinter

        # Through QByteArray: PySide6 6.12 refuses plain bytes here ("wrong argument values").
        image = QImage.fromData(QByteArray(document.data))
        if image.isNull():
            raise DocumentRejectedError(MSG_BAD_RASTER, detail="Qt could not read the PNG")
        dpi = float(raster.info.get("dpi", (203, 203))[0]) or 203.0
        image_mm = (image.width() / dpi * MM_PER_INCH, image.height() / dpi * MM_PER_INCH)
        if document.paper in ROLL_WIDTH_MM:
            page_mm = (ROLL_WIDTH_MM[document.paper], image_mm[1])
            page_size = QPageSize(
                QSizeF(*page_mm),
                QPageSize.Unit.Millimeter,
                f"Receipt {page_mm[0]:.0f}x{page_mm[1]:.0f}mm",
                QPageSize.SizeMatchPolicy.ExactMatch,
            )
            margin_mm = 0.0
        else:
            page_mm, page_size, margin_mm = A5_MM, QPageSize(QPageSize.PageSizeId.A5), A5_MARGIN_MM
        printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        printer.setDocName(document.title)
        printer.setFullPage(True)
        printer.setPageSize(page_size)
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
        resolution = printer.resolution()
        dots_per_mm = dpi / MM_PER_INCH
        page_rows = round(page_mm[1] * dots_per_mm)
        margin_rows = round(margin_mm * dots_per_mm)
        slices = [(0, image.height())]  # a roll is as long as the receipt
        if document.paper not in ROLL_WIDTH_MM:  # the image brings its own top margin
            slices = page_slices(
                blank_rows(raster), page_rows - margin_rows, page_rows - 2 * margin_rows
            )
        scale = resolution / dpi  # image dots to printer dots
        left = (page_mm[0] - image_mm[0]) / MM_PER_INCH * resolution / 2
        painter = QPainter()
        if not painter.begin(printer):
            raise self._failed(info, "QPainter.begin on the printer failed")
        try:
            for number, (start, stop) in enumerate(slices):
                if number:
                    printer.newPage()
                top = margin_rows * scale if number else 0.0
                target = QRectF(left, top, image.width() * scale, (stop - start) * scale)
                painter.drawImage(target, image, QRectF(0, start, image.width(), stop - start))
        finally:
            ended = painter.end()
        if not ended or printer.printerState() in (
            QPrinter.PrinterState.Error,
            QPrinter.PrinterState.Aborted,
        ):
            raise self._failed(info, f"printer state {printer.printerState()} after the job")
        log.info(
            "printed %s on %s through Qt (%d page(s), %.0f dpi)",
            document.title,
            info.printerName(),
            len(slices),
            resolution,
        )

    def _failed(self, info: Any, detail: str) -> PrinterUnavailableError:
        name = info.printerName() or self._name
        return PrinterUnavailableError(MSG_QT_FAILED.format(name=name), detail=detail)
