"""Helper accounts: PIN rules, argon2 hashes, lockout."""

from __future__ import annotations

import pytest
from argon2 import extract_parameters
from argon2.profiles import get_default_parameters
from sqlalchemy import select

from kiosk.app import Kiosk, build_kiosk
from kiosk.domain.clock import FixedClock
from kiosk.errors import AuthenticationError, InputError, NotFoundError
from kiosk.services.people import audit
from kiosk.services.people.helpers import HelperAccounts, pin_hasher
from kiosk.settings import load_settings
from kiosk.storage.models import Helper
from tests.conftest import CHEAP_PIN_HASH


def test_add_list_and_sign_in(kiosk: Kiosk) -> None:
    kiosk.helpers.add("lan", "Nguyễn  Thị Lan", "482916", kind="volunteer")
    kiosk.helpers.add("minh", "Trần Đức Minh", "907153", kind="staff", role="admin")
    assert [h.username for h in kiosk.helpers.list()] == ["lan", "minh"]
    info = kiosk.helpers.authenticate("LAN", "482916")
    assert info.full_name == "Nguyễn Thị Lan" and not info.is_admin
    assert kiosk.helpers.require_admin("minh", "907153").is_admin
    with kiosk.db.unit_of_work() as uow:
        stored = uow.session.scalar(select(Helper.pin_hash).where(Helper.username == "lan"))
    assert stored is not None and stored.startswith("$argon2id$") and "482916" not in stored


@pytest.mark.parametrize("pin", ["12", "123456789", "12a4", "0000", "123456", "987654"])
def test_weak_pins_are_refused(kiosk: Kiosk, pin: str) -> None:
    with pytest.raises(InputError, match="PIN"):
        kiosk.helpers.add("lan", "Nguyễn Thị Lan", pin)


def test_duplicate_and_bad_usernames(kiosk: Kiosk) -> None:
    kiosk.helpers.add("lan", "Nguyễn Thị Lan", "482916")
    with pytest.raises(InputError, match="đã tồn tại"):
        kiosk.helpers.add("lan", "Lê Lan", "482917")
    with pytest.raises(InputError, match="Tên đăng nhập"):
        kiosk.helpers.add("Lan Anh", "Lê Lan Anh", "482917")
    with pytest.raises(NotFoundError):
        kiosk.helpers.authenticate("nobody", "482916")


def test_lockout_after_repeated_wrong_pins(kiosk: Kiosk, clock: FixedClock) -> None:
    kiosk.helpers.add("lan", "Nguyễn Thị Lan", "482916")
    for left in (4, 3, 2, 1):
        with pytest.raises(AuthenticationError, match=f"Còn {left} lần"):
            kiosk.helpers.authenticate("lan", "111112")
    with pytest.raises(AuthenticationError, match="thử lại sau 09:31"):
        kiosk.helpers.authenticate("lan", "111112")
    with pytest.raises(AuthenticationError, match="tạm khóa"):
        kiosk.helpers.authenticate("lan", "482916")  # even the right PIN
    clock.advance(minutes=1)
    assert kiosk.helpers.authenticate("lan", "482916").username == "lan"
    with kiosk.db.unit_of_work() as uow:
        failed = audit.read(uow.session, "helper.sign_in_failed")
    assert [e.details["reason"] for e in failed] == ["locked"] + ["wrong pin"] * 5


def test_reset_pin_unlocks_and_deactivate(kiosk: Kiosk) -> None:
    kiosk.helpers.add("lan", "Nguyễn Thị Lan", "482916")
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            kiosk.helpers.authenticate("lan", "111112")
    kiosk.helpers.reset_pin("lan", "730518")
    assert kiosk.helpers.authenticate("lan", "730518").username == "lan"
    kiosk.helpers.set_active("lan", False)
    with pytest.raises(AuthenticationError, match="ngừng hoạt động"):
        kiosk.helpers.authenticate("lan", "730518")


def test_admin_only(kiosk: Kiosk) -> None:
    kiosk.helpers.add("lan", "Nguyễn Thị Lan", "482916")
    with pytest.raises(AuthenticationError, match="quản trị"):
        kiosk.helpers.require_admin("lan", "482916")


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_counter_hashes_pins_at_argon2s_default_cost(
    database_url: str, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The suite hashes PINs cheaply (tests/conftest.py); a counter keeps argon2's defaults."""
    for name in CHEAP_PIN_HASH:
        monkeypatch.delenv(name)
    monkeypatch.setenv("KIOSK_DATABASE_URL", database_url)
    kiosk = build_kiosk(load_settings(), clock=clock)
    try:
        kiosk.helpers.add("lan", "Nguyễn Thị Lan", "482916")
        stored = _pin_hash(kiosk, "lan")
    finally:
        kiosk.close()
    assert extract_parameters(stored) == get_default_parameters()


def test_a_pin_hashed_at_another_cost_verifies_and_is_rehashed(kiosk: Kiosk) -> None:
    kiosk.helpers.add("lan", "Nguyễn Thị Lan", "482916")
    cheap = extract_parameters(_pin_hash(kiosk, "lan"))
    assert (cheap.time_cost, cheap.memory_cost) == (1, 1024)  # CHEAP_PIN_HASH is in effect
    counter = HelperAccounts(kiosk.db, kiosk.clock, hasher=pin_hasher(2, 2048))
    assert counter.authenticate("lan", "482916").username == "lan"
    dearer = extract_parameters(_pin_hash(kiosk, "lan"))  # re-hashed at the counter's cost
    assert (dearer.time_cost, dearer.memory_cost) == (2, 2048)
    assert kiosk.helpers.authenticate("lan", "482916").username == "lan"
    kept = extract_parameters(_pin_hash(kiosk, "lan"))  # the cheaper counter does not weaken it
    assert (kept.time_cost, kept.memory_cost) == (2, 2048)


def _pin_hash(kiosk: Kiosk, username: str) -> str:
    with kiosk.db.unit_of_work() as uow:
        stored = uow.session.scalar(select(Helper.pin_hash).where(Helper.username == username))
    assert stored is not None
    return stored
