"""Seeding a database with demo visits: the checks, the set-up, the batches, the audit."""

from __future__ import annotations

import random
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from argon2 import PasswordHasher
from sqlalchemy import func, insert, select, text

from kiosk.domain.catalogue import Catalogue
from kiosk.domain.clock import LOCAL_TZ, SystemClock, format_day
from kiosk.errors import QT_TRANSLATE_NOOP, InputError
from kiosk.services.people import audit
from kiosk.services.people.audit import Actor
from kiosk.services.people.privacy import PrivacyVault
from kiosk.services.visits.receipts import ensure_counter
from kiosk.storage.models import Base, DayClosure, Helper, Meta, ReceiptSequence, Transaction
from kiosk.storage.unit_of_work import Database
from kiosk.tools.demo.days import allocate, day_visits
from kiosk.tools.demo.visits import Generator, Visit
from kiosk.tools.demo.writer import Writer

BATCH_SIZE = 2_000
DEMO_MARK = "demo_data"  # kiosk_meta row: this database holds synthetic demo visits
ANALYSED_TABLES = ("transactions", "transaction_services", "transaction_barriers", "citizens")
_COUNTER_CODE = re.compile(r"^[A-Z0-9]{1,8}$")
_TABLES = Base.metadata.tables
NO_VISITS = QT_TRANSLATE_NOOP("demo", "Số lượt hỗ trợ mẫu phải lớn hơn 0.")
BAD_DAYS = QT_TRANSLATE_NOOP("demo", "Số ngày dữ liệu mẫu phải từ 1 đến 3660.")
BAD_COUNTER_CODE = QT_TRANSLATE_NOOP(
    "demo", "Mã quầy phải gồm 1–8 chữ cái in hoa hoặc chữ số, ví dụ Q01."
)
NO_OPEN_DAYS = QT_TRANSLATE_NOOP(
    "demo",
    "Không có ngày làm việc nào chưa chốt sổ từ {first} đến {last} cho quầy {counter}; "
    "chọn khoảng ngày khác.",
)
REAL_LOG = QT_TRANSLATE_NOOP(
    "demo",
    "Cơ sở dữ liệu này đã có nhật ký hỗ trợ thật; không trộn dữ liệu mẫu vào. "
    "Hãy dùng một cơ sở dữ liệu riêng (KIOSK_DATA_DIR) hoặc thêm --force.",
)
DEMO_HELPERS = (
    ("demo.lan", "Nguyễn Thị Lan", "volunteer", "helper", 4),
    ("demo.minh", "Trần Quang Minh", "volunteer", "helper", 3),
    ("demo.hoa", "Lê Thu Hoa", "staff", "helper", 2),
    ("demo.hung", "Phạm Văn Hùng", "staff", "admin", 1),
)


@dataclass(frozen=True)
class DemoResult:
    """What :func:`seed_demo` wrote: entries (visits and corrections), distinct citizens, days."""

    transactions: int
    citizens: int
    first_day: date
    last_day: date


def _counter_id(db: Database, code: str) -> int:
    """The id of counter ``code``, created if missing."""
    counters = _TABLES["counters"]
    with db.unit_of_work() as uow:
        found = uow.session.scalar(select(counters.c.id).where(counters.c.code == code))
    return found or ensure_counter(db, SystemClock(), code, "Quầy hỗ trợ số")


def _helpers(db: Database, created_at: datetime) -> list[tuple[int, int]]:
    """(id, weight) of the active helpers, after creating demo helpers in an empty table."""
    with db.unit_of_work() as uow:
        session = uow.session
        if session.scalar(select(func.count()).select_from(Helper)) == 0:
            hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
            session.execute(
                insert(Helper),
                [
                    {
                        "username": username,
                        "full_name": name,
                        "kind": kind,
                        "role": role,
                        "pin_hash": hasher.hash(f"{secrets.randbelow(10**8):08d}"),
                        "failed_attempts": 0,
                        "active": True,
                        "created_at": created_at,
                    }
                    for username, name, kind, role, _ in DEMO_HELPERS
                ],
            )
            audit.record(
                session,
                created_at,
                Actor.system("seed-demo"),
                "helper.add_demo",
                count=len(DEMO_HELPERS),
            )
            uow.commit()
        rows = session.execute(
            select(Helper.id, Helper.username).where(Helper.active.is_(True)).order_by(Helper.id)
        ).all()
    weights = {username: weight for username, *_, weight in DEMO_HELPERS}
    return [(helper_id, weights.get(username, 2)) for helper_id, username in rows]


def _working_days(db: Database, counter_id: int, first: date, last: date) -> list[date]:
    """Weekdays of the range, without days already closed for the counter."""
    with db.unit_of_work() as uow:
        closed = set(
            uow.session.scalars(
                select(DayClosure.business_day).where(
                    DayClosure.counter_id == counter_id,
                    DayClosure.business_day.between(first, last),
                )
            )
        )
    span = (last - first).days + 1
    days = [first + timedelta(days=i) for i in range(span)]
    return [d for d in days if d.weekday() < 5 and d not in closed]


def _last_numbers(db: Database, counter_id: int, first: date, last: date) -> dict[date, int]:
    """The last receipt number already used on each day (sequence row or stored receipts)."""
    numbers: dict[date, int] = {}
    with db.unit_of_work() as uow:
        session = uow.session
        sequences = select(ReceiptSequence.business_day, ReceiptSequence.last_number).where(
            ReceiptSequence.counter_id == counter_id,
            ReceiptSequence.business_day.between(first, last),
        )
        receipts = (
            select(Transaction.business_day, func.max(Transaction.receipt_seq))
            .where(
                Transaction.counter_id == counter_id, Transaction.business_day.between(first, last)
            )
            .group_by(Transaction.business_day)
        )
        for query in (sequences, receipts):
            for day, number in session.execute(query):
                numbers[day] = max(numbers.get(day, 0), int(number or 0))
    return numbers


def _check(transactions: int, days: int, counter_code: str) -> None:
    if transactions < 1:
        raise InputError(NO_VISITS)
    if not 1 <= days <= 3660:
        raise InputError(BAD_DAYS)
    if not _COUNTER_CODE.match(counter_code):
        raise InputError(BAD_COUNTER_CODE)


def _batches(visits: Iterator[Visit], size: int) -> Iterator[list[Visit]]:
    batch: list[Visit] = []
    for visit in visits:
        batch.append(visit)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def seed_demo(
    db: Database,
    vault: PrivacyVault,
    catalogue: Catalogue,
    *,
    transactions: int,
    days: int,
    seed: int,
    end_day: date,
    counter_code: str = "Q01",
    progress: Callable[[int], None] | None = None,
    force: bool = False,
) -> DemoResult:
    """Write ``transactions`` synthetic entries over the ``days`` days ending on ``end_day``.

    About 1% of the entries are corrections of earlier visits; ``progress`` is called with
    the number of entries of each committed batch. A database that already holds visits and
    was never seeded with demo data is refused unless ``force``: demo visits mixed into a
    counter's real log would falsify its figures.
    """
    _check(transactions, days, counter_code)
    _refuse_real_log(db, force)
    first_day = end_day - timedelta(days=days - 1)
    counter_id = _counter_id(db, counter_code)
    working = _working_days(db, counter_id, first_day, end_day)
    if not working:
        raise InputError(
            NO_OPEN_DAYS.format(
                first=format_day(first_day), last=format_day(end_day), counter=counter_code
            )
        )
    start_of_demo = datetime.combine(working[0], time(7, 0), tzinfo=LOCAL_TZ).astimezone(UTC)
    rng = random.Random(seed)
    gen = Generator(rng, catalogue, _helpers(db, start_of_demo), end_day.year)
    counts = allocate(rng, working, transactions)
    numbers = _last_numbers(db, counter_id, working[0], working[-1])
    writer = Writer(db, vault, counter_id, counter_code)

    def visits() -> Iterator[Visit]:
        for day, count in zip(working, counts, strict=True):
            yield from day_visits(
                gen, day, count, last=day == working[-1], first_seq=numbers.get(day, 0)
            )

    for batch in _batches(visits(), BATCH_SIZE):
        for visit in batch:  # receipts run in finishing order, so a later batch may hold lower ones
            if visit.receipt_seq:
                numbers[visit.day] = max(numbers.get(visit.day, 0), visit.receipt_seq)
        writer.write(batch, {day: numbers[day] for day in {v.day for v in batch} if day in numbers})
        if progress:
            progress(len(batch))
    _finish(db, counter_code, writer.written, working)
    return DemoResult(writer.written, len(writer.people), working[0], working[-1])


def _refuse_real_log(db: Database, force: bool) -> None:
    with db.unit_of_work() as uow:
        has_visits = uow.session.scalar(select(Transaction.id).limit(1)) is not None
        seeded = uow.session.scalar(select(Meta.value).where(Meta.key == DEMO_MARK))
        if has_visits and not seeded and not force:
            raise InputError(REAL_LOG)
        if not seeded:
            uow.session.add(Meta(key=DEMO_MARK, value="1"))
            uow.commit()


def _finish(db: Database, counter_code: str, written: int, working: list[date]) -> None:
    """Refresh the planner's statistics after the bulk load, and audit the run.

    Without statistics SQLite may pick a nested scan for the grouped report queries
    (minutes instead of a fraction of a second on 100,000 rows).
    """
    with db.unit_of_work() as uow:
        for table in ANALYSED_TABLES:
            uow.session.execute(text(f"ANALYZE {table}"))
        audit.record(
            uow.session,
            datetime.now(UTC),
            Actor.system("seed-demo"),
            "demo.seed",
            counter_code,
            transactions=written,
            first_day=working[0].isoformat(),
            last_day=working[-1].isoformat(),
        )
        uow.commit()
