"""Synthetic, deterministic demo data: visits of Vietnamese citizens to a support counter.

Rows go straight into the tables through Core bulk inserts (batches of about 2,000 visits,
one commit each) instead of :class:`~kiosk.services.visits.transactions.TransactionLog`, so
100,000 visits take well under a minute on SQLite. The data keeps the rules the real flow
keeps:

- every ID number is valid: a real province code, a century/gender digit that agrees with
  the birth year and gender, ``YY`` equal to the birth year's last two digits;
- visits on weekdays, 07:30–11:30 and 13:00–17:00 Vietnam time, 5–40 minutes long;
- receipt numbers in finishing order per day, continuing a day's existing sequence, and
  ``receipt_sequences`` left at the last number used, so real finishes carry on;
- days already closed for the counter are **skipped** (a closed day is read-only);
  :class:`InputError` when every day of the range is closed;
- open (unfinished) visits on the last day only; a few corrections of earlier visits;
- a returning citizen keeps one row, matched by the keyed ID hash (also against citizens
  already in the database); one consent per identified visit, as in the real flow.

Demo helpers are created only when the database has no helper at all. Their PINs are
random and shown to nobody: ``kiosk helper reset-pin demo.lan`` sets one to sign in.

The same seed, arguments and starting database give the same data, except the values that
are random by design (UUIDs, ciphertext nonces, PIN hashes).
"""

from __future__ import annotations

import bisect
import itertools
import random
import re
import secrets
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any, Generic, TypeVar

from argon2 import PasswordHasher
from sqlalchemy import bindparam, func, insert, select, text, update
from sqlalchemy.orm import Session

from kiosk.domain.catalogue import Catalogue, province_codes
from kiosk.domain.clock import LOCAL_TZ, SystemClock, format_day
from kiosk.domain.values import CitizenDetails
from kiosk.errors import InputError
from kiosk.services.people import audit
from kiosk.services.people.audit import Actor
from kiosk.services.people.privacy import PrivacyVault, mask_id_number
from kiosk.services.visits.transactions import FINISHED, OPEN, ensure_counter, format_receipt_no
from kiosk.storage.models import Base, DayClosure, Helper, Meta, ReceiptSequence, Transaction
from kiosk.storage.unit_of_work import Database
from kiosk.storage.upsert import insert_for

BATCH_SIZE = 2_000
DEMO_MARK = "demo_data"  # kiosk_meta row: this database holds synthetic demo visits
ANALYSED_TABLES = ("transactions", "transaction_services", "transaction_barriers", "citizens")
CONSENT_NOTICE = "2026-01"
_COUNTER_CODE = re.compile(r"^[A-Z0-9]{1,8}$")
_TABLES = Base.metadata.tables

# -- the population -----------------------------------------------------------------------------

FAMILY_NAMES = (
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 3), ("Huỳnh", 2),
    ("Phan", 4.5), ("Vũ", 2), ("Võ", 2), ("Đặng", 2.1), ("Bùi", 2), ("Đỗ", 1.4),
    ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1), ("Lý", 0.5),
)  # fmt: skip
MIDDLE_MALE = ("Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Thành", "Ngọc")
MIDDLE_FEMALE = ("Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Hồng", "Phương")
GIVEN_MALE = (
    "Hùng", "Dũng", "Nam", "Tuấn", "Hải", "Long", "Sơn", "Thắng", "Bình", "Cường", "Phúc",
    "Trung", "Tâm", "Khánh", "Hòa", "An", "Bảo", "Đạt", "Hiếu", "Lộc", "Thịnh", "Toàn",
    "Quý", "Tùng", "Vinh", "Huy", "Kiên", "Nghĩa", "Thuận", "Đông",
)  # fmt: skip
GIVEN_FEMALE = (
    "Lan", "Hương", "Hoa", "Mai", "Hạnh", "Nga", "Thủy", "Hằng", "Nhung", "Linh", "Trang",
    "Yến", "Loan", "Thảo", "Phượng", "Dung", "Huyền", "Oanh", "Tuyết", "Ngân", "Vy", "Cúc",
    "Liên", "Tâm", "Hiền", "Xuân", "Nhàn", "Gấm", "Bích", "Duyên",
)  # fmt: skip
# (youngest, oldest, weight): many 55–80 year-olds come to the support counter.
AGE_BANDS = ((18, 29, 8), (30, 44, 12), (45, 54, 14), (55, 64, 26), (65, 74, 26), (75, 85, 14))
HOME_PROVINCE_SHARE = 0.65
FEMALE_SHARE = 0.55
ANONYMOUS_SHARE = 0.04
RETURNING_SHARE = 0.15
RECENT_PEOPLE = 3_000

# -- what happens at the counter ----------------------------------------------------------------

SERVICE_WEIGHTS = {
    "portal_account": 22, "vneid_level2": 20, "online_filing": 14, "vneid_level1": 8,
    "vssid": 7, "online_payment": 6, "signature_vnpt_smartca": 6,
    "signature_viettel_mysign": 4, "e_health_book": 4, "cashless_account": 4,
    "signature_other": 1, "other": 4,
}  # fmt: skip
SERVICES_PER_VISIT = ((1, 55), (2, 33), (3, 12))
REASONS = {
    "portal_account": ("otp_not_received", "forgot_password", "system_error"),
    "vneid_level1": ("chip_read_failed", "face_not_recognised", "approval_pending",
                     "incompatible_phone"),
    "vneid_level2": ("otp_not_received", "phone_not_own_name", "level2_not_registered",
                     "forgot_password"),
    "signature_vnpt_smartca": ("face_not_recognised", "phone_not_own_name", "incompatible_phone"),
    "signature_viettel_mysign": ("face_not_recognised", "phone_not_own_name"),
    "signature_other": ("face_not_recognised", "system_error"),
    "online_filing": ("missing_documents", "needs_in_person", "system_error", "no_network"),
    "online_payment": ("payment_failed", "no_network"),
    "vssid": ("otp_not_received", "forgot_password", "system_error"),
    "e_health_book": ("system_error", "approval_pending"),
    "cashless_account": ("phone_not_own_name", "citizen_declined"),
}  # fmt: skip
REFERRAL_FOR_REASON = {
    "level2_not_registered": "commune_police",
    "phone_not_own_name": "carrier_store",
    "face_not_recognised": "signature_provider",
    "needs_in_person": "specialist_counter",
    "payment_failed": "bank_branch",
}
BARRIER_WEIGHTS = {
    "new_to_smartphones": 30, "cannot_read_small_text": 20, "forgot_password": 14,
    "no_email": 10, "no_smartphone": 8, "no_nfc": 6, "no_mobile_data": 5,
    "hearing_or_vision": 5, "no_bank_account": 4, "language_or_literacy": 3, "no_chip_card": 2,
}  # fmt: skip
PROCEDURES = (
    "Đăng ký khai sinh", "Đăng ký thường trú", "Đăng ký tạm trú", "Đăng ký kết hôn",
    "Đăng ký khai tử", "Cấp bản sao trích lục hộ tịch", "Xác nhận tình trạng hôn nhân",
    "Chứng thực bản sao từ bản chính", "Cấp phiếu lý lịch tư pháp",
    "Đăng ký hộ kinh doanh", "Cấp giấy phép xây dựng nhà ở riêng lẻ",
    "Giải quyết trợ cấp xã hội hằng tháng",
)  # fmt: skip
NOTES = (
    "Con trai đi cùng, hướng dẫn lại cách đăng nhập.",
    "Người dân cần mang theo thẻ bảo hiểm y tế lần sau.",
    "Đã hướng dẫn đổi mật khẩu và ghi nhớ mật mã.",
    "Người dân nhờ in hướng dẫn các bước bằng chữ to.",
    "Hẹn quay lại khi đã chuẩn hóa thuê bao chính chủ.",
)
CORRECTION_REASONS = (
    "Người dân quay lại bổ sung giấy tờ, đã hoàn thành.",
    "Đã nhận được mã OTP sau khi chuẩn hóa thuê bao.",
    "Ghi nhầm kết quả lúc kết thúc, sửa lại.",
)
DEMO_HELPERS = (
    ("demo.lan", "Nguyễn Thị Lan", "volunteer", "helper", 4),
    ("demo.minh", "Trần Quang Minh", "volunteer", "helper", 3),
    ("demo.hoa", "Lê Thu Hoa", "staff", "helper", 2),
    ("demo.hung", "Phạm Văn Hùng", "staff", "admin", 1),
)
OPEN_SHARE_LAST_DAY, MOST_OPEN = 0.04, 8  # people still at the counter at the end
CORRECTION_SHARE = 0.008
SESSIONS = ((time(7, 30), time(11, 30), 0.6), (time(13, 0), time(17, 0), 0.4))
RATINGS = ((5, 55), (4, 30), (3, 10), (2, 3), (1, 2))
T = TypeVar("T")


@dataclass(frozen=True)
class DemoResult:
    """What :func:`seed_demo` wrote: entries (visits and corrections), distinct citizens, days."""

    transactions: int
    citizens: int
    first_day: date
    last_day: date


@dataclass(eq=False)
class _Person:
    id_number: str
    full_name: str
    birth_year: int
    gender: str
    id_hash: str = ""
    db_id: int | None = None
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    stored_seen: datetime | None = None  # last_seen_at as written to the database


@dataclass
class _Line:
    service_code: str
    outcome: str | None
    reason_code: str | None = None
    dossier_code: str | None = None
    procedure_name: str | None = None


@dataclass(eq=False)
class _Visit:
    id: uuid.UUID
    day: date
    started_at: datetime
    finished_at: datetime | None
    helper_id: int
    person: _Person | None
    lines: list[_Line]
    barriers: list[str] = field(default_factory=list)
    satisfaction: int | None = None
    referral: str | None = None
    follow_up_on: date | None = None
    follow_up_phone: str | None = None
    note: str | None = None
    corrects: _Visit | None = None
    correction_reason: str | None = None
    receipt_seq: int | None = None

    @property
    def status(self) -> str:
        return FINISHED if self.finished_at else OPEN


class _Pick(Generic[T]):
    """Weighted draws, the cumulative weights worked out once (``random.choices`` redoes them)."""

    def __init__(self, pairs: Iterable[tuple[T, float]]) -> None:
        pairs = list(pairs)
        self.items = [item for item, _ in pairs]
        self.cumulative = list(itertools.accumulate(weight for _, weight in pairs))

    def __call__(self, rng: random.Random) -> T:
        return self.items[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]

    def __len__(self) -> int:
        return len(self.items)


_AGE = _Pick(((low, high), weight) for low, high, weight in AGE_BANDS)
_FAMILY = _Pick(FAMILY_NAMES)
_SERVICE_COUNT = _Pick(SERVICES_PER_VISIT)
_RATING = _Pick(RATINGS)
_SESSION = _Pick(((opens, closes), weight) for opens, closes, weight in SESSIONS)


def _next_weekday(day: date) -> date:
    day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


class _Generator:
    """Draws people and visits from one seeded random stream."""

    def __init__(
        self,
        rng: random.Random,
        catalogue: Catalogue,
        helpers: Sequence[tuple[int, int]],
        reference_year: int,
    ) -> None:
        self.rng = rng
        self.catalogue = catalogue
        self.helpers = _Pick(helpers)
        self.reference_year = reference_year
        services = _known(catalogue, "services", SERVICE_WEIGHTS)
        self.services = _Pick(services or ((s.code, 1.0) for s in catalogue.services))
        self.service_codes = set(self.services.items)
        self.barriers = _Pick(_known(catalogue, "barriers", BARRIER_WEIGHTS))
        self.all_reasons = tuple(r.code for r in catalogue.reasons)
        self.dossier_kinds = {s.code for s in catalogue.services if s.takes_dossier_code}
        self.home = rng.choice(_provinces())
        self.agency = f"H{rng.randrange(1, 64):02d}"
        self.issued: set[str] = set()
        self.recent: deque[_Person] = deque(maxlen=RECENT_PEOPLE)
        self.correctable: deque[_Visit] = deque(maxlen=300)
        self.dossiers_today = 0

    # -- people ---------------------------------------------------------------------------------

    def person(self) -> _Person | None:
        """A citizen for the next visit: anonymous, returning or new."""
        rng = self.rng
        if rng.random() < ANONYMOUS_SHARE:
            return None
        if self.recent and rng.random() < RETURNING_SHARE:
            return rng.choice(self.recent)
        person = self._new_person()
        self.recent.append(person)
        return person

    def _new_person(self) -> _Person:
        while True:  # serials are random: draw again on the rare repeat
            citizen = synthetic_citizen(self.rng, self.reference_year, self.home)
            if citizen.id_number not in self.issued:
                break
        self.issued.add(citizen.id_number)
        assert citizen.birth_year is not None and citizen.gender is not None
        return _Person(citizen.id_number, citizen.full_name, citizen.birth_year, citizen.gender)

    # -- visits ---------------------------------------------------------------------------------

    def visit(self, day: date, start: datetime, end: datetime, *, finished: bool) -> _Visit:
        """A visit from ``start`` to ``end``; an open one has outcomes still missing."""
        rng = self.rng
        person = self.person()
        age = self.reference_year - person.birth_year if person else 50
        lines = [self._line(code, age) for code in self._service_codes()]
        self._link_dossiers(day, lines)
        visit = _Visit(
            uuid.uuid4(), day, start, end if finished else None, self._helper(), person, lines
        )
        if not finished:
            for line in lines[rng.randrange(len(lines)) :]:
                line.outcome = line.reason_code = line.dossier_code = None
            return visit
        self._details(visit, age)
        if any(line.outcome != "done" for line in lines):
            self.correctable.append(visit)
        return visit

    def correction(self, day: date, at: datetime) -> _Visit | None:
        """A correction of an earlier visit that ended partly, or ``None`` if none is due."""
        rng = self.rng
        if not self.correctable or rng.random() >= CORRECTION_SHARE:
            return None
        finished_at = self.correctable[0].finished_at
        if finished_at is None or finished_at >= at:
            return None
        original = self.correctable.popleft()
        lines = []
        for old in original.lines:
            if old.outcome == "done":
                continue
            line = _Line(old.service_code, "done", procedure_name=old.procedure_name)
            if rng.random() < 0.2:
                line.outcome, line.reason_code = "not_possible", self._reason(old.service_code)
            elif old.service_code in self.dossier_kinds:
                line.dossier_code = old.dossier_code or self._dossier_code(day)
            lines.append(line)
        return _Visit(
            uuid.uuid4(),
            day,
            at,
            at,
            self._helper(),
            original.person,
            lines,
            corrects=original,
            correction_reason=rng.choice(CORRECTION_REASONS),
        )

    def _helper(self) -> int:
        return self.helpers(self.rng)

    def _service_codes(self) -> list[str]:
        rng = self.rng
        count = min(_SERVICE_COUNT(rng), len(self.services))
        codes: list[str] = []
        while len(codes) < count:
            code = self.services(rng)
            if code not in codes:
                codes.append(code)
        pays_too = "online_payment" in self.service_codes and "online_payment" not in codes
        if "online_filing" in codes and pays_too and rng.random() < 0.35:
            codes.append("online_payment")
        return codes

    def _line(self, code: str, age: int) -> _Line:
        draw = self.rng.random() + (0.04 if age >= 70 else 0.0)
        outcome = "done" if draw < 0.82 else "partial" if draw < 0.91 else "not_possible"
        reason = self._reason(code) if outcome != "done" else None
        return _Line(code, outcome, reason)

    def _reason(self, code: str) -> str:
        known = [r for r in REASONS.get(code, ("other",)) if r in self.all_reasons]
        return self.rng.choice(known or list(self.all_reasons))

    def _link_dossiers(self, day: date, lines: list[_Line]) -> None:
        """Filing gets a new dossier code; a payment in the same visit pays for that dossier."""
        filed: _Line | None = None
        for line in lines:
            if line.service_code not in self.dossier_kinds or line.outcome == "not_possible":
                continue
            if filed is None:
                line.dossier_code = self._dossier_code(day)
                line.procedure_name = self.rng.choice(PROCEDURES)
                filed = line
            else:
                line.dossier_code, line.procedure_name = filed.dossier_code, filed.procedure_name

    def _dossier_code(self, day: date) -> str:
        """``H01.23-261123-0001``: agency, unit, day and the day's running number."""
        self.dossiers_today += 1
        unit = self.rng.randrange(10, 100)
        return f"{self.agency}.{unit}-{day:%y%m%d}-{self.dossiers_today:04d}"

    def _details(self, visit: _Visit, age: int) -> None:
        rng = self.rng
        reasons = {line.reason_code for line in visit.lines if line.reason_code}
        barriers = {"phone_not_own_name"} if "phone_not_own_name" in reasons else set()
        if self.barriers and rng.random() < 0.25 + (0.3 if age >= 60 else 0.0):
            barriers.update(self.barriers(rng) for _ in range(rng.randint(1, 2)))
        visit.barriers = sorted(b for b in barriers if self.catalogue.has("barriers", b))
        if rng.random() >= 0.1:
            visit.satisfaction = _RATING(rng)
        referrals = [REFERRAL_FOR_REASON[r] for r in sorted(reasons) if r in REFERRAL_FOR_REASON]
        referrals = [r for r in referrals if self.catalogue.has("referrals", r)]
        if referrals and rng.random() < 0.6:
            visit.referral = referrals[0]
        if reasons and rng.random() < 0.3:
            visit.follow_up_on = _next_weekday(visit.day) + timedelta(days=rng.randrange(7))
            if rng.random() < 0.7:
                prefix = rng.choice(("09", "03", "08", "07"))
                visit.follow_up_phone = f"{prefix}{rng.randrange(10**8):08d}"
        if rng.random() < 0.04:
            visit.note = rng.choice(NOTES)


def _known(
    catalogue: Catalogue, section: str, weights: Mapping[str, float]
) -> list[tuple[str, float]]:
    """The weights of codes the (editable) catalogue still has."""
    return [(code, w) for code, w in weights.items() if catalogue.has(section, code)]


def id_number(province: str, birth_year: int, gender: str, serial: int) -> str:
    """A 12-digit ``PPP G YY NNNNNN`` number consistent with birth year and gender."""
    century = (birth_year - 1900) // 100
    if not 0 <= century <= 4:
        raise ValueError(f"birth year {birth_year} outside 1900–2399")
    digit = century * 2 + (1 if gender == "Nữ" else 0)
    return f"{province}{digit}{birth_year % 100:02d}{serial:06d}"


def synthetic_citizen(rng: random.Random, reference_year: int, home: str) -> CitizenDetails:
    """A made-up adult whose ID number agrees with the birth year and gender (DOMAIN.md §3).

    Ages lean old (many 55–80 year-olds); most were born in the ``home`` province.
    """
    low, high = _AGE(rng)
    birth_year = reference_year - rng.randint(low, high)
    female = rng.random() < FEMALE_SHARE
    gender = "Nữ" if female else "Nam"
    province = home if rng.random() < HOME_PROVINCE_SHARE else rng.choice(_provinces())
    number = id_number(province, birth_year, gender, rng.randrange(1_000_000))
    name = _full_name(rng, female, birth_year)
    return CitizenDetails(number, name, birth_year, gender, CONSENT_NOTICE)


def _full_name(rng: random.Random, female: bool, birth_year: int) -> str:
    family = _FAMILY(rng)
    if female:
        older = birth_year < 1975 and rng.random() < 0.7
        middle = "Thị" if older else rng.choice(MIDDLE_FEMALE)
        return f"{family} {middle} {rng.choice(GIVEN_FEMALE)}"
    return f"{family} {rng.choice(MIDDLE_MALE)} {rng.choice(GIVEN_MALE)}"


@cache
def _provinces() -> tuple[str, ...]:
    return tuple(sorted(province_codes()))


# -- the calendar -------------------------------------------------------------------------------


def _allocate(rng: random.Random, days: Sequence[date], total: int) -> list[int]:
    """Split ``total`` visits over ``days``: Mondays busiest, Fridays quieter, some noise."""
    by_weekday = (1.25, 1.1, 1.0, 1.0, 0.9)
    weights = [by_weekday[d.weekday()] * rng.uniform(0.75, 1.25) for d in days]
    scale = total / sum(weights)
    shares = [w * scale for w in weights]
    counts = [int(s) for s in shares]
    by_remainder = sorted(range(len(days)), key=lambda i: counts[i] - shares[i])
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _slots(rng: random.Random, day: date, count: int) -> list[tuple[datetime, datetime]]:
    """``count`` (start, end) pairs in UTC inside the day's opening hours, by start time."""
    slots = []
    for _ in range(count):
        opens, closes = _SESSION(rng)
        minutes = rng.triangular(5, 40, 14)
        first = datetime.combine(day, opens, tzinfo=LOCAL_TZ)
        last = datetime.combine(day, closes, tzinfo=LOCAL_TZ) - timedelta(minutes=minutes)
        start = first + timedelta(seconds=rng.randrange(int((last - first).total_seconds())))
        start = start.replace(microsecond=0).astimezone(UTC)
        slots.append((start, start + timedelta(seconds=round(minutes * 60))))
    slots.sort()
    return slots


def _day_visits(
    gen: _Generator, day: date, count: int, *, last: bool, first_seq: int
) -> list[_Visit]:
    """Every visit of one day in start order, receipts numbered in finishing order."""
    gen.dossiers_today = 0
    slots = _slots(gen.rng, day, count)
    still_open = min(MOST_OPEN, max(1, round(count * OPEN_SHARE_LAST_DAY)))
    open_from = count - still_open if last and count > 1 else count
    visits = []
    for index, (start, end) in enumerate(slots):
        visit = gen.correction(day, start) if index < open_from else None
        visit = visit or gen.visit(day, start, end, finished=index < open_from)
        if visit.person is not None:
            visit.person.first_seen = visit.person.first_seen or start
            visit.person.last_seen = start
        visits.append(visit)
    finished = [v for v in visits if v.finished_at is not None]
    finished.sort(key=lambda v: (v.finished_at, v.started_at))
    for sequence, visit in enumerate(finished, start=first_seq + 1):
        visit.receipt_seq = sequence
    return visits


# -- writing ------------------------------------------------------------------------------------


class _Writer:
    """Bulk-inserts batches of visits, each batch in its own unit of work."""

    def __init__(self, db: Database, vault: PrivacyVault, counter_id: int, code: str) -> None:
        self.db = db
        self.vault = vault
        self.counter_id = counter_id
        self.code = code
        self.written = 0
        self.people: set[int] = set()

    def write(self, visits: Sequence[_Visit], sequences: dict[date, int]) -> None:
        """Insert ``visits`` and set each day's receipt sequence, then commit."""
        with self.db.unit_of_work() as uow:
            session = uow.session
            self._store_people(session, visits)
            self._touch_returning(session, visits)
            self._insert(session, "transactions", [self._transaction_row(v) for v in visits])
            self._insert(session, "transaction_services", _service_rows(visits))
            self._insert(session, "transaction_barriers", _barrier_rows(visits))
            self._insert(session, "consents", _consent_rows(visits))
            _set_sequences(session, self.counter_id, sequences)
            uow.commit()
        self.written += len(visits)

    @staticmethod
    def _insert(session: Session, table: str, rows: list[dict[str, Any]]) -> None:
        if rows:
            session.execute(insert(_TABLES[table]), rows)

    def _store_people(self, session: Session, visits: Sequence[_Visit]) -> None:
        """Give every person of the batch a row: an existing one by ID hash, else a new one."""
        new = list(dict.fromkeys(v.person for v in visits if v.person and v.person.db_id is None))
        if not new:
            return
        for person in new:
            person.id_hash = person.id_hash or self.vault.id_hash(person.id_number)
        citizens = _TABLES["citizens"]
        known = dict(
            session.execute(
                select(citizens.c.id_hash, citizens.c.id).where(
                    citizens.c.id_hash.in_([p.id_hash for p in new])
                )
            ).all()
        )
        for person in new:
            person.db_id = known.get(person.id_hash)
        fresh = [p for p in new if p.db_id is None]
        if fresh:
            rows = [self._citizen_row(p) for p in fresh]
            statement = insert(citizens).returning(citizens.c.id, sort_by_parameter_order=True)
            for person, db_id in zip(
                fresh, session.execute(statement, rows).scalars(), strict=True
            ):
                person.db_id = db_id
                person.stored_seen = person.last_seen
        for person in new:
            assert person.db_id is not None
            self.people.add(person.db_id)

    def _citizen_row(self, person: _Person) -> dict[str, Any]:
        return {
            "id_hash": person.id_hash,
            "id_masked": mask_id_number(person.id_number),
            "name_enc": self.vault.encrypt(person.full_name),
            "birth_year": person.birth_year,
            "gender": person.gender,
            "created_at": person.first_seen,
            "last_seen_at": person.last_seen,
        }

    def _touch_returning(self, session: Session, visits: Sequence[_Visit]) -> None:
        """Move ``last_seen_at`` of people already stored who came back in this batch."""
        people = dict.fromkeys(v.person for v in visits if v.person is not None)
        moved = [p for p in people if p.stored_seen != p.last_seen]
        if not moved:
            return
        citizens = _TABLES["citizens"]
        statement = (
            update(citizens)
            .where(citizens.c.id == bindparam("b_id"))
            .values(last_seen_at=bindparam("b_seen"))
        )
        session.execute(statement, [{"b_id": p.db_id, "b_seen": p.last_seen} for p in moved])
        for person in moved:
            person.stored_seen = person.last_seen

    def _transaction_row(self, visit: _Visit) -> dict[str, Any]:
        seq = visit.receipt_seq
        return {
            "id": visit.id,
            "counter_id": self.counter_id,
            "helper_id": visit.helper_id,
            "citizen_id": visit.person.db_id if visit.person else None,
            "business_day": visit.day,
            "started_at": visit.started_at,
            "finished_at": visit.finished_at,
            "status": visit.status,
            "receipt_no": format_receipt_no(self.code, visit.day, seq) if seq else None,
            "receipt_seq": seq,
            "satisfaction": visit.satisfaction,
            "notes_enc": self.vault.encrypt_optional(visit.note),
            "referral": visit.referral,
            "follow_up_on": visit.follow_up_on,
            "follow_up_phone_enc": self.vault.encrypt_optional(visit.follow_up_phone),
            "corrects_id": visit.corrects.id if visit.corrects else None,
            "correction_reason": visit.correction_reason,
        }


def _service_rows(visits: Sequence[_Visit]) -> list[dict[str, Any]]:
    """One row per service line, in the visit's order."""
    rows = []
    for visit in visits:
        for position, line in enumerate(visit.lines):
            rows.append(
                {
                    "transaction_id": visit.id,
                    "position": position,
                    "service_code": line.service_code,
                    "outcome": line.outcome,
                    "reason_code": line.reason_code,
                    "dossier_code": line.dossier_code,
                    "procedure_name": line.procedure_name,
                    "recorded_at": (visit.finished_at or visit.started_at)
                    if line.outcome
                    else None,
                }
            )
    return rows


def _barrier_rows(visits: Sequence[_Visit]) -> list[dict[str, Any]]:
    return [{"transaction_id": v.id, "barrier_code": code} for v in visits for code in v.barriers]


def _consent_rows(visits: Sequence[_Visit]) -> list[dict[str, Any]]:
    """A consent per identified visit, as the real flow records it (corrections add none)."""
    return [
        {
            "citizen_id": v.person.db_id,
            "notice_version": CONSENT_NOTICE,
            "given_at": v.started_at,
            "recorded_by": v.helper_id,
        }
        for v in visits
        if v.person is not None and v.corrects is None
    ]


def _set_sequences(session: Session, counter_id: int, sequences: dict[date, int]) -> None:
    """Leave each day's receipt sequence at the last number used."""
    if not sequences:
        return
    assert session.bind is not None
    statement = insert_for(session.bind.dialect.name, ReceiptSequence)
    statement = statement.on_conflict_do_update(
        index_elements=[ReceiptSequence.counter_id, ReceiptSequence.business_day],
        set_={"last_number": statement.excluded.last_number},
    )
    session.execute(
        statement,
        [
            {"counter_id": counter_id, "business_day": d, "last_number": n}
            for d, n in sequences.items()
        ],
    )


# -- set-up -------------------------------------------------------------------------------------


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
        raise InputError("Số lượt hỗ trợ mẫu phải lớn hơn 0.")
    if not 1 <= days <= 3660:
        raise InputError("Số ngày dữ liệu mẫu phải từ 1 đến 3660.")
    if not _COUNTER_CODE.match(counter_code):
        raise InputError("Mã quầy phải gồm 1–8 chữ cái in hoa hoặc chữ số, ví dụ Q01.")


def _batches(visits: Iterator[_Visit], size: int) -> Iterator[list[_Visit]]:
    batch: list[_Visit] = []
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
            f"Không có ngày làm việc nào chưa chốt sổ từ {format_day(first_day)} đến "
            f"{format_day(end_day)} cho quầy {counter_code}; chọn khoảng ngày khác."
        )
    start_of_demo = datetime.combine(working[0], time(7, 0), tzinfo=LOCAL_TZ).astimezone(UTC)
    rng = random.Random(seed)
    gen = _Generator(rng, catalogue, _helpers(db, start_of_demo), end_day.year)
    counts = _allocate(rng, working, transactions)
    numbers = _last_numbers(db, counter_id, working[0], working[-1])
    writer = _Writer(db, vault, counter_id, counter_code)

    def visits() -> Iterator[_Visit]:
        for day, count in zip(working, counts, strict=True):
            yield from _day_visits(
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
            raise InputError(
                "Cơ sở dữ liệu này đã có nhật ký hỗ trợ thật; không trộn dữ liệu mẫu vào. "
                "Hãy dùng một cơ sở dữ liệu riêng (KIOSK_DATA_DIR) hoặc thêm --force."
            )
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
