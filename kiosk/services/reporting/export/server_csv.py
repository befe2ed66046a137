"""A masked CSV export on PostgreSQL: the server formats the cells, COPY streams the rows.

:func:`formatted_select` gives one row per visit, in export order, of the very cells
:class:`.writers.CsvSink` writes for :class:`.rows.RowMaker`'s values: catalogue labels (from
constant JSON objects), dates ``dd/mm/yyyy``, Vietnam times ``HH:MM``, per-service cells joined
with ``"; "`` ("—" for a service without a value), formula-looking text defused, empty text as
NULL (COPY writes ``""`` for an empty string, the csv module nothing); every rule is the
constant the Python path uses (:mod:`.columns`, :mod:`.writers`), and a test compares both
paths byte for byte. ``COPY … TO STDOUT (FORMAT csv)`` quotes like the csv module; left to
Python are the line ends (LF to CRLF) and the follow-up phone, encrypted in the database: its
token comes as an extra last cell, and only those rows (a few percent) are rewritten here.

The period is cut into whole-day slices of at most :data:`SLICE_ROWS` visits, one COPY each
(the statement timeout bounds a slice), all in the export's read transaction: one snapshot.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import Any

import psycopg
from sqlalchemy import (
    BigInteger,
    Connection,
    Integer,
    String,
    Text,
    case,
    cast,
    column,
    func,
    literal,
    null,
    select,
    values,
)
from sqlalchemy.dialects.postgresql import JSONB, aggregate_order_by

from kiosk.domain.catalogue import Catalogue, Entry
from kiosk.domain.clock import LOCAL_TZ
from kiosk.pacing import Pacer
from kiosk.services.people.privacy import PrivacyVault, mask_phone
from kiosk.services.reporting.export.columns import (
    IN_PROGRESS,
    MISSING,
    SEPARATOR,
    STATUS_LABELS,
    UNKNOWN_BARRIER,
    Column,
    visible_columns,
)
from kiosk.services.reporting.export.queries import _BARRIER, _CITIZEN, _LINE, _ORIGINAL, _T, _TX
from kiosk.services.reporting.export.writers import FORMULA_START, CsvSink
from kiosk.storage.database import describe, translate_error

SLICE_ROWS = 200_000  # visits a COPY at most (whole days): a few seconds of the server's
BATCH = 2_000  # lines a write
MASK_BITS = 62  # barriers a bigint mask holds
PHONE = "Điện thoại hẹn lại"
# For the COPY's transaction only: times of day in Vietnam, the sort in memory. (The joins
# and the sort may run in parallel workers: the window's ORDER BY orders each visit's lines.)
COPY_SETTINGS = (
    "SET LOCAL jit = off",
    f"SET LOCAL TimeZone = '{LOCAL_TZ.key}'",
    "SET LOCAL work_mem = '64MB'",
)
_DAY = "DD/MM/FMYYYY"  # CsvSink.day: 05/11/2026
_TIME = "HH24:MI"  # CsvSink.time: 09:30
_COUNTER, _HELPER = _T["counters"], _T["helpers"]


def _lookup(name: str, entries: Sequence[Entry]) -> Any:
    """A ``VALUES`` list of (code, label, position) from catalogue entries."""
    rows: list[tuple[Any, ...]] = [(e.code, e.name_vi, i) for i, e in enumerate(entries)]
    table = values(
        column("code", String), column("label", String), column("ordinal", Integer), name=name
    )
    return table.data(rows or [(None, None, 0)])  # an empty list matches nothing


def _labels(entries: Sequence[Entry]) -> Callable[[Any], Any]:
    """code → label, NULL if unknown: a constant JSON object, no join, nothing to carry."""
    return _mapping({e.code: e.name_vi for e in entries})


def _by_id(found: dict[int, str]) -> Callable[[Any], Any]:
    """id → its name or code, from what the export read in its transaction (as .rows does)."""
    lookup = _mapping({str(key): value for key, value in found.items()})
    return lambda key: lookup(cast(key, Text))


def _mapping(pairs: dict[str, str]) -> Callable[[Any], Any]:
    mapping = literal(json.dumps(pairs, ensure_ascii=False), JSONB)
    return lambda key: mapping.op("->>")(key)


def _text(value: Any) -> Any:
    """A text cell: formula-looking text gets the leading apostrophe, empty text is NULL."""
    return case(
        (func.left(value, 1).in_(FORMULA_START), literal("'") + value),
        else_=func.nullif(value, ""),
    )


def _barrier_sets(catalogue: Catalogue, period: list[Any]) -> Any:
    """Each visit's barriers as a bit mask of catalogue positions (one grouped pass, no sort),
    and whether it has a code the catalogue does not know (:func:`_barrier_labels`)."""
    known = _lookup("barrier_codes", catalogue.barriers)
    return (
        select(
            _BARRIER.c.transaction_id,
            func.bit_or(func.coalesce(literal(1, BigInteger).op("<<")(known.c.ordinal), 0)).label(
                "mask"
            ),  # 0: only codes the catalogue lacks
            func.bool_or(known.c.ordinal.is_(None)).label("unknown"),
        )
        .outerjoin(known, known.c.code == _BARRIER.c.barrier_code)
        .where(_BARRIER.c.transaction_id.in_(select(_TX.c.id).where(*period)))
        .group_by(_BARRIER.c.transaction_id)
        .subquery("barrier_sets")
    )


def _barrier_labels(catalogue: Catalogue, visit: Any) -> Any:
    """The barrier labels of a visit in catalogue order (.rows.RowMaker._barriers): from the
    bit mask, or, for a visit with a code the catalogue lacks (rare), sorted in a subquery
    with the unknown codes last by code point."""
    labels = [
        case((visit.barrier_mask.op("&")(1 << i) != 0, entry.name_vi), else_=null())
        for i, entry in enumerate(catalogue.barriers)
    ]
    named = _lookup("barrier_labels", catalogue.barriers)
    ordered = (
        select(
            func.string_agg(
                func.coalesce(named.c.label, _BARRIER.c.barrier_code),
                aggregate_order_by(
                    literal(SEPARATOR),
                    func.coalesce(named.c.ordinal, UNKNOWN_BARRIER),
                    _BARRIER.c.barrier_code.collate("C"),  # Python's order of str
                ),
            )
        )
        .outerjoin(named, named.c.code == _BARRIER.c.barrier_code)
        .where(_BARRIER.c.transaction_id == visit.id)
        .scalar_subquery()
    )
    if len(labels) > MASK_BITS:  # too many for a mask: every visit sorts its own
        return case((visit.barrier_mask.is_not(None), ordered), else_=null())
    return case(
        (visit.barrier_mask.is_(None), null()),
        (visit.barrier_unknown, ordered),
        else_=func.concat_ws(SEPARATOR, *labels) if labels else null(),
    )


def names(connection: Connection) -> tuple[dict[int, str], dict[int, str]]:
    """Helpers' names and counters' codes by id, as the Python path reads them."""
    helpers = dict(connection.execute(select(_HELPER.c.id, _HELPER.c.full_name)).all())
    counters = dict(connection.execute(select(_COUNTER.c.id, _COUNTER.c.code)).all())
    return helpers, counters


def formatted_select(
    catalogue: Catalogue,
    start: date,
    end: date,
    counter_id: int | None,
    names: tuple[dict[int, str], dict[int, str]],
) -> Any:
    """The cells of a masked CSV export, one row per visit in export order, then the token.

    One row per service line (in position order) goes through a window over the visit,
    which joins the per-service values in order; the first row of each visit is kept and
    formatted. The sort of that window is the export's order, so the rows come out sorted.
    """
    period = [_TX.c.business_day >= start, _TX.c.business_day <= end]
    if counter_id is not None:
        period.append(_TX.c.counter_id == counter_id)
    services = _labels(catalogue.services)
    outcomes = _labels(catalogue.outcomes)
    reasons = _labels(catalogue.reasons)
    referrals = _labels(catalogue.referrals)
    helper_names, counter_codes = (_by_id(found) for found in names)
    barriers = _barrier_sets(catalogue, period)
    window: dict[str, Any] = {
        "partition_by": [_TX.c.business_day, _TX.c.started_at, _TX.c.id],
        "order_by": _LINE.c.position,
        "rows": (None, None),  # the whole visit
    }

    def joined(value: Any) -> Any:
        return func.string_agg(value, SEPARATOR).over(**window)

    def aligned(value: Any, name: str) -> list[Any]:
        """Whether any service has a value, and the values joined ("—" for none)."""
        return [
            func.bool_or(value != "").over(**window).label(f"any_{name}"),
            joined(func.coalesce(func.nullif(value, ""), MISSING)).label(name),
        ]

    service = func.coalesce(services(_LINE.c.service_code), _LINE.c.service_code)
    outcome = case(
        (_LINE.c.id.is_(None), null()),  # a visit without services: no outcome either
        else_=func.coalesce(outcomes(_LINE.c.outcome), _LINE.c.outcome, IN_PROGRESS),
    )
    v = (
        select(
            _TX.c.business_day,
            _TX.c.started_at,
            _TX.c.id,
            func.row_number().over(**window).label("nth"),
            _TX.c.receipt_no,
            counter_codes(_TX.c.counter_id).label("counter"),
            _TX.c.finished_at,
            _TX.c.status,
            helper_names(_TX.c.helper_id).label("helper"),
            _CITIZEN.c.id_masked,
            _CITIZEN.c.birth_year,
            _CITIZEN.c.gender,
            joined(service).label("services"),
            joined(outcome).label("outcomes"),
            *aligned(func.coalesce(reasons(_LINE.c.reason_code), _LINE.c.reason_code), "reasons"),
            *aligned(_LINE.c.dossier_code, "dossiers"),
            *aligned(_LINE.c.procedure_name, "procedures"),
            barriers.c.mask.label("barrier_mask"),
            barriers.c.unknown.label("barrier_unknown"),
            _TX.c.satisfaction,
            func.coalesce(referrals(_TX.c.referral), _TX.c.referral).label("referral"),
            _TX.c.follow_up_on,
            _ORIGINAL.c.receipt_no.label("corrects"),
            _TX.c.guide_pack,
            _TX.c.follow_up_phone_enc,
        )
        .select_from(_TX)
        .outerjoin(_LINE, _LINE.c.transaction_id == _TX.c.id)
        .outerjoin(_CITIZEN, _CITIZEN.c.id == _TX.c.citizen_id)
        .outerjoin(_ORIGINAL, _ORIGINAL.c.id == _TX.c.corrects_id)
        .outerjoin(barriers, barriers.c.transaction_id == _TX.c.id)
        .where(*period)
        .subquery("visit")
    ).c
    cells = {
        "Số biên nhận": _text(v.receipt_no),
        "Quầy": _text(v.counter),
        "Ngày": func.to_char(v.business_day, _DAY),
        "Giờ bắt đầu": func.to_char(v.started_at, _TIME),
        "Giờ kết thúc": func.to_char(v.finished_at, _TIME),
        "Trạng thái": _text(case(STATUS_LABELS, value=v.status, else_=v.status)),
        "Người hỗ trợ": _text(v.helper),
        "Số định danh": _text(v.id_masked),
        "Năm sinh": v.birth_year,
        "Giới tính": _text(v.gender),
        "Dịch vụ": _text(v.services),
        "Kết quả": _text(v.outcomes),
        # .rows._aligned: "—" for a service without one, nothing when no service has one
        "Lý do": _text(case((v.any_reasons, v.reasons), else_=null())),
        "Mã hồ sơ": _text(case((v.any_dossiers, v.dossiers), else_=null())),
        "Thủ tục": _text(case((v.any_procedures, v.procedures), else_=null())),
        "Khó khăn gặp phải": _text(_barrier_labels(catalogue, v)),
        "Mức hài lòng": v.satisfaction,
        "Nơi chuyển tiếp": _text(v.referral),
        "Ngày hẹn lại": func.to_char(v.follow_up_on, _DAY),
        PHONE: null(),  # the token's cell, filled in by Python
        "Điều chỉnh cho": _text(v.corrects),
        "Gói hướng dẫn": _text(v.guide_pack),
    }
    # Every column of a masked export, in its order (a new column without a cell fails here).
    row = [cells[c.header] for c in visible_columns(unmasked=False)]
    return (
        select(*row, func.encode(v.follow_up_phone_enc, "hex"))
        .where(v.nth == 1)
        .order_by(v.business_day, v.started_at, v.id)
    )


def copy_statement(connection: Connection, query: Any) -> str:
    """``COPY (query) TO STDOUT (FORMAT csv)``, its values in place (COPY takes no parameters)."""
    compiled = query.compile(
        dialect=connection.dialect, compile_kwargs={"render_postcompile": True}
    )
    driver = connection.connection.driver_connection
    assert isinstance(driver, psycopg.Connection)
    select_sql = psycopg.ClientCursor(driver).mogrify(str(compiled), compiled.params)
    return f"COPY ({select_sql}) TO STDOUT (FORMAT csv)"


def slices(
    connection: Connection, start: date, end: date, counter_id: int | None
) -> list[tuple[date, date, int]]:
    """Whole-day slices of the period, each of :data:`SLICE_ROWS` visits at most (unless a
    day has more), and how many visits each has."""
    query = select(_TX.c.business_day, func.count()).where(
        _TX.c.business_day >= start, _TX.c.business_day <= end
    )
    if counter_id is not None:
        query = query.where(_TX.c.counter_id == counter_id)
    days = connection.execute(query.group_by(_TX.c.business_day).order_by(_TX.c.business_day))
    found: list[tuple[date, date, int]] = []
    for day, count in days:
        if found and found[-1][2] + count <= SLICE_ROWS:
            first, _, rows = found[-1]
            found[-1] = (first, day, rows + count)
        else:
            found.append((day, day, count))
    return found


class PhoneRows:
    """Rewrites a COPY row that carries a phone token: the masked phone in its cell."""

    def __init__(self, sink: CsvSink, vault: PrivacyVault, columns: list[Column]) -> None:
        self.sink = sink
        self.vault = vault
        self.at = [c.header for c in columns].index(PHONE)

    def __call__(self, row: bytes) -> bytes:
        """The CSV line (CRLF excluded) for one COPY row (its LF excluded)."""
        (cells,) = csv.reader([row.decode("utf-8")])
        token = bytes.fromhex(cells.pop())
        cells[self.at] = mask_phone(self.vault.decrypt(token))
        return self.sink.encode_row(cells)[:-2]


def copy_visits(
    connection: Connection,
    sink: CsvSink,
    vault: PrivacyVault,
    catalogue: Catalogue,
    start: date,
    end: date,
    counter_id: int | None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the masked CSV rows of the period into ``sink``; return how many."""
    for setting in COPY_SETTINGS:
        connection.exec_driver_sql(setting)
    phone_row = PhoneRows(sink, vault, visible_columns(unmasked=False))
    driver = connection.connection.driver_connection
    assert driver is not None
    written = 0
    found = names(connection)
    for first, last, expected in slices(connection, start, end, counter_id):
        query = formatted_select(catalogue, first, last, counter_id, found)
        statement = copy_statement(connection, query)
        try:
            with driver.cursor() as cursor, cursor.copy(statement) as copy:
                rows = _rows_of(copy, driver, expected)
                for count in _write_lines(rows, sink, phone_row):
                    written += count
                    if progress:
                        progress(count)
        except psycopg.Error as exc:  # a raw cursor's: not SQLAlchemy's, which reading() maps
            raise translate_error(exc, describe(connection.engine)) from exc
    return written


def _rows_of(copy: Any, driver: Any, expected: int) -> Iterator[Any]:
    """The ``expected`` rows of a ``COPY … TO STDOUT``, one buffer each.

    Rows libpq already holds are taken straight from it (``PGconn.get_copy_data``, not
    blocking), not through psycopg's wait loop for every row (most of the export's own CPU);
    ``Copy.read()`` waits when none is there yet, and sees the end: the slice's visits were
    counted in the same snapshot, so the fast path stops at the last row."""
    take = driver.pgconn.get_copy_data
    for _ in range(expected):
        size, row = take(1)
        if size <= 0:  # nothing buffered yet (or an error, which read() raises)
            row = copy.read()
            if not row:
                raise RuntimeError(f"COPY ended before its {expected} rows")
        yield row
    if copy.read():
        raise RuntimeError(f"COPY gave more than its {expected} rows")


def _write_lines(copy: Any, sink: CsvSink, phone_row: PhoneRows) -> Iterator[int]:
    """Copy rows to the sink as CSV lines, :data:`BATCH` at a time; yield each batch's size.

    A COPY row ends ``,\\n`` when its token cell is empty (one CopyData message a row, so
    the last bytes are always the row's): the line is the row without them, plus CRLF.
    """
    lines: list[Any] = []
    pace = Pacer()
    comma = ord(",")
    for row in copy:
        lines.append(row[:-2] if row[-2] == comma else phone_row(bytes(row[:-1])))
        pace()
        if len(lines) == BATCH:
            sink.write_bytes(b"\r\n".join(lines) + b"\r\n")
            yield BATCH
            lines = []
    if lines:
        sink.write_bytes(b"\r\n".join(lines) + b"\r\n")
        yield len(lines)
