"""Helper accounts: volunteers and staff who sign in with a PIN.

PINs are hashed with argon2id; repeated wrong PINs lock the account for longer and longer
(:mod:`kiosk.services.people.lockout`), at the screen and at the terminal apart.
"""

from __future__ import annotations

import itertools
import re
from datetime import datetime

from argon2 import PasswordHasher, extract_parameters
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.clock import Clock, format_local
from kiosk.domain.values import HelperInfo
from kiosk.errors import QT_TRANSLATE_NOOP, AuthenticationError, InputError, NotFoundError
from kiosk.services.people import audit, messages
from kiosk.services.people.audit import Actor
from kiosk.services.people.lockout import CHANNELS, SCREEN, TERMINAL, locked, wait_after
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
        lockout_minutes: int = 240,
        hasher: PasswordHasher | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        self._max_attempts = max_attempts
        self._longest_minutes = lockout_minutes
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
        first_admin: bool = False,
    ) -> HelperInfo:
        """Create a helper; the username must be new. ``first_admin``: the admin of a fresh
        kiosk, created with no admin's PIN, refused once an active admin exists."""
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
            raise InputError(messages.BAD_KIND)
        if role not in ROLES:
            raise InputError(messages.BAD_ROLE)
        check_pin_strength(pin)
        if first_admin and role != "admin":
            raise AuthenticationError(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "Kiosk chưa có quản trị viên: hãy tạo quản trị viên đầu tiên trước "
                    "(--role admin).",
                )
            )
        with self._db.unit_of_work() as uow:
            if first_admin and _active_admin(uow.session):
                raise AuthenticationError(
                    QT_TRANSLATE_NOOP(
                        "Errors", "Kiosk đã có quản trị viên: cần --admin và mã PIN của họ."
                    )
                )
            if uow.session.scalar(select(Helper.id).where(Helper.username == username)):
                raise InputError(messages.USERNAME_TAKEN.format(username=username))
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
                uow.session,
                now,
                actor or Actor.system("cli"),
                "helper.add",
                username,
                role=role,
                first_admin=first_admin,
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
            _clear_locks(helper)
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

    def authenticate(self, username: str, pin: str, *, channel: str = SCREEN) -> HelperInfo:
        """Check a PIN at ``channel`` (the screen or the terminal); every refusal is audited
        (never the PIN), and failures past the free tries earn growing waits (lockout.py)."""
        with self._db.unit_of_work() as uow:
            now = self._clock.now()
            helper = uow.session.scalar(
                select(Helper).where(Helper.username == username.strip().lower())
            )
            if helper is None:  # no subject: a PIN typed into the name would land there
                self._refused(uow.session, now, None, channel, "unknown user")
                uow.commit()
                raise _unknown(username)
            if not helper.active:
                self._refused(uow.session, now, helper, channel, "inactive")
                uow.commit()
                raise AuthenticationError(
                    QT_TRANSLATE_NOOP("Errors", "Tài khoản người hỗ trợ này đã ngừng hoạt động.")
                )
            failures, until = _lock_of(helper, channel)
            if until is not None and locked(until, now):
                self._refused(uow.session, now, helper, channel, "locked", failures=failures)
                uow.commit()
                raise _locked_error(until, now)
            if self._verify(helper, pin):
                _set_lock(helper, channel, 0, None)
                if self._rehash_wanted(helper.pin_hash):
                    helper.pin_hash = self._hasher.hash(pin)
                audit.record(
                    uow.session,
                    now,
                    Actor(helper.username, helper.id),
                    "helper.sign_in",
                    channel=channel,
                )
                info = _info(helper)
                uow.commit()
                return info
            failures += 1
            wait = wait_after(failures, self._max_attempts, self._longest_minutes)
            until = now + wait if wait is not None else None
            _set_lock(helper, channel, failures, until)
            self._refused(uow.session, now, helper, channel, "wrong pin", failures=failures)
            uow.commit()
        if until is not None:
            raise _locked_error(until, now)
        raise AuthenticationError(messages.WRONG_PIN.format(left=self._max_attempts - failures))

    def require_admin(self, username: str, pin: str, *, channel: str = SCREEN) -> HelperInfo:
        """Authenticate and insist on the admin role (a helper's try is audited)."""
        info = self.authenticate(username, pin, channel=channel)
        if not info.is_admin:
            with self._db.unit_of_work() as uow:
                audit.record(
                    uow.session,
                    self._clock.now(),
                    Actor(info.username, info.id),
                    "helper.admin_refused",
                    info.username,
                    channel=channel,
                )
                uow.commit()
            raise AuthenticationError(
                QT_TRANSLATE_NOOP("Errors", "Chức năng này chỉ dành cho quản trị viên.")
            )
        return info

    def unlock(self, username: str, *, actor: Actor | None = None) -> None:
        """Lift the locks of ``username`` at the screen and the terminal; its count of wrong
        PINs starts again (an admin has vouched for the account)."""
        with self._db.unit_of_work() as uow:
            helper = self._load(uow.session, username)
            _clear_locks(helper)
            audit.record(
                uow.session,
                self._clock.now(),
                actor or Actor.system("cli"),
                "helper.unlock",
                helper.username,
            )
            uow.commit()

    def locked_until(self, username: str, channel: str) -> datetime | None:
        """Until when ``username`` is locked at ``channel`` (``None``: it is not)."""
        with self._db.unit_of_work() as uow:
            _, until = _lock_of(self._load(uow.session, username), channel)
            return until if locked(until, self._clock.now()) else None

    def has_admin(self) -> bool:
        """Whether an active admin account exists (a fresh kiosk has none)."""
        with self._db.unit_of_work() as uow:
            return _active_admin(uow.session)

    @staticmethod
    def _refused(
        session: Session,
        now: datetime,
        helper: Helper | None,
        channel: str,
        reason: str,
        **details: object,
    ) -> None:
        """An audit line for a refused sign-in: who was tried, where and why; never the PIN."""
        _, until = _lock_of(helper, channel) if helper is not None else (0, None)
        audit.record(
            session,
            now,
            Actor.system("cli" if channel == TERMINAL else "kiosk"),
            "helper.sign_in_failed",
            helper.username if helper is not None else None,
            channel=channel,
            reason=reason,
            locked_until=until.isoformat() if until is not None else None,
            **details,
        )

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
            raise _unknown(username)
        return helper


def _active_admin(session: Session) -> bool:
    found = session.scalar(
        select(Helper.id).where(Helper.role == "admin", Helper.active.is_(True)).limit(1)
    )
    return found is not None


def _unknown(username: str) -> NotFoundError:
    return NotFoundError(messages.UNKNOWN_HELPER.format(username=username))


def _lock_of(helper: Helper, channel: str) -> tuple[int, datetime | None]:
    """The wrong PINs in a row at ``channel`` and until when they lock the account."""
    if channel == TERMINAL:
        return helper.terminal_failed_attempts or 0, helper.terminal_locked_until
    return helper.failed_attempts or 0, helper.locked_until


def _set_lock(helper: Helper, channel: str, failures: int, until: datetime | None) -> None:
    if channel == TERMINAL:
        helper.terminal_failed_attempts, helper.terminal_locked_until = failures, until
    else:
        helper.failed_attempts, helper.locked_until = failures, until


def _clear_locks(helper: Helper) -> None:
    """No lock and no wrong PIN counted, at the screen and at the terminal."""
    for channel in CHANNELS:
        _set_lock(helper, channel, 0, None)


def _locked_error(until: datetime, now: datetime) -> AuthenticationError:
    """ "Try again after HH:MM" (with the date when that is not today, in Vietnamese time)."""
    local = format_local(until)
    when = local[-5:] if local[:10] == format_local(now)[:10] else f"{local[-5:]} {local[:5]}"
    return AuthenticationError(
        messages.LOCKED.format(time=when),
        detail=f"account locked until {until.isoformat()}",
    )
