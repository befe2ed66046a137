"""The Core selects of an export: the period's visits and their service lines, streamed.

Two SQLAlchemy Core selects in the same order (day, start time, id), read ``YIELD_PER``
rows at a time: the visits (barriers aggregated in SQL) and their service lines, grouped
per visit with :func:`itertools.groupby` and merged. No ORM objects (they cost 4.8 times
as much); ids, dates and times are read raw and converted once per visit by
:mod:`.rows`. On SQLite the read runs in a ``BEGIN DEFERRED`` transaction so it never
blocks the counter's writers; on PostgreSQL in a read-only repeatable-read transaction.
Either way both streams and the summary see one snapshot (:meth:`.Database.reading`).

On PostgreSQL the rows come instead from one select of the visits joined with their lines
(:func:`joined_visits`), through a psycopg server-side cursor ``PG_FETCH`` rows a fetch,
without SQLAlchemy's result layer; dates and UTC times are cast to ISO text, as SQLite
stores them. JIT compilation is off for the export's transaction: on 100,000 rows it cost
the server more than a second a query and saved nothing. That is the path of unmasked
exports and workbooks; a masked CSV on PostgreSQL has the server format its cells and
streams them with ``COPY`` (:mod:`.server_csv`).
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator
from datetime import date
from functools import partial
from typing import Any

from sqlalchemy import Connection, Select, Text, cast, func, null, select, type_coerce
from sqlalchemy.types import NullType

from kiosk.storage.database import describe, translate_error
from kiosk.storage.models import Base

YIELD_PER = 1_000
RAW = NullType()  # read a column as the driver returns it, without type processing

_T = Base.metadata.tables
_TX, _LINE, _CITIZEN = _T["transactions"], _T["transaction_services"], _T["citizens"]
_BARRIER = _T["transaction_barriers"]
_ORIGINAL = _TX.alias("original")
# Positions in a visit row, then in a service-line row.
(
    ID, RECEIPT, COUNTER, DAY, STARTED, FINISHED, STATUS, HELPER, ID_MASKED, BIRTH_YEAR, GENDER,
    SATISFACTION, REFERRAL, FOLLOW_UP, PHONE, CORRECTS, BARRIERS, NAME, NOTES, CORRECTION,
    GUIDE_PACK,
) = range(21)  # fmt: skip
LINE_VISIT, SERVICE, OUTCOME, REASON, DOSSIER, PROCEDURE = range(6)
JOINED_SERVICE = GUIDE_PACK + 1  # where the line's fields start in a row of joined_visits
_LINE_FIELDS = (
    _LINE.c.service_code,
    _LINE.c.outcome,
    _LINE.c.reason_code,
    _LINE.c.dossier_code,
    _LINE.c.procedure_name,
)
PG_FETCH = 10_000  # rows a FETCH on PostgreSQL: few round trips, a few MB at most
# For the export's transaction only: times and dates as text the way SQLite stores them,
# and a plan for reading every row, not the first tenth fast (a cursor's default).
PG_SETTINGS = (
    "SET LOCAL jit = off",  # on 100,000 rows it cost the server more than a second
    "SET LOCAL TimeZone = 'UTC'",
    "SET LOCAL DateStyle = 'ISO, YMD'",
    "SET LOCAL cursor_tuple_fraction = 1.0",
    "SET LOCAL work_mem = '64MB'",  # the sort of 100,000 rows in memory, not on disk
)


def _period(query: Select[Any], start: date, end: date, counter_id: int | None) -> Select[Any]:
    """Restrict to the period (and counter) and put in export order: day, start, id."""
    query = query.where(_TX.c.business_day >= start, _TX.c.business_day <= end)
    if counter_id is not None:
        query = query.where(_TX.c.counter_id == counter_id)
    return query.order_by(_TX.c.business_day, _TX.c.started_at, _TX.c.id)


def visits_query(
    start: date, end: date, counter_id: int | None, *, unmasked: bool, grouped: bool = False
) -> Select[Any]:
    """One row per visit of the period, in export order, barriers aggregated.

    Encrypted names, notes and correction reasons are selected only for an unmasked export.
    Ids, dates and times are read raw (see :meth:`.rows.RowMaker._time`), skipping
    per-cell type processing. The barriers are a subquery per visit, or with ``grouped``
    one grouped pass over the period's barriers joined by hash (PostgreSQL's better plan).
    """
    codes = func.aggregate_strings(_BARRIER.c.barrier_code, ",")
    barrier_sets = None
    if grouped:
        in_period = _period(select(_TX.c.id), start, end, counter_id).order_by(None)
        barrier_sets = (
            select(_BARRIER.c.transaction_id, codes.label("codes"))
            .where(_BARRIER.c.transaction_id.in_(in_period))
            .group_by(_BARRIER.c.transaction_id)
            .subquery("barrier_sets")
        )
        barriers: Any = barrier_sets.c.codes
    else:
        barriers = select(codes).where(_BARRIER.c.transaction_id == _TX.c.id).scalar_subquery()
    private: list[Any] = (
        [_CITIZEN.c.name_enc, _TX.c.notes_enc, _TX.c.correction_reason]
        if unmasked
        else [null(), null(), null()]
    )
    query = (
        select(
            type_coerce(_TX.c.id, RAW),
            _TX.c.receipt_no,
            _TX.c.counter_id,
            type_coerce(_TX.c.business_day, RAW),
            type_coerce(_TX.c.started_at, RAW),
            type_coerce(_TX.c.finished_at, RAW),
            _TX.c.status,
            _TX.c.helper_id,
            _CITIZEN.c.id_masked,
            _CITIZEN.c.birth_year,
            _CITIZEN.c.gender,
            _TX.c.satisfaction,
            _TX.c.referral,
            type_coerce(_TX.c.follow_up_on, RAW),
            _TX.c.follow_up_phone_enc,
            _ORIGINAL.c.receipt_no,
            barriers,
            *private,
            _TX.c.guide_pack,
        )
        .select_from(_TX)
        .outerjoin(_CITIZEN, _CITIZEN.c.id == _TX.c.citizen_id)
        .outerjoin(_ORIGINAL, _ORIGINAL.c.id == _TX.c.corrects_id)
    )
    if barrier_sets is not None:
        query = query.outerjoin(barrier_sets, barrier_sets.c.transaction_id == _TX.c.id)
    return _period(query, start, end, counter_id)


def lines_query(start: date, end: date, counter_id: int | None) -> Select[Any]:
    """The service lines of the same visits, in the same order, then by position."""
    query = select(
        type_coerce(_LINE.c.transaction_id, RAW),
        _LINE.c.service_code,
        _LINE.c.outcome,
        _LINE.c.reason_code,
        _LINE.c.dossier_code,
        _LINE.c.procedure_name,
    ).join(_TX, _TX.c.id == _LINE.c.transaction_id)
    return _period(query, start, end, counter_id).order_by(_LINE.c.position)


def stream_visits(
    connection: Connection, start: date, end: date, counter_id: int | None, *, unmasked: bool
) -> Iterator[tuple[Any, list[Any]]]:
    """(visit row, its service-line rows), streamed from two cursors in the same order.

    Two narrow streams instead of one join: the visit's columns are not repeated for each
    of its services, which saves a third of the cells read.
    """
    # Both selects share filter and order and run in one snapshot, so the streams line up.
    heads = _rows(connection, visits_query(start, end, counter_id, unmasked=unmasked))
    lines = itertools.groupby(
        _rows(connection, lines_query(start, end, counter_id)), key=operator.itemgetter(LINE_VISIT)
    )
    pending = next(lines, None)
    for visit in heads:
        if pending is not None and pending[0] == visit[ID]:
            yield visit, list(pending[1])
            pending = next(lines, None)
        else:
            yield visit, []


def _joined(
    connection: Connection, start: date, end: date, counter_id: int | None, *, unmasked: bool
) -> Any:
    """The select of :func:`joined_visits`, compiled for ``connection``."""
    query = visits_query(start, end, counter_id, unmasked=unmasked, grouped=True).order_by(None)
    visits = query.subquery("visit")
    head: list[Any] = list(visits.c)
    ordering = (head[DAY], head[STARTED], head[ID])
    for position in (ID, DAY, STARTED, FINISHED, FOLLOW_UP):
        head[position] = cast(head[position], Text)
    joined = (
        select(*head, *_LINE_FIELDS)
        .select_from(visits)
        .outerjoin(_LINE, _LINE.c.transaction_id == visits.c[ID])
        .order_by(*ordering, _LINE.c.position)
    )
    return joined.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})


def joined_sql(
    connection: Connection, start: date, end: date, counter_id: int | None, *, unmasked: bool
) -> str:
    """The SQL text of :func:`joined_visits`, its values in place (for the benchmark's psql)."""
    import psycopg

    compiled = _joined(connection, start, end, counter_id, unmasked=unmasked)
    driver = connection.connection.driver_connection
    assert isinstance(driver, psycopg.Connection)
    return psycopg.ClientCursor(driver).mogrify(str(compiled), compiled.params)


def joined_visits(
    connection: Connection, start: date, end: date, counter_id: int | None, *, unmasked: bool
) -> Iterator[tuple[Any, list[Any]]]:
    """(visit row, its joined rows) from one PostgreSQL cursor, ``PG_FETCH`` rows a fetch.

    One row per service line (the visit's columns, then the line's from
    :data:`JOINED_SERVICE`), one with empty line cells for a visit without services. The id,
    dates and times are cast to text in SQL (ISO, UTC), as SQLite gives them: the driver then
    builds no ``datetime`` at all, and :mod:`.rows` reads both alike.
    """
    import psycopg

    compiled = _joined(connection, start, end, counter_id, unmasked=unmasked)
    for setting in PG_SETTINGS:
        connection.exec_driver_sql(setting)
    driver = connection.connection.driver_connection
    assert driver is not None
    # A named cursor: rows stay on the server until fetched, each FETCH its own statement
    # (the statement timeout bounds one fetch, not the whole export).
    try:
        with driver.cursor(name="kiosk_export") as cursor:
            cursor.execute(str(compiled), compiled.params)
            rows = itertools.chain.from_iterable(iter(partial(cursor.fetchmany, PG_FETCH), []))
            for _, group in itertools.groupby(rows, key=operator.itemgetter(ID)):
                lines = list(group)
                first = lines[0]
                yield first, lines if first[JOINED_SERVICE] is not None else []
    except psycopg.Error as exc:  # a raw cursor's: not SQLAlchemy's, which reading() maps
        raise translate_error(exc, describe(connection.engine)) from exc


def _rows(connection: Connection, query: Select[Any]) -> Iterator[Any]:
    """Rows of ``query``, fetched ``YIELD_PER`` at a time (server-side cursor on PostgreSQL)."""
    result = connection.execute(query.execution_options(yield_per=YIELD_PER))
    return itertools.chain.from_iterable(result.partitions())
