"""Admin commands ask for an admin and their PIN (issue 14, item 9).

Before, ``close-day``, ``helper add --role admin``, ``purge``, ``restore`` and the rest ran for
anyone with the kiosk's account: one could create an admin, then export unmasked data.
"""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from kiosk.app import build_kiosk
from kiosk.cli import main
from kiosk.errors import AuthenticationError
from kiosk.services.people import audit
from kiosk.services.people.lockout import SCREEN, TERMINAL
from kiosk.settings import Settings
from tests.conftest import ADMIN_PIN, ADMIN_USERNAME, AdminCommand

TODAY = date.today().isoformat()
# Every command that changes or reveals what only an admin may.
ADMIN_COMMANDS = [
    ["close-day"],
    ["helper", "add", "mallory", "--name", "Kẻ Giả Mạo", "--role", "admin", "--pin", "719305"],
    ["helper", "add", "lan2", "--name", "Lê Thị Lan", "--pin", "719305"],
    ["helper", "reset-pin", ADMIN_USERNAME, "--pin", "719305"],
    ["helper", "deactivate", ADMIN_USERNAME],
    ["helper", "activate", ADMIN_USERNAME],
    ["helper", "unlock", ADMIN_USERNAME],
    ["purge"],
    ["purge", "--citizen", "001198012345"],
    ["restore", "--yes", "kiosk-20261123-093000.sqlite3"],
    ["export", "--from", TODAY, "--to", TODAY, "--out", "x.csv", "--unmasked"],
    ["seed-demo", "--transactions", "3", "--days", "1", "--force"],
]


def run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def _embedded_only(settings: Settings, argv: list[str]) -> None:
    if argv[0] == "restore" and not settings.effective_database_url.startswith("sqlite"):
        pytest.skip("on PostgreSQL, restore is refused first: pg_restore is the way")


def _audit(settings: Settings, action: str) -> list[audit.AuditRecord]:
    kiosk = build_kiosk(settings)
    try:
        with kiosk.db.unit_of_work() as uow:
            return audit.read(uow.session, action)
    finally:
        kiosk.close()


@pytest.mark.parametrize("argv", ADMIN_COMMANDS, ids=lambda argv: " ".join(argv[:2]))
def test_an_admin_command_without_an_admin_is_refused(
    as_admin: AdminCommand, settings: Settings, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    _embedded_only(settings, argv)
    code, out, err = run(capsys, argv)
    assert code == 5, err
    assert err.startswith("Lỗi: ") and "--admin" in err and len(err.strip().splitlines()) == 1
    assert "Đã " not in out  # nothing done


@pytest.mark.parametrize("argv", ADMIN_COMMANDS, ids=lambda argv: " ".join(argv[:2]))
def test_a_wrong_admin_pin_is_refused_and_audited(
    as_admin: AdminCommand,
    settings: Settings,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
) -> None:
    _embedded_only(settings, argv)
    command = as_admin(*argv)
    monkeypatch.setattr("sys.stdin", io.StringIO("307519\n"))
    code, _, err = run(capsys, command)
    assert code == 5 and "Mã PIN không đúng" in err, err
    (line,) = _audit(settings, "helper.sign_in_failed")
    assert (line.subject, line.details["channel"]) == (ADMIN_USERNAME, TERMINAL)
    assert "307519" not in str(line)


def test_the_admin_commands_run_with_the_admin_and_pin(
    as_admin: AdminCommand, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, as_admin("helper", "add", "lan", "--name", "Nguyễn Thị Lan"))
    assert code == 2 and "Chưa nhập mã PIN" in err  # the new PIN is the second line
    command = as_admin("helper", "add", "lan", "--name", "Nguyễn Thị Lan", more="482916\n")
    code, out, err = run(capsys, command)
    assert code == 0 and "Đã thêm người hỗ trợ lan" in out, err
    code, out, _ = run(capsys, as_admin("helper", "deactivate", "lan"))
    assert code == 0
    code, out, _ = run(capsys, as_admin("close-day"))
    assert code == 0 and "Đã chốt sổ" in out
    code, out, _ = run(capsys, as_admin("seed-demo", "--transactions", "3", "--force"))
    assert code == 0 and "Đã tạo 3 lượt hỗ trợ mẫu" in out
    added = _audit(settings, "helper.add")[0]  # the newest (the fixture added quantri)
    assert (
        added.subject == "lan"
        and added.actor == ADMIN_USERNAME
        and added.details["first_admin"] is False
    )
    assert [line.actor for line in _audit(settings, "helper.deactivate")] == [ADMIN_USERNAME]
    signed = [line.details["channel"] for line in _audit(settings, "helper.sign_in")]
    assert signed == [TERMINAL] * 5  # the first add: the admin passed, the new PIN missing


def test_a_helper_is_not_an_admin(
    as_admin: AdminCommand, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, as_admin("helper", "add", "lan", "--name", "Nguyễn Thị Lan", "--pin", "482916"))
    monkeypatch.setattr("sys.stdin", io.StringIO("482916\n"))
    code, _, err = run(capsys, ["close-day", "--admin", "lan"])
    assert code == 5 and "chỉ dành cho quản trị viên" in err


def test_the_first_admin_of_a_fresh_kiosk(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys, ["helper", "add", "lan", "--name", "Nguyễn Thị Lan", "--pin", "482916"]
    )
    assert code == 5 and "quản trị viên đầu tiên" in err  # a helper first: no
    first = ["helper", "add", "quantri", "--name", "Phạm Văn Quản", "--role", "admin"]
    code, out, err = run(capsys, [*first, "--pin", ADMIN_PIN])
    assert code == 0, err
    assert "chưa có quản trị viên nào" in out and "Đã thêm người hỗ trợ quantri" in out
    again = ["helper", "add", "mallory", "--name", "Kẻ Giả Mạo", "--role", "admin"]
    code, _, err = run(capsys, [*again, "--pin", "719305"])
    assert code == 5 and "--admin" in err  # the second admin needs the first one's PIN
    (line,) = _audit(settings, "helper.add")
    assert line.subject == "quantri" and line.details["first_admin"] is True


def test_unlock_lifts_the_screen_lock(
    as_admin: AdminCommand, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    kiosk = build_kiosk(settings)  # the system's clock, as the command's
    try:
        kiosk.helpers.add("lan", "Nguyễn Thị Lan", "482916")
        for _ in range(5):  # at the screen
            with pytest.raises(AuthenticationError):
                kiosk.helpers.authenticate("lan", "307519")
        code, out, _ = run(capsys, ["helper", "list"])
        assert code == 0 and "đang bị khóa (màn hình đến" in out
        code, out, err = run(capsys, as_admin("helper", "unlock", "lan"))
        assert code == 0 and "Đã mở khóa tài khoản lan" in out, err
        assert kiosk.helpers.locked_until("lan", SCREEN) is None
        assert kiosk.helpers.authenticate("lan", "482916").username == "lan"
    finally:
        kiosk.close()
    (line,) = _audit(settings, "helper.unlock")
    assert (line.actor, line.subject) == (ADMIN_USERNAME, "lan")


def _kiosk_env(settings: Settings) -> dict[str, str]:
    return {**os.environ, "KIOSK_DATABASE_URL": settings.effective_database_url}


@pytest.mark.parametrize("stdin", ["devnull", "closed"])
def test_no_standard_input_fails_at_once_in_vietnamese(
    as_admin: AdminCommand, settings: Settings, stdin: str
) -> None:
    """CI runs with no standard input at all: a clean refusal, never a wait."""
    argv = [sys.executable, "-m", "kiosk", "close-day", "--admin", ADMIN_USERNAME]
    if stdin == "closed":
        argv = ["sh", "-c", 'exec "$@" 0<&-', "sh", *argv]
    started = time.monotonic()
    result = subprocess.run(
        argv,
        stdin=subprocess.DEVNULL if stdin == "devnull" else None,
        capture_output=True,
        text=True,
        env=_kiosk_env(settings),
        timeout=60,
        check=False,
    )
    assert time.monotonic() - started < 30
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Lỗi: Chưa nhập mã PIN"), lines


def test_at_a_terminal_the_pin_is_asked_without_echo(
    as_admin: AdminCommand, settings: Settings
) -> None:
    pid, fd = pty.fork()
    if pid == 0:  # the child: the kiosk at a terminal
        os.execve(
            sys.executable,
            [
                sys.executable,
                "-m",
                "kiosk",
                "helper",
                "unlock",
                ADMIN_USERNAME,
                "--admin",
                ADMIN_USERNAME,
            ],
            _kiosk_env(settings),
        )
    seen = b""
    sent = False
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 1024)
        except OSError:  # the child ended
            break
        if not chunk:
            break
        seen += chunk
        if not sent and "Mã PIN quản trị".encode() in seen:
            os.write(fd, f"{ADMIN_PIN}\n".encode())
            sent = True
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    text = seen.decode("utf-8", "replace")
    assert sent, text
    assert os.waitstatus_to_exitcode(status) == 0, text
    assert ADMIN_PIN not in text  # no echo
    assert f"Đã mở khóa tài khoản {ADMIN_USERNAME}" in text


def test_restore_of_a_vanished_database_asks_the_backups_admin(
    as_admin: AdminCommand,
    settings: Settings,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if not settings.effective_database_url.startswith("sqlite"):
        pytest.skip("restore is of the embedded SQLite database")
    code, out, err = run(capsys, ["backup"])
    assert code == 0, err
    (name,) = [p.name for p in settings.backup_dir.iterdir() if p.suffix == ".sqlite3"]
    database = Path(settings.effective_database_url.removeprefix("sqlite:///"))
    database.write_bytes(b"")  # gone: the kiosk refuses to open it
    monkeypatch.setattr("sys.stdin", io.StringIO("307519\n"))
    code, _, err = run(capsys, ["restore", "--yes", name, "--admin", ADMIN_USERNAME])
    assert code == 5 and "bản sao lưu" in err, err
    code, out, err = run(capsys, as_admin("restore", "--yes", name))
    assert code == 0, err
    assert "quản trị viên được kiểm tra trong bản sao lưu" in out and "Đã khôi phục" in out
