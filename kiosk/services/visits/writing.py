"""The rows a visit's ORM use cases write: details and outcomes.

Split from :mod:`.transactions` (its use cases call these inside their unit of work); the
hot path, start → outcome → finish, writes through Core instead (:mod:`.recording`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from kiosk.domain.values import ServiceOutcome, VisitDetails
from kiosk.services.people.privacy import PrivacyVault
from kiosk.storage.models import AssistedService, Transaction, TransactionBarrier


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


def outcome_values(outcome: ServiceOutcome, now: datetime) -> dict[str, Any]:
    """How one service ended, as the columns of its line."""
    return {
        "outcome": outcome.outcome,
        "reason_code": outcome.reason_code if outcome.outcome != "done" else None,
        "dossier_code": outcome.dossier_code,  # as cleaned by check_outcome
        "procedure_name": outcome.procedure_name,
        "recorded_at": now,
    }


def apply_outcome(line: AssistedService, outcome: ServiceOutcome, now: datetime) -> None:
    """How one service ended, onto its line."""
    for column, value in outcome_values(outcome, now).items():
        setattr(line, column, value)
