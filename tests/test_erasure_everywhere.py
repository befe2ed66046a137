"""After an erasure the person is nowhere in what the kiosk wrote (issue 14, item 3).

A citizen's visit is logged with notes, a phone, a dossier code and a correction whose reason
names her; her receipt is printed through a real CUPS (cups-pdf), the print not waiting for
CUPS to finish (so the erasure's purge of the kiosk's queue is what empties the spool, as when
a print gave up waiting on a busy machine), and another waits in the queue; a backup and the
log file are written; then she is erased. Every byte under the config and data dirs (database,
WAL, backups, ledger, logs), a masked CSV and XLSX export made afterwards and the CUPS spool is
searched: the name in UTF-8 NFC and NFD, the ID number, phone, notes and dossier code, the text
of every PDF found anywhere (inside database pages too), the ciphertexts of the encrypted
fields and pieces of the compressed streams of her print jobs. The same search before the
erasure finds her, so it can fail.
"""

from __future__ import annotations

import logging
import subprocess
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.app import Kiosk, engine_for
from kiosk.devices.printers.cups import CupsPrinter
from kiosk.domain.centre import CentreInfo
from kiosk.domain.values import CitizenDetails, ServiceOutcome, VisitDetails
from kiosk.logging_setup import configure_logging
from kiosk.services.identity import CitizenIdentity
from kiosk.services.people.audit import Actor
from kiosk.services.printing import PrintQueue
from kiosk.services.reporting.export import export_transactions
from kiosk.services.upkeep.backup import create_backup
from kiosk.services.upkeep.backup.erasure import carry_erasures
from kiosk.storage.models import Citizen, PrintJob, Transaction
from tests import test_printing as cups_support
from tests.cupsd import machine_wide
from tests.factories import BINH, finished_visit

# Fixtures shared with the CUPS tests: a running cupsd and a cups-pdf queue of this process.
cups, pdf_queue = cups_support.cups, cups_support.pdf_queue

SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
SPOOL = Path("/var/spool/cups")
NAME = "Lạc Thị Diễm Xoan"  # invented; not used by any other test
ID_NUMBER = "046195012378"
PHONE = "0987123456"
NOTES = "Cần gọi lại về hồ sơ đất của cô Xoan"
DOSSIER = "H46.99-261123-4242"
PERSON = CitizenIdentity(ID_NUMBER, None, NAME, date(1995, 4, 9), "Nữ").to_details(
    CitizenDetails("", "").consent_notice_version
)


def _pdf_texts(data: bytes) -> Iterator[str]:
    """The text of each PDF embedded in ``data`` (a file, or a database page run)."""
    start = data.find(b"%PDF-")
    while start >= 0:
        end = data.find(b"%%EOF", start)
        segment = data[start : end + 5] if end >= 0 else data[start:]
        result = subprocess.run(
            ["pdftotext", "-q", "-", "-"], input=segment, capture_output=True, timeout=30
        )
        yield unicodedata.normalize("NFC", result.stdout.decode("utf-8", "replace"))
        start = data.find(b"%PDF-", start + 5)


def _streams(pdf: bytes) -> list[bytes]:
    """Pieces of a PDF's raw (compressed) streams, long enough to be this document's own,
    every 256 bytes (a database page boundary splits a blob, never all of its pieces)."""
    found = []
    for part in pdf.split(b"stream\n")[1:]:
        body = part.split(b"endstream", 1)[0]
        found += [body[i : i + 48] for i in range(16, len(body) - 64, 256)]
    return found


def _files(roots: list[Path]) -> Iterator[tuple[Path, bytes]]:
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                data = path.read_bytes()
                yield path, data
                if zipfile.is_zipfile(path):  # an XLSX: its members are compressed
                    with zipfile.ZipFile(path) as archive:
                        for member in archive.namelist():
                            yield path / member, archive.read(member)


def write_exports(kiosk: Kiosk, folder: Path) -> None:
    """A masked CSV and XLSX of November, as an admin exports them."""
    folder.mkdir()
    for fmt in ("csv", "xlsx"):
        export_transactions(
            kiosk.db,
            kiosk.vault,
            kiosk.catalogue,
            start=date(2026, 11, 1),
            end=date(2026, 11, 30),
            out=folder / f"visits.{fmt}",
            fmt=fmt,
            unmasked=False,
            counter_id=kiosk.counter_id,
            actor=Actor.system("test"),
            clock=kiosk.clock,
        )


def find_person(roots: list[Path], secrets: list[bytes]) -> list[str]:
    """Where any of ``secrets`` or the name (in any PDF's text) was found."""
    name_nfc = unicodedata.normalize("NFC", NAME)
    needles = [
        *secrets,
        name_nfc.encode(),
        unicodedata.normalize("NFD", NAME).encode(),
        ID_NUMBER.encode(),
        PHONE.encode(),
        NOTES.encode(),
        DOSSIER.encode(),
    ]
    assert name_nfc.encode() != unicodedata.normalize("NFD", NAME).encode()
    hits = []
    for path, data in _files(roots):
        hits += [f"{path}: bytes #{n}" for n, needle in enumerate(needles) if needle in data]
        hits += [f"{path}: PDF text" for text in _pdf_texts(data) if name_nfc in text]
    return hits


@pytest.fixture
def file_log(kiosk: Kiosk) -> Iterator[Path]:
    """The kiosk's rotating log file, as the CLI and the window write it."""
    root = logging.getLogger()
    before = list(root.handlers)
    configure_logging(kiosk.settings.log_dir)
    yield kiosk.settings.log_dir
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()


@pytest.fixture
def her_queue(pdf_queue: str) -> Iterator[str]:
    """The test's CUPS queue, while no other test process on this machine prints her: the
    spool is the machine's, and another session's run of this test prints the same invented
    person (its job's file was found here: another job number than this queue's). Her jobs
    are purged afterwards, however the test ended."""
    with machine_wide("erasure-everywhere"):
        yield pdf_queue
        CupsPrinter(pdf_queue).purge_printed(wait_seconds=30)


@SQLITE
def test_an_erased_citizen_is_nowhere_in_the_kiosk_s_files(
    kiosk: Kiosk, her_queue: str, file_log: Path, tmp_path: Path
) -> None:
    centre = CentreInfo("Trung tâm Phục vụ hành chính công xã Thử Nghiệm")
    visit = finished_visit(
        kiosk,
        ServiceOutcome("online_filing", "done", dossier_code=DOSSIER),
        citizen=PERSON,
        details=VisitDetails(notes=NOTES, follow_up_phone=PHONE, follow_up_on=date(2026, 11, 30)),
    )
    kiosk.transactions.correct(  # a helper's free text, naming her
        visit.id,
        helper_id=None,
        reason=f"{NAME} đã nhận được mã hồ sơ",
        outcomes=[ServiceOutcome("online_filing", "done", dossier_code=DOSSIER)],
    )
    kept = finished_visit(kiosk, citizen=BINH)  # someone else, who stays
    printing = CupsPrinter(her_queue, settle_seconds=0)  # leaves the job to the erasure
    queue = PrintQueue(kiosk.db, kiosk.clock, printing)
    queue.enqueue_receipt(visit, centre=centre, catalogue=kiosk.catalogue, paper="80mm")
    assert [job.status for job in queue.process()] == ["done"]
    queue.enqueue_receipt(visit, centre=centre, catalogue=kiosk.catalogue, paper="80mm")
    create_backup(kiosk.settings, kiosk.clock)
    with kiosk.db.unit_of_work() as uow:
        session = uow.session
        row = session.execute(
            select(Transaction.notes_enc, Transaction.follow_up_phone_enc).where(
                Transaction.id == visit.id
            )
        ).one()
        name_enc = session.scalar(select(Citizen.name_enc).where(Citizen.name_enc.is_not(None)))
        ciphertexts = [bytes(value) for value in (*row, name_enc) if value]
        jobs = list(session.scalars(select(PrintJob.pdf)))
    assert len(ciphertexts) == 3 and len(jobs) == 2
    # Her receipts' own stream pieces: what every receipt holds alike (a font, an image: also
    # in Binh's, and in any receipt other tests print into the same machine-wide spool) is not
    # hers. (A CI run found two such pieces in another process's job, its text not naming her.)
    others = queue.render_receipt(kept, centre=centre, catalogue=kiosk.catalogue, paper="80mm")
    pieces = [chunk for pdf in jobs for chunk in _streams(pdf) if chunk not in others]
    assert pieces, "her receipts hold streams of their own (the QR code, her text)"
    secrets = ciphertexts + pieces
    settings = replace(kiosk.settings, printer_name=her_queue)  # the kiosk prints there
    # An export made before the erasure has left the kiosk's hands (a USB stick, an e-mail):
    # it holds her dossier code and masked ID, and its copies are the admin's to delete.
    write_exports(kiosk, tmp_path / "handed-out")
    assert find_person([tmp_path / "handed-out"], [])
    roots = [settings.config_dir, settings.data_dir, settings.backup_dir, SPOOL]
    # The search finds her before: a receipt's text, and the bytes in the backup and database
    assert any(unicodedata.normalize("NFC", NAME) in text for text in _pdf_texts(jobs[0]))
    before = find_person(roots, secrets)
    for where in (settings.backup_dir, settings.data_dir / "kiosk.sqlite3"):
        assert any(hit.startswith(str(where)) for hit in before), (where, before)

    kiosk.retention.erase_citizen(ID_NUMBER)
    carried = carry_erasures(settings, kiosk.clock, engine_for, spool_wait_seconds=30)
    write_exports(kiosk, tmp_path / "reports")  # what the kiosk exports from now on
    roots.append(tmp_path / "reports")

    assert find_person(roots, secrets) == []
    assert carried.backups_rewritten == 1 and carried.spool_jobs_purged == 1
    assert kiosk.transactions.get(kept.id).citizen_name == BINH.full_name
