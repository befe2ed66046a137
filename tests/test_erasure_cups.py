"""A printed receipt leaves nothing in the CUPS spool (issue 14, item 3), with a real cupsd
and a cups-pdf queue (tests/test_printing.py's fixtures; root only).

CUPS keeps a completed job's document (``/var/spool/cups/d<job>-001``: the receipt PDF, the
citizen's name in it) for PreserveJobFiles, a day by default, and ``cancel -x`` refuses a
completed job; the printer purges the queue's completed jobs once nothing is left to print.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from kiosk.devices.printers import PrintDocument
from kiosk.devices.printers.cups import CupsPrinter
from tests import test_printing as cups_support
from tests.test_printing import C_LOCALE, receipt_pdf

# Fixtures shared with the CUPS tests: a running cupsd and a cups-pdf queue of this process.
cups, pdf_queue = cups_support.cups, cups_support.pdf_queue

SPOOL = Path("/var/spool/cups")


def spool_files_holding(document: bytes) -> list[Path]:
    """Files of the CUPS spool whose bytes are ``document``."""
    return [
        path
        for path in SPOOL.rglob("*")
        if path.is_file() and path.stat().st_size == len(document) and path.read_bytes() == document
    ]


def lines(*argv: str) -> list[str]:
    result = subprocess.run(argv, capture_output=True, text=True, timeout=10, env=C_LOCALE)
    return [line for line in result.stdout.splitlines() if line]


def wait_until_printed(queue: str, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while lines("lpstat", "-o", queue):
        assert time.monotonic() < deadline, "CUPS did not finish the job"
        time.sleep(0.1)


def test_a_printed_receipt_leaves_no_file_in_the_cups_spool(pdf_queue: str) -> None:
    document = receipt_pdf(131.5)  # a length no other test prints: its own bytes
    CupsPrinter(pdf_queue).print_document(PrintDocument(document, "80mm", "Q01-20261123-0420"))
    wait_until_printed(pdf_queue)
    assert spool_files_holding(document) == []
    assert lines("lpstat", "-W", "completed", "-o", pdf_queue) == []  # no history either


def test_purging_never_cancels_a_job_still_waiting_in_cups(pdf_queue: str) -> None:
    subprocess.run(["cupsdisable", pdf_queue], check=True, timeout=10, env=C_LOCALE)
    document = receipt_pdf(127.5)
    subprocess.run(["lp", "-d", pdf_queue, "-"], input=document, check=True, timeout=10)
    printer = CupsPrinter(pdf_queue)

    assert printer.purge_printed(wait_seconds=0.5) == 0
    assert len(lines("lpstat", "-o", pdf_queue)) == 1  # still waiting
    subprocess.run(["cupsenable", pdf_queue], check=True, timeout=10, env=C_LOCALE)
    wait_until_printed(pdf_queue)
    assert spool_files_holding(document)  # printed by someone else: CUPS keeps its file
    assert printer.purge_printed() == 1
    assert spool_files_holding(document) == []
