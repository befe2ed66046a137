"""Applying a counter's snapshots to the centre's shared database, idempotently.

Applying the same snapshot twice leaves the centre as applying it once: the visit row is
upserted by its UUID and its lines, barriers and stuck points are replaced. That is what
makes "sent exactly once" hold when a connection dies after the centre committed but
before the counter heard it. What the centre must not accept (a day already closed
there, a receipt number taken by another visit) raises :class:`SyncConflict`, which the
sender keeps in the counter's queue for a person to look at; nothing is dropped. Nothing is
written to a centre whose schema is not the counter's (:meth:`CentralWriter.check_schema`).
"""

from __future__ import annotations

import uuid
from collections import Counter as Counter_
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, insert, select, update
from sqlalchemy.orm import Session

from kiosk.domain.clock import format_day, format_local
from kiosk.errors import KioskError
from kiosk.services.people import audit
from kiosk.services.people.retention import erase_citizens, scrub_transactions
from kiosk.services.sync import messages
from kiosk.services.sync.marks import MarkSnapshot, apply_mark
from kiosk.services.sync.roles import check_counter_role
from kiosk.services.sync.snapshot import (
    CitizenSnapshot,
    ClosureSnapshot,
    CounterRef,
    ErasureSnapshot,
    HelperSnapshot,
    TransactionSnapshot,
)
from kiosk.services.sync.versions import check_centre_schema
from kiosk.services.visits.closures import find_closure
from kiosk.services.visits.receipts import counter_row, raise_receipt_sequence
from kiosk.services.visits.transactions import ABANDONED, OPEN
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
from kiosk.storage.upsert import insert_for


class SyncConflict(KioskError):
    """The centre refuses a snapshot for a reason a person has to resolve."""


class CentralWriter:
    """Applies snapshots inside one session of the centre's database (caller commits)."""

    def __init__(self, session: Session, now: datetime) -> None:
        self._session = session
        self._now = now
        self._dialect = session.get_bind().dialect.name
        self._counters: dict[str, int] = {}
        self._helpers: dict[str, int] = {}

    def check_schema(self) -> None:
        """Refuse to write unless the centre is at this counter's schema; the stamp stays
        share-locked until the caller's transaction ends, so no migration runs meanwhile
        (:func:`~kiosk.services.sync.versions.check_centre_schema`)."""
        check_centre_schema(self._session.connection(), lock=True)

    # -- references ------------------------------------------------------------------------

    def forget(self) -> None:
        """Drop the ids learnt so far: a rolled-back savepoint may have taken their rows."""
        self._counters.clear()
        self._helpers.clear()

    def counter_id(self, counter: CounterRef) -> int:
        """The centre's id of a counter, creating its row the first time; refused when this
        counter connects with another counter's role (:mod:`kiosk.services.sync.roles`)."""
        if counter.code not in self._counters:
            check_counter_role(self._session, counter.code)
            self._counters[counter.code] = counter_row(
                self._session, counter.code, counter.name, self._now
            )
        return self._counters[counter.code]

    def _helper_id(self, helper: HelperSnapshot | None) -> int | None:
        """The centre's id of a helper, matched by username; the first counter's row wins."""
        if helper is None:
            return None
        if helper.username not in self._helpers:
            self._session.execute(
                insert_for(self._dialect, Helper)
                .values(
                    username=helper.username,
                    full_name=helper.full_name,
                    kind=helper.kind,
                    role=helper.role,
                    pin_hash=helper.pin_hash,
                    failed_attempts=0,
                    active=helper.active,
                    created_at=helper.created_at,
                )
                .on_conflict_do_nothing(index_elements=[Helper.username])
            )
            found = self._session.scalar(
                select(Helper.id).where(Helper.username == helper.username)
            )
            assert found is not None
            self._helpers[helper.username] = found
        return self._helpers[helper.username]

    def _citizen_id(self, citizen: CitizenSnapshot | None) -> int | None:
        if citizen is None:
            return None
        session = self._session
        session.execute(
            insert_for(self._dialect, Citizen)
            .values(
                id_hash=citizen.id_hash,
                created_at=citizen.created_at,
                last_seen_at=citizen.last_seen_at,
            )
            .on_conflict_do_nothing(index_elements=[Citizen.id_hash])
        )
        row = session.execute(
            select(Citizen.id, Citizen.last_seen_at).where(Citizen.id_hash == citizen.id_hash)
        ).one()
        citizen_id, last_seen = row
        if citizen.last_seen_at >= last_seen:  # an older snapshot must not undo a newer one
            session.execute(
                update(Citizen)
                .where(Citizen.id == citizen_id)
                .values(
                    id_masked=citizen.id_masked,
                    name_enc=citizen.name_enc,
                    birth_year=citizen.birth_year,
                    gender=citizen.gender,
                    last_seen_at=max(citizen.last_seen_at, last_seen),
                )
            )
        # Consents have no key of their own: the centre holds as many per (time, notice)
        # as the counter sends, so a resend adds none and two at the same instant stay two.
        wanted = Counter_((c.given_at, c.notice_version) for c in citizen.consents)
        if wanted:
            counts = session.execute(
                select(Consent.given_at, Consent.notice_version, func.count())
                .where(
                    Consent.citizen_id == citizen_id,
                    Consent.given_at.in_({given for given, _ in wanted}),
                )
                .group_by(Consent.given_at, Consent.notice_version)
            ).all()
            held = Counter_({(given, notice): n for given, notice, n in counts})
            for consent in citizen.consents:
                mark = (consent.given_at, consent.notice_version)
                if held[mark] >= wanted[mark]:
                    continue
                held[mark] += 1
                session.execute(
                    insert(Consent).values(
                        citizen_id=citizen_id,
                        notice_version=consent.notice_version,
                        given_at=consent.given_at,
                        recorded_by=self._helper_id(consent.recorded_by),
                        withdrawn_at=consent.withdrawn_at,
                    )
                )
        return int(citizen_id)

    # -- visits ----------------------------------------------------------------------------

    def apply_transaction(self, snap: TransactionSnapshot) -> None:
        """Make the centre's copy of this visit equal to ``snap``."""
        session = self._session
        counter_id = self.counter_id(snap.counter)
        existing = session.get(Transaction, snap.id)
        closure = find_closure(session, counter_id, snap.business_day)
        if closure is not None:
            if existing is not None and _same_outcome(existing, snap):
                return  # sent before the centre's closure, or a resend: nothing to do
            raise SyncConflict(
                messages.DAY_CLOSED_AT_CENTRE.format(
                    day=format_day(snap.business_day),
                    counter=snap.counter.code,
                    closed_at=format_local(closure.closed_at),
                    visit=snap.label,
                )
            )
        if snap.receipt_no is not None:
            taken = session.scalar(
                select(Transaction.id).where(
                    Transaction.counter_id == counter_id,
                    Transaction.receipt_no == snap.receipt_no,
                    Transaction.id != snap.id,
                )
            )
            if taken is not None:
                raise SyncConflict(
                    messages.RECEIPT_TAKEN.format(
                        receipt=snap.receipt_no, counter=snap.counter.code
                    )
                )
        if snap.corrects_id is not None and session.get(Transaction, snap.corrects_id) is None:
            raise SyncConflict(messages.CORRECTS_UNKNOWN_VISIT.format(visit=snap.label))
        values = {
            "counter_id": counter_id,
            "helper_id": self._helper_id(snap.helper),
            "citizen_id": self._citizen_id(snap.citizen),
            "business_day": snap.business_day,
            "started_at": snap.started_at,
            "finished_at": snap.finished_at,
            "status": snap.status,
            "receipt_no": snap.receipt_no,
            "receipt_seq": snap.receipt_seq,
            "satisfaction": snap.satisfaction,
            "notes_enc": snap.notes_enc,
            "referral": snap.referral,
            "follow_up_on": snap.follow_up_on,
            "follow_up_phone_enc": snap.follow_up_phone_enc,
            "corrects_id": snap.corrects_id,
            "correction_reason": snap.correction_reason,
            "guide_pack": snap.guide_pack,
        }
        if existing is None:
            session.execute(insert(Transaction).values(id=snap.id, **values))
        else:
            session.execute(update(Transaction).where(Transaction.id == snap.id).values(**values))
            session.expire(existing)
        self._replace_children(snap)
        if snap.receipt_seq is not None:  # the centre's sequence keeps up with the counter's
            raise_receipt_sequence(session, counter_id, snap.business_day, snap.receipt_seq)

    def _replace_children(self, snap: TransactionSnapshot) -> None:
        session = self._session
        for table in (AssistedService, TransactionBarrier, GuideStuckPoint):
            session.execute(delete(table).where(table.transaction_id == snap.id))
        if snap.lines:
            session.execute(
                insert(AssistedService),
                [
                    {
                        "transaction_id": snap.id,
                        "position": line.position,
                        "service_code": line.service_code,
                        "outcome": line.outcome,
                        "reason_code": line.reason_code,
                        "dossier_code": line.dossier_code,
                        "procedure_name": line.procedure_name,
                        "recorded_at": line.recorded_at,
                    }
                    for line in snap.lines
                ],
            )
        if snap.barriers:
            session.execute(
                insert(TransactionBarrier),
                [{"transaction_id": snap.id, "barrier_code": code} for code in snap.barriers],
            )
        if snap.stuck:
            session.execute(
                insert(GuideStuckPoint),
                [
                    {
                        "transaction_id": snap.id,
                        "service_code": point.service_code,
                        "step_id": point.step_id,
                        "step_number": point.step_number,
                        "recorded_at": point.recorded_at,
                    }
                    for point in snap.stuck
                ],
            )

    # -- closing days ------------------------------------------------------------------------

    def apply_closure(self, snap: ClosureSnapshot) -> None:
        """Close the counter's day on the centre as it was closed at the counter."""
        session = self._session
        counter_id = self.counter_id(snap.counter)
        earlier = find_closure(session, counter_id, snap.business_day)
        if earlier is not None:
            if earlier.closed_at == snap.closed_at:
                return  # a resend
            raise SyncConflict(
                messages.DAY_CLOSED_ELSEWHERE.format(
                    day=format_day(snap.business_day),
                    counter=snap.counter.code,
                    closed_at=format_local(earlier.closed_at),
                    own_closed_at=format_local(snap.closed_at),
                )
            )
        abandoned = cast(
            CursorResult[Any],
            session.execute(
                update(Transaction)
                .where(
                    Transaction.counter_id == counter_id,
                    Transaction.business_day == snap.business_day,
                    Transaction.status == OPEN,
                )
                .values(status=ABANDONED)
            ),
        ).rowcount
        closed_by = self._helper_id(snap.closed_by)
        session.add(
            DayClosure(
                counter_id=counter_id,
                business_day=snap.business_day,
                closed_at=snap.closed_at,
                closed_by=closed_by,
                totals=snap.totals,
            )
        )
        audit.record(
            session,
            self._now,
            audit.Actor(f"sync:{snap.counter.code}", closed_by),
            "day.close",
            f"{snap.counter.code} {snap.business_day.isoformat()}",
            abandoned=int(abandoned or 0),
            closed_at=snap.closed_at.isoformat(),
        )
        session.flush()

    # -- guide marks --------------------------------------------------------------------------

    def apply_mark(self, snap: MarkSnapshot) -> None:
        """Keep a volunteer's mark at the centre, under its counter (:mod:`.marks`)."""
        apply_mark(self._session, self.counter_id(snap.counter), snap)

    # -- erasure on request -------------------------------------------------------------------

    def apply_erasure(self, snap: ErasureSnapshot, counter: CounterRef) -> None:
        """Erase a citizen on the centre as a counter did at their request."""
        session = self._session
        citizen_id = session.scalar(select(Citizen.id).where(Citizen.id_hash == snap.id_hash))
        if citizen_id is None:
            return  # never sent, or already erased
        scrubbed = scrub_transactions(session, Transaction.citizen_id == citizen_id)
        erase_citizens(session, Citizen.id == citizen_id, snap.erased_at)
        audit.record(
            session,
            self._now,
            audit.Actor(f"sync:{counter.code}"),
            "privacy.erase_request",
            f"citizen#{citizen_id}",
            transactions=scrubbed,
        )

    def max_receipt_seq(self, counter: CounterRef, day: date) -> int:
        """The highest receipt number the centre holds for a counter's day."""
        counter_id = self.counter_id(counter)
        value = self._session.scalar(
            select(func.max(Transaction.receipt_seq)).where(
                Transaction.counter_id == counter_id, Transaction.business_day == day
            )
        )
        return int(value or 0)


def _same_outcome(existing: Transaction, snap: TransactionSnapshot) -> bool:
    return (existing.status, existing.receipt_no, existing.finished_at) == (
        snap.status,
        snap.receipt_no,
        snap.finished_at,
    )


def transaction_ids(session: Session, counter_code: str) -> list[uuid.UUID]:
    """Every visit the centre holds for a counter (tests and ``kiosk sync verify``)."""
    return list(
        session.scalars(
            select(Transaction.id)
            .join(Counter, Counter.id == Transaction.counter_id)
            .where(Counter.code == counter_code)
        )
    )
