"""A printed receipt leaves nothing in the CUPS spool (issue 14, item 3), with a real cupsd
and a cups-pdf queue (tests/test_printing.py's fixtures; root only).

CUPS keeps a completed job's document (``/var/spool/cups/d<job>-001``: the receipt PDF, the
citizen's name in it) for PreserveJobFiles, a day by default, and ``cancel -x`` refuses a
completed job; the printer purges the queue's completed jobs once nothing is left to print.
A slow printer (CUPS's own ``socket`` backend talking to a TCP listener of the test, which
holds each job until the test lets it finish) makes "still printing" deterministic.
"""

from __future__ import annotations

import os
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kiosk.devices.printers import PrintDocument
from kiosk.devices.printers.cups import CupsPrinter
from tests import test_printing as cups_support
from tests.test_printing import C_LOCALE, receipt_pdf

# Fixtures shared with the CUPS tests: a running cupsd and a cups-pdf queue of this process.
cups, pdf_queue = cups_support.cups, cups_support.pdf_queue

SPOOL = Path("/var/spool/cups")


@dataclass
class SlowPrinter:
    """A CUPS queue whose printer takes each job and holds it until :meth:`finish`."""

    queue: str
    received: list[bytes] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def finish(self) -> None:
        """Let the printer finish the jobs it holds (and those to come)."""
        self.release.set()


def _serve(listener: socket.socket, printer: SlowPrinter, stop: threading.Event) -> None:
    listener.settimeout(0.1)
    while not stop.is_set():
        try:
            connection, _ = listener.accept()
        except TimeoutError:
            continue
        with connection:
            connection.settimeout(30)
            chunks = []
            while chunk := connection.recv(65536):  # the socket backend shuts its side down
                chunks.append(chunk)
            printer.received.append(b"".join(chunks))
            printer.release.wait(30)  # the backend waits for the printer to hang up


@pytest.fixture
def slow_printer(cups: None) -> Iterator[SlowPrinter]:
    """A raw queue ``KioskSlow<pid>`` on ``socket://`` to a listener that holds each job."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    printer = SlowPrinter(f"KioskSlow{os.getpid()}")
    stop = threading.Event()
    server = threading.Thread(target=_serve, args=(listener, printer, stop), daemon=True)
    server.start()
    argv = ["lpadmin", "-p", printer.queue, "-v", f"socket://127.0.0.1:{port}", "-E"]
    subprocess.run(argv, check=True, capture_output=True, timeout=10, env=C_LOCALE)
    yield printer
    printer.finish()
    subprocess.run(["cancel", "-a", "-x", printer.queue], capture_output=True, timeout=10)
    subprocess.run(["lpadmin", "-x", printer.queue], capture_output=True, timeout=10)
    stop.set()
    server.join(10)
    listener.close()


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


def test_a_receipt_still_printing_is_purged_once_it_is_printed(slow_printer: SlowPrinter) -> None:
    document = receipt_pdf(123.5)
    queue = slow_printer.queue
    printer = CupsPrinter(queue, settle_seconds=0.5)  # gives up waiting: it is still printing
    printer.print_document(PrintDocument(document, "80mm", "Q01-20261123-0421"))
    assert len(lines("lpstat", "-o", queue)) == 1 and spool_files_holding(document)

    assert printer.purge_printed(wait_seconds=0.5) == 0  # out of time: nothing cancelled
    assert len(lines("lpstat", "-o", queue)) == 1
    threading.Timer(1.0, slow_printer.finish).start()  # the printer finishes meanwhile
    assert printer.purge_printed(wait_seconds=15) == 1  # as an erasure waits for it
    assert slow_printer.received == [document]  # printed whole, not cancelled
    assert spool_files_holding(document) == []
    assert lines("lpstat", "-W", "completed", "-o", queue) == []
