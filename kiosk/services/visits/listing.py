"""A list of visits (a day's, the unfinished ones) read as values in four statements.

The helper's "today" list once read ORM objects, then plain columns through a unit of work,
which on SQLite begins ``BEGIN IMMEDIATE``: every writer (a finish at the counter, a
correction) waited while the list loaded. Now the list is read on a read-only transaction
(:meth:`kiosk.storage.unit_of_work.Database.reading`): the visits in one joined SELECT, their
service lines, barriers and corrections in one SELECT each over the same condition (no IN
lists that grow with the day). The columns come as the driver gives them and each value is
converted once where it needs to be: a 5,374-visit day reads in about 2x a raw sqlite3 read
of the same rows (bench/VISITS.md).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, bindparam, select, type_coerce
from sqlalchemy.orm import aliased
from sqlalchemy.types import NullType

from kiosk.domain.values import ServiceOutcome, TransactionRecord
from kiosk.pacing import Pacer, collector_paused
from kiosk.services.people.privacy import PrivacyVault
from kiosk.storage.models import (
    AssistedService,
    Citizen,
    Counter,
    Helper,
    Transaction,
    TransactionBarrier,
)


@dataclass(frozen=True)
class _Reads:
    """The four SELECTs of a list of visits over one condition."""

    visits: Select[Any]
    services: Select[Any]
    barriers: Select[Any]
    corrections: Select[Any]


def _reads(*where: ColumnElement[bool]) -> _Reads:
    chosen = select(Transaction.id).where(*where)
    correction = aliased(Transaction)
    return _Reads(
        visits=record_select().where(*where).order_by(Transaction.started_at),
        services=select(
            _raw(AssistedService.transaction_id),
            AssistedService.service_code,
            AssistedService.outcome,
            AssistedService.reason_code,
            AssistedService.dossier_code,
            AssistedService.procedure_name,
        )
        .where(AssistedService.transaction_id.in_(chosen))
        .order_by(AssistedService.transaction_id, AssistedService.position),
        barriers=select(
            _raw(TransactionBarrier.transaction_id), TransactionBarrier.barrier_code
        ).where(TransactionBarrier.transaction_id.in_(chosen)),
        corrections=select(_raw(correction.corrects_id), correction.id)  # ids as UUIDs
        .where(correction.corrects_id.in_(chosen))
        .order_by(correction.started_at),
    )


def read_records(
    connection: Connection, vault: PrivacyVault, *where: ColumnElement[bool]
) -> list[TransactionRecord]:
    """The visits matching ``where`` (conditions on :class:`Transaction`), oldest first.

    Meant for :meth:`kiosk.storage.unit_of_work.Database.reading` (no write lock). The
    columns are read as the driver gives them (``type_coerce`` to no type): a UUID or a
    datetime is built once where the value needs one, not by a type processor per cell, and
    service lines, barriers and corrections are grouped by the visit's raw key.
    """
    return _read(connection, vault, _reads(*where), {})


def read_record(
    connection: Connection, vault: PrivacyVault, visit_id: uuid.UUID
) -> TransactionRecord | None:
    """The visit ``visit_id`` as :func:`read_records` reads it (by statements built once),
    or ``None``."""
    found = _read(connection, vault, _BY_ID, {"visit_id": visit_id})
    return found[0] if found else None


def read_day(
    connection: Connection, vault: PrivacyVault, counter_id: int, day: date
) -> list[TransactionRecord]:
    """The counter's visits of ``day``, oldest first: the helper's "today" list, read by
    statements built once (building them and their cache keys cost a list a millisecond)."""
    return _read(connection, vault, _BY_DAY, {"counter_id": counter_id, "day": day})


def read_unfinished(
    connection: Connection, vault: PrivacyVault, counter_id: int
) -> list[TransactionRecord]:
    """The counter's open visits (to resume), oldest first."""
    return _read(connection, vault, _UNFINISHED, {"counter_id": counter_id})


def visit_barriers(connection: Connection, visit_id: uuid.UUID) -> tuple[str, ...]:
    """The barriers of the visit ``visit_id``, as :func:`read_records` lists them."""
    grouped = _grouped(connection, _BY_ID.barriers, {"visit_id": visit_id})
    return next(iter(grouped.values()), ())


def _read(
    connection: Connection,
    vault: PrivacyVault,
    reads: _Reads,
    params: dict[str, Any],
) -> list[TransactionRecord]:
    with collector_paused():  # thousands of acyclic values: nothing for it to collect
        return _built(connection, vault, reads, params)


def _built(
    connection: Connection,
    vault: PrivacyVault,
    reads: _Reads,
    params: dict[str, Any],
) -> list[TransactionRecord]:
    visits = connection.execute(reads.visits, params).all()
    if not visits:
        return []
    services = _service_lines(connection, reads.services, params)
    barriers = _grouped(connection, reads.barriers, params)
    corrections = _grouped(connection, reads.corrections, params)
    decrypt = vault.decrypt_optional
    pace = Pacer()
    records = []
    for row in visits:
        key = row[0]
        records.append(
            record_from_row(
                row,
                decrypt,
                services=services.get(key, ()),
                barriers=barriers.get(key, ()),
                corrections=corrections.get(key, ()),
            )
        )
        pace()
    return records


def record_select(*more: Any) -> Select[Any]:
    """The SELECT of visits as :func:`record_from_row` takes them, its first columns, then
    ``more``: a visit, its counter, helper and citizen joined; the conditions are the
    caller's."""
    return (
        select(*(_raw(column) for column in _VISIT_COLUMNS), *more)
        .join(Counter, Counter.id == Transaction.counter_id)
        .outerjoin(Helper, Helper.id == Transaction.helper_id)
        .outerjoin(Citizen, Citizen.id == Transaction.citizen_id)
    )


def record_from_row(
    row: Sequence[Any],
    decrypt: Callable[[bytes | None], str | None],
    *,
    services: tuple[ServiceOutcome, ...],
    barriers: tuple[str, ...],
    corrections: tuple[uuid.UUID, ...],
) -> TransactionRecord:
    """A visit's record from a row of :func:`record_select` (its first columns, as the
    driver gave them), its lines, barriers and corrections."""
    (
        key, counter_code, business_day, started_at, finished_at, status, receipt_no,
        helper_name, id_masked, name_enc, birth_year, gender, satisfaction,
        referral, follow_up_on, phone_enc, notes_enc, corrects_id, reason,
    ) = row[:_RECORD_WIDTH]  # fmt: skip
    return TransactionRecord(
        id=_uuid(key),
        counter_code=counter_code or "",
        business_day=_date(business_day),
        started_at=_utc(started_at),
        finished_at=_utc(finished_at) if finished_at is not None else None,
        status=status,
        receipt_no=receipt_no,
        helper_name=helper_name,
        citizen_id_masked=id_masked,
        citizen_name=decrypt(name_enc),
        citizen_birth_year=birth_year,
        citizen_gender=gender,
        services=services,
        barriers=barriers,
        satisfaction=satisfaction,
        referral=referral,
        follow_up_on=_date(follow_up_on) if follow_up_on is not None else None,
        follow_up_phone=decrypt(phone_enc),
        notes=decrypt(notes_enc),
        corrects_id=_uuid(corrects_id) if corrects_id is not None else None,
        correction_reason=reason,
        corrections=corrections,
    )


_VISIT_COLUMNS = (
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
_RECORD_WIDTH = len(_VISIT_COLUMNS)


def _grouped(
    connection: Connection, query: Select[Any], params: dict[str, Any]
) -> dict[Any, tuple[Any, ...]]:
    """The second column of ``query``'s rows, in order, keyed by the first (a visit's raw id)."""
    grouped: dict[Any, list[Any]] = {}
    for first, second in connection.execute(query, params).all():
        grouped.setdefault(first, []).append(second)
    return {key: tuple(values) for key, values in grouped.items()}


def _service_lines(
    connection: Connection, query: Select[Any], params: dict[str, Any]
) -> dict[Any, tuple[ServiceOutcome, ...]]:
    """The service lines of ``query`` as values keyed by the visit's raw id. Lines alike are
    one value (a frozen one: sharing it is safe), built once."""
    alike: dict[tuple[Any, ...], ServiceOutcome] = {}
    grouped: dict[Any, list[ServiceOutcome]] = {}
    for row in connection.execute(query, params).all():
        fields = row[1:]
        outcome = alike.get(fields)
        if outcome is None:
            outcome = alike[fields] = ServiceOutcome(*fields)
        grouped.setdefault(row[0], []).append(outcome)
    return {key: tuple(lines) for key, lines in grouped.items()}


def _raw(column: Any) -> Any:
    """``column`` as the driver gives it: no result processing by SQLAlchemy."""
    return type_coerce(column, NullType())


def _uuid(value: Any) -> uuid.UUID:
    """A UUID from SQLite's 32 hex digits (by their integer: a third cheaper than parsing
    the text, 437 a list), or PostgreSQL's uuid as it came."""
    return value if isinstance(value, uuid.UUID) else uuid.UUID(int=int(value, 16))


def _date(value: Any) -> date:
    """A date from SQLite's ISO text, or PostgreSQL's date as it came."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def _utc(value: Any) -> datetime:
    """An aware UTC datetime, as :class:`kiosk.storage.models.UtcDateTime` gives it: SQLite
    keeps UTC without a zone (ISO text), PostgreSQL an aware timestamp."""
    if isinstance(value, str):  # parsing the zone is 5x faster than replace(tzinfo=UTC)
        return datetime.fromisoformat(value + "+00:00")
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)  # type: ignore[no-any-return]


_BY_ID = _reads(Transaction.id == bindparam("visit_id"))
_BY_DAY = _reads(
    Transaction.counter_id == bindparam("counter_id"), Transaction.business_day == bindparam("day")
)
_UNFINISHED = _reads(
    Transaction.counter_id == bindparam("counter_id"), Transaction.status == "open"
)
