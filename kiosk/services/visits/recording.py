"""Recording a visit (start, an outcome, the finish) through Core statements.

These three commits are what a counter does all day. Through the ORM each cost a session,
an identity map and a flush planned per object: 15x the raw SQL on a tmpfs database, where
no fsync hides it (bench/VISITS.md; now 4.4x). Here each is a :class:`~kiosk.storage.unit_of_work.
Writing` unit: statements built once, bound parameters, the rows written in the order the
SQL needs. A flush hook sees none of it, so each use case queues its visit for the centre
itself (:meth:`Writing.changed`). The rules are those of :mod:`.transactions`: the day's
lock before the closed-day check, an open visit only, every outcome before the finish.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from kiosk.domain.clock import local_day
from kiosk.domain.values import CitizenDetails, ServiceOutcome, TransactionRecord
from kiosk.errors import InputError, NotFoundError
from kiosk.services.people import audit
from kiosk.services.people.privacy import PrivacyVault, mask_id_number
from kiosk.services.visits import messages
from kiosk.services.visits.closures import refuse_if_closed
from kiosk.services.visits.finishing import Prepared, ReceiptStep
from kiosk.services.visits.listing import record_from_row, record_select, visit_barriers
from kiosk.services.visits.receipts import format_receipt_no, next_receipt_sequence
from kiosk.services.visits.writing import outcome_values
from kiosk.storage.change_capture import TRANSACTION
from kiosk.storage.models import (
    AssistedService,
    Citizen,
    Consent,
    DayClosure,
    Transaction,
    TransactionBarrier,
    table_of,
)
from kiosk.storage.unit_of_work import Writing
from kiosk.storage.upsert import insert_for

OPEN, FINISHED = "open", "finished"

_lines, _visits = table_of(AssistedService), table_of(Transaction)
_NEW_CONSENT = insert(table_of(Consent))
_NEW_VISIT = insert(_visits)
_NEW_LINE = insert(_lines)
_LINE_OUTCOME = update(_lines).where(_lines.c.id == bindparam("line_id"))
_FINISH = update(_visits).where(_visits.c.id == bindparam("visit_id"))
_SEEN = ("id_masked", "name_enc", "birth_year", "gender", "last_seen_at", "erased_at")
_CLOSED = (
    select(DayClosure.id)
    .where(
        DayClosure.counter_id == Transaction.counter_id,
        DayClosure.business_day == Transaction.business_day,
    )
    .exists()
)
_HAS_BARRIERS = (
    select(TransactionBarrier.barrier_code)
    .where(TransactionBarrier.transaction_id == Transaction.id)
    .exists()
)
# An edited visit in one SELECT: its record's columns, what the edit checks, its lines.
_EDITABLE = (
    record_select(
        Transaction.status,
        Transaction.business_day,
        Transaction.counter_id,
        Transaction.helper_id,
        _CLOSED,
        _HAS_BARRIERS,
        AssistedService.id,
        AssistedService.service_code,
        AssistedService.outcome,
        AssistedService.reason_code,
        AssistedService.dossier_code,
        AssistedService.procedure_name,
    )
    .outerjoin(AssistedService, AssistedService.transaction_id == Transaction.id)
    .where(Transaction.id == bindparam("visit_id"))
    .order_by(AssistedService.position)
)
_LINES_AT = len(_EDITABLE.selected_columns) - 6  # where a row's line columns begin
_CITIZEN_UPSERT: dict[str, Any] = {}  # built once per dialect


@dataclass(frozen=True)
class Desk:
    """Who records: the counter (id and code) and the guide pack in use (``None``: none)."""

    counter_id: int
    counter_code: str
    guide_pack: str | None


@dataclass(frozen=True)
class _Editable:
    """An open visit as an edit sees it: its row of :data:`_EDITABLE`, its day, who recorded
    it, and its service lines (line id, service code, outcome, reason, dossier, procedure)."""

    row: tuple[Any, ...]
    business_day: date
    helper_id: int | None
    has_barriers: bool
    lines: tuple[tuple[Any, ...], ...]

    def record(
        self, connection: Connection, vault: PrivacyVault, visit_id: uuid.UUID
    ) -> TransactionRecord:
        """The visit's record as it stands (its barriers read if it has any)."""
        return record_from_row(
            self.row,
            vault.decrypt_optional,
            services=tuple(ServiceOutcome(*line[1:]) for line in self.lines),
            barriers=visit_barriers(connection, visit_id) if self.has_barriers else (),
            corrections=(),  # only a finished visit is corrected
        )


def start_visit(
    unit: Writing,
    vault: PrivacyVault,
    desk: Desk,
    *,
    helper_id: int | None,
    citizen: CitizenDetails | None,
    services: Sequence[str],
    now: datetime,
) -> uuid.UUID:
    """Open a visit (the citizen's row and consent first, if any); returns its id."""
    connection, day = unit.connection, local_day(now)
    refuse_if_closed(connection, desk.counter_id, day)
    citizen_id = _record_citizen(connection, vault, citizen, helper_id, now) if citizen else None
    visit_id = uuid.uuid4()
    connection.execute(
        _NEW_VISIT,
        {
            "id": visit_id,
            "counter_id": desk.counter_id,
            "helper_id": helper_id,
            "citizen_id": citizen_id,
            "business_day": day,
            "started_at": now,
            "status": OPEN,
            "guide_pack": desk.guide_pack,
        },
    )
    codes = dict.fromkeys(services)
    if codes:
        connection.execute(
            _NEW_LINE,
            [
                {"transaction_id": visit_id, "position": position, "service_code": code}
                for position, code in enumerate(codes)
            ],
        )
    actor = audit.actor_for(connection, helper_id, "kiosk")
    audit.record(connection, now, actor, "transaction.start", str(visit_id))
    unit.changed(TRANSACTION, str(visit_id))
    return visit_id


def record_outcome(
    unit: Writing, desk: Desk, visit_id: uuid.UUID, outcome: ServiceOutcome, now: datetime
) -> None:
    """Set how one service of an open visit ended (adding the service if it was not chosen)."""
    connection = unit.connection
    visit = _editable(connection, desk, visit_id)
    values = outcome_values(outcome, now)
    line = next((row for row in visit.lines if row[1] == outcome.service_code), None)
    if line is None:
        connection.execute(
            _NEW_LINE,
            {
                "transaction_id": visit_id,
                "position": len(visit.lines),
                "service_code": outcome.service_code,
                **values,
            },
        )
    else:
        connection.execute(_LINE_OUTCOME, {"line_id": line[0], **values})
    unit.changed(TRANSACTION, str(visit_id))


def finish_visit(
    unit: Writing,
    vault: PrivacyVault,
    desk: Desk,
    visit_id: uuid.UUID,
    finished_at: datetime,
    *,
    label: Any,
    receipt: tuple[ReceiptStep, Prepared | None] | None = None,
) -> tuple[TransactionRecord, int | None]:
    """Finish an open visit whose every service has its outcome, numbered on the desk's
    sequence of the visit's day; its record and, with ``receipt`` (the step and what it
    rendered ahead), the id of the receipt's print job stored with it. ``label(code)``
    names a service in the refusal that lists those without an outcome."""
    connection = unit.connection
    visit = _editable(connection, desk, visit_id)
    if not visit.lines:
        raise InputError(messages.NO_SERVICE_YET)
    pending = [line[1] for line in visit.lines if line[2] is None]
    if pending:
        names = ", ".join(label(code) for code in pending)
        raise InputError(messages.OUTCOMES_MISSING.format(names=names))
    day = visit.business_day
    sequence = next_receipt_sequence(connection, desk.counter_id, day)
    receipt_no = format_receipt_no(desk.counter_code, day, sequence)
    connection.execute(
        _FINISH,
        {
            "visit_id": visit_id,
            "receipt_seq": sequence,
            "receipt_no": receipt_no,
            "finished_at": finished_at,
            "status": FINISHED,
        },
    )
    actor = audit.actor_for(connection, visit.helper_id, "kiosk")
    audit.record(connection, finished_at, actor, "transaction.finish", receipt_no)
    unit.changed(TRANSACTION, str(visit_id))
    # the record as a read gives it back (tests/test_recording.py): only these changed
    record = replace(
        visit.record(connection, vault, visit_id),
        status=FINISHED,
        finished_at=finished_at.astimezone(UTC),
        receipt_no=receipt_no,
    )
    if receipt is None:
        return record, None
    step, prepared = receipt
    document = prepared.document_for(step, record) if prepared else step.render(record)
    return record, step.store(connection, record, document)


def _editable(connection: Connection, desk: Desk, visit_id: uuid.UUID) -> _Editable:
    """The open visit ``visit_id``, its day's lock taken and the day checked open."""
    rows = connection.execute(_EDITABLE, {"visit_id": visit_id}).all()
    if not rows:
        raise NotFoundError(messages.NO_SUCH_VISIT)
    first = tuple(rows[0])
    status, day, counter_id, helper_id, closed, has_barriers = first[_LINES_AT - 6 : _LINES_AT]
    if status != OPEN:
        raise InputError(messages.VISIT_ENDED)
    refuse_if_closed(connection, counter_id or desk.counter_id, day, seen_closed=bool(closed))
    lines = tuple(tuple(row[_LINES_AT:]) for row in rows if row[_LINES_AT] is not None)
    return _Editable(first, day, helper_id, bool(has_barriers), lines)


def _record_citizen(
    connection: Connection,
    vault: PrivacyVault,
    details: CitizenDetails,
    helper_id: int | None,
    now: datetime,
) -> int:
    """The citizen's row (found by the keyed ID hash, or new) brought up to date, in one
    upsert, with their consent; returns the row's id."""
    seen = {
        "id_hash": vault.id_hash(details.id_number),
        "created_at": now,  # a new row's only
        "id_masked": mask_id_number(details.id_number),
        "name_enc": vault.encrypt(details.full_name),  # cleaned by check_citizen
        "birth_year": details.birth_year,
        "gender": details.gender,
        "last_seen_at": now,
        "erased_at": None,
    }
    citizen_id = connection.execute(_citizen_upsert(connection.dialect.name), seen).scalar_one()
    connection.execute(
        _NEW_CONSENT,
        {
            "citizen_id": citizen_id,
            "notice_version": details.consent_notice_version,
            "given_at": now,
            "recorded_by": helper_id,
        },
    )
    return int(citizen_id)


def _citizen_upsert(dialect: str) -> Any:
    """``INSERT … ON CONFLICT (id_hash) DO UPDATE … RETURNING id`` for ``dialect``."""
    statement = _CITIZEN_UPSERT.get(dialect)
    if statement is None:
        new = insert_for(dialect, Citizen)
        statement = _CITIZEN_UPSERT[dialect] = new.on_conflict_do_update(
            index_elements=[Citizen.id_hash],
            set_={column: new.excluded[column] for column in _SEEN},
        ).returning(Citizen.id)
    return statement
