"""Printers: hand a queued receipt to a printer, or say in Vietnamese why not.

One interface, one file per route (the way Electrum's ``qrreader`` is organised):

* :mod:`.base` — :class:`Printer`, :class:`PrintDocument` (the bytes the print queue stored:
  a PDF, or a 1-bit PNG for the raster routes, so a job survives a restart unchanged),
  :func:`document_format`, :class:`PrinterUnavailableError` (the printer is not ready) and
  :class:`DocumentRejectedError` (this job can never print);
* :mod:`.cups` — a PDF through CUPS ``lp`` (:class:`~.cups.CupsPrinter`);
* :mod:`.qt` — the raster painted through Qt's print support, the Windows spooler or CUPS
  (:class:`~.qt.QtSystemPrinter`; Qt is imported only when it prints);
* :mod:`.escpos` — the raster sent as raw ESC/POS to a thermal printer
  (:class:`~.escpos.EscPosPrinter`) at a :mod:`.targets` address (TCP, USB device file,
  serial port).

The routes import :mod:`.base` (ESC/POS also :mod:`.targets`), never each other and never
the settings: :func:`kiosk.app.build_printer` chooses one. This package exports only the
interface, so importing it loads none of the routes.
"""

from __future__ import annotations

from .base import (
    DocumentFormat,
    DocumentRejectedError,
    PrintDocument,
    Printer,
    PrinterUnavailableError,
    check_format,
    document_format,
)

__all__ = [
    "DocumentFormat",
    "DocumentRejectedError",
    "PrintDocument",
    "Printer",
    "PrinterUnavailableError",
    "check_format",
    "document_format",
]
