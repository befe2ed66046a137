"""The rows a visit's use cases write: the citizen and their consent, details, outcomes.

Split from :mod:`.transactions` (its use cases call these inside their unit of work). The
hot statements are built once with bound parameters: building a ``select()`` and its cache
key on every call cost a visit's three commits more than the SQL itself (bench/VISITS.md).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from kiosk.domain.values import CitizenDetails, ServiceOutcome, VisitDetails
from kiosk.services.people.privacy import PrivacyVault, mask_id_number
from kiosk.storage.models import AssistedService, Citizen, Consent, Transaction, TransactionBarrier

_CITIZEN_BY_HASH = select(Citizen).where(Citizen.id_hash == bindparam("id_hash"))


def record_citizen(
    session: Session,
    vault: PrivacyVault,
    details: CitizenDetails,
    helper_id: int | None,
    now: datetime,
) -> int:
    """The citizen's row (found by the keyed ID hash, or new) brought up to date, with their
    consent; returns the row's id."""
    id_hash = vault.id_hash(details.id_number)
    citizen = session.scalar(_CITIZEN_BY_HASH, {"id_hash": id_hash})
    if citizen is None:
        citizen = Citizen(id_hash=id_hash, created_at=now)
        session.add(citizen)
    citizen.id_masked = mask_id_number(details.id_number)
    citizen.name_enc = vault.encrypt(details.full_name)  # cleaned by check_citizen
    citizen.birth_year = details.birth_year
    citizen.gender = details.gender
    citizen.last_seen_at = now
    citizen.erased_at = None
    if citizen.id is None:  # a new citizen: its id comes with the INSERT
        session.flush()
    session.add(
        Consent(
            citizen_id=citizen.id,
            notice_version=details.consent_notice_version,
            given_at=now,
            recorded_by=helper_id,
        )
    )
    return citizen.id


def apply_details(
    session: Session, vault: PrivacyVault, transaction: Transaction, details: VisitDetails
) -> None:
    """Barriers, rating, referral, follow-up and notes onto ``transaction`` (``None``: kept)."""
    if details.barriers is not None:
        for barrier in list(transaction.barriers):
            session.delete(barrier)
        session.flush()
        transaction.barriers = [
            TransactionBarrier(barrier_code=code) for code in dict.fromkeys(details.barriers)
        ]
    if details.satisfaction is not None:
        transaction.satisfaction = details.satisfaction
    if details.referral is not None:
        transaction.referral = details.referral or None
    if details.follow_up_on is not None:
        transaction.follow_up_on = details.follow_up_on
    if details.follow_up_phone is not None:
        transaction.follow_up_phone_enc = vault.encrypt_optional(details.follow_up_phone)
    if details.notes is not None:
        transaction.notes_enc = vault.encrypt_optional(details.notes.strip())


def apply_outcome(line: AssistedService, outcome: ServiceOutcome, now: datetime) -> None:
    """How one service ended, onto its line."""
    line.outcome = outcome.outcome
    line.reason_code = outcome.reason_code if outcome.outcome != "done" else None
    line.dossier_code = outcome.dossier_code  # as cleaned by check_outcome
    line.procedure_name = outcome.procedure_name
    line.recorded_at = now
