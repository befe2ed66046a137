"""Frozen values that cross layers (ORM objects stay inside their unit of work)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

OUTCOME_CODES = ("done", "partial", "not_possible")


@dataclass(frozen=True)
class CitizenDetails:
    """What the counter learns about a citizen who has given consent.

    ``id_number`` and ``full_name`` are used to compute the keyed hash, the masked
    form and the ciphertext; they are never stored as given.
    """

    id_number: str
    full_name: str
    birth_year: int | None = None
    gender: str | None = None
    consent_notice_version: str = "2026-01"


@dataclass(frozen=True)
class ServiceOutcome:
    """One assisted service and how it ended (``outcome`` is ``None`` while in progress)."""

    service_code: str
    outcome: str | None = None
    reason_code: str | None = None
    dossier_code: str | None = None
    procedure_name: str | None = None


@dataclass(frozen=True)
class VisitDetails:
    """Everything about a visit besides its services; ``None`` leaves a field unchanged."""

    barriers: tuple[str, ...] | None = None
    satisfaction: int | None = None
    referral: str | None = None
    follow_up_on: date | None = None
    follow_up_phone: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class HelperInfo:
    """A helper account as the rest of the kiosk sees it (never the PIN hash)."""

    id: int
    username: str
    full_name: str
    kind: str
    role: str
    active: bool
    locked_until: datetime | None

    @property
    def is_admin(self) -> bool:
        """Whether this helper may manage helpers, export unmasked data and close days."""
        return self.role == "admin"


@dataclass(frozen=True)
class TransactionRecord:
    """A transaction as shown on screen, on a receipt or in an export row."""

    id: uuid.UUID
    counter_code: str
    business_day: date
    started_at: datetime
    finished_at: datetime | None
    status: str
    receipt_no: str | None
    helper_name: str | None
    citizen_id_masked: str | None
    citizen_name: str | None
    citizen_birth_year: int | None
    citizen_gender: str | None
    services: tuple[ServiceOutcome, ...]
    barriers: tuple[str, ...] = ()
    satisfaction: int | None = None
    referral: str | None = None
    follow_up_on: date | None = None
    follow_up_phone: str | None = None
    notes: str | None = None
    corrects_id: uuid.UUID | None = None
    correction_reason: str | None = None
    corrections: tuple[uuid.UUID, ...] = field(default_factory=tuple)
