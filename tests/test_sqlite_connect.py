"""Opening the SQLite file: WAL switched on once, and never "database is locked" at connect.

Switching a file to WAL writes its header under an exclusive lock. When another connection
holds the write lock meanwhile (another kiosk switching the same new file, or writing to
it), SQLite answers "database is locked" at once instead of waiting: waiting could deadlock,
since the switching connection already holds a read lock. Seen once in eight runs of
tests/test_concurrency_pg.py[sqlite], where four processes open a new file together.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine

from kiosk.errors import DatabaseCorruptError
from kiosk.storage.database import check_is_ours, create_kiosk_engine

HOLD_SECONDS = 0.3
CONNECTIONS = 6


def _journal_mode(engine: Engine) -> str:
    with engine.connect() as connection:
        reading = connection.execution_options(sqlite_begin="DEFERRED")  # not a writer
        return str(reading.exec_driver_sql("PRAGMA journal_mode").scalar())


def _hold_write_lock(path: Path) -> sqlite3.Connection:
    """Another program's connection holding the write lock of ``path`` (rollback journal)."""
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def test_connections_to_a_new_file_wait_for_a_writer_then_use_wal(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.sqlite3"
    holder = _hold_write_lock(path)
    release = threading.Timer(HOLD_SECONDS, holder.execute, args=("ROLLBACK",))
    engines = [create_kiosk_engine(f"sqlite:///{path}") for _ in range(CONNECTIONS)]
    start = threading.Barrier(CONNECTIONS + 1)
    modes: list[str] = []
    errors: list[BaseException] = []

    def connect(engine: Engine) -> None:
        start.wait()
        try:
            modes.append(_journal_mode(engine))
        except BaseException as exc:  # reported below, with the others
            errors.append(exc)

    threads = [threading.Thread(target=connect, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    started = time.monotonic()
    release.start()
    start.wait()
    for thread in threads:
        thread.join(timeout=30)
    waited = time.monotonic() - started
    release.join()
    holder.close()
    for engine in engines:
        engine.dispose()

    assert not errors, errors
    assert modes == ["wal"] * CONNECTIONS
    assert waited >= HOLD_SECONDS * 0.9  # they waited for the writer instead of failing


def _open_together(url: str) -> list[BaseException]:
    """Open ``url`` from several engines at once, each creating a table; what failed."""
    engines = [create_kiosk_engine(url) for _ in range(CONNECTIONS)]
    start = threading.Barrier(CONNECTIONS)
    errors: list[BaseException] = []

    def connect(engine: Engine) -> None:
        start.wait()
        try:
            with engine.begin() as connection:
                connection.exec_driver_sql("CREATE TABLE IF NOT EXISTS alembic_version (v)")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=connect, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    for engine in engines:
        engine.dispose()
    return errors


def test_many_connections_opening_a_new_file_at_once(tmp_path: Path) -> None:
    """The race as it happens: kiosks starting together on a new file, no one holding it."""
    for attempt in range(20):
        url = f"sqlite:///{tmp_path / f'k{attempt}.sqlite3'}"
        assert _open_together(url) == [], attempt
        engine = create_kiosk_engine(url)
        assert _journal_mode(engine) == "wal"
        engine.dispose()


def test_a_file_already_in_wal_is_not_switched_again(tmp_path: Path) -> None:
    """Opening a WAL file while another connection writes to it takes no lock at all."""
    url = f"sqlite:///{tmp_path / 'kiosk.sqlite3'}"
    writer = create_kiosk_engine(url)
    with writer.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE alembic_version (v)")
    reader = create_kiosk_engine(url)
    with writer.begin() as connection:  # holds the write lock while the reader connects
        connection.exec_driver_sql("INSERT INTO alembic_version VALUES ('0001')")
        started = time.monotonic()
        assert _journal_mode(reader) == "wal"
        assert time.monotonic() - started < 1
    writer.dispose()
    reader.dispose()


def test_another_programs_database_keeps_its_journal(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE invoices (n INTEGER)")
    other.commit()
    other.close()
    engine = create_kiosk_engine(f"sqlite:///{path}")
    with pytest.raises(DatabaseCorruptError):
        check_is_ours(engine)
    assert _journal_mode(engine) == "delete"
    engine.dispose()
