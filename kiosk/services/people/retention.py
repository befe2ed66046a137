"""Retention and erasure of personal data (Law 91/2025/QH15 and Decree 356/2025/NĐ-CP,
which replaced Decree 13/2023 on 1 January 2026).

Erasing a citizen removes the keyed hash, masked ID and encrypted name, the phone numbers,
notes, correction reasons and dossier codes of their visits, and their receipts' print jobs
in every state (a job still waiting will not print; the bytes of every job hold the name in
clear). Birth year, gender and every count stay, so reported figures do not change.
Retention does the same for everyone not seen for the retention period, and deletes every
print job older than it.

Erasure sticks: each erased citizen is written to the :mod:`erasure ledger
<kiosk.services.people.erasure_ledger>` before the erasure commits, so a restore of an older
backup can erase them again. On SQLite the deleted bytes are overwritten
(``secure_delete``) and the WAL is emptied afterwards, so the old pages do not linger in
either file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol, cast

from sqlalchemy import CursorResult, select, text, update
from sqlalchemy.orm import Session

from kiosk.domain.clock import Clock, local_day
from kiosk.errors import QT_TRANSLATE_NOOP, NotFoundError
from kiosk.services.people import audit
from kiosk.services.people.audit import Actor
from kiosk.services.people.erasure_ledger import Erasure, ErasureLedger
from kiosk.services.people.privacy import PrivacyVault
from kiosk.storage.models import AssistedService, Citizen, Transaction
from kiosk.storage.unit_of_work import Database

log = logging.getLogger(__name__)

_CHUNK = 500

MSG_JOB_ERASED = QT_TRANSLATE_NOOP(
    "Errors",
    "Biên nhận này không in được vì dữ liệu cá nhân của người dân vừa bị xóa theo yêu cầu "
    "hoặc hết thời hạn lưu.",
)
NOTHING_TO_ERASE = QT_TRANSLATE_NOOP("Errors", "Không có dữ liệu nào của số định danh này.")


@dataclass(frozen=True)
class DeletedJobs:
    """Print jobs deleted: those that had not printed yet (they never will) and printed ones."""

    waiting: int = 0
    printed: int = 0

    def __add__(self, other: DeletedJobs) -> DeletedJobs:
        return DeletedJobs(self.waiting + other.waiting, self.printed + other.printed)


class PrintJobEraser(Protocol):
    """Deletes the print jobs of some receipts and/or those created before a time
    (:func:`kiosk.services.printing.delete_jobs`; the print queue sits above this package)."""

    def __call__(
        self,
        session: Session,
        *,
        receipt_nos: Sequence[str] = (),
        created_before: datetime | None = None,
    ) -> DeletedJobs: ...


@dataclass(frozen=True)
class PurgeResult:
    """What a purge removed."""

    citizens_erased: int
    transactions_scrubbed: int
    print_jobs: DeletedJobs = DeletedJobs()


def scrub_transactions(session: Session, condition: object) -> int:
    """Drop notes, follow-up phones, correction reasons (free text that may name the citizen)
    and dossier codes of the visits matching ``condition``."""
    ids = list(session.scalars(select(Transaction.id).where(condition)))  # type: ignore[arg-type]
    if not ids:
        return 0
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        session.execute(
            update(Transaction)
            .where(Transaction.id.in_(chunk))
            .values(notes_enc=None, follow_up_phone_enc=None, correction_reason=None)
        )
        session.execute(
            update(AssistedService)
            .where(AssistedService.transaction_id.in_(chunk))
            .values(dossier_code=None)
        )
    return len(ids)


def erase_citizens(session: Session, condition: object, now: datetime) -> int:
    """Erase hash, masked id and name of the citizens matching ``condition``; keep counts."""
    result = session.execute(
        update(Citizen)
        .where(condition, Citizen.erased_at.is_(None))  # type: ignore[arg-type]
        .values(id_hash=None, id_masked=None, name_enc=None, erased_at=now)
    )
    return int(cast(CursorResult[Any], result).rowcount or 0)


def erase_people(
    session: Session,
    citizen_ids: Sequence[int],
    now: datetime,
    drop_jobs: PrintJobEraser | None,
) -> PurgeResult:
    """Erase the citizens ``citizen_ids``: their visits scrubbed, their receipts' print jobs
    deleted (with ``drop_jobs``), their hash, masked ID and name removed; counts kept."""
    scrubbed = erased = 0
    jobs = DeletedJobs()
    for start in range(0, len(citizen_ids), _CHUNK):
        chunk = list(citizen_ids[start : start + _CHUNK])
        receipts = [
            number
            for number in session.scalars(
                select(Transaction.receipt_no).where(Transaction.citizen_id.in_(chunk))
            )
            if number
        ]
        scrubbed += scrub_transactions(session, Transaction.citizen_id.in_(chunk))
        if drop_jobs is not None and receipts:
            jobs += drop_jobs(session, receipt_nos=receipts)
        erased += erase_citizens(session, Citizen.id.in_(chunk), now)
    return PurgeResult(erased, scrubbed, jobs)


def erase_by_hash(
    session: Session,
    erasure: Erasure,
    drop_jobs: PrintJobEraser | None,
) -> PurgeResult:
    """Carry out a ledger entry again: erase the citizen with that keyed hash if the row was
    last seen no later than the erasure (a later visit is a new record, kept)."""
    ids = list(
        session.scalars(
            select(Citizen.id).where(
                Citizen.id_hash == erasure.id_hash,
                Citizen.erased_at.is_(None),
                Citizen.last_seen_at <= erasure.erased_at,
            )
        )
    )
    return erase_people(session, ids, erasure.erased_at, drop_jobs)


def overwrite_deleted(session: Session) -> None:
    """On SQLite, have this unit of work overwrite what it deletes with zeros."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("PRAGMA secure_delete = ON"))


def empty_wal(db: Database) -> None:
    """On SQLite, copy the WAL into the database and truncate it, so the pages as they were
    before an erasure are gone from the WAL file too (a reader holding a snapshot can keep
    it from truncating: logged, done by the next erasure or checkpoint)."""
    if db.dialect != "sqlite":
        return
    connection = db.engine.raw_connection()  # outside a transaction (the engine's BEGINs)
    try:
        busy, _, _ = connection.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        connection.close()
    if busy:
        log.warning("WAL not truncated after an erasure: another connection was reading")


ErasureForwarder = Callable[[Session, str, datetime], None]


class RetentionOffice:
    """Purges expired personal data and erases a citizen on request."""

    def __init__(
        self,
        db: Database,
        vault: PrivacyVault,
        clock: Clock,
        *,
        forward_erasure: ErasureForwarder | None = None,
        ledger: ErasureLedger | None = None,
        drop_jobs: PrintJobEraser | None = None,
    ) -> None:
        self._db = db
        self._vault = vault
        self._clock = clock
        self._forward_erasure = forward_erasure  # a counter of a centre: erase there too
        self._ledger = ledger  # None: a database no restore can bring back (the centre's)
        self._drop_jobs = drop_jobs

    def purge(self, retention_days: int, *, actor: Actor | None = None) -> PurgeResult:
        """Erase citizens not seen for ``retention_days``, scrub older visits and delete
        older print jobs (printed or not)."""
        now = self._clock.now()
        cutoff = now - timedelta(days=retention_days)
        with self._db.unit_of_work() as uow:
            session = uow.session
            overwrite_deleted(session)
            scrubbed = scrub_transactions(
                session,
                (Transaction.business_day < local_day(cutoff))
                & (
                    Transaction.notes_enc.is_not(None)
                    | Transaction.follow_up_phone_enc.is_not(None)
                    | Transaction.correction_reason.is_not(None)
                    | Transaction.id.in_(
                        select(AssistedService.transaction_id).where(
                            AssistedService.dossier_code.is_not(None)
                        )
                    )
                ),
            )
            expired = session.execute(
                select(Citizen.id, Citizen.id_hash).where(
                    Citizen.last_seen_at < cutoff, Citizen.erased_at.is_(None)
                )
            ).all()
            self._record(Erasure(id_hash, now, "retention") for _, id_hash in expired if id_hash)
            people = erase_people(session, [row[0] for row in expired], now, self._drop_jobs)
            jobs = people.print_jobs
            if self._drop_jobs is not None:
                jobs += self._drop_jobs(session, created_before=cutoff)
            audit.record(
                session,
                now,
                actor or Actor.system("purge"),
                "privacy.purge",
                None,
                retention_days=retention_days,
                citizens=people.citizens_erased,
                transactions=scrubbed,
                print_jobs_waiting=jobs.waiting,
                print_jobs_printed=jobs.printed,
            )
            uow.commit()
        empty_wal(self._db)
        return PurgeResult(people.citizens_erased, scrubbed, jobs)

    def _record(self, erasures: Iterable[Erasure]) -> None:
        if self._ledger is not None:
            self._ledger.record(erasures)

    def erase_citizen(self, id_number: str, *, actor: Actor | None = None) -> PurgeResult:
        """Erase one citizen's personal data at their request (by ID number)."""
        id_hash = self._vault.id_hash(id_number)
        now = self._clock.now()
        with self._db.unit_of_work() as uow:
            session = uow.session
            overwrite_deleted(session)
            citizen_id = session.scalar(select(Citizen.id).where(Citizen.id_hash == id_hash))
            if citizen_id is None and self._forward_erasure is None:
                raise NotFoundError(NOTHING_TO_ERASE)
            self._record([Erasure(id_hash, now)])  # before the commit: see the module
            result = PurgeResult(0, 0)
            if citizen_id is not None:
                result = erase_people(session, [citizen_id], now, self._drop_jobs)
            if self._forward_erasure is not None:  # the centre may hold visits of other counters
                self._forward_erasure(session, id_hash, now)
            audit.record(
                session,
                now,
                actor or Actor.system("cli"),
                "privacy.erase_request",
                f"citizen#{citizen_id}" if citizen_id is not None else "citizen (centre only)",
                transactions=result.transactions_scrubbed,
                print_jobs_waiting=result.print_jobs.waiting,
                print_jobs_printed=result.print_jobs.printed,
            )
            uow.commit()
        empty_wal(self._db)
        return result
