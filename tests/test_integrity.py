"""Nothing read from a damaged database, nothing started afresh over a lost one (issue 14).

One index b-tree of a real database file is damaged the way a bad sector or a torn write
does it: the page of ``ix_transactions_counter_day`` (the index an export reads the period
through) claims 7 cells where it holds 15. Every query that goes through that index then
silently returns 7 of the 15 visits: an export used to write 7 rows without a word while
``kiosk doctor`` said the database was OK. ``PRAGMA quick_check`` sees the damage; now the
doctor says so with the way out, and export, backup and close-day refuse before writing.

A database file that held this counter's data and is now missing or 0 bytes used to be
taken for a new one (receipt numbers started again at 0001), and a missing privacy key was
replaced by a new one; both are now refused with a message that says what is missing.
"""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.app import Kiosk, build_kiosk
from kiosk.cli import main
from kiosk.domain.clock import FixedClock
from kiosk.domain.values import ServiceOutcome
from kiosk.services.people.privacy import PrivacyKeyMissingError
from kiosk.services.upkeep.backup import create_backup, list_backups
from kiosk.settings import Settings
from kiosk.storage.integrity import DatabaseVanishedError
from kiosk.storage.models import DayClosure
from tests.conftest import AdminCommand
from tests.factories import finished_visit

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

VISITS = 15
SHOWN = 7  # the cells the damaged index page still claims
DAY = "2026-11-23"  # the fixed clock's day
INDEX = "ix_transactions_counter_day"


def database_file(settings: Settings) -> Path:
    return Path(settings.effective_database_url.removeprefix("sqlite:///"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def fifteen_visits_then_damage_an_index(kiosk: Kiosk, clock: FixedClock) -> Path:
    """15 finished visits in a real file; then its index page claims 7 cells of its 15."""
    for _ in range(VISITS):
        finished_visit(kiosk, ServiceOutcome("vssid", "done"))
        clock.advance(minutes=4)
    kiosk.close()
    path = database_file(kiosk.settings)
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (INDEX,)
        ).fetchone()
    connection.close()
    data = bytearray(path.read_bytes())
    header = (root - 1) * page_size  # an index page: no 100-byte file header before it
    assert data[header] == 0x0A  # a leaf page of an index b-tree, holding every entry
    assert struct.unpack(">H", data[header + 3 : header + 5]) == (VISITS,)
    data[header + 3 : header + 5] = struct.pack(">H", SHOWN)
    path.write_bytes(bytes(data))
    return path


def test_a_damaged_index_is_caught_and_nothing_is_read_from_it(
    kiosk: Kiosk,
    clock: FixedClock,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    as_admin: AdminCommand,
) -> None:
    path = fifteen_visits_then_damage_an_index(kiosk, clock)
    with sqlite3.connect(path) as connection:  # the damage is silent: queries just lose rows
        through_index = connection.execute(
            f"SELECT count(*) FROM transactions INDEXED BY {INDEX} "
            f"WHERE counter_id = 1 AND business_day BETWEEN '{DAY}' AND '{DAY}'"
        ).fetchone()[0]
    connection.close()
    assert through_index == SHOWN
    before = path.read_bytes()

    code, out, _ = run(capsys, "doctor")
    assert code == 1
    (line,) = [line for line in out.splitlines() if "Toàn vẹn dữ liệu" in line]
    assert line.startswith("LỖI") and "bị hỏng" in line and "quick_check" in line
    assert "kiosk restore" in line  # the way out

    out_file = tmp_path / "visits.csv"
    code, out, err = run(
        capsys, "export", "--from", DAY, "--to", DAY, "--format", "csv", "--out", str(out_file)
    )
    assert code == 3, out
    assert "bị hỏng" in err and "kiosk restore" in err and "kiosk backup --list" in err
    assert not out_file.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".visits")]  # no partial

    code, _, err = run(capsys, "backup")
    assert code == 3 and "bị hỏng" in err and "kiosk restore" in err
    assert list_backups(kiosk.settings) == []

    assert path.read_bytes() == before  # the doctor, export and backup wrote nothing
    code, _, err = run(capsys, *as_admin("close-day", "--date", DAY))
    assert code == 3 and "bị hỏng" in err and "kiosk restore" in err
    # the day is not closed (only the admin's sign-in was written, as an audit line)
    reopened = build_kiosk(kiosk.settings, clock=clock, migrate=False)
    try:
        with reopened.db.unit_of_work() as uow:
            assert uow.session.scalar(select(func.count()).select_from(DayClosure)) == 0
    finally:
        reopened.close()


def test_a_whole_database_passes_the_doctor_and_exports_every_visit(
    kiosk: Kiosk, clock: FixedClock, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for _ in range(3):
        finished_visit(kiosk)
    code, out, _ = run(capsys, "doctor")
    (line,) = [line for line in out.splitlines() if "Toàn vẹn dữ liệu" in line]
    assert line.startswith("OK") and "quick_check không thấy hư hỏng" in line
    out_file = tmp_path / "visits.csv"
    code, out, _ = run(
        capsys, "export", "--from", DAY, "--to", DAY, "--format", "csv", "--out", str(out_file)
    )
    assert code == 0 and len(out_file.read_text(encoding="utf-8-sig").splitlines()) == 1 + 3


@pytest.mark.parametrize("loss", ["zero_bytes", "deleted"])
def test_a_lost_database_is_refused_not_started_again(
    kiosk: Kiosk,
    clock: FixedClock,
    capsys: pytest.CaptureFixture[str],
    loss: str,
    as_admin: AdminCommand,
) -> None:
    assert finished_visit(kiosk).receipt_no == "Q01-20261123-0001"
    backup = create_backup(kiosk.settings, clock)
    kiosk.close()
    path = database_file(kiosk.settings)
    for end in ("-wal", "-shm"):
        Path(f"{path}{end}").unlink(missing_ok=True)
    if loss == "zero_bytes":
        path.write_bytes(b"")
    else:
        path.unlink()

    with pytest.raises(DatabaseVanishedError) as refused:
        build_kiosk(kiosk.settings, clock=clock)
    assert "đã mất hoặc trống" in refused.value.message
    assert "kiosk restore" in refused.value.message
    assert refused.value.exit_code == 3
    assert (path.stat().st_size if path.exists() else None) == (
        0 if loss == "zero_bytes" else None
    )  # not re-created, not migrated
    code, out, _ = run(capsys, "doctor")
    assert code == 1
    for name in ("Cơ sở dữ liệu:", "Toàn vẹn dữ liệu:"):
        (line,) = [line for line in out.splitlines() if name in line]
        assert line.startswith("LỖI") and "kiosk restore" in line, line
    assert "sẽ được tạo" not in out
    assert (path.stat().st_size if path.exists() else None) == (  # the doctor only looked
        0 if loss == "zero_bytes" else None
    )

    # the way out works; the backup's admin vouches for it
    code, out, _ = run(capsys, *as_admin("restore", "--yes", backup.path.name))
    assert code == 0, out
    again = build_kiosk(kiosk.settings, clock=clock)
    try:
        assert finished_visit(again).receipt_no == "Q01-20261123-0002"  # numbers go on
    finally:
        again.close()


def test_a_new_counter_given_the_centre_key_still_starts_its_first_database(
    settings: Settings, clock: FixedClock, tmp_path: Path
) -> None:
    from kiosk.services.people.privacy import load_or_create_key

    load_or_create_key(settings.key_file)  # copied from the first counter, before first start
    first = build_kiosk(settings, clock=clock)
    try:
        assert finished_visit(first).receipt_no == "Q01-20261123-0001"
    finally:
        first.close()


def test_a_missing_key_is_reported_missing_never_replaced(
    kiosk: Kiosk, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    finished_visit(kiosk)
    kiosk.close()
    key = kiosk.settings.key_file
    key.unlink()

    with pytest.raises(PrivacyKeyMissingError) as refused:
        build_kiosk(kiosk.settings, clock=clock)
    assert "Không có tệp khóa" in refused.value.message
    assert kiosk.vault.fingerprint in refused.value.message
    assert refused.value.exit_code == 6
    assert not key.exists()  # no new key was made

    code, _, err = run(capsys, "helper", "list")
    assert code == 6 and "Không có tệp khóa" in err and "không khớp" not in err
    assert not key.exists()

    key.with_name("bound-databases.json").unlink()  # the database's own record suffices
    with pytest.raises(PrivacyKeyMissingError):
        build_kiosk(kiosk.settings, clock=clock)
    assert not key.exists()
