"""Export of the transaction log to CSV or XLSX, streamed so memory stays flat.

One row per transaction whose business day is in the period, finished or not; a correction
is a row of its own whose "Điều chỉnh cho" names the receipt of the visit it corrects.

Design choices:

- **Masked by default.** A masked export has no "Họ tên", "Ghi chú" or "Lý do điều chỉnh"
  column at all (free text may hold personal data), shows the ID number masked as stored
  (``001******345``: the full number is never stored) and the follow-up phone masked. Leaving
  the columns out, rather than empty, means a masked file visibly cannot hold a name.
  Only an unmasked export (admins, checked by the caller) decrypts names and notes.
- **Per-service columns** ("Kết quả", "Lý do", "Mã hồ sơ", "Thủ tục") follow the order of
  "Dịch vụ", joined with "; ". When no service has a value the cell is empty; otherwise "—"
  stands for the services without one, so positions still line up.
- **Streaming.** Two SQLAlchemy Core selects in the same order (day, start time, id), read
  ``yield_per`` rows at a time: the visits (barriers aggregated in SQL) and their service
  lines, grouped per visit with :func:`itertools.groupby` and merged. No ORM objects; ids,
  dates and times are read raw and converted once per visit; helper names, counter codes
  and catalogue labels are loaded once. On SQLite the read runs in a ``BEGIN DEFERRED``
  transaction so it never blocks the counter's writers; on PostgreSQL in a read-only
  repeatable-read transaction. Either way both streams and the summary see one snapshot.
- **No half-written file.** Rows go to a hidden temporary file beside ``out`` (mode 0600),
  which replaces ``out`` only once complete and audited.
- **CSV** is UTF-8 with a BOM (Excel then shows "Nguyễn"), comma-separated; free-text cells
  that start like a formula get a leading apostrophe. **XLSX** has real dates and times,
  a frozen header, column widths, and a "Tổng hợp" sheet with the period's figures
  (:func:`kiosk.services.reporting.figures.compute_figures`): in total, by day, by helper,
  the reasons services were not completed, and each volunteer's hours.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import itertools
import operator
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from datetime import time as time_of_day
from pathlib import Path
from typing import IO, Any, Literal, Protocol

from sqlalchemy import Connection, Select, func, null, select, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from kiosk.domain.catalogue import Catalogue, Entry
from kiosk.domain.clock import LOCAL_TZ, Clock, SystemClock, format_day
from kiosk.errors import InputError, KioskError, StorageFullError
from kiosk.services.people import audit
from kiosk.services.people.audit import Actor
from kiosk.services.people.privacy import PrivacyVault, mask_phone
from kiosk.services.reporting.figures import Figures, compute_figures, helper_hours
from kiosk.storage.database import database_errors
from kiosk.storage.models import Base, Counter, Helper
from kiosk.storage.unit_of_work import Database

Kind = Literal["text", "free", "date", "time", "int"]  # "free": typed by a person
FORMATS: tuple[str, ...] = ("csv", "xlsx")
YIELD_PER = 1_000
PROGRESS_EVERY = 1_000
CACHE_SIZE = 1_024  # memoised days and minutes: memory stays flat on long periods
MISSING = "—"
DATE_FORMAT, TIME_FORMAT = "DD/MM/YYYY", "HH:MM"
RAW = NullType()  # read a column as the driver returns it, without type processing


@dataclass(frozen=True)
class Column:
    """A column of the export: header, width in characters, kind of value."""

    header: str
    width: int
    kind: Kind = "text"
    private: bool = False  # only in unmasked exports


COLUMNS = (
    Column("Số biên nhận", 20),
    Column("Quầy", 8),
    Column("Ngày", 12, "date"),
    Column("Giờ bắt đầu", 12, "time"),
    Column("Giờ kết thúc", 12, "time"),
    Column("Trạng thái", 16),
    Column("Người hỗ trợ", 22),
    Column("Số định danh", 15),
    Column("Họ tên", 26, "free", private=True),
    Column("Năm sinh", 10, "int"),
    Column("Giới tính", 10),
    Column("Dịch vụ", 48),
    Column("Kết quả", 30),
    Column("Lý do", 36),
    Column("Mã hồ sơ", 22, "free"),
    Column("Thủ tục", 30, "free"),
    Column("Khó khăn gặp phải", 36),
    Column("Mức hài lòng", 13, "int"),
    Column("Nơi chuyển tiếp", 30),
    Column("Ngày hẹn lại", 13, "date"),
    Column("Điện thoại hẹn lại", 17),
    Column("Ghi chú", 36, "free", private=True),
    Column("Điều chỉnh cho", 20),
    Column("Lý do điều chỉnh", 36, "free", private=True),
)

STATUS_LABELS = {"open": "Đang thực hiện", "finished": "Đã hoàn tất", "abandoned": "Bỏ dở"}
IN_PROGRESS = "Đang thực hiện"
FIGURE_LABELS = {
    "portal_accounts": "Tài khoản Cổng Dịch vụ công quốc gia đã tạo",
    "vneid_level1_registrations": "Đăng ký tài khoản VNeID mức 1",
    "vneid_level2_activations": "Kích hoạt định danh điện tử VNeID mức 2",
    "digital_signatures": "Chữ ký số cá nhân",
    "dossiers_filed_online": "Hồ sơ nộp trực tuyến",
    "online_payments": "Thanh toán phí, lệ phí trực tuyến",
    "vssid_accounts": "Tài khoản VssID",
    "e_health_books": "Sổ sức khỏe điện tử",
    "cashless_accounts": "Tài khoản thanh toán không dùng tiền mặt",
}
KIND_LABELS = {"volunteer": "Tình nguyện viên", "staff": "Cán bộ"}
SUMMARY_SHEET, DATA_SHEET = "Tổng hợp", "Giao dịch"


@dataclass(frozen=True)
class ExportResult:
    """How many transactions were written, and where."""

    rows: int
    path: Path


# -- reading ------------------------------------------------------------------------------------

_T = Base.metadata.tables
_TX, _LINE, _CITIZEN = _T["transactions"], _T["transaction_services"], _T["citizens"]
_BARRIER = _T["transaction_barriers"]
_ORIGINAL = _TX.alias("original")
# Positions in a visit row, then in a service-line row.
(
    ID, RECEIPT, COUNTER, DAY, STARTED, FINISHED, STATUS, HELPER, ID_MASKED, BIRTH_YEAR, GENDER,
    SATISFACTION, REFERRAL, FOLLOW_UP, PHONE, CORRECTS, BARRIERS, NAME, NOTES, CORRECTION,
) = range(20)  # fmt: skip
LINE_VISIT, SERVICE, OUTCOME, REASON, DOSSIER, PROCEDURE = range(6)


def _period(query: Select[Any], start: date, end: date, counter_id: int | None) -> Select[Any]:
    """Restrict to the period (and counter) and put in export order: day, start, id."""
    query = query.where(_TX.c.business_day >= start, _TX.c.business_day <= end)
    if counter_id is not None:
        query = query.where(_TX.c.counter_id == counter_id)
    return query.order_by(_TX.c.business_day, _TX.c.started_at, _TX.c.id)


def visits_query(start: date, end: date, counter_id: int | None, *, unmasked: bool) -> Select[Any]:
    """One row per visit of the period, in export order, barriers aggregated.

    Encrypted names, notes and correction reasons are selected only for an unmasked export.
    Ids, dates and times are read raw (see :meth:`_RowMaker._time`), skipping per-cell
    type processing.
    """
    barriers = (
        select(func.aggregate_strings(_BARRIER.c.barrier_code, ","))
        .where(_BARRIER.c.transaction_id == _TX.c.id)
        .scalar_subquery()
    )
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
        )
        .select_from(_TX)
        .outerjoin(_CITIZEN, _CITIZEN.c.id == _TX.c.citizen_id)
        .outerjoin(_ORIGINAL, _ORIGINAL.c.id == _TX.c.corrects_id)
    )
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


def _visits(
    connection: Connection, start: date, end: date, counter_id: int | None, *, unmasked: bool
) -> Iterator[tuple[Any, list[Any]]]:
    """(visit row, its service-line rows), streamed from two cursors in the same order.

    Two narrow streams instead of one join: the visit's columns are not repeated for each
    of its services, which saves a third of the cells read.
    """
    # Both selects share filter and order and run in one snapshot, so the streams line up.
    visits = _rows(connection, visits_query(start, end, counter_id, unmasked=unmasked))
    lines = itertools.groupby(
        _rows(connection, lines_query(start, end, counter_id)), key=operator.itemgetter(LINE_VISIT)
    )
    pending = next(lines, None)
    for visit in visits:
        if pending is not None and pending[0] == visit[ID]:
            yield visit, list(pending[1])
            pending = next(lines, None)
        else:
            yield visit, []


def _rows(connection: Connection, query: Select[Any]) -> Iterator[Any]:
    """Rows of ``query``, fetched ``YIELD_PER`` at a time (server-side cursor on PostgreSQL)."""
    result = connection.execute(query.execution_options(yield_per=YIELD_PER))
    return itertools.chain.from_iterable(result.partitions())


@contextlib.contextmanager
def _read_connection(db: Database) -> Iterator[Connection]:
    """A read transaction that does not block writers and sees one snapshot."""
    with database_errors(db.engine), db.engine.connect() as connection:
        if db.dialect == "sqlite":
            connection.execution_options(sqlite_begin="DEFERRED")
        else:
            connection.execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            )
        with connection.begin():
            yield connection


class _RowMaker:
    """Turns a visit row and its service lines into export values, in column order.

    Dates and times go through the sink's ``day``/``time`` so a CSV gets text and a
    workbook typed values; a day's value is worked out once (a period has few days).
    """

    def __init__(
        self,
        catalogue: Catalogue,
        vault: PrivacyVault,
        sink: _Sink,
        *,
        helpers: dict[int, str],
        counters: dict[int, str],
        unmasked: bool,
    ) -> None:
        self.vault = vault
        self.unmasked = unmasked
        self.sink = sink
        self.counters = counters
        # Labels by code; an unknown code shows as itself, a missing one as below.
        self.services = _labels(catalogue.services)
        self.outcomes = {**_labels(catalogue.outcomes), None: IN_PROGRESS}
        self.reasons = _labels(catalogue.reasons)
        self.referrals = {**_labels(catalogue.referrals), None: ""}
        self.barrier_order = {e.code: i for i, e in enumerate(catalogue.barriers)}
        self.barriers = _labels(catalogue.barriers)
        self.helpers = helpers
        self.time_out = sink.time
        self.days: dict[Any, Any] = {}  # raw value → written value, bounded by CACHE_SIZE
        self.minutes: dict[str, Any] = {}
        self.barrier_sets: dict[str, str] = {}
        keep = [i for i, c in enumerate(COLUMNS) if not c.private]
        self.pick = None if unmasked else operator.itemgetter(*keep)

    def __call__(self, head: Any, lines: Sequence[Any]) -> Sequence[Any]:
        services, outcomes, reasons, dossiers, procedures = self._services(lines)
        finished, follow_up, phone, barriers = (
            head[FINISHED],
            head[FOLLOW_UP],
            head[PHONE],
            head[BARRIERS],
        )
        values = [
            head[RECEIPT],
            self.counters.get(head[COUNTER], ""),
            self._day(head[DAY]),
            self._time(head[STARTED]),
            self._time(finished) if finished else None,
            STATUS_LABELS.get(head[STATUS], head[STATUS]),
            self.helpers.get(head[HELPER], ""),
            head[ID_MASKED],
            self._decrypt(head[NAME]) if self.unmasked else None,
            head[BIRTH_YEAR],
            head[GENDER],
            services,
            outcomes,
            reasons,
            dossiers,
            procedures,
            self._barriers(barriers) if barriers else "",
            head[SATISFACTION],
            self.referrals.get(head[REFERRAL], head[REFERRAL]),
            self._day(follow_up) if follow_up else None,
            self._phone(phone) if phone else None,
            self._decrypt(head[NOTES]) if self.unmasked else None,
            head[CORRECTS],
            head[CORRECTION],
        ]
        return values if self.pick is None else self.pick(values)

    def _services(self, lines: Sequence[Any]) -> tuple[str, str, str, str, str]:
        """Services, outcomes, reasons, dossier codes and procedures, each joined with "; "."""
        if len(lines) == 1:  # most visits: no lists to build
            _, code, outcome, reason, dossier, procedure = lines[0]
            return (
                self.services.get(code, code),
                self.outcomes.get(outcome, outcome),
                self.reasons.get(reason, reason) or "",
                dossier or "",
                procedure or "",
            )
        return (
            "; ".join(self.services.get(r[SERVICE], r[SERVICE]) for r in lines),
            "; ".join(self.outcomes.get(r[OUTCOME], r[OUTCOME]) for r in lines),
            _aligned([self.reasons.get(r[REASON], r[REASON]) for r in lines]),
            _aligned([r[DOSSIER] for r in lines]),
            _aligned([r[PROCEDURE] for r in lines]),
        )

    def _time(self, raw: Any) -> Any:
        """A stored UTC moment, read raw, as the sink writes a Vietnam time of day (HH:MM).

        Read raw to skip per-cell type processing: SQLite gives naive ISO text (UTC, as
        :class:`~kiosk.storage.models.UtcDateTime` stores it), PostgreSQL an aware datetime.
        On SQLite the text's minute is the cache key (zone offsets are whole minutes).
        """
        if not isinstance(raw, str):
            moment = raw if raw.tzinfo else raw.replace(tzinfo=UTC)
            return self.time_out(moment.astimezone(LOCAL_TZ).replace(second=0, microsecond=0))
        minute = raw[:16]
        try:
            return self.minutes[minute]
        except KeyError:
            if len(self.minutes) > CACHE_SIZE:
                self.minutes.clear()
            local = datetime.fromisoformat(minute + "+00:00").astimezone(LOCAL_TZ)
            value = self.minutes[minute] = self.time_out(local)
            return value

    def _day(self, raw: Any) -> Any:
        """A stored date, read raw (ISO text on SQLite), as the sink writes it."""
        try:
            return self.days[raw]
        except KeyError:
            if len(self.days) > CACHE_SIZE:
                self.days.clear()
            day = date.fromisoformat(raw) if isinstance(raw, str) else raw
            value = self.days[raw] = None if day is None else self.sink.day(day)
            return value

    def _decrypt(self, token: bytes | None) -> str | None:
        return self.vault.decrypt(token) if token else None

    def _phone(self, token: bytes) -> str:
        phone = self.vault.decrypt(token)
        return phone if self.unmasked else mask_phone(phone)

    def _barriers(self, codes: str) -> str:
        """Barrier labels in catalogue order, from the aggregated codes (few distinct sets)."""
        try:
            return self.barrier_sets[codes]
        except KeyError:
            if len(self.barrier_sets) > CACHE_SIZE:
                self.barrier_sets.clear()
            ordered = sorted(codes.split(","), key=lambda c: (self.barrier_order.get(c, 999), c))
            text = self.barrier_sets[codes] = "; ".join(self.barriers.get(c, c) for c in ordered)
            return text


def _labels(entries: Iterable[Entry]) -> dict[str | None, str]:
    return {entry.code: entry.name_vi for entry in entries}


def _aligned(values: list[str | None]) -> str:
    """Per-service values in service order, "—" for a service without one; "" if none has."""
    if not any(values):
        return ""
    return "; ".join(value or MISSING for value in values)


# -- the summary sheet ---------------------------------------------------------------------------

SummaryRow = tuple[bool, list[Any]]  # (is a heading, values)


def summary_rows(
    session: Session,
    catalogue: Catalogue,
    start: date,
    end: date,
    counter_id: int | None,
    scope: str,
) -> list[SummaryRow]:
    """The figures a district asks for: in total, by day, by helper, reasons, volunteer hours."""
    names = dict(session.execute(select(Helper.id, Helper.full_name)).all())
    kinds = dict(session.execute(select(Helper.id, Helper.kind)).all())
    keys = catalogue.figures()
    labels = [FIGURE_LABELS.get(key, key) for key in keys]
    total = compute_figures(session, catalogue, start, end, counter_id=counter_id)[None]
    rows: list[SummaryRow] = [
        (True, [f"Tổng hợp từ {format_day(start)} đến {format_day(end)} — {scope}"])
    ]
    rows += _table(
        "Tổng cộng",
        ["Chỉ tiêu", "Số lượng"],
        [
            ["Lượt hỗ trợ", total.transactions],
            ["Lượt đã hoàn tất", total.finished],
            ["Lượt chưa hoàn tất", total.unfinished],
            ["Số người dân được hỗ trợ", total.people_helped],
            *(
                [label, total.by_figure.get(key, 0)]
                for key, label in zip(keys, labels, strict=True)
            ),
            ["Mức hài lòng trung bình (1–5)", total.satisfaction_avg],
            ["Số lượt có đánh giá", total.rated],
        ],
    )
    rows += _table(
        "Theo ngày",
        ["Ngày", "Lượt hỗ trợ", "Người dân được hỗ trợ", *labels],
        (
            [day, f.transactions, f.people_helped, *(f.by_figure.get(k, 0) for k in keys)]
            for day, f in sorted(_grouped(session, catalogue, start, end, counter_id, "day"))
        ),
    )
    rows += _table(
        "Theo người hỗ trợ",
        ["Người hỗ trợ", "Loại", "Lượt hỗ trợ", "Người dân được hỗ trợ", *labels],
        sorted(
            [
                names.get(hid, "(không ghi)"),
                KIND_LABELS.get(kinds.get(hid, ""), ""),
                f.transactions,
                f.people_helped,
                *(f.by_figure.get(k, 0) for k in keys),
            ]
            for hid, f in _grouped(session, catalogue, start, end, counter_id, "helper")
        ),
    )
    reasons = {e.code: e.name_vi for e in catalogue.reasons}
    rows += _table(
        "Lý do dịch vụ chưa hoàn thành",
        ["Lý do", "Số lượt"],
        (
            [reasons.get(code, code), n]
            for code, n in sorted(total.reasons.items(), key=lambda kv: (-kv[1], kv[0]))
        ),
    )
    volunteers = [
        h for h in helper_hours(session, start, end, counter_id=counter_id) if h.kind == "volunteer"
    ]
    rows += _table(
        "Giờ hỗ trợ của tình nguyện viên",
        ["Người hỗ trợ", "Số ngày", "Số giờ", "Lượt hỗ trợ"],
        ([h.full_name, h.days, h.hours, h.transactions] for h in volunteers),
    )
    return rows


def _grouped(
    session: Session,
    catalogue: Catalogue,
    start: date,
    end: date,
    counter_id: int | None,
    group_by: Literal["day", "helper"],
) -> list[tuple[Any, Figures]]:
    found = compute_figures(
        session, catalogue, start, end, counter_id=counter_id, group_by=group_by
    )
    return [(key, figures) for key, figures in found.items() if figures.transactions]


def _table(title: str, header: list[str], body: Iterable[list[Any]]) -> list[SummaryRow]:
    return [(False, []), (True, [title]), (True, header), *((False, row) for row in body)]


# -- writing -------------------------------------------------------------------------------------


class _Sink(Protocol):
    def day(self, value: date) -> Any:
        """How a date is written."""

    def time(self, moment: datetime) -> Any:
        """How a local time of day is written."""

    def write_row(self, values: Sequence[Any]) -> None: ...

    def finish(self, summary: list[SummaryRow] | None) -> None: ...

    def close(self) -> None: ...


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class _CsvSink:
    """UTF-8 CSV with a BOM; dates ``dd/mm/yyyy``, times ``HH:MM``."""

    def __init__(self, path: Path, columns: Sequence[Column]) -> None:
        # utf-8 plus a hand-written BOM: the "utf-8-sig" codec encodes in Python, row by row.
        self.file: IO[str] = path.open("w", encoding="utf-8", newline="")
        self.file.write("\ufeff")
        self.writer = csv.writer(self.file)
        self.writer.writerow([c.header for c in columns])
        self.free = [i for i, c in enumerate(columns) if c.kind == "free"]

    @staticmethod
    def day(value: date) -> str:
        return f"{value.day:02d}/{value.month:02d}/{value.year}"

    @staticmethod
    def time(moment: datetime) -> str:
        return f"{moment.hour:02d}:{moment.minute:02d}"

    def write_row(self, values: Sequence[Any]) -> None:
        for i in self.free:  # Excel would run "=…" as a formula
            text = values[i]
            if text and text.startswith(_FORMULA_START):
                values = [*values[:i], "'" + text, *values[i + 1 :]]
        self.writer.writerow(values)

    def finish(self, summary: list[SummaryRow] | None) -> None:
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()

    def close(self) -> None:
        with contextlib.suppress(OSError):  # after a failure: the first error is the one to report
            self.file.close()


class _XlsxSink:
    """A write-only workbook: typed dates and times, frozen header, then the summary sheet."""

    def __init__(self, path: Path, columns: Sequence[Column]) -> None:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        self.path = path
        self.cell = WriteOnlyCell
        self.bold = Font(bold=True)
        self.book = Workbook(write_only=True)
        self.sheet = self.book.create_sheet(DATA_SHEET)
        for index, column in enumerate(columns, start=1):
            self.sheet.column_dimensions[_letter(index)].width = column.width
        self.sheet.freeze_panes = "A2"
        self.sheet.append([self._heading(self.sheet, c.header) for c in columns])
        # One styled cell per typed column, refilled row after row: a write-only sheet
        # serialises a row as soon as it is appended, so the cell is free again.
        formats = {"date": DATE_FORMAT, "time": TIME_FORMAT}
        self.typed = [
            (i, self._typed(self.sheet, None, formats[c.kind]))
            for i, c in enumerate(columns)
            if c.kind in formats
        ]
        self.free = [i for i, c in enumerate(columns) if c.kind == "free"]

    @staticmethod
    def day(value: date) -> date:
        return value

    @staticmethod
    def time(moment: datetime) -> time_of_day:
        return moment.time().replace(microsecond=0)

    def _heading(self, sheet: Any, text: Any) -> Any:
        cell = self.cell(sheet, value=text)
        cell.font = self.bold
        return cell

    def _typed(self, sheet: Any, value: Any, number_format: str) -> Any:
        cell = self.cell(sheet, value=value)
        cell.number_format = number_format
        return cell

    def _text(self, sheet: Any, text: str) -> Any:
        cell = self.cell(sheet, value=_printable(text))
        cell.data_type = "s"  # never a formula, whatever the text starts with
        return cell

    def write_row(self, values: Sequence[Any]) -> None:
        values = list(values)
        for i, cell in self.typed:
            if values[i] is not None:
                cell.value = values[i]
                values[i] = cell
        for i in self.free:
            if values[i]:
                values[i] = self._text(self.sheet, values[i])
        self.sheet.append(values)

    def finish(self, summary: list[SummaryRow] | None) -> None:
        sheet = self.book.create_sheet(SUMMARY_SHEET)
        sheet.column_dimensions["A"].width = 46
        for index in range(2, 16):
            sheet.column_dimensions[_letter(index)].width = 16
        for heading, values in summary or []:
            sheet.append([self._summary_cell(sheet, v, heading) for v in values])
        self.book.save(self.path)

    def _summary_cell(self, sheet: Any, value: Any, heading: bool) -> Any:
        if heading:
            return self._heading(sheet, value)
        if isinstance(value, date):
            return self._typed(sheet, value, DATE_FORMAT)
        if isinstance(value, str):
            return self._text(sheet, value)
        return value

    def close(self) -> None:
        """Nothing to release: a write-only workbook holds only temporary files until saved."""


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


def _printable(text: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return str(ILLEGAL_CHARACTERS_RE.sub("", text))


# -- files ---------------------------------------------------------------------------------------

_OS_REASONS = {
    errno.EACCES: "không có quyền ghi vào đó, hoặc tệp đang mở trong chương trình khác (Excel)",
    errno.EPERM: "không có quyền ghi vào đó, hoặc tệp đang mở trong chương trình khác (Excel)",
    errno.EROFS: "ổ đĩa chỉ cho phép đọc",
    errno.ENOENT: "thư mục không tồn tại",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.EEXIST: "một phần của đường dẫn không phải thư mục",  # mkdir over a file
    errno.EISDIR: "đường dẫn là một thư mục",
    errno.ENAMETOOLONG: "tên tệp quá dài",
}


def _file_error(out: Path, exc: OSError) -> KioskError:
    """One clear message for a failed write of ``out``."""
    detail = f"{type(exc).__name__}: {exc}"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StorageFullError(
            f"Ổ đĩa chứa {out.parent} đã đầy nên chưa xuất được dữ liệu; không có tệp dở dang "
            "nào được để lại. Hãy giải phóng dung lượng hoặc chọn ổ đĩa khác rồi thử lại.",
            detail=detail,
        )
    reason = _OS_REASONS.get(exc.errno or 0, "lỗi hệ điều hành khi ghi tệp")
    return InputError(
        f"Không ghi được tệp {out}: {reason}. Hãy chọn thư mục khác "
        "(ví dụ thư mục Tài liệu) rồi thử lại.",
        detail=detail,
    )


@contextlib.contextmanager
def _file_errors(out: Path) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        raise _file_error(out, exc) from exc


def _temporary_beside(out: Path) -> Path:
    """An empty hidden file in ``out``'s folder (mode 0600), to be renamed onto ``out``."""
    if out.is_dir():
        raise InputError(f"{out} là một thư mục; hãy ghi cả tên tệp, ví dụ {out / 'xuat.csv'}.")
    with _file_errors(out):
        out.parent.mkdir(parents=True, exist_ok=True)
        descriptor, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    os.close(descriptor)
    return Path(name)


# -- the use case --------------------------------------------------------------------------------


def _check(start: date, end: date, fmt: str) -> None:
    if fmt not in FORMATS:
        raise InputError(f"Định dạng xuất '{fmt}' không hỗ trợ; chọn csv hoặc xlsx.")
    if end < start:
        raise InputError("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.")


def _stream(
    sink: _Sink,
    make_row: _RowMaker,
    visits: Iterable[tuple[Any, list[Any]]],
    progress: Callable[[int], None] | None,
) -> int:
    """Write one row per visit; return how many."""
    written = 0
    for head, lines in visits:
        sink.write_row(make_row(head, lines))
        written += 1
        if progress and written % PROGRESS_EVERY == 0:
            progress(PROGRESS_EVERY)
    if progress and written % PROGRESS_EVERY:
        progress(written % PROGRESS_EVERY)
    return written


def _write_file(
    db: Database,
    vault: PrivacyVault,
    catalogue: Catalogue,
    path: Path,
    fmt: str,
    *,
    start: date,
    end: date,
    unmasked: bool,
    counter_id: int | None,
    progress: Callable[[int], None] | None,
) -> int:
    """Stream the period's transactions into ``path``; return the number of rows."""
    columns = [c for c in COLUMNS if unmasked or not c.private]
    with _read_connection(db) as connection:
        helpers = dict(connection.execute(select(Helper.id, Helper.full_name)).all())
        counters = dict(connection.execute(select(Counter.id, Counter.code)).all())
        sink: _Sink = _CsvSink(path, columns) if fmt == "csv" else _XlsxSink(path, columns)
        make_row = _RowMaker(
            catalogue, vault, sink, helpers=helpers, counters=counters, unmasked=unmasked
        )
        try:
            visits = _visits(connection, start, end, counter_id, unmasked=unmasked)
            rows = _stream(sink, make_row, visits, progress)
            summary = None
            if fmt == "xlsx":
                scope = (
                    f"quầy {counters[counter_id]}" if counter_id in counters else "tất cả các quầy"
                )
                with Session(bind=connection) as session:  # same snapshot as the rows
                    summary = summary_rows(session, catalogue, start, end, counter_id, scope)
            sink.finish(summary)
        finally:
            sink.close()
    return rows


def export_transactions(
    db: Database,
    vault: PrivacyVault,
    catalogue: Catalogue,
    *,
    start: date,
    end: date,
    out: Path,
    fmt: str,
    unmasked: bool,
    counter_id: int | None,
    actor: Actor,
    progress: Callable[[int], None] | None = None,
    clock: Clock | None = None,
) -> ExportResult:
    """Write the transactions of ``start``..``end`` to ``out`` as CSV or XLSX, and audit it.

    ``unmasked`` decrypts names, phones and notes: the caller must have checked that the
    actor is an admin. ``counter_id`` ``None`` exports every counter of the database.
    """
    _check(start, end, fmt)
    out = Path(out)
    temporary = _temporary_beside(out)
    try:
        with _file_errors(out):
            rows = _write_file(
                db,
                vault,
                catalogue,
                temporary,
                fmt,
                start=start,
                end=end,
                unmasked=unmasked,
                counter_id=counter_id,
                progress=progress,
            )
        # Audited before the file appears: an unmasked file never exists without its line.
        _audit(db, clock or SystemClock(), actor, fmt, start, end, rows, unmasked, counter_id)
        with _file_errors(out):
            os.replace(temporary, out)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return ExportResult(rows=rows, path=out)


def _audit(
    db: Database,
    clock: Clock,
    actor: Actor,
    fmt: str,
    start: date,
    end: date,
    rows: int,
    unmasked: bool,
    counter_id: int | None,
) -> None:
    """One audit line per export, without personal data (nor the file name)."""
    with db.unit_of_work() as uow:
        audit.record(
            uow.session,
            clock.now().astimezone(UTC),
            actor,
            "export.unmasked" if unmasked else "export",
            f"{start.isoformat()}..{end.isoformat()}",
            format=fmt,
            rows=rows,
            counter_id=counter_id,
        )
        uow.commit()
