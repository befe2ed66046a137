"""Counters and their receipt numbers: one upsert per number, never shared, never a gap."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, bindparam, select
from sqlalchemy.orm import Session

from kiosk.domain.clock import Clock
from kiosk.errors import QT_TRANSLATE_NOOP, InputError
from kiosk.storage.models import Counter, ReceiptSequence
from kiosk.storage.unit_of_work import Database, Executor, dialect_of
from kiosk.storage.upsert import greatest, insert_for

# ASCII only ([0-9], not \d): what format_receipt_no writes, with room for 99,999 a day.
_RECEIPT_NO = re.compile(r"[A-Z0-9]{1,8}-[0-9]{8}-[0-9]{4,5}")
BAD_RECEIPT_NO = QT_TRANSLATE_NOOP(
    "Errors",
    "Số biên nhận {shown} không đúng dạng: mã quầy, ngày và số thứ tự, ví dụ Q01-20261123-0007.",
)


def format_receipt_no(counter_code: str, day: date, sequence: int) -> str:
    """``Q01-20261123-0007``."""
    return f"{counter_code}-{day:%Y%m%d}-{sequence:04d}"


def parse_receipt_no(text: str) -> str:
    """A receipt number someone typed, trimmed and upper-cased, checked before it reaches a
    query: a lone surrogate (an undecodable byte of a command line) cannot be stored or even
    printed. Raises :class:`~kiosk.errors.InputError`."""
    candidate = text.strip().upper()
    if not _RECEIPT_NO.fullmatch(candidate):
        shown = repr(text[:40])  # escapes what cannot be printed: a surrogate, a control
        raise InputError(BAD_RECEIPT_NO.format(shown=shown), detail="malformed receipt number")
    return candidate


def counter_row(session: Session, code: str, name: str, now: datetime) -> int:
    """The id of the counter ``code``, creating its row if missing (safe under concurrency)."""
    session.execute(
        insert_for(session.get_bind().dialect.name, Counter)
        .values(code=code, name=name, created_at=now)
        .on_conflict_do_nothing(index_elements=[Counter.code])
    )
    return session.scalars(select(Counter.id).where(Counter.code == code)).one()


def ensure_counter(db: Database, clock: Clock, code: str, name: str) -> int:
    """Create the counter row for ``code`` if missing; return its id."""
    with db.unit_of_work() as uow:
        counter_id = counter_row(uow.session, code, name, clock.now())
        uow.commit()
    return counter_id


def next_receipt_sequence(session: Executor, counter_id: int, day: date) -> int:
    """Atomically take the next receipt number of a counter's day.

    One upsert that locks the sequence row until commit, so two finishes at the same
    moment (on PostgreSQL, or two processes on SQLite) never get the same number.
    """
    dialect = dialect_of(session)
    statement = _NEXT_NUMBER.get(dialect)
    if statement is None:  # built once per dialect, not at every finish
        statement = _NEXT_NUMBER[dialect] = (
            insert_for(dialect, ReceiptSequence)
            .values(
                counter_id=bindparam("counter_id"),
                business_day=bindparam("day", type_=Date()),
                last_number=1,
            )
            .on_conflict_do_update(
                index_elements=[ReceiptSequence.counter_id, ReceiptSequence.business_day],
                set_={"last_number": ReceiptSequence.last_number + 1},
            )
            .returning(ReceiptSequence.last_number)
        )
    return int(session.execute(statement, {"counter_id": counter_id, "day": day}).scalar_one())


_NEXT_NUMBER: dict[str, Any] = {}


def raise_receipt_sequence(session: Session, counter_id: int, day: date, at_least: int) -> None:
    """Make the counter's sequence of ``day`` at least ``at_least`` (never lower it).

    For a counter whose numbers were issued elsewhere: the centre keeping up with a counter,
    or a replaced counter PC continuing the numbers the centre already holds.
    """
    dialect = session.get_bind().dialect.name
    session.execute(
        insert_for(dialect, ReceiptSequence)
        .values(counter_id=counter_id, business_day=day, last_number=at_least)
        .on_conflict_do_update(
            index_elements=[ReceiptSequence.counter_id, ReceiptSequence.business_day],
            set_={"last_number": greatest(dialect, ReceiptSequence.last_number, at_least)},
        )
    )
