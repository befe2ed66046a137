"""``kiosk doctor``: every dependency gets one honest line, and the doctor changes nothing.

Databases, key files and small disks are real; the printer queue is a fake ``lpstat``
on PATH (CUPS is not installed on the test machines), and a camera is simply absent.
"""

from __future__ import annotations

import base64
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from kiosk.app import Kiosk, build_kiosk, engine_for
from kiosk.domain.clock import FixedClock
from kiosk.services.upkeep import doctor
from kiosk.services.upkeep.doctor import (
    Check,
    DatabaseFacts,
    check_key,
    devices,
    inspect_database,
    run_checks,
    runner,
)
from kiosk.settings import Settings, load_settings
from kiosk.storage.database import head_revision
from tests.filesystems import small_filesystem
from tests.workers.harness import REPO

MB = 1024 * 1024
# Every check, in the order the doctor prints them.
ALL_CHECKS = [
    doctor.DATABASE, doctor.INTEGRITY, doctor.KEY, doctor.DISK, doctor.BACKUP,
    doctor.BACKUP_DIR, doctor.LOGS, doctor.PERMISSIONS, doctor.ZXING, doctor.ZBAR, doctor.OPENCV,
    doctor.FONTS, doctor.CAMERA, doctor.CHIP, doctor.PRINTER, doctor.CENTRE, doctor.CENTRE_SCHEMA,
    doctor.CENTRE_ACCESS, doctor.GUIDES, doctor.QT,
]  # fmt: skip


def by_name(checks: list[Check]) -> dict[str, Check]:
    return {check.name: check for check in checks}


@pytest.fixture
def bound(clock: FixedClock) -> Settings:
    """Settings of a SQLite kiosk that has run once: database made, key file bound to it."""
    settings = load_settings()
    build_kiosk(settings, clock=clock).close()
    return settings


def key_verdict(settings: Settings) -> Check:
    return check_key(settings, inspect_database(settings, engine_for))


# -- database ---------------------------------------------------------------------------------


def test_fresh_install_is_fine_and_the_doctor_creates_nothing(isolated_dirs: Path) -> None:
    checks = by_name(run_checks(load_settings(), engine_for))

    assert checks[doctor.DATABASE].ok
    assert "sẽ được tạo khi khởi động lần đầu" in checks[doctor.DATABASE].message
    assert checks[doctor.KEY].ok
    assert "sẽ được tạo" in checks[doctor.KEY].message
    assert checks[doctor.DISK].ok
    assert sorted(p.name for p in isolated_dirs.iterdir()) == []  # no data dir, no config dir


def test_running_kiosk_passes_every_required_check(kiosk: Kiosk) -> None:
    checks = run_checks(kiosk.settings, engine_for)

    failed = [c for c in checks if c.required and not c.ok]
    assert not failed
    database = by_name(checks)[doctor.DATABASE]
    assert f"lược đồ {head_revision()} (mới nhất)" in database.message
    expected = "SQLite" if kiosk.db.dialect == "sqlite" else "PostgreSQL"
    assert database.message.startswith(expected)
    assert (
        f"khớp với cơ sở dữ liệu (mã {kiosk.vault.fingerprint})"
        in by_name(checks)[doctor.KEY].message
    )
    assert [c.name for c in checks] == ALL_CHECKS


def test_database_of_another_program_fails_and_is_left_untouched(tmp_path: Path) -> None:
    database = tmp_path / "data" / "kiosk.sqlite3"
    database.parent.mkdir()
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE invoices (total INTEGER)")
    connection.close()
    before = database.read_bytes()

    check = inspect_database(load_settings(), engine_for).check

    assert not check.ok and check.required
    assert "chương trình khác" in check.message
    assert "tệp hay cơ sở dữ liệu trống" in check.fix
    assert database.read_bytes() == before


def test_damaged_database_file_fails(tmp_path: Path) -> None:
    database = tmp_path / "data" / "kiosk.sqlite3"
    database.parent.mkdir()
    database.write_bytes(b"\x89garbage" * 4096)

    check = inspect_database(load_settings(), engine_for).check

    assert not check.ok and check.required
    assert "bị hỏng" in check.message
    assert "bản sao lưu" in check.fix


def test_database_from_a_newer_kiosk_fails(kiosk: Kiosk) -> None:
    with kiosk.db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))

    check = inspect_database(kiosk.settings, engine_for).check

    assert not check.ok
    assert "lược đồ 9999" in check.message
    assert "Cập nhật Quầy Số" in check.fix


@pytest.mark.postgres
def test_empty_postgresql_schema_is_fine(
    pg_schema_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_DATABASE_URL", pg_schema_url)
    check = inspect_database(load_settings(), engine_for).check
    assert check.ok
    assert check.message.startswith("PostgreSQL 127.0.0.1:5432/test")
    assert "trống" in check.message


def test_postgresql_down_fails_fast_with_a_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as probe:  # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        free_port = probe.getsockname()[1]
    monkeypatch.setenv("KIOSK_DATABASE_URL", f"postgresql://postgres@127.0.0.1:{free_port}/t")
    started = time.monotonic()

    facts = inspect_database(load_settings(), engine_for)

    assert time.monotonic() - started < 3
    assert not facts.check.ok and facts.check.required
    assert "Không kết nối được" in facts.check.message
    assert "máy chủ PostgreSQL" in facts.check.fix
    assert not facts.readable


# -- privacy key ------------------------------------------------------------------------------


def test_corrupt_key_file_fails_with_a_fix(bound: Settings) -> None:
    bound.key_file.write_text("this is not a key\n", encoding="ascii")

    check = key_verdict(bound)

    assert not check.ok and check.required
    assert "bị hỏng" in check.message
    assert "Chép đúng tệp khóa của trung tâm" in check.fix


def test_key_readable_by_others_fails_with_chmod(bound: Settings) -> None:
    bound.key_file.chmod(0o644)

    check = key_verdict(bound)

    assert not check.ok
    assert "644" in check.message
    assert check.fix == f"chmod 600 {bound.key_file}"


def test_key_of_another_centre_fails(bound: Settings) -> None:
    stored = inspect_database(bound, engine_for).fingerprint
    bound.key_file.write_text(base64.b64encode(os.urandom(32)).decode() + "\n", encoding="ascii")

    check = key_verdict(bound)

    assert not check.ok
    assert "không khớp" in check.message
    assert f"(mã {stored})" in check.fix


def test_lost_key_file_fails_when_the_database_is_bound(bound: Settings) -> None:
    bound.key_file.unlink()

    check = key_verdict(bound)

    assert not check.ok
    assert "không đọc được" in check.message
    assert not bound.key_file.exists()  # the doctor never makes a new key


def test_key_is_checked_even_when_the_database_cannot_be_read(bound: Settings) -> None:
    unreadable = DatabaseFacts(Check(doctor.DATABASE, False, "x"), False, None)
    check = check_key(bound, unreadable)
    assert check.ok
    assert "chưa so được" in check.message


# -- disk -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("free", "ok", "required"),
    [
        (99 * MB, False, True),
        (100 * MB, False, False),
        (499 * MB, False, False),
        (500 * MB, True, True),
    ],
)
def test_disk_thresholds(free: int, ok: bool, required: bool) -> None:
    check = doctor.disk_verdict(free, Path("/data"))
    assert (check.ok, check.required) == (ok, required)
    assert f"{free // MB} MB" in check.message


@pytest.mark.parametrize(("size", "required"), [("50m", True), ("300m", False)])
def test_small_data_disk_is_reported(
    size: str, required: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with small_filesystem(tmp_path / "small", size) as mounted:
        monkeypatch.setenv("KIOSK_DATA_DIR", str(mounted / "not-yet-made"))
        check = doctor.check_disk(load_settings())
    assert not check.ok
    assert check.required is required
    assert str(mounted) in check.message
    assert "KIOSK_DATA_DIR" in check.fix


# -- backups and logs -------------------------------------------------------------------------


def test_backup_age_none_fresh_and_stale(bound: Settings, clock: FixedClock) -> None:
    from kiosk.services.upkeep.backup import create_backup

    none = doctor.check_backup_age(bound, clock)
    assert not none.ok and not none.required
    assert "Chưa có bản sao lưu" in none.message and "kiosk backup" in none.fix

    made = create_backup(bound, clock)
    clock.advance(hours=3)
    fresh = doctor.check_backup_age(bound, clock)
    assert fresh.ok and f"{made.path.name}, cách đây 3 giờ" in fresh.message

    clock.advance(hours=24)
    stale = doctor.check_backup_age(bound, clock)
    assert not stale.ok and not stale.required
    assert "cách đây 27 giờ: đã quá 26 giờ" in stale.message


def test_backup_checks_on_a_fresh_install_and_on_postgresql(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert "Chưa có dữ liệu" in doctor.check_backup_age(load_settings()).message
    monkeypatch.setenv("KIOSK_DATABASE_URL", "postgresql://kiosk@db.trungtam.local/quayso")
    settings = load_settings()
    age = doctor.check_backup_age(settings)
    assert age.ok and "pg_dump" in age.message
    assert doctor.check_backup_dir(settings).ok


def test_backup_dir_missing_unwritable_or_full(
    bound: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok = doctor.check_backup_dir(bound)
    assert ok.ok and "ghi được, còn trống" in ok.message
    assert not bound.backup_dir.exists()  # the doctor made nothing

    monkeypatch.setenv("KIOSK_BACKUP_DIR", str(tmp_path / "usb"))
    missing = doctor.check_backup_dir(load_settings())
    assert not missing.ok and not missing.required and "ổ USB" in missing.message

    monkeypatch.delenv("KIOSK_BACKUP_DIR")
    monkeypatch.setenv("KIOSK_DATABASE_URL", bound.effective_database_url)
    monkeypatch.setenv("KIOSK_DATA_DIR", str(bound.key_file))  # a file, not a folder
    unwritable = doctor.check_backup_dir(load_settings())
    assert not unwritable.ok and "Không ghi được vào" in unwritable.message
    assert "backup.dir" in unwritable.fix
    monkeypatch.setenv("KIOSK_DATA_DIR", str(bound.data_dir))

    with small_filesystem(tmp_path / "small", "1m") as small:
        monkeypatch.setenv("KIOSK_BACKUP_DIR", str(small))
        full = doctor.check_backup_dir(load_settings())
    assert not full.ok and not full.required
    assert "không đủ cho bản sao lưu tiếp theo" in full.message
    assert "backup.keep_days" in full.fix


def test_log_dir_writable_or_not(bound: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    ok = doctor.check_log_dir(bound)
    assert ok.ok and "kiosk.log" in ok.message and not ok.required

    blocked = bound.data_dir / "blocked"
    blocked.write_text("a file where the data dir should be", encoding="utf-8")
    monkeypatch.setenv("KIOSK_DATA_DIR", str(blocked))
    check = doctor.check_log_dir(load_settings())
    assert not check.ok and not check.required
    assert "kiosk vẫn chạy" in check.message


# -- QR decoders, fonts, camera ---------------------------------------------------------------


def test_decoders_work_here() -> None:
    assert doctor.check_zxing().ok
    assert doctor.check_zbar().ok
    assert doctor.check_opencv().ok


def test_missing_libzbar_says_which_package(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctypes.util

    for module in [m for m in sys.modules if m.startswith("pyzbar")]:
        monkeypatch.delitem(sys.modules, module)
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)

    check = doctor.check_zbar()

    assert not check.ok and not check.required
    assert check.fix == "apt-get install libzbar0"


def test_one_missing_library_does_not_hide_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "zxingcpp", None)  # import zxingcpp -> ImportError
    monkeypatch.setattr(runner, "check_fonts", lambda: 1 / 0)  # a check that crashes

    checks = by_name(run_checks(load_settings(), engine_for))

    assert len(checks) == len(ALL_CHECKS)
    assert not checks[doctor.ZXING].ok and "pip install zxing-cpp" in checks[doctor.ZXING].fix
    assert "ZeroDivisionError" in checks[doctor.FONTS].message
    assert checks[doctor.ZBAR].ok and checks[doctor.OPENCV].ok and checks[doctor.QT].ok


def test_fonts_prefer_a_bundled_vietnamese_font(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    thai = Path("/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf")
    if not (dejavu.is_file() and thai.is_file()):
        pytest.skip("needs fonts-dejavu-core and fonts-noto-core")

    monkeypatch.setattr(devices, "_bundled_fonts", lambda: [thai, dejavu])
    assert doctor.check_fonts().message == "Phông kèm theo: DejaVuSans.ttf."

    broken = tmp_path / "Broken.ttf"
    broken.write_bytes(b"not a font")
    monkeypatch.setattr(devices, "_bundled_fonts", lambda: [thai, broken])
    fallback = doctor.check_fonts()
    assert fallback.ok
    assert "(NotoSansThai-Regular.ttf, Broken.ttf thiếu dấu)" in fallback.message
    assert "dùng phông hệ thống" in fallback.message


@pytest.mark.parametrize("device", ["0", "/dev/video-nothing"])
def test_absent_camera_is_reported_not_required(device: str) -> None:
    if Path("/dev/video0").exists():
        pytest.skip("this machine has a camera")
    started = time.monotonic()
    check = doctor.check_camera(device)
    assert time.monotonic() - started < 2
    assert not check.ok and not check.required
    assert "Không tìm thấy camera" in check.message
    assert "KIOSK_CAMERA" in check.fix


def test_hanging_camera_is_given_up_on(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    monkeypatch.setattr(devices, "_grab_frame", lambda source, timeout: str(release.wait(30)))
    started = time.monotonic()
    try:
        check = doctor.check_camera("rtsp://192.0.2.1/stream", timeout=0.2)
    finally:
        release.set()
    assert time.monotonic() - started < 3
    assert not check.ok
    assert "không trả lời" in check.message


# -- printer ----------------------------------------------------------------------------------


def fake_lpstat(directory: Path, stdout: str, stderr: str = "", status: int = 0) -> None:
    """Put an ``lpstat`` on PATH that answers like CUPS would."""
    directory.mkdir(exist_ok=True)
    (directory / "out").write_text(stdout, encoding="utf-8")
    (directory / "err").write_text(stderr, encoding="utf-8")
    script = directory / "lpstat"
    script.write_text(
        f'#!/bin/sh\ncat "{directory}/out"\ncat "{directory}/err" >&2\nexit {status}\n',
        encoding="utf-8",
    )
    script.chmod(0o755)


LPSTAT = (
    "printer KioskPDF is idle.  enabled since Mon 23 Nov 2026 09:00:00 AM\n"
    "printer Receipt80 disabled since Mon 23 Nov 2026 09:10:00 AM -\n"
    "\tPaused\n"
    "system default destination: KioskPDF\n"
)


@pytest.mark.parametrize(
    ("configured", "ok", "words", "fix"),
    [
        ("", True, "'KioskPDF' (mặc định) sẵn sàng", ""),
        ("Receipt80", False, "đang bị tắt", "cupsenable Receipt80"),
        ("Epson", False, "Không có máy in 'Epson' (có: KioskPDF, Receipt80)", "KIOSK_PRINTER"),
    ],
    ids=["default", "disabled", "unknown"],
)
def test_printer_queue_from_lpstat(
    configured: str, ok: bool, words: str, fix: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_lpstat(tmp_path / "bin", LPSTAT)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    check = doctor.check_printer(configured)
    assert (check.ok, check.required) == (ok, False)
    assert words in check.message
    assert fix in check.fix


def test_printer_when_cups_is_down_or_absent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_lpstat(tmp_path / "bin", "", "lpstat: Bad file descriptor\n", status=1)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    down = doctor.check_printer("")
    assert "Bad file descriptor" in down.message and "cupsd" in down.fix

    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    absent = doctor.check_printer("")
    assert not absent.ok and not absent.required
    assert "apt-get install cups" in absent.fix


def test_escpos_printer_on_the_network() -> None:
    with socket.socket() as listener:  # a printer's raw port
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        check = doctor.check_escpos_printer(f"tcp://127.0.0.1:{port}")
    assert check.ok and f"127.0.0.1:{port} trả lời" in check.message

    started = time.monotonic()
    down = doctor.check_escpos_printer(f"tcp://127.0.0.1:{port}", timeout=0.5)
    assert time.monotonic() - started < 2
    assert not down.ok and not down.required
    assert "Không kết nối được máy in nhiệt" in down.message and "địa chỉ IP" in down.fix
    assert "không nhận kết nối ở cổng này" in down.message  # the OS's English stays in the log

    unknown = doctor.check_escpos_printer("tcp://may-in-khong-co.invalid:9100", timeout=0.5)
    assert not unknown.ok and "không tìm thấy máy có tên này" in unknown.message


def test_escpos_printer_device_file_and_serial_port(tmp_path: Path) -> None:
    device = tmp_path / "lp0"
    device.write_bytes(b"")
    assert doctor.check_escpos_printer(str(device)).ok

    for missing in (str(tmp_path / "lp9"), "serial:/dev/ttyNOTHING?baud=19200"):
        check = doctor.check_escpos_printer(missing)
        assert not check.ok and "chưa cắm cáp" in check.message

    empty = doctor.check_escpos_printer("")
    assert not empty.ok and "KIOSK_PRINT_DEVICE" in empty.fix


def test_printer_check_follows_the_backend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    device = tmp_path / "lp0"
    device.write_bytes(b"")
    monkeypatch.setenv("KIOSK_PRINT_BACKEND", "escpos")
    monkeypatch.setenv("KIOSK_PRINT_DEVICE", str(device))
    assert f"{device} sẵn sàng" in doctor.check_configured_printer(load_settings()).message

    monkeypatch.setenv("KIOSK_PRINT_BACKEND", "qt")
    monkeypatch.setenv("KIOSK_PRINTER", "Máy in không có")
    qt = doctor.check_configured_printer(load_settings())
    assert not qt.ok and not qt.required  # no printer of that name here, asked through Qt
    assert "Qt" in qt.message or "Máy in không có" in qt.message

    fake_lpstat(tmp_path / "bin", LPSTAT)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("KIOSK_PRINT_BACKEND", "cups")
    monkeypatch.setenv("KIOSK_PRINTER", "KioskPDF")
    assert doctor.check_configured_printer(load_settings()).message == "Máy in 'KioskPDF' sẵn sàng."


# -- Qt ---------------------------------------------------------------------------------------


def test_qt_loads_here() -> None:
    check = doctor.check_qt()
    assert check.ok, check.message


def test_missing_display_libraries_name_their_packages() -> None:
    ldd = (
        "\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f)\n"
        "\tlibxcb-cursor.so.0 => not found\n"
        "\tlibxkbcommon-x11.so.0 => not found\n"
        "\tlibEGL.so.1 => not found\n"
    )
    missing = doctor.missing_libraries(ldd)
    assert missing == ["libEGL.so.1", "libxcb-cursor.so.0", "libxkbcommon-x11.so.0"]
    assert [doctor.debian_package(m) for m in missing] == [
        "libegl1",
        "libxcb-cursor0",
        "libxkbcommon-x11-0",
    ]
    assert doctor.debian_package("libdbus-1.so.3") == "libdbus-1-3"


# -- the command ------------------------------------------------------------------------------


def kiosk_command(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m kiosk`` with this test's environment (its config and data dirs)."""
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        env={**os.environ, "KIOSK_CAMERA": "/dev/video-nothing"},
        check=False,
    )


def test_command_exits_0_when_only_optional_checks_fail(bound: Settings) -> None:
    result = kiosk_command("doctor")

    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(lines) == len(ALL_CHECKS)
    assert all(line.startswith(("OK  ", "LỖI ")) for line in lines)
    assert any(line.startswith("LỖI Camera") and "Cách khắc phục" in line for line in lines)
    assert result.stderr == ""


def test_command_exits_1_when_a_required_check_fails(bound: Settings) -> None:
    bound.key_file.write_text("garbage", encoding="ascii")

    result = kiosk_command("doctor")

    assert result.returncode == 1
    assert any(line.startswith(f"LỖI {doctor.KEY}") for line in result.stdout.splitlines())


def test_doctor_keeps_qt_out_of_its_process(bound: Settings) -> None:
    probe = (
        "import sys\n"
        "from kiosk.app import engine_for\n"
        "from kiosk.services.upkeep.doctor import run_checks\n"
        "from kiosk.settings import load_settings\n"
        "run_checks(load_settings(), engine_for)\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"


def test_doctor_reads_a_database_another_process_is_writing(bound: Settings) -> None:
    writer = create_engine(bound.effective_database_url)
    with writer.connect() as connection:
        connection.exec_driver_sql("BEGIN IMMEDIATE")  # a kiosk in the middle of a write
        connection.execute(text("INSERT INTO kiosk_meta (key, value) VALUES ('busy', 'yes')"))
        started = time.monotonic()
        check = inspect_database(bound, engine_for).check
        assert time.monotonic() - started < 2  # the doctor takes no write lock
        connection.rollback()
    writer.dispose()
    assert check.ok
