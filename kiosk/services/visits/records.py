"""Visits as values: the ORM rows of a transaction read into a frozen TransactionRecord."""

from __future__ import annotations

import uuid

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload, selectinload

from kiosk.domain.values import ServiceOutcome, TransactionRecord
from kiosk.services.people.privacy import PrivacyVault
from kiosk.storage.models import Citizen, Counter, Helper, Transaction


def visit_query() -> Select[Transaction]:
    """Transactions with their service lines and barriers loaded in the same round trips."""
    return select(Transaction).options(
        selectinload(Transaction.services), selectinload(Transaction.barriers)
    )


def editable_query() -> Select[Transaction]:
    """A transaction with its service lines in the same SELECT, for a use case that edits
    it: its barriers load only if asked for (recording an outcome never does)."""
    return select(Transaction).options(joinedload(Transaction.services))


def transaction_record(
    session: Session,
    vault: PrivacyVault,
    transaction: Transaction,
    *,
    counter_code: str | None = None,
    corrections: tuple[uuid.UUID, ...] | None = None,
) -> TransactionRecord:
    """One transaction, personal fields decrypted for the screen or a receipt (a list of
    visits is read by :mod:`kiosk.services.visits.listing` instead). A caller that knows
    the counter's code or the corrections (none, for a visit just finished) saves their
    SELECTs."""
    citizen = session.get(Citizen, transaction.citizen_id) if transaction.citizen_id else None
    helper = session.get(Helper, transaction.helper_id) if transaction.helper_id else None
    if counter_code is None:
        counter = session.get(Counter, transaction.counter_id)
        counter_code = counter.code if counter else ""
    if corrections is None:
        corrections = tuple(
            session.scalars(
                select(Transaction.id)
                .where(Transaction.corrects_id == transaction.id)
                .order_by(Transaction.started_at)
            )
        )
    return TransactionRecord(
        id=transaction.id,
        counter_code=counter_code,
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
