"""The print queue beyond CUPS: pruning printed jobs, choosing the printer from the settings.

Jobs are printed for real, to an ESC/POS "device file" in the test's directory (the same
path a USB printer takes through usblp), so no printer code is mocked.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from kiosk.app import build_printer
from kiosk.cli import main
from kiosk.devices.printers.cups import CupsPrinter
from kiosk.devices.printers.escpos import EscPosPrinter
from kiosk.devices.printers.targets import parse_target
from kiosk.documents.receipt_raster import png_bytes
from kiosk.domain.clock import FixedClock, SystemClock
from kiosk.errors import InputError, SettingsError
from kiosk.services.printing import DONE, FAILED, QUEUED, PrintQueue
from kiosk.settings import load_settings
from kiosk.storage.database import create_kiosk_engine, upgrade_schema
from kiosk.storage.models import AuditEntry
from kiosk.storage.unit_of_work import Database

SLIP = png_bytes(Image.new("1", (576, 48), 255))


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    engine = create_kiosk_engine(f"sqlite:///{tmp_path / 'data' / 'kiosk.sqlite3'}")
    upgrade_schema(engine)
    database = Database(engine)
    yield database
    database.dispose()


@pytest.fixture
def device(tmp_path: Path) -> Path:
    path = tmp_path / "lp0"
    path.write_bytes(b"")
    return path


@pytest.fixture
def cli_queue(
    device: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[PrintQueue]:
    """The settings of ``kiosk print-queue`` (an ESC/POS device file), its database made by a
    first ``kiosk print-queue list``, and the queue on that database."""
    url = f"sqlite:///{tmp_path / 'data' / 'kiosk.sqlite3'}"
    monkeypatch.setenv("KIOSK_DATABASE_URL", url)
    monkeypatch.setenv("KIOSK_PRINT_BACKEND", "escpos")
    monkeypatch.setenv("KIOSK_PRINT_DEVICE", str(device))
    assert main(["print-queue", "list"]) == 0
    database = Database(create_kiosk_engine(url))
    yield PrintQueue(database, SystemClock(), EscPosPrinter(parse_target(str(device))))
    database.dispose()


def test_prune_deletes_only_printed_jobs_older_than_the_limit(
    db: Database, clock: FixedClock, device: Path
) -> None:
    printing = PrintQueue(db, clock, EscPosPrinter(parse_target(str(device))))
    old = printing.enqueue(SLIP, "Q01-20261101-0001", "80mm")
    printing.process()
    clock.advance(days=5)
    recent = printing.enqueue(SLIP, "Q01-20261106-0001", "80mm")
    printing.process()
    offline = PrintQueue(db, clock, EscPosPrinter(parse_target(str(device) + ".gone")))
    waiting = offline.enqueue(SLIP, "Q01-20261106-0002", "80mm")
    offline.process()
    clock.advance(days=5)  # old: printed 10 days ago; recent: 5; waiting: never printed

    assert offline.prune(older_than_days=7) == 1
    assert [(job.id, job.status) for job in offline.list()] == [(waiting, QUEUED), (recent, DONE)]
    assert old not in {job.id for job in offline.list()}
    assert offline.prune(older_than_days=7) == 0
    clock.advance(days=365)
    assert offline.prune(older_than_days=0) == 1  # a waiting job is never pruned
    assert [job.id for job in offline.list()] == [waiting]
    with pytest.raises(InputError):
        offline.prune(older_than_days=-1)
    with db.unit_of_work() as uow:
        actions = list(uow.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions.count("print_pruned") == 2


def test_cli_prune(cli_queue: PrintQueue, capsys: pytest.CaptureFixture[str]) -> None:
    cli_queue.enqueue(SLIP, "Q01-20261123-0001", "80mm")
    assert [job.status for job in cli_queue.process()] == [DONE]
    capsys.readouterr()
    assert main(["print-queue", "prune"]) == 0
    assert "Đã xóa 0 lệnh in đã in quá 7 ngày." in capsys.readouterr().out
    assert main(["print-queue", "prune", "--older-than-days", "0"]) == 0
    assert "Đã xóa 1 lệnh in đã in quá 0 ngày." in capsys.readouterr().out
    assert main(["print-queue", "list"]) == 0
    assert "Hàng in trống." in capsys.readouterr().out
    with pytest.raises(SystemExit) as exited:
        main(["print-queue", "prune", "--older-than-days", "-3"])
    assert exited.value.code == 2


def test_enqueue_takes_pdf_and_png_only(db: Database, clock: FixedClock, device: Path) -> None:
    queue = PrintQueue(db, clock, EscPosPrinter(parse_target(str(device))))
    with pytest.raises(InputError, match="PDF hoặc ảnh PNG"):
        queue.enqueue(b"GIF89a", "Q01-20261123-0001", "80mm")
    assert queue.enqueue(SLIP, "Q01-20261123-0001", "80mm") > 0
    assert queue.enqueue(b"%PDF-1.4\n", "Q01-20261123-0002", "80mm") > 0
    assert queue.pending_count() == 2


def test_the_settings_choose_the_printer(
    isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = load_settings()
    assert (settings.print_backend, settings.print_device) == ("cups", "")
    assert isinstance(build_printer(settings), CupsPrinter)

    monkeypatch.setenv("KIOSK_PRINT_BACKEND", "escpos")
    monkeypatch.setenv("KIOSK_PRINT_DEVICE", "serial:/dev/ttyUSB0?baud=38400&rtscts=1")
    printer = build_printer(load_settings())
    assert isinstance(printer, EscPosPrinter)
    assert printer.target.baudrate == 38400 and printer.target.rtscts
    assert printer.formats == ("png",)

    config = isolated_dirs / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.toml").write_text(
        '[printing]\nbackend = "qt"\nprinter = "XP-80C"\ndevice = "tcp://10.0.0.9"\n',
        encoding="utf-8",
    )
    monkeypatch.delenv("KIOSK_PRINT_BACKEND")
    monkeypatch.delenv("KIOSK_PRINT_DEVICE")
    qt = load_settings()
    assert (qt.print_backend, qt.printer_name, qt.print_device) == (
        "qt",
        "XP-80C",
        "tcp://10.0.0.9",
    )

    (config / "settings.toml").write_text('[printing]\ndevice = "tcp://:80"\n', encoding="utf-8")
    with pytest.raises(SettingsError, match=r"'printing\.device' phải có tên"):
        load_settings()
    (config / "settings.toml").write_text('[printing]\nbackend = "lpr"\n', encoding="utf-8")
    with pytest.raises(SettingsError, match=r"'printing\.backend'"):
        load_settings()


def test_the_composition_root_refuses_an_escpos_printer_it_cannot_drive(
    isolated_dirs: Path,
) -> None:
    """ESC/POS needs an address and a roll: the key that is wrong is named, nothing is built."""
    escpos = replace(load_settings(), print_backend="escpos", print_device="/dev/usb/lp0")
    assert isinstance(build_printer(escpos), EscPosPrinter)
    with pytest.raises(SettingsError, match=r"'printing\.device' phải có địa chỉ máy in nhiệt"):
        build_printer(replace(escpos, print_device=""))
    with pytest.raises(SettingsError, match=r"'printing\.paper' phải là 80mm hoặc 58mm.*'a5'"):
        build_printer(replace(escpos, receipt_paper="a5"))
    with pytest.raises(SettingsError, match=r"'printing\.device' có cổng TCP không hợp lệ"):
        build_printer(replace(escpos, print_device="tcp://10.0.0.9:99999"))


def test_choosing_the_qt_route_loads_no_qt(tmp_path: Path) -> None:
    """The CLI's print queue builds a Qt printer without importing PySide6 until it prints."""
    code = (
        "import sys\n"
        "from kiosk.settings import load_settings\n"
        "from kiosk.app import build_printer\n"
        "from kiosk.services.printing import PrintQueue\n"
        "printer = build_printer(load_settings())\n"
        "print(type(printer).__name__, sorted(n for n in sys.modules if n.startswith('PySide6')))\n"
    )
    env = {"KIOSK_PRINT_BACKEND": "qt", "KIOSK_CONFIG_DIR": str(tmp_path), "PATH": "/usr/bin"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert result.stdout.strip() == "QtSystemPrinter []"


def test_checking_printing_device_loads_no_scanner_code(tmp_path: Path) -> None:
    """The settings check the ESC/POS address with printers.targets alone (every CLI command
    loads the settings): no numpy, no QR decoders, no printer route, no Qt."""
    code = (
        "import sys\n"
        "from kiosk.settings import load_settings\n"
        "print(load_settings().print_device)\n"
        "heavy = ('numpy', 'PIL', 'PySide6', 'kiosk.devices.qr_decoders', 'kiosk.devices.images',\n"
        "         'kiosk.devices.printers.escpos', 'kiosk.devices.printers.cups')\n"
        "print(sorted(n for n in sys.modules if n.startswith(heavy)))\n"
    )
    env = {
        "KIOSK_PRINT_DEVICE": "serial:/dev/ttyUSB0?baud=38400",
        "KIOSK_CONFIG_DIR": str(tmp_path),
        "PATH": "/usr/bin",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert result.stdout.splitlines() == ["serial:/dev/ttyUSB0?baud=38400", "[]"]


BROKEN_SLIP = b"\x89PNG\r\n\x1a\n" + b"not an image after all" * 4  # a PNG by its signature only


def test_a_job_that_cannot_print_does_not_hold_the_others(
    db: Database, clock: FixedClock, device: Path
) -> None:
    queue = PrintQueue(db, clock, EscPosPrinter(parse_target(str(device))))
    broken = queue.enqueue(BROKEN_SLIP, "Q01-20261123-0001", "80mm")
    good = queue.enqueue(SLIP, "Q01-20261123-0002", "80mm")

    first, second = queue.process()
    assert (first.id, first.status, second.id, second.status) == (broken, FAILED, good, DONE)
    assert first.last_error is not None and "bị hỏng nên không in được" in first.last_error
    assert device.read_bytes()  # the good receipt reached the printer

    # The failed job is not tried again by itself (every 30 s, for ever): a person asks.
    later = queue.enqueue(SLIP, "Q01-20261123-0003", "80mm")
    assert [(job.id, job.status) for job in queue.process()] == [(later, DONE)]
    assert (queue.pending_count(), queue.pending_count(failed=False)) == (1, 0)
    [again] = queue.process(retry_failed=True)
    assert (again.id, again.status, again.attempts) == (broken, FAILED, 2)


def test_jobs_behind_a_printer_that_is_not_ready_are_reported_held(
    db: Database, clock: FixedClock, tmp_path: Path
) -> None:
    unplugged = EscPosPrinter(parse_target(str(tmp_path / "lp-unplugged")))
    queue = PrintQueue(db, clock, unplugged)
    older = queue.enqueue(SLIP, "Q01-20261123-0001", "80mm")
    current = queue.enqueue(SLIP, "Q01-20261123-0002", "80mm")

    tried, held = queue.process()
    assert (tried.id, tried.status, tried.attempts, tried.held) == (older, QUEUED, 1, False)
    assert (held.id, held.status, held.attempts, held.held) == (current, QUEUED, 0, True)
    assert held.last_error == tried.last_error and held.last_error
    assert held.size == len(SLIP)
    stored = queue.get(current)  # the reason of the printer, not of this job: not stored
    assert (stored.attempts, stored.last_error) == (0, None)


def test_cli_retry_tries_failed_jobs_too(
    cli_queue: PrintQueue, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = cli_queue.enqueue(BROKEN_SLIP, "Q01-20261123-0001", "80mm")
    assert [job.status for job in cli_queue.process()] == [FAILED]
    capsys.readouterr()
    assert main(["print-queue", "retry"]) == 1
    out = capsys.readouterr().out
    assert f"#{broken} Q01-20261123-0001: chưa in:" in out
    assert "Còn 1 biên nhận chờ in." in out
    assert main(["print-queue", "list"]) == 0
    listed = capsys.readouterr().out
    assert "\t80mm\tlỗi\t" in listed and "failed" not in listed  # the state in Vietnamese
