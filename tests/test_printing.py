"""The print queue against a real CUPS with the cups-pdf printer (nothing of ours is mocked).

Needs root (to start ``cupsd`` and add queues) and the packages of ``scripts/setup.sh``;
without them the CUPS tests skip, except under ``CI=true`` where they fail.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import select

from kiosk.cli import main
from kiosk.devices.printers import DocumentRejectedError, PrinterUnavailableError
from kiosk.devices.printers.cups import CupsPrinter, page_size_option
from kiosk.domain.clock import FixedClock, SystemClock
from kiosk.errors import InputError
from kiosk.services.printing import DONE, QUEUED, PrintQueue
from kiosk.storage.database import create_kiosk_engine, upgrade_schema
from kiosk.storage.models import AuditEntry
from kiosk.storage.unit_of_work import Database
from tests.cupsd import shared_cupsd

# One queue per test process: sessions sharing this machine's cupsd must not remove or
# disable each other's queue (cups-pdf output is told apart by the job title, see below).
QUEUE = f"KioskTest{os.getpid()}"
PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")
C_LOCALE = {**os.environ, "LC_ALL": "C", "LANG": "C"}


def _run(*argv: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv, capture_output=True, text=True, timeout=10, env=C_LOCALE, check=check
    )


def _wait(condition: str, predicate: object, seconds: float = 10.0) -> None:
    """Poll ``predicate()`` until true, failing after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not predicate():  # type: ignore[operator]
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {condition}")
        time.sleep(0.05)


@pytest.fixture(scope="module")
def cups() -> Iterator[None]:
    """A running cupsd (started if needed, stopped by the last test process using it)."""
    missing = [
        what
        for what, ok in (
            ("root", os.geteuid() == 0),
            ("cupsd", Path("/usr/sbin/cupsd").exists()),
            ("lp/lpadmin", bool(shutil.which("lp") and shutil.which("lpadmin"))),
            ("cups-pdf PPD", PPD.exists()),
        )
        if not ok
    ]
    if missing:
        reason = f"real CUPS printing needs: {', '.join(missing)} (bash scripts/setup.sh as root)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    with shared_cupsd():  # other test processes (xdist workers, sessions) print meanwhile
        yield


@pytest.fixture
def pdf_queue(cups: None) -> Iterator[str]:
    """An enabled cups-pdf queue ``KioskTest<pid>``, removed with its jobs afterwards."""
    _run("lpadmin", "-p", QUEUE, "-v", "cups-pdf:/", "-E", "-P", str(PPD))
    yield QUEUE
    _run("cancel", "-a", QUEUE, check=False)
    _run("lpadmin", "-x", QUEUE, check=False)


def _output_dir() -> Path:
    """Where cups-pdf writes root's jobs (the ``Out`` setting, ``${HOME}`` expanded)."""
    out = "${HOME}/PDF"
    for line in CUPS_PDF_CONF.read_text().splitlines():
        match = re.match(r"^Out\s+(\S+)", line)
        if match:
            out = match.group(1)
    return Path(out.replace("${HOME}", str(Path.home())))


def receipt_pdf(height_mm: float = 135) -> bytes:
    """A small 80 mm roll receipt drawn like ours (reportlab, plain MediaBox)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(80 * mm, height_mm * mm))
    canvas.drawString(5 * mm, (height_mm - 10) * mm, "Q01-20261123-0007")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """A migrated SQLite database (the queue's SQL is plain; PostgreSQL adds nothing here)."""
    engine = create_kiosk_engine(f"sqlite:///{tmp_path / 'kiosk.sqlite3'}")
    upgrade_schema(engine)
    database = Database(engine)
    yield database
    database.dispose()


def _audit_actions(db: Database) -> list[str]:
    with db.unit_of_work() as uow:
        return list(uow.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_page_size_comes_from_the_pdf() -> None:
    assert page_size_option(receipt_pdf(135), "80mm") == "Custom.80x135mm"
    assert page_size_option(receipt_pdf(212.4), "58mm") == "Custom.80x212mm"
    assert page_size_option(b"%PDF-1.4 whatever", "a5") == "A5"
    with pytest.raises(DocumentRejectedError, match="không phải tệp PDF"):
        page_size_option(b"not a pdf", "80mm")


@pytest.mark.parametrize(
    "box",
    [
        b"0 0 226.77 " + b"9" * 400,  # a float of 400 digits is inf: round() overflowed
        b"0 0 226.77 1.2.3",  # the pattern takes it, float() did not
        b"0 0 0 0",
        b"0 0 226.77 99999999",
    ],
)
def test_a_page_size_that_is_no_size_is_refused_in_vietnamese(box: bytes) -> None:
    with pytest.raises(DocumentRejectedError, match="không phải tệp PDF hợp lệ"):
        page_size_option(b"%PDF-1.4\n/MediaBox [" + box + b"]\n", "80mm")


def test_enqueue_refuses_what_is_not_a_pdf(db: Database, clock: FixedClock) -> None:
    queue = PrintQueue(db, clock, CupsPrinter(QUEUE))
    with pytest.raises(InputError):
        queue.enqueue(b"hello", "Q01-20261123-0001", "80mm")
    assert queue.list() == []


def test_disabled_printer_keeps_the_job_until_it_is_back_even_after_a_restart(
    pdf_queue: str, db: Database, clock: FixedClock
) -> None:
    out_dir = _output_dir()
    before = set(out_dir.glob("*.pdf")) if out_dir.exists() else set()
    _run("cupsdisable", pdf_queue)

    queue = PrintQueue(db, clock, CupsPrinter(pdf_queue))
    job_id = queue.enqueue(receipt_pdf(), "Q01-20261123-0007", "80mm")
    assert [job.status for job in queue.list()] == [QUEUED]  # committed before any print
    tried = queue.process()
    assert [(job.id, job.status, job.attempts) for job in tried] == [(job_id, QUEUED, 1)]
    assert tried[0].last_error is not None
    assert tried[0].last_error.startswith("Máy in đang tắt hoặc hết giấy")
    assert _run("lpstat", "-o", pdf_queue, check=False).stdout == ""  # nothing hidden in CUPS

    restarted = PrintQueue(db, clock, CupsPrinter(pdf_queue))  # a new process, same database
    _run("cupsenable", pdf_queue)
    clock.advance(minutes=5)
    [job] = restarted.process()
    assert (job.id, job.status, job.attempts, job.last_error) == (job_id, DONE, 2, None)
    assert job.printed_at == clock.now()
    assert restarted.process() == []

    _wait(
        "the CUPS job to finish",
        lambda: _run("lpstat", "-o", pdf_queue, check=False).stdout.strip() == "",
        15,
    )
    created = set(out_dir.glob("Q01-20261123-0007*.pdf")) - before  # named after the title
    assert len(created) == 1, created
    [printed] = created
    _wait("cups-pdf to write the file", lambda: printed.stat().st_size > 0)
    assert printed.read_bytes().startswith(b"%PDF-")
    printed.unlink()
    assert _audit_actions(db) == ["print_enqueued", "print_waiting", "print_done"]


def test_a_queue_that_does_not_exist_keeps_the_job(
    cups: None, db: Database, clock: FixedClock
) -> None:
    printer = CupsPrinter("KioskNoSuchQueue")
    with pytest.raises(PrinterUnavailableError, match="Không có máy in 'KioskNoSuchQueue'"):
        printer.print_pdf(receipt_pdf(), paper="80mm", title="x")
    queue = PrintQueue(db, clock, printer)
    first = queue.enqueue(receipt_pdf(), "Q01-20261123-0001", "80mm")
    queue.enqueue(receipt_pdf(), "Q01-20261123-0002", "80mm")
    tried, held = queue.process()  # stops at the first: the second would fail the same way
    assert (tried.id, tried.status) == (first, QUEUED)
    assert tried.last_error is not None and "Không có máy in" in tried.last_error
    assert (held.status, held.attempts, held.held, held.last_error) == (
        QUEUED,
        0,
        True,
        tried.last_error,
    )
    assert [job.status for job in queue.list(pending_only=True)] == [QUEUED, QUEUED]


def test_a_stopped_cups_service_keeps_the_job(
    pdf_queue: str, db: Database, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A socket nobody listens on: to lp/lpstat exactly a stopped cupsd, without stopping ours.
    monkeypatch.setenv("CUPS_SERVER", str(tmp_path / "no-cupsd.sock"))
    queue = PrintQueue(db, clock, CupsPrinter(pdf_queue))
    queue.enqueue(receipt_pdf(), "Q01-20261123-0004", "80mm")
    [job] = queue.process()
    assert job.status == QUEUED
    assert job.last_error is not None
    assert job.last_error.startswith("Không kết nối được dịch vụ in CUPS")


def test_a_rejecting_queue_keeps_the_job(pdf_queue: str, db: Database, clock: FixedClock) -> None:
    _run("cupsreject", pdf_queue)
    queue = PrintQueue(db, clock, CupsPrinter(pdf_queue))
    queue.enqueue(receipt_pdf(), "Q01-20261123-0003", "80mm")
    [job] = queue.process()
    assert job.status == QUEUED
    assert job.last_error is not None and "đang từ chối lệnh in" in job.last_error


def test_cli_lists_and_retries(
    pdf_queue: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out_dir = _output_dir()
    before = set(out_dir.glob("*.pdf")) if out_dir.exists() else set()
    url = f"sqlite:///{tmp_path / 'data' / 'kiosk.sqlite3'}"
    monkeypatch.setenv("KIOSK_DATABASE_URL", url)
    monkeypatch.setenv("KIOSK_PRINTER", pdf_queue)
    assert main(["print-queue", "list"]) == 0  # creates and migrates the database
    assert "Hàng in trống." in capsys.readouterr().out

    engine = create_kiosk_engine(url)
    database = Database(engine)
    try:
        PrintQueue(database, SystemClock(), CupsPrinter(pdf_queue)).enqueue(
            receipt_pdf(), "Q01-20261123-0009", "80mm"
        )
    finally:
        database.dispose()
    _run("cupsdisable", pdf_queue)
    assert main(["print-queue", "retry"]) == 1
    out = capsys.readouterr().out
    assert "Q01-20261123-0009: chưa in: Máy in đang tắt" in out
    assert "Còn 1 biên nhận chờ in." in out

    _run("cupsenable", pdf_queue)
    assert main(["print-queue", "retry"]) == 0
    assert "Q01-20261123-0009: đã in" in capsys.readouterr().out
    assert main(["print-queue", "list"]) == 0
    assert "\tđã in\t2 lần" in capsys.readouterr().out
    _wait(
        "the CUPS job to finish",
        lambda: _run("lpstat", "-o", pdf_queue, check=False).stdout.strip() == "",
        15,
    )
    for printed in set(out_dir.glob("Q01-20261123-0009*.pdf")) - before:
        printed.unlink()
