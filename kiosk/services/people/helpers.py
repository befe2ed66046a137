"""Helper accounts: volunteers and staff who sign in with a PIN.

PINs are hashed with argon2id; repeated wrong PINs lock the account for a while.
"""

from __future__ import annotations

import itertools
import re
from datetime import timedelta

from argon2 import PasswordHasher, extract_parameters
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.clock import Clock, format_local
from kiosk.domain.values import HelperInfo
from kiosk.errors import QT_TRANSLATE_NOOP, AuthenticationError, InputError, NotFoundError
from kiosk.services.people import audit
from kiosk.services.people.audit import Actor
from kiosk.services.stored_text import HELPER_NAME, clean_text
from kiosk.storage.models import Helper
from kiosk.storage.unit_of_work import Database

KINDS = ("volunteer", "staff")
ROLES = ("helper", "admin")
_USERNAME = re.compile(r"^[a-z0-9._-]{2,40}$")
_PIN = re.compile(r"^\d{4,8}$")


def check_pin_strength(pin: str) -> None:
    """Refuse PINs that are not 4–8 digits or are trivially guessable."""
    if not _PIN.match(pin):
        raise InputError(QT_TRANSLATE_NOOP("Errors", "Mã PIN phải gồm 4 đến 8 chữ số."))
    digits = [int(c) for c in pin]
    steps = {b - a for a, b in itertools.pairwise(digits)}
    if len(set(digits)) == 1 or steps in ({1}, {-1}):
        raise InputError(
            QT_TRANSLATE_NOOP(
                "Errors", "Mã PIN quá dễ đoán (các số giống nhau hoặc liên tiếp); hãy chọn mã khác."
            )
        )


def pin_hasher(time_cost: int, memory_kib: int) -> PasswordHasher:
    """argon2id at the given cost (settings ``security.pin_hash_*``; argon2's defaults there).

    A hash records its own parameters, so PINs hashed at another cost still verify, and
    are re-hashed at this one on the next successful sign-in when this one is dearer (a
    lowered setting never weakens PINs already stored).
    """
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_kib)


def _info(helper: Helper) -> HelperInfo:
    return HelperInfo(
        id=helper.id,
        username=helper.username,
        full_name=helper.full_name,
        kind=helper.kind,
        role=helper.role,
        active=helper.active,
        locked_until=helper.locked_until,
    )


class HelperAccounts:
    """Create, list and authenticate helpers."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        *,
        max_attempts: int = 5,
        lockout_minutes: int = 15,
        hasher: PasswordHasher | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        self._max_attempts = max_attempts
        self._lockout = timedelta(minutes=lockout_minutes)
        self._hasher = hasher or PasswordHasher()

    def add(
        self,
        username: str,
        full_name: str,
        pin: str,
        *,
        kind: str = "volunteer",
        role: str = "helper",
        actor: Actor | None = None,
    ) -> HelperInfo:
        """Create a helper; the username must be new."""
        username = username.strip().lower()
        full_name = clean_text(HELPER_NAME, full_name)
        if not _USERNAME.match(username):
            raise InputError(
                QT_TRANSLATE_NOOP(
                    "Errors", "Tên đăng nhập gồm 2–40 ký tự: chữ thường không dấu, số, . _ -"
                )
            )
        if not full_name:
            raise InputError(
                QT_TRANSLATE_NOOP("Errors", "Họ tên người hỗ trợ không được để trống.")
            )
        if kind not in KINDS:
            raise InputError("Loại người hỗ trợ phải là volunteer (tình nguyện viên) hoặc staff.")
        if role not in ROLES:
            raise InputError("Vai trò phải là helper hoặc admin.")
        check_pin_strength(pin)
        with self._db.unit_of_work() as uow:
            if uow.session.scalar(select(Helper.id).where(Helper.username == username)):
                raise InputError(
                    QT_TRANSLATE_NOOP("Errors", "Tên đăng nhập '{username}' đã tồn tại.").format(
                        username=username
                    )
                )
            now = self._clock.now()
            helper = Helper(
                username=username,
                full_name=full_name,
                kind=kind,
                role=role,
                pin_hash=self._hasher.hash(pin),
                failed_attempts=0,
                active=True,
                created_at=now,
            )
            uow.session.add(helper)
            uow.session.flush()
            audit.record(
                uow.session, now, actor or Actor.system("cli"), "helper.add", username, role=role
            )
            info = _info(helper)
            uow.commit()
        return info

    def list(self, *, include_inactive: bool = False) -> list[HelperInfo]:
        """Every helper, by name."""
        with self._db.unit_of_work() as uow:
            query = select(Helper).order_by(Helper.full_name)
            if not include_inactive:
                query = query.where(Helper.active.is_(True))
            return [_info(h) for h in uow.session.scalars(query)]

    def get(self, username: str) -> HelperInfo:
        """One helper by username."""
        with self._db.unit_of_work() as uow:
            return _info(self._load(uow.session, username))

    def reset_pin(self, username: str, new_pin: str, *, actor: Actor | None = None) -> None:
        """Set a new PIN and lift any lockout."""
        check_pin_strength(new_pin)
        with self._db.unit_of_work() as uow:
            helper = self._load(uow.session, username)
            helper.pin_hash = self._hasher.hash(new_pin)
            helper.failed_attempts = 0
            helper.locked_until = None
            audit.record(
                uow.session,
                self._clock.now(),
                actor or Actor.system("cli"),
                "helper.reset_pin",
                helper.username,
            )
            uow.commit()

    def set_active(self, username: str, active: bool, *, actor: Actor | None = None) -> None:
        """Deactivate (or reactivate) a helper; history keeps their name."""
        with self._db.unit_of_work() as uow:
            helper = self._load(uow.session, username)
            helper.active = active
            action = "helper.activate" if active else "helper.deactivate"
            audit.record(
                uow.session,
                self._clock.now(),
                actor or Actor.system("cli"),
                action,
                helper.username,
            )
            uow.commit()

    def authenticate(self, username: str, pin: str) -> HelperInfo:
        """Check a PIN; count failures and lock the account after too many."""
        with self._db.unit_of_work() as uow:
            helper = self._load(uow.session, username)
            now = self._clock.now()
            if not helper.active:
                raise AuthenticationError(
                    QT_TRANSLATE_NOOP("Errors", "Tài khoản người hỗ trợ này đã ngừng hoạt động.")
                )
            if helper.locked_until and helper.locked_until > now:
                raise AuthenticationError(
                    QT_TRANSLATE_NOOP(
                        "Errors",
                        "Tài khoản tạm khóa do nhập sai PIN nhiều lần; thử lại sau {time}.",
                    ).format(time=format_local(helper.locked_until)[-5:])
                )
            if self._verify(helper, pin):
                helper.failed_attempts = 0
                helper.locked_until = None
                if self._rehash_wanted(helper.pin_hash):
                    helper.pin_hash = self._hasher.hash(pin)
                audit.record(uow.session, now, Actor(helper.username, helper.id), "helper.sign_in")
                info = _info(helper)
                uow.commit()
                return info
            helper.failed_attempts += 1
            left = self._max_attempts - helper.failed_attempts
            if left <= 0:
                helper.failed_attempts = 0
                helper.locked_until = now + self._lockout
                audit.record(uow.session, now, Actor.system("kiosk"), "helper.locked", username)
                message = QT_TRANSLATE_NOOP(
                    "Errors", "Nhập sai PIN quá nhiều lần; tài khoản bị khóa {minutes} phút."
                ).format(minutes=int(self._lockout.total_seconds() // 60))
            else:
                message = QT_TRANSLATE_NOOP(
                    "Errors", "Mã PIN không đúng. Còn {left} lần thử."
                ).format(left=left)
            uow.commit()
        raise AuthenticationError(message)

    def require_admin(self, username: str, pin: str) -> HelperInfo:
        """Authenticate and insist on the admin role."""
        info = self.authenticate(username, pin)
        if not info.is_admin:
            raise AuthenticationError(
                QT_TRANSLATE_NOOP("Errors", "Chức năng này chỉ dành cho quản trị viên.")
            )
        return info

    def _rehash_wanted(self, stored: str) -> bool:
        """Whether ``stored`` is cheaper than this counter's cost (never when dearer)."""
        if not self._hasher.check_needs_rehash(stored):
            return False
        try:
            have = extract_parameters(stored)
        except InvalidHashError:
            return True
        return (
            have.time_cost <= self._hasher.time_cost
            and have.memory_cost <= self._hasher.memory_cost
        )

    def _verify(self, helper: Helper, pin: str) -> bool:
        try:
            return bool(self._hasher.verify(helper.pin_hash, pin))
        except (VerificationError, InvalidHashError):
            return False

    @staticmethod
    def _load(session: Session, username: str) -> Helper:
        helper = session.scalar(select(Helper).where(Helper.username == username.strip().lower()))
        if helper is None:
            raise NotFoundError(f"Không có người hỗ trợ với tên đăng nhập '{username}'.")
        return helper
