"""CUPS: a receipt PDF printed with ``lp``, after ``lpstat`` says the queue can take it.

:class:`CupsPrinter` asks ``lpstat -p`` first: a *disabled* CUPS queue (printer off, out of
paper, paused by an operator) would accept the job and hold it inside CUPS, where the kiosk
can no longer see or retry it. So a disabled queue is reported as unavailable and the job stays
in the kiosk's own print queue. Then ``lp`` reads the PDF from stdin; a rejecting or missing
queue and a stopped ``cupsd`` make it fail, which becomes :class:`PrinterUnavailableError`.

A printed job leaves nothing in the CUPS spool. CUPS keeps a completed job's document file
(``/var/spool/cups/d<job>-001``, the receipt with the citizen's name) for ``PreserveJobFiles``
(a day by default) and its history for ``PreserveJobHistory``; ``cancel -x`` refuses a job
that is already completed. So after each ``lp`` the printer waits (at most
``settle_seconds``) for the queue to have nothing left to print, then purges the queue's
completed jobs with ``cancel -a -x`` (IPP Purge-Jobs), which deletes their files and history,
and asks again until ``lpstat`` lists none of them (within the same bound);
:meth:`CupsPrinter.purge_printed` does the same on its own (after an erasure, with the
kiosk's configured queue). It never purges while a job is still waiting in CUPS: that would
cancel it.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable

from kiosk.devices.printers.base import (
    MSG_PRINTER_OFF,
    DocumentFormat,
    DocumentRejectedError,
    PrintDocument,
    PrinterUnavailableError,
    check_format,
)
from kiosk.errors import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

COMMAND_TIMEOUT_SECONDS = 10.0
SETTLE_SECONDS = 15.0  # how long a print waits for CUPS to finish, to purge its files
_POLL_SECONDS = 0.2
_POINTS_PER_MM = 72 / 25.4
_LARGEST_PAGE_MM = 5_000.0  # PDF's own limit is 14,400 pt (5.08 m); a receipt is far shorter
_MEDIA_BOX = re.compile(
    rb"/MediaBox\s*\[\s*([-+]?[\d.]+)\s+([-+]?[\d.]+)\s+([-+]?[\d.]+)\s+([-+]?[\d.]+)\s*\]"
)
# Sheets CUPS knows by name; rolls get a custom size cut to the receipt's length.
_NAMED_SIZES = {"a5": "A5", "a4": "A4"}
_C_LOCALE = {"LC_ALL": "C", "LANG": "C"}

MSG_CUPS_DOWN = QT_TRANSLATE_NOOP(
    "Errors",
    "Không kết nối được dịch vụ in CUPS. Báo cán bộ CNTT; biên nhận vẫn được giữ để in lại.",
)
MSG_NO_PRINTER = QT_TRANSLATE_NOOP(
    "Errors",
    "Không có máy in '{name}' trong CUPS. Hãy kiểm tra cài đặt printing.printer "
    "hoặc báo cán bộ CNTT; biên nhận vẫn được giữ.",
)
MSG_REJECTING = QT_TRANSLATE_NOOP(
    "Errors",
    "Máy in '{name}' đang từ chối lệnh in. Báo cán bộ CNTT (cupsaccept {name}); "
    "biên nhận vẫn được giữ.",
)
MSG_NO_CUPS = QT_TRANSLATE_NOOP(
    "Errors", "Chưa cài dịch vụ in CUPS (không có lệnh lp). Báo cán bộ CNTT."
)
MSG_BAD_PDF = QT_TRANSLATE_NOOP(
    "Errors", "Biên nhận không phải tệp PDF hợp lệ nên không in được. Báo cán bộ CNTT."
)


def page_size_mm(pdf: bytes) -> tuple[float, float]:
    """Width and height in mm of the first page's MediaBox (our reportlab PDFs keep it plain).

    Raises :class:`DocumentRejectedError` when no MediaBox is found.
    """
    match = _MEDIA_BOX.search(pdf)
    if match is None:
        raise DocumentRejectedError(MSG_BAD_PDF, detail="no /MediaBox in the PDF")
    try:  # "1.2.3" is no number; 400 digits are inf, which no page size can be rounded from
        x0, y0, x1, y1 = (float(value) for value in match.groups())
    except ValueError:
        raise DocumentRejectedError(MSG_BAD_PDF, detail="MediaBox is no number") from None
    width, height = abs(x1 - x0) / _POINTS_PER_MM, abs(y1 - y0) / _POINTS_PER_MM
    if not (0 < width <= _LARGEST_PAGE_MM and 0 < height <= _LARGEST_PAGE_MM):  # nan fails too
        raise DocumentRejectedError(MSG_BAD_PDF, detail=f"MediaBox {width}x{height} mm")
    return width, height


def page_size_option(pdf: bytes, paper: str) -> str:
    """The ``PageSize`` option for ``lp``: a named sheet, or ``Custom.WxHmm`` for a roll."""
    named = _NAMED_SIZES.get(paper.lower())
    if named:
        return named
    width, height = page_size_mm(pdf)
    return f"Custom.{round(width)}x{round(height)}mm"


class CupsPrinter:
    """A CUPS queue driven by ``lpstat`` and ``lp`` (``name=""``: the CUPS default queue)."""

    formats: tuple[DocumentFormat, ...] = ("pdf",)

    def __init__(
        self,
        name: str,
        *,
        timeout: float = COMMAND_TIMEOUT_SECONDS,
        settle_seconds: float = SETTLE_SECONDS,
    ) -> None:
        self._name = name
        self._timeout = timeout
        self._settle_seconds = settle_seconds

    @property
    def name(self) -> str:
        """The configured queue name ("" for the CUPS default)."""
        return self._name

    def _run(
        self, argv: list[str], stdin: bytes | None = None
    ) -> subprocess.CompletedProcess[bytes]:
        tool = shutil.which(argv[0])
        if tool is None:
            raise PrinterUnavailableError(MSG_NO_CUPS, detail=f"{argv[0]} not installed")
        try:
            return subprocess.run(
                [tool, *argv[1:]],
                input=stdin,
                capture_output=True,
                timeout=self._timeout,
                env={**os.environ, **_C_LOCALE},
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise PrinterUnavailableError(
                MSG_CUPS_DOWN, detail=f"{argv[0]} timed out after {self._timeout}s"
            ) from exc
        except OSError as exc:
            raise PrinterUnavailableError(MSG_CUPS_DOWN, detail=f"{argv[0]}: {exc}") from exc

    def _queue(self) -> str:
        """The queue to use: the configured one, else the CUPS default."""
        if self._name:
            return self._name
        result = self._run(["lpstat", "-d"])
        out = result.stdout.decode(errors="replace")
        if result.returncode == 0 and "system default destination:" in out:
            return out.split(":", 1)[1].strip()
        raise self._failure(result, "(mặc định)")

    def _failure(
        self, result: subprocess.CompletedProcess[bytes], queue: str
    ) -> PrinterUnavailableError:
        """Map an ``lpstat``/``lp`` failure to a Vietnamese message."""
        text = (result.stderr or result.stdout).decode(errors="replace").strip()
        lowered = text.lower()
        detail = f"rc={result.returncode}: {text or 'no output'}"
        if "not accepting" in lowered:
            return PrinterUnavailableError(MSG_REJECTING.format(name=queue), detail=detail)
        if (
            "invalid destination" in lowered
            or "does not exist" in lowered
            or "unknown destination" in lowered
            or "no default destination" in lowered
            or "no system default" in lowered
        ):
            return PrinterUnavailableError(MSG_NO_PRINTER.format(name=queue), detail=detail)
        return PrinterUnavailableError(MSG_CUPS_DOWN, detail=detail)

    def check_ready(self) -> str:
        """Raise :class:`PrinterUnavailableError` unless the queue exists and is enabled.

        Returns the resolved queue name.
        """
        # A stopped cupsd makes ``lpstat -p`` claim the queue does not exist: ask it first.
        scheduler = self._run(["lpstat", "-r"])
        if scheduler.stdout.decode(errors="replace").strip() != "scheduler is running":
            raise PrinterUnavailableError(MSG_CUPS_DOWN, detail="CUPS scheduler is not running")
        queue = self._queue()
        result = self._run(["lpstat", "-p", queue])
        if result.returncode != 0:
            raise self._failure(result, queue)
        first = result.stdout.decode(errors="replace").splitlines()[:1]
        if first and first[0].startswith(f"printer {queue} disabled"):
            raise PrinterUnavailableError(
                MSG_PRINTER_OFF.format(name=queue), detail=f"CUPS queue {queue} is disabled"
            )
        return queue

    def print_document(self, document: PrintDocument) -> None:
        """Print a PDF document (see :meth:`print_pdf`)."""
        check_format(self, document)
        self.print_pdf(document.data, paper=document.paper, title=document.title)

    def print_pdf(self, pdf: bytes, *, paper: str, title: str) -> None:
        """Submit ``pdf`` with ``lp`` (read from stdin) once the queue is ready."""
        page_size = page_size_option(pdf, paper)
        queue = self.check_ready()
        result = self._run(
            ["lp", "-d", queue, "-o", f"PageSize={page_size}", "-t", title, "-"], stdin=pdf
        )
        if result.returncode != 0:
            raise self._failure(result, queue)
        log.info(
            "printed %s on %s (%s): %s",
            title,
            queue,
            page_size,
            result.stdout.decode(errors="replace").strip(),
        )
        self._purge_quietly(lambda: queue, self._settle_seconds)  # printed: never raises

    def purge_printed(self, *, wait_seconds: float = 0.0) -> int:
        """Delete the files and history of the queue's completed jobs from the CUPS spool,
        once no job is left to print there (waiting up to ``wait_seconds``); return how many
        jobs were purged. A failure is logged, never raised: the receipts are printed."""
        return self._purge_quietly(self._queue, wait_seconds)

    def _purge_quietly(self, queue: Callable[[], str], wait_seconds: float) -> int:
        try:
            return self._purge(queue(), wait_seconds)
        except PrinterUnavailableError as exc:
            log.warning("CUPS spool not purged: %s", exc.detail)
            return 0

    def _purge(self, queue: str, wait_seconds: float) -> int:
        """Purge the queue's completed jobs once nothing is left to print there, until CUPS
        lists none of them (their spool files go with their history); give up at the deadline.

        Returns how many completed jobs were listed and are gone."""
        deadline = time.monotonic() + wait_seconds
        gone: set[str] = set()
        while True:
            waiting = self._lines(["lpstat", "-o", queue])  # not completed: never cancel those
            listed = set() if waiting else self._job_ids(queue, "completed")
            if not waiting and not listed:
                break
            if not waiting:
                result = self._run(["cancel", "-a", "-x", queue])
                if result.returncode != 0:
                    text = (result.stderr or result.stdout).decode(errors="replace").strip()
                    log.warning(
                        "CUPS spool of %s not purged: rc=%d %s", queue, result.returncode, text
                    )
                    break
                left = self._job_ids(queue, "completed")
                gone |= listed - left
                if not left:
                    break
            if time.monotonic() >= deadline:
                if waiting:
                    log.info("CUPS queue %s still printing; its spool is purged later", queue)
                else:
                    log.warning("CUPS still lists completed jobs of %s after purging", queue)
                break
            time.sleep(_POLL_SECONDS)
        if gone:
            log.info("purged %d completed job(s) of %s from the CUPS spool", len(gone), queue)
        return len(gone)

    def _job_ids(self, queue: str, which: str) -> set[str]:
        """The ids (``Queue-12``) of the queue's jobs that ``lpstat -W which`` lists."""
        return {line.split()[0] for line in self._lines(["lpstat", "-W", which, "-o", queue])}

    def _lines(self, argv: list[str]) -> list[str]:
        result = self._run(argv)
        if result.returncode != 0:
            raise self._failure(result, argv[-1])
        return [line for line in result.stdout.decode(errors="replace").splitlines() if line]
