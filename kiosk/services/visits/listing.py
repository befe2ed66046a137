"""A list of visits (a day's, the unfinished ones) read as values in four statements.

The helper's "today" list read ORM objects: a transaction, its citizen, helper, counter,
services, barriers and corrections, about 80–140 ms for a 430-visit day, and the worker
thread held the interpreter lock from the GUI thread most of that time. Here the visits
come in one joined SELECT of plain columns, their service lines, barriers and corrections
in one SELECT each over the same condition (no IN lists that grow with the day), and the
values are built straight from the rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session, aliased

from kiosk.domain.values import ServiceOutcome, TransactionRecord
from kiosk.pacing import Pacer
from kiosk.services.people.privacy import PrivacyVault
from kiosk.storage.models import (
    AssistedService,
    Citizen,
    Counter,
    Helper,
    Transaction,
    TransactionBarrier,
)


def listed_records(
    session: Session, vault: PrivacyVault, *where: ColumnElement[bool]
) -> list[TransactionRecord]:
    """The visits matching ``where`` (conditions on :class:`Transaction`), oldest first."""
    chosen = select(Transaction.id).where(*where)
    visits = session.execute(
        select(
            Transaction.id,
            Counter.code,
            Transaction.business_day,
            Transaction.started_at,
            Transaction.finished_at,
            Transaction.status,
            Transaction.receipt_no,
            Helper.full_name,
            Citizen.id_masked,
            Citizen.name_enc,
            Citizen.birth_year,
            Citizen.gender,
            Transaction.satisfaction,
            Transaction.referral,
            Transaction.follow_up_on,
            Transaction.follow_up_phone_enc,
            Transaction.notes_enc,
            Transaction.corrects_id,
            Transaction.correction_reason,
        )
        .join(Counter, Counter.id == Transaction.counter_id)
        .outerjoin(Helper, Helper.id == Transaction.helper_id)
        .outerjoin(Citizen, Citizen.id == Transaction.citizen_id)
        .where(*where)
        .order_by(Transaction.started_at)
    ).all()
    if not visits:
        return []
    services = _grouped(
        session.execute(
            select(
                AssistedService.transaction_id,
                AssistedService.service_code,
                AssistedService.outcome,
                AssistedService.reason_code,
                AssistedService.dossier_code,
                AssistedService.procedure_name,
            )
            .where(AssistedService.transaction_id.in_(chosen))
            .order_by(AssistedService.transaction_id, AssistedService.position)
        )
    )
    barriers = _grouped(
        session.execute(
            select(TransactionBarrier.transaction_id, TransactionBarrier.barrier_code).where(
                TransactionBarrier.transaction_id.in_(chosen)
            )
        )
    )
    correction = aliased(Transaction)
    corrections = _grouped(
        session.execute(
            select(correction.corrects_id, correction.id)
            .where(correction.corrects_id.in_(chosen))
            .order_by(correction.started_at)
        )
    )
    pace = Pacer()
    records = []
    for row in visits:
        records.append(_record(row, vault, services, barriers, corrections))
        pace()
    return records


def _grouped(rows: Iterable[Any]) -> dict[uuid.UUID, list[tuple[Any, ...]]]:
    """Rows keyed by their first column (a transaction id), the rest of each row kept."""
    grouped: dict[uuid.UUID, list[tuple[Any, ...]]] = {}
    for first, *rest in rows:
        grouped.setdefault(first, []).append(tuple(rest))
    return grouped


def _record(
    row: Any,
    vault: PrivacyVault,
    services: dict[uuid.UUID, list[tuple[Any, ...]]],
    barriers: dict[uuid.UUID, list[tuple[Any, ...]]],
    corrections: dict[uuid.UUID, list[tuple[Any, ...]]],
) -> TransactionRecord:
    (
        visit_id,
        counter_code,
        business_day,
        started_at,
        finished_at,
        status,
        receipt_no,
        helper_name,
        id_masked,
        name_enc,
        birth_year,
        gender,
        satisfaction,
        referral,
        follow_up_on,
        phone_enc,
        notes_enc,
        corrects_id,
        correction_reason,
    ) = row
    return TransactionRecord(
        id=visit_id,
        counter_code=counter_code or "",
        business_day=business_day,
        started_at=started_at,
        finished_at=finished_at,
        status=status,
        receipt_no=receipt_no,
        helper_name=helper_name,
        citizen_id_masked=id_masked,
        citizen_name=vault.decrypt_optional(name_enc),
        citizen_birth_year=birth_year,
        citizen_gender=gender,
        services=tuple(ServiceOutcome(*line) for line in services.get(visit_id, ())),
        barriers=tuple(code for (code,) in barriers.get(visit_id, ())),
        satisfaction=satisfaction,
        referral=referral,
        follow_up_on=follow_up_on,
        follow_up_phone=vault.decrypt_optional(phone_enc),
        notes=vault.decrypt_optional(notes_enc),
        corrects_id=corrects_id,
        correction_reason=correction_reason,
        corrections=tuple(c for (c,) in corrections.get(visit_id, ())),
    )
