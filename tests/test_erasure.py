"""Erasure that sticks (issue 14, item 3): print jobs in every state go with the person, the
erasure ledger remembers who was erased (keyed hashes and times only), backups are erased
too, and a restore of an older backup erases them again."""

from __future__ import annotations

import json
import sqlite3
import stat
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from kiosk.app import Kiosk, engine_for
from kiosk.devices.printers import PrintDocument
from kiosk.domain.centre import CentreInfo
from kiosk.domain.clock import FixedClock
from kiosk.domain.values import ServiceOutcome, TransactionRecord
from kiosk.services.people.erasure_ledger import ErasureLedger, ledger_path
from kiosk.services.people.retention import MSG_JOB_ERASED, DeletedJobs
from kiosk.services.printing import DONE, FAILED, PRINTING, QUEUED, PrintQueue
from kiosk.services.upkeep.backup import create_backup, restore_backup, verify_backup
from kiosk.services.upkeep.backup.erasure import scrub_backups
from kiosk.storage.models import PrintJob
from tests.factories import BINH, NHUNG, finished_visit
from tests.fakes import FolderPrinter

SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
CENTRE = CentreInfo("Trung tâm Phục vụ hành chính công xã Thử Nghiệm")


def queue_receipt(kiosk: Kiosk, queue: PrintQueue, record: TransactionRecord, status: str) -> int:
    """Queue ``record``'s receipt and put its job in ``status``."""
    job_id = queue.enqueue_receipt(record, centre=CENTRE, catalogue=kiosk.catalogue, paper="80mm")
    with kiosk.db.unit_of_work() as uow:
        uow.session.execute(update(PrintJob).where(PrintJob.id == job_id).values(status=status))
        uow.commit()
    return job_id


def jobs_of(kiosk: Kiosk) -> dict[str, list[str]]:
    """Receipt number → statuses of its jobs."""
    found: dict[str, list[str]] = {}
    with kiosk.db.unit_of_work() as uow:
        for number, status in uow.session.execute(
            select(PrintJob.receipt_no, PrintJob.status).order_by(PrintJob.id)
        ):
            found.setdefault(number, []).append(status)
    return found


def test_erasure_deletes_the_print_jobs_of_the_person_in_every_state(
    kiosk: Kiosk, printer: FolderPrinter
) -> None:
    queue = PrintQueue(kiosk.db, kiosk.clock, printer)
    first = finished_visit(kiosk, citizen=NHUNG)
    second = finished_visit(kiosk, citizen=NHUNG)
    other = finished_visit(kiosk, citizen=BINH)
    for status in (QUEUED, FAILED, DONE):
        queue_receipt(kiosk, queue, first, status)
    queue_receipt(kiosk, queue, second, PRINTING)
    queue_receipt(kiosk, queue, other, QUEUED)

    result = kiosk.retention.erase_citizen(NHUNG.id_number)

    assert result.print_jobs == DeletedJobs(waiting=3, printed=1)
    assert jobs_of(kiosk) == {other.receipt_no: [QUEUED]}
    assert kiosk.transactions.get(other.id).citizen_name == BINH.full_name


def test_retention_deletes_old_print_jobs_printed_or_not(
    kiosk: Kiosk, clock: FixedClock, printer: FolderPrinter
) -> None:
    queue = PrintQueue(kiosk.db, clock, printer)
    old = finished_visit(kiosk, citizen=NHUNG)
    queue_receipt(kiosk, queue, old, FAILED)
    queue_receipt(kiosk, queue, old, DONE)
    clock.advance(days=100)
    recent_visit = finished_visit(kiosk, citizen=BINH)
    reprint_of_recent = queue_receipt(kiosk, queue, recent_visit, QUEUED)
    clock.advance(days=100)

    result = kiosk.retention.purge(180)

    assert (result.citizens_erased, result.print_jobs) == (1, DeletedJobs(1, 1))
    assert jobs_of(kiosk) == {recent_visit.receipt_no: [QUEUED]}
    assert queue.get(reprint_of_recent).status == QUEUED


def test_the_ledger_holds_keyed_hashes_and_times_only(kiosk: Kiosk, clock: FixedClock) -> None:
    finished_visit(kiosk, citizen=NHUNG)
    finished_visit(kiosk, citizen=BINH)
    kiosk.retention.erase_citizen(NHUNG.id_number)
    clock.advance(days=400)
    kiosk.retention.purge(180)  # Bình, by retention

    path = ledger_path(kiosk.settings.key_file)
    assert path.parent == kiosk.settings.key_file.parent
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text(encoding="ascii")  # ASCII only: no name can be in it
    for secret in (NHUNG.id_number, BINH.id_number, "Nhung", "Bình", "Binh"):
        assert secret not in text
    lines = [json.loads(line) for line in text.splitlines()]
    assert [(line["id_hash"], line["reason"]) for line in lines] == [
        (kiosk.vault.id_hash(NHUNG.id_number), "request"),
        (kiosk.vault.id_hash(BINH.id_number), "retention"),
    ]
    entries = ErasureLedger(path).entries()
    assert entries[1].erased_at - entries[0].erased_at == timedelta(days=400)


@SQLITE
def test_restoring_an_older_backup_erases_again_who_was_erased_since(
    kiosk: Kiosk, clock: FixedClock, printer: FolderPrinter
) -> None:
    queue = PrintQueue(kiosk.db, clock, printer)
    erased_visit = finished_visit(kiosk, citizen=NHUNG)
    queue_receipt(kiosk, queue, erased_visit, QUEUED)
    kept_visit = finished_visit(kiosk, citizen=BINH)
    clock.advance(minutes=1)
    made = create_backup(kiosk.settings, clock)
    clock.advance(minutes=1)
    kiosk.retention.erase_citizen(NHUNG.id_number)
    (made.path.parent / "elsewhere").mkdir()  # a copy on a USB stick, never scrubbed
    usb = made.path.rename(made.path.parent / "elsewhere" / made.path.name)
    clock.advance(minutes=5)

    result = restore_backup(kiosk.settings, clock, usb, engine_for)

    assert result.erasures_reapplied == 1
    assert kiosk.transactions.get(erased_visit.id).citizen_name is None
    assert kiosk.transactions.get(kept_visit.id).citizen_name == BINH.full_name
    assert jobs_of(kiosk) == {}
    # Nhung comes back after her erasure: a new record, which a later restore keeps
    clock.advance(minutes=1)
    returned = finished_visit(kiosk, citizen=NHUNG)
    clock.advance(minutes=1)
    later = create_backup(kiosk.settings, clock)
    clock.advance(minutes=1)
    again = restore_backup(kiosk.settings, clock, later.path, engine_for)
    assert again.erasures_reapplied == 0
    assert kiosk.transactions.get(returned.id).citizen_name == NHUNG.full_name


@SQLITE
def test_an_erasure_reaches_the_backups_already_made(
    kiosk: Kiosk, clock: FixedClock, printer: FolderPrinter
) -> None:
    queue = PrintQueue(kiosk.db, clock, printer)
    visit = finished_visit(kiosk, citizen=NHUNG)
    queue_receipt(kiosk, queue, visit, DONE)
    finished_visit(kiosk, citizen=BINH)
    made = create_backup(kiosk.settings, clock)
    clock.advance(minutes=1)
    other = create_backup(kiosk.settings, clock)
    kiosk.retention.erase_citizen(NHUNG.id_number)

    assert scrub_backups(kiosk.settings, clock, engine_for) == 2
    assert scrub_backups(kiosk.settings, clock, engine_for) == 0  # nothing left to erase

    for backup in (made, other):
        facts = verify_backup(backup.path)  # the manifest's checksum matches the new file
        assert facts.visits == 2
        with sqlite3.connect(f"file:{backup.path}?mode=ro", uri=True) as connection:
            hashes = {row[0] for row in connection.execute("SELECT id_hash FROM citizens")}
            jobs = connection.execute("SELECT count(*) FROM print_jobs").fetchone()[0]
        connection.close()
        assert hashes == {None, kiosk.vault.id_hash(BINH.id_number)}
        assert jobs == 0


class ErasingPrinter(FolderPrinter):
    """A printer during whose first print the citizen is erased (``kiosk purge --citizen``
    from a terminal while the kiosk prints)."""

    def __init__(self, folder: Path, erase: Callable[[], object]) -> None:
        super().__init__(folder)
        self._erase: Callable[[], object] | None = erase

    def print_document(self, document: PrintDocument) -> None:
        """Print, erasing the citizen the first time."""
        erase, self._erase = self._erase, None
        if erase is not None:
            erase()
        super().print_document(document)


def test_an_erasure_while_the_queue_prints_does_not_stop_printing(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    printer = ErasingPrinter(
        tmp_path / "printed", lambda: kiosk.retention.erase_citizen(NHUNG.id_number)
    )
    queue = PrintQueue(kiosk.db, kiosk.clock, printer)
    first = finished_visit(kiosk, citizen=NHUNG)
    after = finished_visit(kiosk, citizen=BINH)
    printing = queue_receipt(kiosk, queue, first, QUEUED)  # erased while it prints
    waiting = queue_receipt(kiosk, queue, first, QUEUED)  # erased before its turn
    other = queue_receipt(kiosk, queue, after, QUEUED)

    tried = queue.process()

    assert [(job.id, job.status) for job in tried] == [
        (printing, FAILED),
        (waiting, FAILED),
        (other, DONE),
    ]
    assert tried[0].last_error == tried[1].last_error == MSG_JOB_ERASED
    assert jobs_of(kiosk) == {after.receipt_no: [DONE]}


def test_erasure_and_retention_clear_correction_reasons(kiosk: Kiosk, clock: FixedClock) -> None:
    """A correction's reason is free text typed by a helper (exported only unmasked, like the
    notes): it may name the citizen, so it goes with them."""
    visit = finished_visit(kiosk, citizen=NHUNG)
    corrected = kiosk.transactions.correct(
        visit.id,
        helper_id=None,
        reason="Chị Nguyễn Thị Hồng Nhung nhận được OTP sau",
        outcomes=[ServiceOutcome("portal_account", "done")],
    )
    other = finished_visit(kiosk, citizen=BINH)
    old = kiosk.transactions.correct(
        other.id,
        helper_id=None,
        reason="Anh Bình quay lại",
        outcomes=[ServiceOutcome("portal_account", "done")],
    )

    kiosk.retention.erase_citizen(NHUNG.id_number)
    assert kiosk.transactions.get(corrected.id).correction_reason is None
    assert kiosk.transactions.get(old.id).correction_reason == "Anh Bình quay lại"
    clock.advance(days=200)
    kiosk.retention.purge(180)
    assert kiosk.transactions.get(old.id).correction_reason is None
