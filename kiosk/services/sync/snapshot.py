"""What a counter sends to the centre: the whole current state of one visit or day closure.

Snapshots are read from the counter's own database when they are sent, not when the
change was made, so several queued changes of one visit travel as one snapshot. Rows are
named by what both databases agree on (visit UUID, counter code, helper username, the
citizen's keyed hash), never by local integer ids.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.storage.models import (
    AssistedService,
    Citizen,
    Consent,
    Counter,
    DayClosure,
    GuideStuckPoint,
    Helper,
    Transaction,
    TransactionBarrier,
)


@dataclass(frozen=True)
class HelperSnapshot:
    """A helper account as the centre needs it to attribute visits (matched by username)."""

    username: str
    full_name: str
    kind: str
    role: str
    pin_hash: str
    active: bool
    created_at: datetime


@dataclass(frozen=True)
class ConsentSnapshot:
    """A recorded consent (matched on the centre by citizen, time and notice version)."""

    notice_version: str
    given_at: datetime
    recorded_by: HelperSnapshot | None
    withdrawn_at: datetime | None


@dataclass(frozen=True)
class CitizenSnapshot:
    """The stored facts of a citizen: keyed hash, masked id, ciphertext, never clear text."""

    id_hash: str
    id_masked: str | None
    name_enc: bytes | None
    birth_year: int | None
    gender: str | None
    created_at: datetime
    last_seen_at: datetime
    consents: tuple[ConsentSnapshot, ...]


@dataclass(frozen=True)
class LineSnapshot:
    """One assisted service of a visit."""

    position: int
    service_code: str
    outcome: str | None
    reason_code: str | None
    dossier_code: str | None
    procedure_name: str | None
    recorded_at: datetime | None


@dataclass(frozen=True)
class StuckSnapshot:
    """A guide step where the citizen got stuck."""

    service_code: str
    step_id: str
    step_number: int
    recorded_at: datetime


@dataclass(frozen=True)
class CounterRef:
    """A counter, named by its code."""

    code: str
    name: str


@dataclass(frozen=True)
class TransactionSnapshot:
    """A visit with everything that hangs off it."""

    id: uuid.UUID
    counter: CounterRef
    helper: HelperSnapshot | None
    citizen: CitizenSnapshot | None
    business_day: date
    started_at: datetime
    finished_at: datetime | None
    status: str
    receipt_no: str | None
    receipt_seq: int | None
    satisfaction: int | None
    notes_enc: bytes | None
    referral: str | None
    follow_up_on: date | None
    follow_up_phone_enc: bytes | None
    corrects_id: uuid.UUID | None
    correction_reason: str | None
    lines: tuple[LineSnapshot, ...]
    barriers: tuple[str, ...]
    stuck: tuple[StuckSnapshot, ...]
    guide_pack: str | None = None  # the guide pack in use at the visit

    @property
    def label(self) -> str:
        """How people name this visit: its receipt number, or its start for an open one."""
        return self.receipt_no or f"{self.counter.code} {self.started_at:%H:%M:%S}"


@dataclass(frozen=True)
class ClosureSnapshot:
    """A counter's closed day."""

    counter: CounterRef
    business_day: date
    closed_at: datetime
    closed_by: HelperSnapshot | None
    totals: dict[str, Any]


@dataclass(frozen=True)
class ErasureSnapshot:
    """A citizen erased at their request on a counter: the centre must erase them too."""

    id_hash: str
    erased_at: datetime


def _helper(session: Session, helper_id: int | None) -> HelperSnapshot | None:
    helper = session.get(Helper, helper_id) if helper_id is not None else None
    if helper is None:
        return None
    return HelperSnapshot(
        helper.username,
        helper.full_name,
        helper.kind,
        helper.role,
        helper.pin_hash,
        helper.active,
        helper.created_at,
    )


def _counter(session: Session, counter_id: int) -> CounterRef:
    counter = session.get(Counter, counter_id)
    if counter is None:
        raise LookupError(f"counter {counter_id} missing from the local database")
    return CounterRef(counter.code, counter.name)


# A consent is recorded by the use case that opens the visit, moments after its start: a
# visit's snapshot carries the consents of this window, not the citizen's whole history
# (which would make sending a regular visitor's visits cost more each time).
CONSENT_WINDOW = timedelta(minutes=1)


def _citizen(session: Session, citizen_id: int | None, started: datetime) -> CitizenSnapshot | None:
    citizen = session.get(Citizen, citizen_id) if citizen_id is not None else None
    if citizen is None or citizen.id_hash is None:  # erased: the visit stays, anonymous
        return None
    consents = session.scalars(
        select(Consent)
        .where(
            Consent.citizen_id == citizen.id,
            Consent.given_at >= started,
            Consent.given_at <= started + CONSENT_WINDOW,
        )
        .order_by(Consent.id)
    )
    return CitizenSnapshot(
        id_hash=citizen.id_hash,
        id_masked=citizen.id_masked,
        name_enc=citizen.name_enc,
        birth_year=citizen.birth_year,
        gender=citizen.gender,
        created_at=citizen.created_at,
        last_seen_at=citizen.last_seen_at,
        consents=tuple(
            ConsentSnapshot(
                c.notice_version, c.given_at, _helper(session, c.recorded_by), c.withdrawn_at
            )
            for c in consents
        ),
    )


def read_transaction(session: Session, transaction_id: uuid.UUID) -> TransactionSnapshot | None:
    """The current state of a visit in the local database, or ``None`` if it is gone."""
    t = session.get(Transaction, transaction_id)
    if t is None:
        return None
    lines = session.scalars(
        select(AssistedService)
        .where(AssistedService.transaction_id == t.id)
        .order_by(AssistedService.position)
    )
    barriers = session.scalars(
        select(TransactionBarrier.barrier_code)
        .where(TransactionBarrier.transaction_id == t.id)
        .order_by(TransactionBarrier.barrier_code)
    )
    stuck = session.scalars(
        select(GuideStuckPoint)
        .where(GuideStuckPoint.transaction_id == t.id)
        .order_by(GuideStuckPoint.id)
    )
    return TransactionSnapshot(
        id=t.id,
        counter=_counter(session, t.counter_id),
        helper=_helper(session, t.helper_id),
        citizen=_citizen(session, t.citizen_id, t.started_at),
        business_day=t.business_day,
        started_at=t.started_at,
        finished_at=t.finished_at,
        status=t.status,
        receipt_no=t.receipt_no,
        receipt_seq=t.receipt_seq,
        satisfaction=t.satisfaction,
        notes_enc=t.notes_enc,
        referral=t.referral,
        follow_up_on=t.follow_up_on,
        follow_up_phone_enc=t.follow_up_phone_enc,
        corrects_id=t.corrects_id,
        correction_reason=t.correction_reason,
        lines=tuple(
            LineSnapshot(
                s.position,
                s.service_code,
                s.outcome,
                s.reason_code,
                s.dossier_code,
                s.procedure_name,
                s.recorded_at,
            )
            for s in lines
        ),
        barriers=tuple(barriers),
        stuck=tuple(
            StuckSnapshot(p.service_code, p.step_id, p.step_number, p.recorded_at) for p in stuck
        ),
        guide_pack=t.guide_pack,
    )


def read_closure(session: Session, counter_id: int, day: date) -> ClosureSnapshot | None:
    """A counter's closure of ``day`` in the local database, or ``None``."""
    closure = session.scalar(
        select(DayClosure).where(
            DayClosure.counter_id == counter_id, DayClosure.business_day == day
        )
    )
    if closure is None:
        return None
    return ClosureSnapshot(
        counter=_counter(session, counter_id),
        business_day=closure.business_day,
        closed_at=closure.closed_at,
        closed_by=_helper(session, closure.closed_by),
        totals=dict(closure.totals),
    )
