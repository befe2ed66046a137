"""Retention and erasure of personal data (Law 91/2025/QH15 and Decree 356/2025/NĐ-CP,
which replaced Decree 13/2023 on 1 January 2026).

Erasing a citizen removes the keyed hash, masked ID and encrypted name, and the
phone numbers, notes and dossier codes of their visits. Birth year, gender and
every count stay, so reported figures do not change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from kiosk.domain.clock import Clock, local_day
from kiosk.errors import NotFoundError
from kiosk.services.people import audit
from kiosk.services.people.audit import Actor
from kiosk.services.people.privacy import PrivacyVault
from kiosk.storage.models import AssistedService, Citizen, Transaction
from kiosk.storage.unit_of_work import Database


@dataclass(frozen=True)
class PurgeResult:
    """What a purge removed."""

    citizens_erased: int
    transactions_scrubbed: int


def scrub_transactions(session: Session, condition: object) -> int:
    """Drop notes, follow-up phones and dossier codes of the visits matching ``condition``."""
    ids = list(session.scalars(select(Transaction.id).where(condition)))  # type: ignore[arg-type]
    if not ids:
        return 0
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        session.execute(
            update(Transaction)
            .where(Transaction.id.in_(chunk))
            .values(notes_enc=None, follow_up_phone_enc=None)
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
    ) -> None:
        self._db = db
        self._vault = vault
        self._clock = clock
        self._forward_erasure = forward_erasure  # a counter of a centre: erase there too

    def purge(self, retention_days: int, *, actor: Actor | None = None) -> PurgeResult:
        """Erase citizens not seen for ``retention_days`` and scrub older visits."""
        now = self._clock.now()
        cutoff = now - timedelta(days=retention_days)
        with self._db.unit_of_work() as uow:
            session = uow.session
            scrubbed = scrub_transactions(
                session,
                (Transaction.business_day < local_day(cutoff))
                & (
                    Transaction.notes_enc.is_not(None)
                    | Transaction.follow_up_phone_enc.is_not(None)
                    | Transaction.id.in_(
                        select(AssistedService.transaction_id).where(
                            AssistedService.dossier_code.is_not(None)
                        )
                    )
                ),
            )
            erased = erase_citizens(session, Citizen.last_seen_at < cutoff, now)
            audit.record(
                session,
                now,
                actor or Actor.system("purge"),
                "privacy.purge",
                None,
                retention_days=retention_days,
                citizens=erased,
                transactions=scrubbed,
            )
            uow.commit()
        return PurgeResult(erased, scrubbed)

    def erase_citizen(self, id_number: str, *, actor: Actor | None = None) -> PurgeResult:
        """Erase one citizen's personal data at their request (by ID number)."""
        id_hash = self._vault.id_hash(id_number)
        now = self._clock.now()
        with self._db.unit_of_work() as uow:
            session = uow.session
            citizen_id = session.scalar(select(Citizen.id).where(Citizen.id_hash == id_hash))
            if citizen_id is None and self._forward_erasure is None:
                raise NotFoundError("Không có dữ liệu nào của số định danh này.")
            scrubbed = erased = 0
            if citizen_id is not None:
                scrubbed = scrub_transactions(session, Transaction.citizen_id == citizen_id)
                erased = erase_citizens(session, Citizen.id == citizen_id, now)
            if self._forward_erasure is not None:  # the centre may hold visits of other counters
                self._forward_erasure(session, id_hash, now)
            audit.record(
                session,
                now,
                actor or Actor.system("cli"),
                "privacy.erase_request",
                f"citizen#{citizen_id}" if citizen_id is not None else "citizen (centre only)",
                transactions=scrubbed,
            )
            uow.commit()
        return PurgeResult(erased, scrubbed)
