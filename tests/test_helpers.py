"""Helper accounts: PIN rules, argon2 hashes, lockout."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from kiosk.app import Kiosk
from kiosk.domain.clock import FixedClock
from kiosk.errors import AuthenticationError, InputError, NotFoundError
from kiosk.services.people import audit
from kiosk.storage.models import Helper


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
    with pytest.raises(AuthenticationError, match="khóa 15 phút"):
        kiosk.helpers.authenticate("lan", "111112")
    with pytest.raises(AuthenticationError, match="tạm khóa"):
        kiosk.helpers.authenticate("lan", "482916")  # even the right PIN
    clock.advance(minutes=16)
    assert kiosk.helpers.authenticate("lan", "482916").username == "lan"
    with kiosk.db.unit_of_work() as uow:
        assert [e.action for e in audit.read(uow.session, "helper.locked")] == ["helper.locked"]


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
