"""Backups of the embedded database: consistent while the kiosk writes, checked, atomic,
pruned, restorable; clear refusals; the CLI commands and the GUI's hourly scheduler.

Disks are real: a full or read-only backup disk is a small tmpfs (tests/filesystems.py).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk, build_kiosk, engine_for
from kiosk.cli import main
from kiosk.domain.clock import FixedClock
from kiosk.errors import (
    DatabaseCorruptError,
    KeyMismatchError,
    StorageFullError,
)
from kiosk.services.upkeep import backup
from kiosk.services.upkeep.backup import (
    BackupError,
    backup_if_due,
    check_database_file,
    create_backup,
    list_backups,
    making,
    prune_backups,
    restore_backup,
)
from kiosk.settings import Settings, load_settings
from kiosk.storage.database import head_revision
from tests.conftest import ADMIN_PIN, ADMIN_USERNAME, BACKENDS, AdminCommand, GuiFactory
from tests.factories import BINH, NHUNG, finished_visit
from tests.filesystems import fill_up, small_filesystem

SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
POSTGRES = pytest.mark.parametrize("database_url", [BACKENDS[1]], indirect=True)


def visits_in(path: Path) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        count = connection.execute("SELECT count(*) FROM transactions").fetchone()[0]
    connection.close()
    return int(count)


def database_file(settings: Settings) -> Path:
    path = backup.embedded_database(settings)
    assert path is not None
    return path


def folder_names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- making a backup --------------------------------------------------------------------------


@SQLITE
def test_backup_is_a_checked_self_contained_copy(kiosk: Kiosk, clock: FixedClock) -> None:
    finished_visit(kiosk, citizen=NHUNG)
    finished_visit(kiosk, citizen=BINH)

    made = create_backup(kiosk.settings, clock)

    assert made.path == kiosk.settings.data_dir / "backups" / "kiosk-20261123-093000.sqlite3"
    assert folder_names(made.path.parent) == [
        "kiosk-20261123-093000.json",
        "kiosk-20261123-093000.sqlite3",
    ]  # no -wal beside it, no temporary file left
    assert made.created_at == clock.now()
    assert (made.schema_revision, made.key_fingerprint) == (
        head_revision(),
        kiosk.vault.fingerprint,
    )
    assert made.visits == 2 and visits_in(made.path) == 2
    assert check_database_file(made.path).visits == 2
    with sqlite3.connect(f"file:{made.path}?mode=ro", uri=True) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    connection.close()
    assert made.path.stat().st_mode & 0o077 == 0  # it holds (encrypted) personal data
    manifest = json.loads(made.path.with_suffix(".json").read_text(encoding="utf-8"))
    assert manifest["sha256"] == made.sha256 and manifest["size"] == made.size
    assert manifest["key_fingerprint"] == kiosk.vault.fingerprint
    assert list_backups(kiosk.settings) == [made]


@SQLITE
def test_backup_reads_a_snapshot_while_the_kiosk_writes(kiosk: Kiosk, clock: FixedClock) -> None:
    finished_visit(kiosk, citizen=NHUNG)
    writer = sqlite3.connect(database_file(kiosk.settings), timeout=1)
    writer.isolation_level = None
    writer.execute("BEGIN IMMEDIATE")  # a visit being written, not committed yet
    writer.execute("INSERT INTO kiosk_meta (key, value) VALUES ('in-flight', 'x')")

    made = create_backup(kiosk.settings, clock)

    writer.execute("COMMIT")  # the writer was never blocked out
    writer.close()
    finished_visit(kiosk, citizen=BINH)  # and the kiosk goes on
    assert visits_in(made.path) == 1
    with sqlite3.connect(made.path) as connection:
        keys = {row[0] for row in connection.execute("SELECT key FROM kiosk_meta")}
    connection.close()
    assert "in-flight" not in keys


@SQLITE
def test_two_backups_in_one_second_get_two_names(kiosk: Kiosk, clock: FixedClock) -> None:
    first = create_backup(kiosk.settings, clock)
    second = create_backup(kiosk.settings, clock)
    assert first.path != second.path
    assert second.path.name == "kiosk-20261123-093000-2.sqlite3"
    assert [b.path for b in list_backups(kiosk.settings)] == [second.path, first.path]


@POSTGRES
def test_postgresql_is_left_to_the_server_administrator(
    settings: Settings, clock: FixedClock
) -> None:
    with pytest.raises(BackupError) as refused:
        create_backup(settings, clock)
    assert "pg_dump" in refused.value.message and "quản trị viên máy chủ" in refused.value.message
    assert backup_if_due(settings, clock) is None
    with pytest.raises(BackupError):
        restore_backup(settings, clock, Path("kiosk-20261123-093000.sqlite3"), engine_for)


def test_nothing_to_back_up_before_the_first_start(clock: FixedClock) -> None:
    settings = load_settings()
    assert backup_if_due(settings, clock) is None
    with pytest.raises(BackupError) as refused:
        create_backup(settings, clock)
    assert "Chưa có cơ sở dữ liệu" in refused.value.message
    assert not settings.backup_dir.exists()


# -- failures leave nothing behind ------------------------------------------------------------


@SQLITE
def test_full_backup_disk_is_refused_up_front(
    kiosk: Kiosk, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with small_filesystem(tmp_path / "usb", "1m") as usb:
        monkeypatch.setenv("KIOSK_BACKUP_DIR", str(usb))
        settings = load_settings()
        filler = fill_up(usb)
        with pytest.raises(StorageFullError) as full:
            create_backup(settings, clock)
        assert "Không đủ chỗ trống" in full.value.message
        assert folder_names(usb) == [filler.name]


@SQLITE
def test_disk_filling_up_during_the_backup_leaves_no_backup(
    kiosk: Kiosk,
    clock: FixedClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with small_filesystem(tmp_path / "usb", "1m") as usb:
        monkeypatch.setenv("KIOSK_BACKUP_DIR", str(usb))
        settings = load_settings()
        filler = fill_up(usb)
        monkeypatch.setattr(making, "space_needed", lambda folder, database, size: 0)
        with pytest.raises(StorageFullError) as full:
            create_backup(settings, clock)
        message = full.value.message
        assert "đã đầy" in message and "không có bản sao lưu dở dang" in message
        assert folder_names(usb) == [filler.name]  # no .part, no -wal, no final name
    assert any("SQLITE_FULL" in r.getMessage() for r in caplog.records if r.levelname == "ERROR")


@SQLITE
def test_read_only_backup_disk(
    kiosk: Kiosk, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with small_filesystem(tmp_path / "usb", "4m") as usb:
        remount = subprocess.run(
            ["mount", "-o", "remount,ro", str(usb)], capture_output=True, check=False
        )
        if remount.returncode:
            pytest.skip("cannot remount the tmpfs read-only here")
        monkeypatch.setenv("KIOSK_BACKUP_DIR", str(usb))
        with pytest.raises(BackupError) as refused:
            create_backup(load_settings(), clock)
        assert "chỉ cho phép đọc" in refused.value.message


@SQLITE
def test_missing_backup_folder_is_never_made_silently(
    kiosk: Kiosk, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_BACKUP_DIR", str(tmp_path / "usb-not-plugged"))
    with pytest.raises(BackupError) as refused:
        backup_if_due(load_settings(), clock)
    assert "ổ USB" in refused.value.message
    assert not (tmp_path / "usb-not-plugged").exists()


@SQLITE
def test_backup_folder_that_is_a_file(kiosk: Kiosk, clock: FixedClock) -> None:
    kiosk.settings.backup_dir.write_text("not a folder", encoding="utf-8")
    with pytest.raises(BackupError) as refused:
        create_backup(kiosk.settings, clock)
    assert "không phải thư mục" in refused.value.message


@SQLITE
def test_damaged_database_is_not_backed_up(kiosk: Kiosk, clock: FixedClock) -> None:
    made = create_backup(kiosk.settings, clock)
    kiosk.close()
    path = database_file(kiosk.settings)
    data = bytearray(path.read_bytes())
    for page in range(1, len(data) // 4096):  # every b-tree page header after the first
        data[page * 4096 : page * 4096 + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))
    clock.advance(hours=1)

    with pytest.raises(DatabaseCorruptError) as damaged:
        create_backup(kiosk.settings, clock)

    assert "bị hỏng" in damaged.value.message
    assert list_backups(kiosk.settings) == [made]
    assert not [p for p in made.path.parent.iterdir() if p.name.startswith(".")]


# -- automatic backups and retention ----------------------------------------------------------


@SQLITE
def test_backup_when_due_then_daily(kiosk: Kiosk, clock: FixedClock) -> None:
    first = backup_if_due(kiosk.settings, clock)
    assert first is not None
    clock.advance(hours=23)
    assert backup_if_due(kiosk.settings, clock) is None
    clock.advance(hours=1)
    second = backup_if_due(kiosk.settings, clock)
    assert second is not None and second.path != first.path
    assert len(list_backups(kiosk.settings)) == 2


@SQLITE
def test_a_backup_dated_in_the_future_does_not_stop_backups(
    kiosk: Kiosk, clock: FixedClock
) -> None:
    wrong = FixedClock(clock.now() + timedelta(days=300))  # the PC's clock was wrong once
    create_backup(kiosk.settings, wrong)
    made = backup_if_due(kiosk.settings, clock)
    assert made is not None
    clock.advance(hours=1)
    assert backup_if_due(kiosk.settings, clock) is None


@SQLITE
def test_retention_keeps_the_last_days_and_the_newest(
    kiosk: Kiosk, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = replace(kiosk.settings, backup_keep_days=3)
    made = []
    for _ in range(6):
        made.append(create_backup(settings, clock))
        clock.advance(days=1)
    folder = settings.backup_dir
    (folder / "notes.txt").write_text("the centre's own file", encoding="utf-8")
    (folder / "kiosk-20200101-000000.json").write_text("{}", encoding="utf-8")  # orphan
    stale = folder / ".kiosk-20261101-000000.sqlite3.abc.part"
    stale.write_bytes(b"half a backup")
    os.utime(stale, (0, 0))

    removed = prune_backups(settings, clock)

    kept = [b.path for b in list_backups(settings)]
    assert kept == [b.path for b in reversed(made[-3:])]  # 3 days old or younger
    assert (folder / "notes.txt").exists()
    assert stale in removed and not stale.exists()
    assert not (folder / "kiosk-20200101-000000.json").exists()
    assert all(p.with_suffix(".json").exists() for p in kept)

    clock.advance(days=30)  # the kiosk was off for a month: the newest backup stays
    prune_backups(settings, clock)
    assert [b.path for b in list_backups(settings)] == [made[-1].path]


# -- restoring --------------------------------------------------------------------------------


@SQLITE
def test_restore_replaces_the_data_and_keeps_a_safety_backup(
    kiosk: Kiosk, clock: FixedClock
) -> None:
    finished_visit(kiosk, citizen=NHUNG)
    made = create_backup(kiosk.settings, clock)
    finished_visit(kiosk, citizen=BINH)  # made after the backup: goes away, kept in safety
    reader = sqlite3.connect(database_file(kiosk.settings))  # another connection stays open
    assert reader.execute("SELECT count(*) FROM transactions").fetchone()[0] == 2
    clock.advance(minutes=5)

    result = restore_backup(kiosk.settings, clock, made.path, engine_for)

    assert reader.execute("SELECT count(*) FROM transactions").fetchone()[0] == 1
    reader.close()
    assert result.schema_revision == head_revision()
    assert result.safety_backup is not None and visits_in(result.safety_backup) == 2
    assert [r.citizen_name for r in kiosk.transactions.list_day()] == [NHUNG.full_name]
    finished_visit(kiosk, citizen=BINH)  # the kiosk carries on with the restored data
    fresh = build_kiosk(kiosk.settings, clock=clock)
    assert len(fresh.transactions.list_day()) == 2
    fresh.close()


@SQLITE
def test_restore_refuses_a_damaged_file_and_changes_nothing(
    kiosk: Kiosk, clock: FixedClock
) -> None:
    finished_visit(kiosk)
    made = create_backup(kiosk.settings, clock)
    data = bytearray(made.path.read_bytes())
    data[-200] ^= 0xFF  # one flipped byte on the USB stick: the manifest's SHA-256 sees it
    made.path.write_bytes(bytes(data))
    before = database_file(kiosk.settings).read_bytes()

    with pytest.raises(DatabaseCorruptError) as refused:
        restore_backup(kiosk.settings, clock, made.path, engine_for)

    assert "bị hỏng" in refused.value.message
    assert database_file(kiosk.settings).read_bytes() == before
    assert len(list_backups(kiosk.settings)) == 1  # not even a safety backup was needed


@SQLITE
def test_restore_refuses_other_programs_and_newer_versions(
    kiosk: Kiosk, clock: FixedClock, tmp_path: Path
) -> None:
    foreign = tmp_path / "invoices.sqlite3"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE invoices (total INTEGER)")
    connection.close()
    with pytest.raises(DatabaseCorruptError) as not_ours:
        restore_backup(kiosk.settings, clock, foreign, engine_for)
    assert "không phải cơ sở dữ liệu của Quầy Số" in not_ours.value.message

    newer = create_backup(kiosk.settings, clock).path
    newer.with_suffix(".json").unlink()
    with sqlite3.connect(newer) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    with pytest.raises(DatabaseCorruptError) as too_new:
        restore_backup(kiosk.settings, clock, newer, engine_for)
    assert "phiên bản Quầy Số mới hơn" in too_new.value.message


@SQLITE
def test_restore_refuses_a_backup_of_another_key(
    kiosk: Kiosk, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = create_backup(kiosk.settings, clock)
    kiosk.close()
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(tmp_path / "other-centre"))
    other = load_settings()  # same database file, no key file yet
    with pytest.raises(KeyMismatchError) as no_key:
        restore_backup(other, clock, made.path, engine_for)
    assert "chưa có tệp khóa" in no_key.value.message
    assert not other.key_file.exists()

    build_kiosk(replace(other, database_url=f"sqlite:///{tmp_path / 'b.sqlite3'}")).close()
    with pytest.raises(KeyMismatchError) as wrong_key:
        restore_backup(other, clock, made.path, engine_for)
    assert f"mã {made.key_fingerprint}" in wrong_key.value.message
    assert wrong_key.value.exit_code == 6


@SQLITE
def test_restore_over_a_damaged_database_keeps_the_damaged_file(
    kiosk: Kiosk, clock: FixedClock
) -> None:
    finished_visit(kiosk)
    made = create_backup(kiosk.settings, clock)
    kiosk.close()
    live = database_file(kiosk.settings)
    live.write_bytes(b"\x89garbage" * 4096)
    clock.advance(minutes=1)

    result = restore_backup(kiosk.settings, clock, made.path, engine_for)

    assert result.safety_backup is not None
    assert result.safety_backup.name == "damaged-20261123-093100.sqlite3"
    assert result.safety_backup.read_bytes().startswith(b"\x89garbage")
    assert visits_in(live) == 1


# -- the commands -----------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@SQLITE
def test_backup_and_restore_commands(
    kiosk: Kiosk,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    as_admin: AdminCommand,
) -> None:
    finished_visit(kiosk)
    code, out, _ = run(capsys, "backup", "--list")
    assert code == 0 and "Chưa có bản sao lưu" in out

    code, out, _ = run(capsys, "backup")
    assert code == 0 and out.startswith("Đã sao lưu vào ") and "KB)" in out
    name = list_backups(kiosk.settings)[0].path.name
    assert name in out

    code, out, _ = run(capsys, "backup", "--list")
    assert code == 0 and name in out and "1 lượt hỗ trợ" in out

    code, _, err = run(capsys, *as_admin("restore", name, more="có\n"))  # not a terminal
    assert code == 2 and "--yes" in err and len(err.strip().splitlines()) == 1

    at_terminal = ["restore", name, "--admin", ADMIN_USERNAME]
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt: ADMIN_PIN)
    monkeypatch.setattr("builtins.input", lambda prompt: "không")
    code, out, err = run(capsys, *at_terminal)
    assert code == 1 and "Đã hủy" in err and "sẽ thay toàn bộ dữ liệu" in out

    monkeypatch.setattr("builtins.input", lambda prompt: "có")
    code, out, _ = run(capsys, *at_terminal)
    assert code == 0 and f"Đã khôi phục {name}" in out and "1 lượt hỗ trợ" in out

    code, out, _ = run(capsys, *as_admin("restore", "--yes", name))
    assert code == 0 and "Dữ liệu trước khi khôi phục được giữ trong" in out

    code, _, err = run(capsys, *as_admin("restore", "--yes", "kiosk-19990101-000000.sqlite3"))
    assert code == 2 and "Không có tệp sao lưu" in err


def test_close_day_backs_up_the_embedded_database(
    settings: Settings, capsys: pytest.CaptureFixture[str], as_admin: AdminCommand
) -> None:
    code, out, _ = run(capsys, *as_admin("close-day"))
    assert code == 0 and "Đã chốt sổ" in out
    backups = list_backups(settings)
    if backup.embedded_database(settings) is None:
        assert backups == [] and "sao lưu" not in out
    else:
        assert len(backups) == 1 and f"Đã sao lưu vào {backups[0].path}" in out


@SQLITE
def test_close_day_says_when_the_backup_failed(
    settings: Settings,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    as_admin: AdminCommand,
) -> None:
    monkeypatch.setenv("KIOSK_BACKUP_DIR", str(tmp_path / "usb-not-plugged"))
    code, out, err = run(capsys, *as_admin("close-day"))
    assert code == 1
    assert "Đã chốt sổ ngày" in out
    assert err.startswith("Lỗi: Đã chốt sổ nhưng chưa sao lưu được.") and "kiosk backup" in err
    assert len(err.strip().splitlines()) == 1


# -- the GUI's scheduler ----------------------------------------------------------------------


@SQLITE
def test_scheduler_backs_up_off_the_gui_thread(
    kiosk: Kiosk, clock: FixedClock, qtbot: QtBot
) -> None:
    from kiosk.ui.maintenance import BackupScheduler

    scheduler = BackupScheduler(kiosk.settings, clock, interval_ms=3_600_000, first_delay_ms=0)
    with qtbot.waitSignal(scheduler.backed_up, timeout=10_000) as made:
        scheduler.start()
    assert Path(made.args[0]).exists() and scheduler.last_backup == made.args[0]

    with qtbot.assertNotEmitted(scheduler.backed_up), qtbot.waitSignal(scheduler.checked):
        assert scheduler.check_now()  # not due: nothing new
    clock.advance(hours=25)
    with qtbot.waitSignal(scheduler.backed_up, timeout=10_000):
        scheduler.check_now()
    assert len(list_backups(kiosk.settings)) == 2
    assert scheduler.stop()
    assert not scheduler.check_now()


@SQLITE
def test_scheduler_reports_a_failure(
    kiosk: Kiosk,
    clock: FixedClock,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kiosk.ui.maintenance import BackupScheduler

    monkeypatch.setenv("KIOSK_BACKUP_DIR", str(tmp_path / "usb-not-plugged"))
    scheduler = BackupScheduler(load_settings(), clock, first_delay_ms=0)
    with qtbot.waitSignal(scheduler.failed, timeout=10_000) as failed:
        scheduler.start()
    assert "ổ USB" in failed.args[0] and scheduler.last_error == failed.args[0]
    assert scheduler.stop()


@SQLITE
def test_the_window_starts_the_scheduler(kiosk: Kiosk, qtbot: QtBot, make_gui: GuiFactory) -> None:
    gui = make_gui(kiosk, show=False)
    scheduler = gui.backup
    assert scheduler is not None and scheduler.running
    with qtbot.waitSignal(scheduler.backed_up, timeout=10_000):
        scheduler.check_now()
    assert scheduler.stop()
