"""The printer interface: what a print job is, what a printer does, how it says it cannot.

Every route (:mod:`.cups`, :mod:`.qt`, :mod:`.escpos`) implements :class:`Printer` in its
own module and imports only this one (and :mod:`.targets`); none of them knows the others
or the settings. Choosing the route is the composition root's job
(:func:`kiosk.app.build_printer`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from kiosk.errors import QT_TRANSLATE_NOOP, KioskError

MSG_PRINTER_OFF = QT_TRANSLATE_NOOP(
    "Errors",
    "Máy in đang tắt hoặc hết giấy (hàng in '{name}' đang tạm dừng). "
    "Hãy bật máy in, kiểm tra giấy rồi bấm In lại; biên nhận vẫn được giữ.",
)
MSG_WRONG_FORMAT = QT_TRANSLATE_NOOP(
    "Errors",
    "Lệnh in này được tạo cho loại máy in khác ({kind}) nên máy in hiện tại không in được "
    "(cài đặt máy in đã thay đổi?). Hãy in lại biên nhận hoặc báo cán bộ CNTT.",
)

DocumentFormat = Literal["pdf", "png"]
_SIGNATURES: dict[DocumentFormat, bytes] = {"pdf": b"%PDF-", "png": b"\x89PNG\r\n\x1a\n"}


def document_format(data: bytes) -> DocumentFormat | None:
    """``pdf`` or ``png`` by the file's signature; ``None`` for anything else."""
    for kind, signature in _SIGNATURES.items():
        if data.startswith(signature):
            return kind
    return None


@dataclass(frozen=True)
class PrintDocument:
    """One print job as stored: the document's bytes, its paper and a title for the spooler."""

    data: bytes  # a PDF (vector) or a 1-bit PNG raster carrying its resolution
    paper: str  # 80mm, 58mm or a5
    title: str  # the receipt number

    @property
    def format(self) -> DocumentFormat | None:
        """What ``data`` is."""
        return document_format(self.data)


class PrinterUnavailableError(KioskError):
    """The printer cannot take a job now; the job should stay queued and be retried."""


class DocumentRejectedError(KioskError):
    """This job's document can never print on this printer (unreadable, wrong format).

    The job is marked failed and the queue goes on with the next one: its own fault must not
    hold the receipts queued after it. A reprint renders the receipt afresh.
    """


class Printer(Protocol):
    """Something that prints a :class:`PrintDocument` or raises :class:`PrinterUnavailableError`.

    :class:`DocumentRejectedError` (or any other :class:`KioskError`) means this job can
    never print here: it is marked failed and the next job is tried.
    """

    @property
    def name(self) -> str:
        """The printer's name as the person configured it ("" for the system default)."""
        ...

    @property
    def formats(self) -> tuple[DocumentFormat, ...]:
        """The document formats it prints, preferred first (what the queue renders)."""
        ...

    def print_document(self, document: PrintDocument) -> None:
        """Print ``document`` now, or raise."""
        ...


def check_format(printer: Printer, document: PrintDocument) -> DocumentFormat:
    """The document's format; :class:`DocumentRejectedError` if ``printer`` cannot print it."""
    kind = document.format
    if kind is None or kind not in printer.formats:
        raise DocumentRejectedError(
            MSG_WRONG_FORMAT.format(kind=(kind or "không rõ").upper()),
            detail=f"{type(printer).__name__} prints {printer.formats}, job is {kind}",
        )
    return kind
