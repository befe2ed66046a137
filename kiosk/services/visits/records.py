"""Visits as values: the ORM rows of a transaction read into a frozen TransactionRecord."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from kiosk.domain.values import ServiceOutcome, TransactionRecord
from kiosk.services.people.privacy import PrivacyVault
from kiosk.storage.models import Citizen, Counter, Helper, Transaction


def visit_query() -> Select[Transaction]:
    """Transactions with their service lines and barriers loaded in the same round trips."""
    return select(Transaction).options(
        selectinload(Transaction.services), selectinload(Transaction.barriers)
    )


def corrections_of(
    session: Session, ids: Sequence[uuid.UUID], *, batch: int = 500
) -> dict[uuid.UUID, tuple[uuid.UUID, ...]]:
    """The corrections of each of ``ids``, oldest first, in a statement per ``batch`` visits
    (a list read in one statement per visit kept the GIL from the GUI thread)."""
    found: dict[uuid.UUID, list[uuid.UUID]] = {}
    for start in range(0, len(ids), batch):
        rows = session.execute(
            select(Transaction.id, Transaction.corrects_id)
            .where(Transaction.corrects_id.in_(ids[start : start + batch]))
            .order_by(Transaction.started_at)
        )
        for correction_id, original_id in rows:
            if original_id is not None:  # always, by the WHERE
                found.setdefault(original_id, []).append(correction_id)
    return {original: tuple(corrections) for original, corrections in found.items()}


def transaction_record(
    session: Session,
    vault: PrivacyVault,
    transaction: Transaction,
    corrections_by_id: Mapping[uuid.UUID, tuple[uuid.UUID, ...]] | None = None,
) -> TransactionRecord:
    """One transaction, personal fields decrypted for the screen or a receipt;
    ``corrections_by_id`` (from :func:`corrections_of`) saves a statement per visit."""
    citizen = session.get(Citizen, transaction.citizen_id) if transaction.citizen_id else None
    helper = session.get(Helper, transaction.helper_id) if transaction.helper_id else None
    counter = session.get(Counter, transaction.counter_id)
    if corrections_by_id is None:
        corrections_by_id = corrections_of(session, [transaction.id])
    corrections = corrections_by_id.get(transaction.id, ())
    return TransactionRecord(
        id=transaction.id,
        counter_code=counter.code if counter else "",
        business_day=transaction.business_day,
        started_at=transaction.started_at,
        finished_at=transaction.finished_at,
        status=transaction.status,
        receipt_no=transaction.receipt_no,
        helper_name=helper.full_name if helper else None,
        citizen_id_masked=citizen.id_masked if citizen else None,
        citizen_name=vault.decrypt_optional(citizen.name_enc) if citizen else None,
        citizen_birth_year=citizen.birth_year if citizen else None,
        citizen_gender=citizen.gender if citizen else None,
        services=tuple(
            ServiceOutcome(
                s.service_code, s.outcome, s.reason_code, s.dossier_code, s.procedure_name
            )
            for s in transaction.services
        ),
        barriers=tuple(b.barrier_code for b in transaction.barriers),
        satisfaction=transaction.satisfaction,
        referral=transaction.referral,
        follow_up_on=transaction.follow_up_on,
        follow_up_phone=vault.decrypt_optional(transaction.follow_up_phone_enc),
        notes=vault.decrypt_optional(transaction.notes_enc),
        corrects_id=transaction.corrects_id,
        correction_reason=transaction.correction_reason,
        corrections=corrections,
    )
