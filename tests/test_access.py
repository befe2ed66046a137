"""PIN lock-outs that grow, audited refusals, the screen apart from the terminal (issue 14, item 9).

Before: 5 tries, then a 15-minute lock that set the count back to zero (480 guesses a day an
account), nothing audited, and one count for the screen and the command line, so anyone at
the screen could keep the admin locked out of everything.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.app import Kiosk
from kiosk.domain.clock import FixedClock
from kiosk.errors import AuthenticationError, NotFoundError
from kiosk.services.people import audit
from kiosk.services.people.admin_in_file import require_admin_in_file
from kiosk.services.people.lockout import SCREEN, TERMINAL, wait_after
from kiosk.services.upkeep.backup import create_backup

PIN, WRONG = "482916", "307519"


def _refused(kiosk: Kiosk, pin: str, channel: str = SCREEN, username: str = "lan") -> str:
    with pytest.raises(AuthenticationError) as refused:
        kiosk.helpers.authenticate(username, pin, channel=channel)
    return refused.value.message


def test_the_waits_grow_and_a_lock_never_resets_the_count(kiosk: Kiosk, clock: FixedClock) -> None:
    kiosk.helpers.add("lan", "Nguyễn Thị Lan", PIN)
    for left in (4, 3, 2, 1):
        assert f"Còn {left} lần thử" in _refused(kiosk, WRONG)
    # 09:30 in Hà Nội: the fifth wrong PIN waits 1 minute, then 5, 15, 60, 240, 240…
    assert "thử lại sau 09:31" in _refused(kiosk, WRONG)
    assert "thử lại sau 09:31" in _refused(kiosk, PIN)  # even the right PIN waits
    for minutes in (5, 15, 60, 240, 240):
        until = kiosk.helpers.locked_until("lan", SCREEN)
        assert until is not None
        clock.advance(seconds=(until - clock.now()).total_seconds())
        message = _refused(kiosk, WRONG)
        expected = clock.now() + timedelta(minutes=minutes)
        assert kiosk.helpers.locked_until("lan", SCREEN) == expected
        assert "thử lại sau" in message and "Còn" not in message
    clock.advance(minutes=240)
    assert kiosk.helpers.authenticate("lan", PIN).username == "lan"  # a success resets
    assert "Còn 4 lần thử" in _refused(kiosk, WRONG)


def test_a_wait_past_midnight_names_the_day(kiosk: Kiosk, clock: FixedClock) -> None:
    kiosk.helpers.add("lan", "Nguyễn Thị Lan", PIN)
    clock.advance(hours=12)  # 21:30 in Hà Nội
    for _ in range(5 + 4):
        until = kiosk.helpers.locked_until("lan", SCREEN)
        if until is not None:
            clock.advance(seconds=(until - clock.now()).total_seconds())
        message = _refused(kiosk, WRONG)
    assert "thử lại sau" in message and "/11" in message  # HH:MM dd/mm: tomorrow


def _guesses_in(kiosk: Kiosk, clock: FixedClock, hours: int) -> int:
    """PINs an attacker gets checked in ``hours``, trying again the moment each wait ends."""
    end = clock.now() + timedelta(hours=hours)
    checked = 0
    while clock.now() < end:
        until = kiosk.helpers.locked_until("lan", SCREEN)
        if until is not None:
            clock.advance(seconds=(until - clock.now()).total_seconds())
            continue
        checked += 1
        _refused(kiosk, WRONG)
    return checked


def test_guesses_a_day_an_account(kiosk: Kiosk, clock: FixedClock) -> None:
    kiosk.helpers.add("lan", "Nguyễn Thị Lan", PIN)
    # The first day: 5 free, then after 1, 5, 15 and 60 minutes, then every 4 hours.
    assert _guesses_in(kiosk, clock, 24) == 14
    assert _guesses_in(kiosk, clock, 24) == 6  # each day after (480 before)


def test_the_defaults_and_the_longest_wait() -> None:
    assert [wait_after(n, 5, 240) for n in (3, 4)] == [None, None]
    minutes = [wait_after(n, 5, 240) // timedelta(minutes=1) for n in range(5, 11)]  # type: ignore[operator]
    assert minutes == [1, 5, 15, 60, 240, 240]
    assert wait_after(20, 5, 15) == timedelta(minutes=15)  # security.pin_lockout_minutes caps


def test_refusals_are_audited_without_the_pin(kiosk: Kiosk, clock: FixedClock) -> None:
    kiosk.helpers.add("lan", "Nguyễn Thị Lan", PIN)
    kiosk.helpers.add("minh", "Trần Đức Minh", "907153")
    kiosk.helpers.set_active("minh", False)
    for _ in range(5):
        _refused(kiosk, WRONG)
    _refused(kiosk, PIN)  # locked
    _refused(kiosk, "907153", username="minh")  # stopped
    with pytest.raises(NotFoundError):  # a PIN typed into the name is not kept either
        kiosk.helpers.authenticate("551239", WRONG, channel=TERMINAL)
    with kiosk.db.unit_of_work() as uow:
        lines = audit.read(uow.session, "helper.sign_in_failed")
    reasons = [(line.subject, line.details["channel"], line.details["reason"]) for line in lines]
    assert reasons[::-1] == [
        *[("lan", SCREEN, "wrong pin")] * 5,
        ("lan", SCREEN, "locked"),
        ("minh", SCREEN, "inactive"),
        (None, TERMINAL, "unknown user"),
    ]
    assert lines[-5].details["failures"] == 5 and lines[-5].details["locked_until"]
    text = json.dumps([[line.actor, line.subject, line.details] for line in lines])
    for secret in (PIN, WRONG, "907153", "551239"):
        assert secret not in text


def test_the_screen_cannot_lock_the_admin_out_of_the_terminal(
    kiosk: Kiosk, clock: FixedClock
) -> None:
    kiosk.helpers.add("quantri", "Phạm Văn Quản", "603829", role="admin")
    for _ in range(9):  # someone at the screen keeps trying
        until = kiosk.helpers.locked_until("quantri", SCREEN)
        if until is not None:
            clock.advance(seconds=(until - clock.now()).total_seconds())
        _refused(kiosk, WRONG, username="quantri")
    assert kiosk.helpers.locked_until("quantri", SCREEN) is not None
    assert kiosk.helpers.locked_until("quantri", TERMINAL) is None
    admin = kiosk.helpers.require_admin("quantri", "603829", channel=TERMINAL)
    kiosk.helpers.unlock("quantri", actor=audit.Actor(admin.username, admin.id))
    assert kiosk.helpers.locked_until("quantri", SCREEN) is None
    assert kiosk.helpers.authenticate("quantri", "603829").is_admin  # at the screen again
    for left in (4, 3):  # the unlock started the count again
        assert f"Còn {left} lần thử" in _refused(kiosk, WRONG, username="quantri")
    with kiosk.db.unit_of_work() as uow:
        (line,) = audit.read(uow.session, "helper.unlock")
    assert (line.actor, line.subject) == ("quantri", "quantri")


def test_a_helper_is_refused_an_admin_power_and_it_is_audited(kiosk: Kiosk) -> None:
    kiosk.helpers.add("lan", "Nguyễn Thị Lan", PIN)
    with pytest.raises(AuthenticationError, match="chỉ dành cho quản trị viên"):
        kiosk.helpers.require_admin("lan", PIN, channel=TERMINAL)
    with kiosk.db.unit_of_work() as uow:
        (line,) = audit.read(uow.session, "helper.admin_refused")
    assert line.subject == "lan" and line.details == {"channel": TERMINAL}


def test_the_first_admin_only_on_a_kiosk_without_one(kiosk: Kiosk) -> None:
    with pytest.raises(AuthenticationError, match="quản trị viên đầu tiên"):
        kiosk.helpers.add("lan", "Nguyễn Thị Lan", PIN, first_admin=True)  # a helper
    assert not kiosk.helpers.has_admin()
    kiosk.helpers.add("quantri", "Phạm Văn Quản", "603829", role="admin", first_admin=True)
    assert kiosk.helpers.has_admin()
    with pytest.raises(AuthenticationError, match="đã có quản trị viên"):
        kiosk.helpers.add("mallory", "Kẻ Giả Mạo", "719305", role="admin", first_admin=True)
    assert [h.username for h in kiosk.helpers.list()] == ["quantri"]


def test_an_admin_checked_in_a_backup_file(kiosk: Kiosk, clock: FixedClock, tmp_path: Path) -> None:
    kiosk.helpers.add("quantri", "Phạm Văn Quản", "603829", role="admin")
    kiosk.helpers.add("lan", "Nguyễn Thị Lan", PIN)
    if not kiosk.settings.effective_database_url.startswith("sqlite"):
        pytest.skip("backups are of the embedded SQLite database")
    path = create_backup(kiosk.settings, clock).path
    before = path.read_bytes()
    assert require_admin_in_file(path, "QuanTri", "603829") == "quantri"
    for username, pin in (("quantri", WRONG), ("lan", PIN), ("ghost", PIN)):
        with pytest.raises(AuthenticationError, match="bản sao lưu"):
            require_admin_in_file(path, username, pin)
    with pytest.raises(AuthenticationError):
        require_admin_in_file(tmp_path / "none.sqlite3", "quantri", "603829")
    assert path.read_bytes() == before  # read-only: nothing counted in the file
