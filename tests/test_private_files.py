"""Private files (issue 14, item 4): on Linux the counter's folders are 0700 and the files
it writes 0600, whether it creates them or finds them wider; the doctor warns otherwise."""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.app import build_kiosk
from kiosk.cli import main
from kiosk.services.upkeep.doctor.permissions import check_permissions
from kiosk.settings import Settings, load_settings
from tests.conftest import ADMIN_PIN, ADMIN_USERNAME
from tests.factories import finished_visit

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The umask of a desktop session (022): what the kiosk was started with before."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.fixture
def wide_counter(isolated_dirs: Path, open_umask: None) -> Settings:
    """A counter left by an older version: its folders 0755, its files 0644."""
    settings = load_settings()
    kiosk = build_kiosk(settings)  # in-process, under umask 022: the database is 0644
    finished_visit(kiosk)
    kiosk.close()
    settings.config_dir.mkdir(parents=True, exist_ok=True)
    settings.settings_file.write_text('[counter]\ncode = "Q01"\n', encoding="utf-8")
    for folder in (settings.backup_dir, settings.reports_root / "2026-12-01", settings.log_dir):
        folder.mkdir(parents=True, exist_ok=True)
    (settings.backup_dir / "kiosk-20261201-170000.sqlite3").write_bytes(b"SQLite format 3\0")
    (settings.reports_root / "2026-12-01" / "Q01-20261201.pdf").write_bytes(b"%PDF-1.4")
    (settings.log_dir / "kiosk.log.1").write_text("old log\n", encoding="utf-8")
    for path in (settings.config_dir, settings.data_dir, settings.key_file):
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    return settings


def everything(settings: Settings) -> tuple[list[Path], list[Path]]:
    """Every folder and file under the config and data dirs."""
    folders: list[Path] = []
    files: list[Path] = []
    for root in (settings.config_dir, settings.data_dir):
        if not root.exists():
            continue
        folders.append(root)
        for path in root.rglob("*"):
            (folders if path.is_dir() else files).append(path)
    return folders, files


def test_a_command_narrows_what_an_older_version_left_wide(
    wide_counter: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = wide_counter
    folders, files = everything(settings)
    assert settings.sqlite_file in files and mode(settings.sqlite_file) == 0o644
    assert any(mode(path) & 0o077 for path in folders + files)
    assert main(["helper", "list"]) == 0
    folders, files = everything(settings)
    assert {path: mode(path) for path in folders} == dict.fromkeys(folders, 0o700)
    assert {path: mode(path) for path in files} == dict.fromkeys(files, 0o600)
    assert os.umask(0o022) == 0o022  # the caller's umask is back after the command


def test_what_a_command_creates_is_private(
    isolated_dirs: Path, open_umask: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade"]) == 0
    settings = load_settings()
    folders, files = everything(settings)
    assert settings.sqlite_file in files and settings.log_dir / "kiosk.log" in files
    assert {path: mode(path) for path in folders} == dict.fromkeys(folders, 0o700)
    assert {path: mode(path) for path in files} == dict.fromkeys(files, 0o600)


def test_the_live_databases_wal_and_shm_are_private(
    wide_counter: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "current"]) == 0  # the narrowing a start does
    kiosk = build_kiosk(wide_counter)  # open, as the window keeps it, under umask 022
    try:
        finished_visit(kiosk)
        database = wide_counter.sqlite_file
        assert database is not None
        sidecars = [Path(f"{database}-wal"), Path(f"{database}-shm")]
        assert all(path.exists() for path in sidecars)  # SQLite gives them the file's mode
        assert [mode(path) for path in [database, *sidecars]] == [0o600] * 3
    finally:
        kiosk.close()


def test_a_receipt_written_over_a_wider_file_is_private(
    wide_counter: Settings, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    kiosk = build_kiosk(wide_counter)
    receipt_no = finished_visit(kiosk).receipt_no
    kiosk.close()
    out = tmp_path / "bien-nhan.pdf"
    out.write_bytes(b"old")
    os.chmod(out, 0o644)
    assert receipt_no is not None
    assert main(["receipt", receipt_no, "--out", str(out)]) == 0
    assert mode(out) == 0o600 and out.read_bytes().startswith(b"%PDF")
    fresh = tmp_path / "moi.pdf"
    assert main(["receipt", receipt_no, "--out", str(fresh)]) == 0
    assert mode(fresh) == 0o600


def test_backups_and_exports_are_private(
    wide_counter: Settings, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["backup"]) == 0
    backups = [path for path in wide_counter.backup_dir.iterdir() if path.is_file()]
    assert len(backups) >= 2 and all(mode(path) == 0o600 for path in backups)
    out = tmp_path / "xuat" / "giao-dich.csv"
    assert main(["export", "--from", "2026-01-01", "--to", "2027-12-31", "--out", str(out)]) == 0
    assert mode(out) == 0o600 and mode(out.parent) == 0o700


def test_the_doctor_names_what_is_too_open_and_how_to_fix_it(
    wide_counter: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    check = check_permissions(wide_counter)
    assert not check.ok and not check.required
    assert str(wide_counter.data_dir) in check.message and "(755)" in check.message
    assert "chmod 700" in check.fix and "chmod 600" in check.fix
    main(["doctor"])  # the doctor only looks: the same warning after it ran
    assert "LỖI Quyền riêng tư của tệp: Người dùng khác" in capsys.readouterr().out
    assert not check_permissions(wide_counter).ok
    assert main(["helper", "list"]) == 0
    narrowed = check_permissions(wide_counter)
    assert narrowed.ok, narrowed.message


def test_shared_folders_and_links_are_never_narrowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.private_files import make_private

    shared = tmp_path / "shared"  # like /tmp: sticky, everyone's
    shared.mkdir()
    os.chmod(shared, 0o1777)
    home = tmp_path / "home"
    home.mkdir()
    os.chmod(home, 0o755)
    monkeypatch.setenv("HOME", str(home))  # KIOSK_DATA_DIR=~ must not close the home folder
    target = tmp_path / "target.txt"
    target.write_text("x", encoding="utf-8")
    os.chmod(target, 0o644)
    link = tmp_path / "link"
    link.symlink_to(target)
    for path in (shared, home, link):
        make_private(path)
    assert (mode(shared), mode(home), mode(target)) == (0o1777, 0o755, 0o644)
    make_private(target)
    assert mode(target) == 0o600


def test_the_day_close_reports_are_private_also_when_written_again(
    wide_counter: Settings,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kiosk.domain.clock import SystemClock, local_day

    day = local_day(SystemClock().now()).isoformat()
    out = tmp_path / "bao-cao"
    kiosk = build_kiosk(wide_counter)
    kiosk.helpers.add(ADMIN_USERNAME, "Phạm Văn Quản", ADMIN_PIN, role="admin")
    kiosk.close()
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{ADMIN_PIN}\n"))  # the admin's PIN
    assert main(["close-day", "--date", day, "--out", str(out), "--admin", ADMIN_USERNAME]) == 0
    written = sorted(out.iterdir())
    assert {path.suffix for path in written} == {".pdf", ".csv", ".xlsx"}
    assert mode(out) == 0o700 and [mode(path) for path in written] == [0o600] * 3
    z_report = next(path for path in written if path.suffix == ".pdf")
    os.chmod(z_report, 0o644)  # a copy from before, or one a person opened up
    assert main(["z-report", "--date", day, "--out", str(out)]) == 0
    assert mode(z_report) == 0o600
