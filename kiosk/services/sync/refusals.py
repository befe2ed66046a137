"""Why the centre took nothing, told apart: unreachable, this counter's key refused, the
centre's schema not this counter's (:mod:`kiosk.services.sync.versions`), or one row refused
for what it holds.

Only the first is "offline". A refused key stops every sending until the right key file is
on the counter; a refused row (a text too long for the centre's column, a NUL PostgreSQL
cannot store: rows written before :mod:`kiosk.services.stored_text` checked them, or by
hand) becomes a conflict for a person while the rest of the queue flows.
"""

from __future__ import annotations

import unicodedata
from dataclasses import fields, is_dataclass
from typing import Any

from sqlalchemy import String
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm import InstrumentedAttribute

from kiosk.domain.clock import format_day
from kiosk.errors import QT_TRANSLATE_NOOP, DatabaseUnavailableError, KeyMismatchError
from kiosk.services.sync import messages
from kiosk.services.sync.marks import MarkSnapshot
from kiosk.services.sync.snapshot import (
    CitizenSnapshot,
    ClosureSnapshot,
    ConsentSnapshot,
    CounterRef,
    HelperSnapshot,
    LineSnapshot,
    StuckSnapshot,
    TransactionSnapshot,
)
from kiosk.services.sync.versions import SchemaMismatchError
from kiosk.storage.models import (
    AssistedService,
    Citizen,
    Consent,
    Counter,
    GuideMark,
    GuideStuckPoint,
    Helper,
    Transaction,
    TransactionBarrier,
)

KEY_REFUSED = "key_refused"  # the centre is bound to another privacy key
CENTRE_ERROR = "centre_error"  # the centre answers, with an error that is not about a row

# Where each text of a snapshot lands on the centre, and how a person calls it.
_COLUMNS: dict[tuple[type, str], tuple[InstrumentedAttribute[Any], str]] = {
    (CounterRef, "code"): (Counter.code, QT_TRANSLATE_NOOP("Errors", "mã quầy")),
    (CounterRef, "name"): (Counter.name, QT_TRANSLATE_NOOP("Errors", "tên quầy")),
    (HelperSnapshot, "username"): (
        Helper.username,
        QT_TRANSLATE_NOOP("Errors", "tên đăng nhập người hỗ trợ"),
    ),
    (HelperSnapshot, "full_name"): (
        Helper.full_name,
        QT_TRANSLATE_NOOP("Errors", "họ tên người hỗ trợ"),
    ),
    (HelperSnapshot, "kind"): (Helper.kind, QT_TRANSLATE_NOOP("Errors", "loại người hỗ trợ")),
    (HelperSnapshot, "role"): (Helper.role, QT_TRANSLATE_NOOP("Errors", "vai trò người hỗ trợ")),
    (HelperSnapshot, "pin_hash"): (Helper.pin_hash, QT_TRANSLATE_NOOP("Errors", "mã băm PIN")),
    (CitizenSnapshot, "id_hash"): (
        Citizen.id_hash,
        QT_TRANSLATE_NOOP("Errors", "mã băm số định danh"),
    ),
    (CitizenSnapshot, "id_masked"): (
        Citizen.id_masked,
        QT_TRANSLATE_NOOP("Errors", "số định danh che bớt"),
    ),
    (CitizenSnapshot, "gender"): (Citizen.gender, QT_TRANSLATE_NOOP("Errors", "giới tính")),
    (ConsentSnapshot, "notice_version"): (
        Consent.notice_version,
        QT_TRANSLATE_NOOP("Errors", "phiên bản thông báo đồng ý"),
    ),
    (TransactionSnapshot, "status"): (
        Transaction.status,
        QT_TRANSLATE_NOOP("Errors", "trạng thái lượt"),
    ),
    (TransactionSnapshot, "receipt_no"): (
        Transaction.receipt_no,
        QT_TRANSLATE_NOOP("Errors", "số biên nhận"),
    ),
    (TransactionSnapshot, "referral"): (
        Transaction.referral,
        QT_TRANSLATE_NOOP("Errors", "nơi chuyển tiếp"),
    ),
    (TransactionSnapshot, "correction_reason"): (
        Transaction.correction_reason,
        QT_TRANSLATE_NOOP("Errors", "lý do điều chỉnh"),
    ),
    (TransactionSnapshot, "barriers"): (
        TransactionBarrier.barrier_code,
        QT_TRANSLATE_NOOP("Errors", "mã khó khăn"),
    ),
    (LineSnapshot, "service_code"): (
        AssistedService.service_code,
        QT_TRANSLATE_NOOP("Errors", "mã dịch vụ"),
    ),
    (LineSnapshot, "outcome"): (
        AssistedService.outcome,
        QT_TRANSLATE_NOOP("Errors", "kết quả dịch vụ"),
    ),
    (LineSnapshot, "reason_code"): (
        AssistedService.reason_code,
        QT_TRANSLATE_NOOP("Errors", "mã lý do"),
    ),
    (LineSnapshot, "dossier_code"): (
        AssistedService.dossier_code,
        QT_TRANSLATE_NOOP("Errors", "mã hồ sơ"),
    ),
    (LineSnapshot, "procedure_name"): (
        AssistedService.procedure_name,
        QT_TRANSLATE_NOOP("Errors", "tên thủ tục"),
    ),
    (StuckSnapshot, "service_code"): (
        GuideStuckPoint.service_code,
        QT_TRANSLATE_NOOP("Errors", "mã dịch vụ của bước khó"),
    ),
    (StuckSnapshot, "step_id"): (
        GuideStuckPoint.step_id,
        QT_TRANSLATE_NOOP("Errors", "mã bước hướng dẫn"),
    ),
    (MarkSnapshot, "service_code"): (
        GuideMark.service_code,
        QT_TRANSLATE_NOOP("Errors", "mã dịch vụ của bước đã cũ"),
    ),
    (MarkSnapshot, "step_id"): (
        GuideMark.step_id,
        QT_TRANSLATE_NOOP("Errors", "mã bước hướng dẫn"),
    ),
    (MarkSnapshot, "note"): (GuideMark.note, QT_TRANSLATE_NOOP("Errors", "ghi chú bước đã cũ")),
    (MarkSnapshot, "guide_checked"): (
        GuideMark.guide_checked,
        QT_TRANSLATE_NOOP("Errors", "tháng kiểm tra hướng dẫn"),
    ),
    (MarkSnapshot, "guide_pack"): (
        GuideMark.guide_pack,
        QT_TRANSLATE_NOOP("Errors", "phiên bản gói hướng dẫn"),
    ),
}
_REFUSED_CATEGORIES = frozenset({"Cc", "Cs"})  # what PostgreSQL text or UTF-8 cannot hold


def first_line(exc: BaseException) -> str:
    """The first line of an error, without SQLAlchemy's statement and parameters (they may
    hold personal data and must not reach the log or the screen)."""
    cause = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    return (str(cause).strip().splitlines() or [type(cause).__name__])[0]


def is_unreachable(exc: BaseException) -> bool:
    """Whether ``exc`` means the centre could not be reached (rather than it refusing)."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(
        exc,
        OSError
        | OperationalError
        | InterfaceError
        | DisconnectionError
        | PoolTimeoutError
        | DatabaseUnavailableError,
    )


def refusal_of(exc: BaseException) -> str | None:
    """``None`` when ``exc`` is the centre being away, else why it refuses this counter."""
    if is_unreachable(exc):
        return None
    if isinstance(exc, SchemaMismatchError):  # CENTRE_OUTDATED or COUNTER_OUTDATED
        return exc.refusal
    return KEY_REFUSED if isinstance(exc, KeyMismatchError) else CENTRE_ERROR


def refused_content(snapshot: Any, exc: BaseException) -> str:
    """For a person: which visit or closure the centre refused, and the field to blame."""
    if isinstance(snapshot, TransactionSnapshot):
        what = messages.REFUSED_VISIT.format(label=snapshot.label)
    elif isinstance(snapshot, ClosureSnapshot):
        what = messages.REFUSED_CLOSURE.format(day=format_day(snapshot.business_day))
    elif isinstance(snapshot, MarkSnapshot):
        what = messages.REFUSED_MARK.format(label=snapshot.label)
    else:
        what = messages.REFUSED_ITEM
    problem = content_problem(snapshot) or messages.CENTRE_SAYS.format(detail=first_line(exc))
    return messages.REFUSED_CONTENT.format(what=what, problem=problem)


def content_problem(value: Any, owner: type | None = None, name: str = "") -> str | None:
    """The first text of a snapshot the centre's columns cannot hold, described in Vietnamese
    (which field, and how long or which character; never the value itself)."""
    if is_dataclass(value) and not isinstance(value, type):
        for field in fields(value):
            found = content_problem(getattr(value, field.name), type(value), field.name)
            if found:
                return found
        return None
    if isinstance(value, tuple | list):
        return next(filter(None, (content_problem(v, owner, name) for v in value)), None)
    if not isinstance(value, str) or owner is None:
        return None
    column, label = _COLUMNS.get((owner, name), (None, name))
    for index, char in enumerate(value):
        if unicodedata.category(char) in _REFUSED_CATEGORIES:
            code = f"{ord(char):04X}"
            return messages.CONTROL_CHARACTER.format(label=label, code=code, position=index + 1)
    column_type = column.property.columns[0].type if column is not None else None
    limit = column_type.length if isinstance(column_type, String) else None
    if limit and len(value) > limit:
        return messages.TOO_LONG.format(label=label, length=len(value), limit=limit)
    return None
