"""Schema versions handled on purpose (issue 14, item 6).

A local database stamped by a newer kiosk is refused with a message (exit 7, and on
screen), never migrated or crashed on. Counters never migrate the centre: against the real
PostgreSQL server, a centre older or newer than the counter takes nothing, the counter
keeps its visits queued and says which side to update (top bar, ``kiosk sync status``, the
doctor), and sends them once the versions agree (``kiosk centre upgrade`` for an older
centre, an updated counter for a newer one).
"""

from __future__ import annotations

import io
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from alembic import command
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, inspect, text

from kiosk.app import Kiosk, build_kiosk, engine_for
from kiosk.cli import main
from kiosk.errors import SchemaVersionError
from kiosk.services.sync import CENTRE_OUTDATED, COUNTER_OUTDATED, DrainResult
from kiosk.services.sync.central import transaction_ids
from kiosk.services.upkeep.doctor.centre import check_centre
from kiosk.services.upkeep.doctor.centre_schema import check_centre_schema
from kiosk.settings import load_settings
from kiosk.storage.database import (
    _alembic_config,
    create_kiosk_engine,
    current_revision,
    head_revision,
)
from kiosk.ui.startup_error import StartupErrorWindow
from kiosk.ui.widgets.top_bar import TopBar
from tests.conftest import CounterFactory, _schema_of, sync_of
from tests.factories import finished_visit

FUTURE = "9001"  # a revision a newer kiosk wrote: this one has never heard of it
OLDER = "0004"  # a revision this kiosk ships, one before its newest
PIN = "2468"


def stamp(url: str, revision: str) -> None:
    """Stamp a database as if another kiosk version had migrated it (schema unchanged)."""
    engine = create_kiosk_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    finally:
        engine.dispose()


def revision_of(url: str) -> str | None:
    engine = create_kiosk_engine(url)
    try:
        return current_revision(engine)
    finally:
        engine.dispose()


def centre_tables(url: str) -> set[str]:
    engine = create_kiosk_engine(url)
    try:
        with engine.connect() as connection:
            return set(inspect(connection).get_table_names())
    finally:
        engine.dispose()


def on_centre(kiosk: Kiosk) -> int:
    with sync_of(kiosk).central.unit_of_work() as uow:
        return len(transaction_ids(uow.session, kiosk.settings.counter_code))


def centre_at(url: str, revision: str) -> None:
    """The centre's schema as an older kiosk's administrator left it: migrated to ``revision``."""
    engine = create_kiosk_engine(url)
    try:
        command.upgrade(_alembic_config(engine), revision)
    finally:
        engine.dispose()


def use_counter(monkeypatch: pytest.MonkeyPatch, kiosk: Kiosk, central_url: str) -> None:
    """Point the CLI at the counter's own database and its centre."""
    monkeypatch.setenv("KIOSK_DATABASE_URL", kiosk.settings.effective_database_url)
    monkeypatch.setenv("KIOSK_CENTRAL_DATABASE_URL", central_url)
    monkeypatch.setenv("KIOSK_COUNTER_CODE", kiosk.settings.counter_code)


def admin_command(monkeypatch: pytest.MonkeyPatch, pin: str, *argv: str) -> int:
    """Run a command with the admin's PIN on standard input (no terminal), as a script would."""
    monkeypatch.setattr("sys.stdin", io.StringIO(pin + "\n"))
    return main(list(argv))


def sync_note(bar: TopBar, kiosk: Kiosk) -> str:
    """What the top bar says about the link, given the counter's current sync status."""
    bar.show_sync(sync_of(kiosk).status())
    return bar.sync_state.text()


def top_bar(qtbot: QtBot) -> TopBar:
    bar = TopBar("Trung tâm · Q01")
    qtbot.addWidget(bar)  # held by the test: a bar collected mid-test upsets its Reflow
    return bar


# -- the counter's own database ---------------------------------------------------------------


def local_database_from_a_newer_kiosk(isolated_dirs: Path) -> str:
    assert main(["helper", "list"]) == 0  # a working counter, at this kiosk's schema
    url = load_settings().effective_database_url
    stamp(url, FUTURE)
    return url


def test_a_newer_local_schema_is_refused_with_a_message_and_left_alone(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = local_database_from_a_newer_kiosk(isolated_dirs)
    capsys.readouterr()
    path = Path(url.removeprefix("sqlite:///"))
    before = sqlite3.connect(path).execute("SELECT name FROM sqlite_master").fetchall()

    assert main(["helper", "list"]) == 7
    err = capsys.readouterr().err
    assert f"lược đồ {FUTURE}, mới hơn phiên bản Quầy Số này" in err
    assert "cập nhật Quầy Số trên máy này" in err and "Lỗi không mong đợi" not in err
    assert main(["sync", "status"]) == 7  # every command, not only one
    assert revision_of(url) == FUTURE  # nothing migrated, nothing removed
    assert sqlite3.connect(path).execute("SELECT name FROM sqlite_master").fetchall() == before
    with pytest.raises(SchemaVersionError, match=head_revision()):
        build_kiosk(load_settings())


def test_a_newer_local_schema_is_shown_on_screen(qapp: QApplication, isolated_dirs: Path) -> None:
    local_database_from_a_newer_kiosk(isolated_dirs)
    seen: list[str] = []

    def read_and_close() -> None:
        for widget in qapp.topLevelWidgets():
            if isinstance(widget, StartupErrorWindow) and widget.isVisible():
                seen.append(widget.message.text())
                widget.close()

    # A 1 ms timer, not a queued call (singleShot(0)): it waits for the event loop, which
    # runs once the kiosk is built; the welcome's first frame, painted before, runs none.
    QTimer.singleShot(1, read_and_close)
    assert main([]) == 7  # closing the message still ends a failed start, as the CLI does
    assert len(seen) == 1 and f"lược đồ {FUTURE}, mới hơn phiên bản Quầy Số này" in seen[0]


# -- a centre at another schema than the counter's ----------------------------------------


@pytest.mark.postgres
def test_an_older_centre_is_not_migrated_by_a_counter_and_its_admin_upgrades_it(
    make_counter: CounterFactory,
    pg_schema_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    qtbot: QtBot,
) -> None:
    bar = top_bar(qtbot)
    centre_at(pg_schema_url, OLDER)
    q01 = make_counter("Q01", pg_schema_url)
    q01.helpers.add("lan.admin", "Nguyễn Thị Lan", PIN, kind="staff", role="admin")
    finished_visit(q01)
    finished_visit(q01)

    status = sync_of(q01).drain().status

    assert (status.online, status.refusal, status.pending) == (True, CENTRE_OUTDATED, 2)
    assert status.last_error and "kiosk centre upgrade" in status.last_error
    assert revision_of(pg_schema_url) == OLDER and "sync_outbox" not in centre_tables(pg_schema_url)
    assert sync_note(bar, q01) == "Cần cập nhật máy chủ trung tâm · 2 chờ gửi"
    doctor = check_centre_schema(q01.settings, engine_for)
    assert not doctor.ok and f"lược đồ {OLDER}, cũ hơn quầy này" in doctor.message
    assert "kiosk centre upgrade" in doctor.fix
    use_counter(monkeypatch, q01, pg_schema_url)
    capsys.readouterr()
    assert main(["sync", "status"]) == 7
    captured = capsys.readouterr()
    assert "cần cập nhật máy chủ trung tâm" in captured.out
    assert "Đang chờ gửi: 2 mục" in captured.out
    assert "cần cập nhật máy chủ trung tâm" in captured.err
    assert revision_of(pg_schema_url) == OLDER  # `kiosk sync` did not migrate it either

    # The admin's command says what it will do, and does nothing unconfirmed.
    assert admin_command(monkeypatch, PIN, "centre", "upgrade", "--admin", "lan.admin") == 2
    out = capsys.readouterr()
    assert f"lược đồ {OLDER}; Quầy Số này: lược đồ {head_revision()}" in out.out
    assert f"  {head_revision()}  " in out.out and "--yes" in out.err
    assert revision_of(pg_schema_url) == OLDER
    assert (
        admin_command(monkeypatch, "0000", "centre", "upgrade", "--admin", "lan.admin", "--yes")
        == 5
    )
    assert revision_of(pg_schema_url) == OLDER  # a wrong PIN changes nothing
    assert (
        admin_command(monkeypatch, PIN, "centre", "upgrade", "--admin", "lan.admin", "--yes") == 0
    )
    assert f"lên lược đồ {head_revision()}" in capsys.readouterr().out
    assert revision_of(pg_schema_url) == head_revision()

    result = sync_of(q01).drain()  # the versions agree: the queue goes, each visit once
    assert (result.sent, result.status.pending, result.status.refusal) == (2, 0, None)
    assert on_centre(q01) == 2
    assert sync_note(bar, q01) == ""
    assert check_centre_schema(q01.settings, engine_for).ok
    assert admin_command(monkeypatch, PIN, "centre", "upgrade", "--admin", "lan.admin") == 0
    assert "không có gì để làm" in capsys.readouterr().out


@pytest.mark.postgres
def test_a_new_empty_centre_waits_for_its_admin(
    make_counter: CounterFactory, pg_schema_url: str, pg_admin: Engine
) -> None:
    q01 = make_counter("Q01", pg_schema_url)
    schema = _schema_of(pg_schema_url)
    with pg_admin.connect() as connection:  # the centre as a new server gives it: empty
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    finished_visit(q01)

    status = sync_of(q01).drain().status

    assert (status.refusal, status.pending) == (CENTRE_OUTDATED, 1)
    assert status.last_error and "chưa có lược đồ" in status.last_error
    assert centre_tables(pg_schema_url) == set()  # the counter created nothing there


@pytest.mark.postgres
def test_a_newer_centre_keeps_the_counter_queueing_until_it_is_updated(
    make_counter: CounterFactory,
    pg_schema_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    qtbot: QtBot,
) -> None:
    bar = top_bar(qtbot)
    q01 = make_counter("Q01", pg_schema_url)
    q01.helpers.add("lan.admin", "Nguyễn Thị Lan", PIN, kind="staff", role="admin")
    finished_visit(q01)
    assert sync_of(q01).drain().sent == 1  # both at this kiosk's schema: sent
    # Another counter's administrator upgrades the centre while this counter runs.
    stamp(pg_schema_url, FUTURE)
    finished_visit(q01)
    finished_visit(q01)

    status = sync_of(q01).drain().status

    assert (status.online, status.refusal, status.pending) == (True, COUNTER_OUTDATED, 2)
    assert on_centre(q01) == 1  # checked before sending, not only when the counter started
    assert revision_of(pg_schema_url) == FUTURE
    assert sync_note(bar, q01) == "Cần cập nhật quầy này · 2 chờ gửi"
    doctor = check_centre_schema(q01.settings, engine_for)
    assert not doctor.ok and f"lược đồ {FUTURE}, mới hơn quầy này" in doctor.message
    assert "kết nối được" in check_centre(q01.settings, engine_for).message  # the link is fine
    use_counter(monkeypatch, q01, pg_schema_url)
    capsys.readouterr()
    assert main(["sync", "send"]) == 7
    captured = capsys.readouterr()
    assert "cần cập nhật quầy này" in captured.out and "cần cập nhật quầy này" in captured.err
    assert (
        admin_command(monkeypatch, PIN, "centre", "upgrade", "--admin", "lan.admin", "--yes") == 7
    )
    assert "mới hơn phiên bản Quầy Số này" in capsys.readouterr().err
    assert revision_of(pg_schema_url) == FUTURE and on_centre(q01) == 1

    # This counter updated to the centre's version (here: the centre's stamp back at the
    # schema this kiosk ships, which is the same thing seen from the counter).
    stamp(pg_schema_url, head_revision())
    result = sync_of(q01).drain()
    assert (result.sent, result.status.pending, result.status.refusal) == (2, 0, None)
    assert on_centre(q01) == 3


@pytest.mark.postgres
def test_a_batch_sent_during_a_migration_waits_for_it_and_then_sends_nothing(
    make_counter: CounterFactory, pg_schema_url: str, pg_admin: Engine
) -> None:
    q01 = make_counter("Q01", pg_schema_url)
    finished_visit(q01)
    assert sync_of(q01).drain().sent == 1
    finished_visit(q01)
    migration = create_kiosk_engine(pg_schema_url)
    with migration.connect() as connection:
        # What migrations/env.py does first, then a newer kiosk's migration stamping its revision.
        connection.execute(text("LOCK TABLE alembic_version IN EXCLUSIVE MODE"))
        connection.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": FUTURE})
        results: list[DrainResult] = []
        sender = threading.Thread(target=lambda: results.append(sync_of(q01).drain()))
        sender.start()
        deadline = time.monotonic() + 10
        with pg_admin.connect() as admin:
            while not admin.execute(
                text("SELECT count(*) FROM pg_locks WHERE NOT granted AND locktype = 'relation'")
            ).scalar():
                assert time.monotonic() < deadline, "the sender did not wait for the migration"
                time.sleep(0.01)
        assert not results  # held back while the migration runs
        connection.commit()
    migration.dispose()
    sender.join(timeout=20)
    assert results and results[0].sent == 0
    assert (results[0].status.refusal, results[0].status.pending) == (COUNTER_OUTDATED, 1)
    assert on_centre(q01) == 1
