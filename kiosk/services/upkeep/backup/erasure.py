"""Erasures that stick: carried into every backup, and again into a restored database.

An erasure deletes a citizen from the live database (:mod:`kiosk.services.people.retention`)
and writes them to the erasure ledger beside the privacy key. Backups taken before it still
hold the person (their encrypted name, their receipts' print jobs with the name in clear), so:

- :func:`scrub_backups` erases every ledger entry from every backup in the backup folder: a
  copy of the backup is erased, vacuumed (no freed page keeps the old bytes), checked, and
  put in place of the backup with a new manifest; a crash leaves the old backup whole.
- :func:`reapply_erasures` erases every ledger entry from a database just restored, so a
  backup on a USB stick that was not in the folder at the time cannot bring anyone back.

An entry applies to a citizen row last seen no later than the erasure: a citizen who came
back afterwards is a new record and stays. :func:`carry_erasures`, run after each erasure,
scrubs the backups and purges printed receipts from the CUPS spool.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from kiosk.domain.clock import Clock
from kiosk.services.people import audit
from kiosk.services.people.erasure_ledger import Erasure, ErasureLedger, ledger_path
from kiosk.services.people.retention import (
    empty_wal,
    erase_by_hash,
    overwrite_deleted,
)
from kiosk.services.printing import delete_jobs
from kiosk.services.upkeep.backup.files import BackupInfo, list_backups
from kiosk.services.upkeep.backup.making import sha256_and_sync, write_manifest
from kiosk.services.upkeep.backup.verify import check_database_file
from kiosk.services.upkeep.engines import EngineFactory
from kiosk.settings import Settings
from kiosk.storage.unit_of_work import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Carried:
    """Where an erasure was carried: backups rewritten, jobs purged from the CUPS spool."""

    backups_rewritten: int
    spool_jobs_purged: int


def carry_erasures(
    settings: Settings, clock: Clock, engines: EngineFactory, *, spool_wait_seconds: float = 5.0
) -> Carried:
    """After an erasure: erase the ledger's citizens from every backup (embedded database
    only) and purge printed receipts from the CUPS spool (the ``cups`` and ``qt`` routes,
    where CUPS is installed)."""
    from kiosk.devices.printers.cups import CupsPrinter
    from kiosk.services.upkeep.backup.files import embedded_database

    rewritten = 0
    if embedded_database(settings) is not None:
        rewritten = scrub_backups(settings, clock, engines)
    purged = 0
    if settings.print_backend in ("cups", "qt") and shutil.which("lpstat"):
        printer = CupsPrinter(settings.printer_name)
        purged = printer.purge_printed(wait_seconds=spool_wait_seconds)
    return Carried(rewritten, purged)


def ledger_of(settings: Settings) -> ErasureLedger:
    """The erasure ledger beside the settings' privacy key."""
    return ErasureLedger(ledger_path(settings.key_file))


def reapply_erasures(db: Database, erasures: Sequence[Erasure], clock: Clock) -> int:
    """Erase again, in one unit of work, every citizen of ``erasures`` that ``db`` holds;
    return how many entries applied."""
    applied = 0
    with db.unit_of_work() as uow:
        overwrite_deleted(uow.session)
        for erasure in erasures:
            if erase_by_hash(uow.session, erasure, delete_jobs).citizens_erased:
                applied += 1
        if applied:
            audit.record(
                uow.session,
                clock.now(),
                audit.Actor.system("restore"),
                "privacy.erasures_reapplied",
                None,
                citizens=applied,
                ledger_entries=len(erasures),
            )
        uow.commit()
    empty_wal(db)
    return applied


def scrub_backups(settings: Settings, clock: Clock, engines: EngineFactory) -> int:
    """Carry every ledger entry into every backup of the backup folder; return how many
    backups were rewritten."""
    erasures = ledger_of(settings).entries()
    if not erasures:
        return 0
    rewritten = 0
    for backup in list_backups(settings):
        if _holds_anyone(backup.path, erasures):
            _scrub(backup, erasures, settings, clock, engines)
            rewritten += 1
    return rewritten


def _holds_anyone(path: Path, erasures: Sequence[Erasure]) -> bool:
    hashes = sorted({erasure.id_hash for erasure in erasures})
    reader = sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True)
    try:
        for start in range(0, len(hashes), 500):
            chunk = hashes[start : start + 500]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT 1 FROM citizens WHERE id_hash IN ({marks}) LIMIT 1"
            if reader.execute(query, chunk).fetchone():
                return True
        return False
    except sqlite3.DatabaseError as exc:  # damaged, or no kiosk database: left as it is
        log.warning("backup %s not checked for erased citizens: %s", path.name, exc)
        return False
    finally:
        reader.close()


def _scrub(
    backup: BackupInfo,
    erasures: Sequence[Erasure],
    settings: Settings,
    clock: Clock,
    engines: EngineFactory,
) -> None:
    folder = backup.path.parent
    descriptor, name = tempfile.mkstemp(prefix=f".{backup.path.stem}.", suffix=".part", dir=folder)
    os.close(descriptor)
    copy = Path(name)
    try:
        shutil.copyfile(backup.path, copy)
        db = Database(engines(f"sqlite:///{copy}"))
        try:
            applied = reapply_erasures(db, erasures, clock)
        finally:
            db.dispose()
        writer = sqlite3.connect(copy)
        try:
            writer.execute("PRAGMA journal_mode=DELETE")  # one self-contained file again
            writer.execute("VACUUM")  # rebuilt: no free page keeps what was erased
        finally:
            writer.close()
        facts = check_database_file(copy)
        digest = sha256_and_sync(copy)
        os.replace(copy, backup.path)
    finally:
        for end in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                Path(f"{copy}{end}").unlink()
    write_manifest(
        replace(
            backup,
            size=backup.path.stat().st_size,
            schema_revision=facts.schema_revision,
            key_fingerprint=facts.key_fingerprint,
            visits=facts.visits,
            sha256=digest,
        ),
        settings,
    )
    log.info("backup %s: %d erased citizen(s) removed", backup.path.name, applied)
