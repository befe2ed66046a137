"""The people who come to the counter: Vietnamese names, ages that lean old, valid ID numbers."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from kiosk.domain.catalogue import province_codes
from kiosk.domain.values import CitizenDetails
from kiosk.tools.demo.picks import Pick

CONSENT_NOTICE = "2026-01"
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


@dataclass(eq=False)
class Person:
    """A made-up citizen, and when the demo saw them (one database row however often)."""

    id_number: str
    full_name: str
    birth_year: int
    gender: str
    id_hash: str = ""
    db_id: int | None = None
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    stored_seen: datetime | None = None  # last_seen_at as written to the database


_AGE = Pick(((low, high), weight) for low, high, weight in AGE_BANDS)
_FAMILY = Pick(FAMILY_NAMES)


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
    province = home if rng.random() < HOME_PROVINCE_SHARE else rng.choice(provinces())
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
def provinces() -> tuple[str, ...]:
    return tuple(sorted(province_codes()))
