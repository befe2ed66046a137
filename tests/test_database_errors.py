"""Database failures reach people as one clear Vietnamese line, never as a traceback.

Each case is made real: a file of garbage, another program's database, a disk that is
actually full (a small tmpfs, or SQLite's own page limit), a PostgreSQL port where
nothing listens or a server that never answers, and a server that drops the kiosk's
connection in the middle of a receipt.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import socket
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

import pytest
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from kiosk.app import Kiosk, build_kiosk, engine_for
from kiosk.cli import main
from kiosk.domain.clock import FixedClock
from kiosk.domain.values import ServiceOutcome, TransactionRecord
from kiosk.errors import DatabaseUnavailableError, StorageFullError
from kiosk.settings import Settings, load_settings
from kiosk.storage.database import (
    STATEMENT_TIMEOUT_MS,
    create_kiosk_engine,
    current_revision,
    head_revision,
    upgrade_schema,
)
from kiosk.storage.unit_of_work import Database
from tests.filesystems import fill_up, small_filesystem

COMMANDS = [["helper", "list"], ["db", "upgrade"], ["db", "current"]]


def release_kiosk_logs() -> None:
    """Close the log file the CLI opened (it may sit on a disk about to be unmounted)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False) or isinstance(handler, logging.NullHandler):
            root.removeHandler(handler)
            with contextlib.suppress(OSError):  # flushing onto a full disk
                handler.close()


@pytest.fixture(autouse=True)
def own_log_file() -> Iterator[None]:
    """Let each CLI run configure logging afresh (into this test's data dir), then undo it."""
    root = logging.getLogger()
    earlier = [h for h in root.handlers if getattr(h, "_kiosk", False)]
    for handler in earlier:
        root.removeHandler(handler)
    yield
    release_kiosk_logs()
    for handler in earlier:
        root.addHandler(handler)


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run a ``kiosk`` command in-process; return its exit code and its one stderr line."""
    code = main(argv)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("Lỗi: ")
    return code, lines[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def visit(kiosk: Kiosk) -> TransactionRecord:
    """Start, record and finish one visit; return it once the finish is committed."""
    transaction_id = kiosk.transactions.start(helper_id=None, services=["portal_account"])
    kiosk.transactions.record_outcome(transaction_id, ServiceOutcome("portal_account", "done"))
    return kiosk.transactions.finish(transaction_id)


def free_port() -> int:
    """A local TCP port where nothing listens (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# -- a damaged or foreign database --------------------------------------------------------------


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_garbage_file_is_refused_in_one_line(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "data" / "kiosk.sqlite3"
    database.parent.mkdir(parents=True)
    database.write_bytes(uuid.uuid4().bytes * 2048)  # 32 KB that are not a database
    before = digest(database)

    code, line = run_cli(argv, capsys)

    assert code == 3
    assert "bị hỏng hoặc không phải của Quầy Số" in line
    assert digest(database) == before
    log = (tmp_path / "data" / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "file is not a database" in log  # the English detail goes to the log


def test_another_programs_sqlite_database_is_refused_and_left_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "music.db"
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE songs (title TEXT)")
        connection.execute("INSERT INTO songs VALUES ('Bèo dạt mây trôi')")
    connection.close()
    before = digest(database)
    monkeypatch.setenv("KIOSK_DATABASE_URL", f"sqlite:///{database}")

    for argv in COMMANDS[:2]:
        code, line = run_cli(argv, capsys)
        assert code == 3
        assert "chương trình khác" in line

    assert digest(database) == before  # not even switched to WAL
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("music")) == ["music.db"]


@pytest.mark.postgres
def test_another_programs_postgresql_schema_is_refused(
    pg_schema_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = create_engine(pg_schema_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE songs (title TEXT)"))
    monkeypatch.setenv("KIOSK_DATABASE_URL", pg_schema_url)

    code, line = run_cli(["helper", "list"], capsys)

    assert code == 3
    assert "chương trình khác" in line
    with engine.connect() as connection:
        tables = connection.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        ).scalars()
        assert list(tables) == ["songs"]
    engine.dispose()


# -- a full disk ----------------------------------------------------------------------------------


class Disk(Protocol):
    """A way of running out of space under the kiosk's SQLite database."""

    def settings(self) -> Settings: ...
    def fill(self, kiosk: Kiosk) -> None: ...
    def free(self) -> None: ...


class SmallTmpfs:
    """The data dir on a 2 MB tmpfs; filling it with a file gives the kernel's ENOSPC."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.filler: Path | None = None

    def settings(self) -> Settings:
        return load_settings()  # KIOSK_DATA_DIR points at the tmpfs

    def fill(self, kiosk: Kiosk) -> None:
        self.filler = fill_up(self.data_dir)

    def free(self) -> None:
        assert self.filler is not None
        self.filler.unlink()


class PageLimit:
    """SQLite's ``max_page_count`` on every new connection: the database cannot grow."""

    def __init__(self) -> None:
        self.engine: Engine | None = None

    def settings(self) -> Settings:
        return load_settings()

    def _limit(self, dbapi_connection: sqlite3.Connection, _record: object) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    def fill(self, kiosk: Kiosk) -> None:
        self.engine = kiosk.db.engine
        event.listen(self.engine, "connect", self._limit)
        self.engine.dispose()  # pooled connections were opened without the limit

    def free(self) -> None:
        assert self.engine is not None
        event.remove(self.engine, "connect", self._limit)


@pytest.fixture(params=["tmpfs", "max_page_count"])
def disk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Disk]:
    """Each way of filling the disk under a SQLite database in the data dir."""
    if request.param == "max_page_count":
        yield PageLimit()
        return
    with small_filesystem(tmp_path / "small", "2m") as mounted:
        request.getfixturevalue("monkeypatch").setenv("KIOSK_DATA_DIR", str(mounted))
        yield SmallTmpfs(mounted)


def test_full_disk_refuses_the_visit_and_keeps_what_was_saved(
    disk: Disk, clock: FixedClock
) -> None:
    kiosk = build_kiosk(disk.settings(), clock=clock)
    try:
        saved = [visit(kiosk) for _ in range(3)]
        disk.fill(kiosk)
        with pytest.raises(StorageFullError) as caught:
            for _ in range(50):
                saved.append(visit(kiosk))  # only visits whose finish committed
        assert "Ổ đĩa chứa cơ sở dữ liệu đã đầy" in caught.value.message
        assert "vẫn còn nguyên" in caught.value.message
    finally:
        kiosk.close()

    disk.free()
    kiosk = build_kiosk(disk.settings(), clock=clock)
    try:
        for record in saved:
            assert kiosk.transactions.get(record.id).receipt_no == record.receipt_no
        finished = [t for t in kiosk.transactions.list_day() if t.status == "finished"]
        assert sorted(t.receipt_no or "" for t in finished) == [r.receipt_no for r in saved]
        after = visit(kiosk)  # the counter carries on where it stopped, without a gap
        assert after.receipt_no == f"Q01-20261123-{len(saved) + 1:04d}"
    finally:
        kiosk.close()


@pytest.fixture
def full_since_yesterday(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> Iterator[TransactionRecord]:
    """The kiosk ran yesterday on a small disk; overnight something filled it up."""
    with small_filesystem(tmp_path / "small", "2m") as mounted:
        monkeypatch.setenv("KIOSK_DATA_DIR", str(mounted))
        kiosk = build_kiosk(load_settings(), clock=clock)
        saved = visit(kiosk)
        kiosk.close()
        filler = fill_up(mounted)
        try:
            yield saved
        finally:
            release_kiosk_logs()
            filler.unlink()
        kiosk = build_kiosk(load_settings(), clock=clock)
        try:
            assert kiosk.transactions.get(saved.id).receipt_no == saved.receipt_no
        finally:
            kiosk.close()


HELPER_ADD = ["helper", "add", "lan", "--name", "Nguyễn Thị Lan", "--pin", "2580"]


def test_disk_full_before_the_kiosk_starts_says_so(
    full_since_yesterday: TransactionRecord, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(HELPER_ADD)

    last = capsys.readouterr().err.splitlines()[-1]
    assert code == 4  # not 3, "cannot connect": the disk is the problem, not the network
    assert last.startswith("Lỗi: Ổ đĩa chứa cơ sở dữ liệu đã đầy")


def test_disk_full_prints_nothing_but_the_message(
    full_since_yesterday: TransactionRecord, capsys: pytest.CaptureFixture[str]
) -> None:
    code, line = run_cli(HELPER_ADD, capsys)

    assert code == 4
    assert "đã đầy" in line


# -- PostgreSQL out of reach ----------------------------------------------------------------------


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_postgresql_down_fails_fast_in_one_line(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KIOSK_DATABASE_URL", f"postgresql://postgres@127.0.0.1:{free_port()}/test")
    started = time.monotonic()

    code, line = run_cli(argv, capsys)

    assert code == 3
    assert "Không kết nối được cơ sở dữ liệu" in line
    assert time.monotonic() - started < 3


@pytest.mark.slow
def test_postgresql_that_never_answers_times_out() -> None:
    with socket.socket() as silent:  # accepts connections (kernel backlog), never speaks
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        engine = create_kiosk_engine(f"postgresql+psycopg://postgres@127.0.0.1:{port}/test")
        started = time.monotonic()
        with pytest.raises(DatabaseUnavailableError) as caught:
            current_revision(engine)
        elapsed = time.monotonic() - started
        engine.dispose()
    assert "Không kết nối được" in caught.value.message
    assert elapsed < 8, "connect_timeout (5 s) must bound the wait"


# -- a statement held up by a lock ----------------------------------------------------------


@pytest.mark.postgres
def test_every_postgresql_engine_has_a_statement_timeout(
    pg_schema_url: str, monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> None:
    monkeypatch.setenv("KIOSK_DATABASE_URL", pg_schema_url)
    kiosk = build_kiosk(load_settings(), clock=clock)
    try:
        with kiosk.db.engine.connect() as connection:
            timeout = connection.execute(text("SHOW statement_timeout")).scalar_one()
            schema = connection.execute(text("SELECT current_schema()")).scalar_one()
    finally:
        kiosk.close()
    assert timeout == f"{STATEMENT_TIMEOUT_MS // 1000}s"
    assert schema.startswith("t_") and schema in pg_schema_url  # the URL's options are kept


@pytest.mark.postgres
def test_a_statement_held_by_a_lock_fails_within_the_timeout(
    pg_schema_url: str, monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> None:
    monkeypatch.setenv("KIOSK_DATABASE_URL", pg_schema_url)
    build_kiosk(load_settings(), clock=clock).close()
    short = Database(engine_for(pg_schema_url, statement_timeout_ms=300))
    holder = create_engine(pg_schema_url)
    try:
        with holder.connect() as other:  # another program holds the table: a long job, a bug
            other.execute(text("LOCK TABLE transactions IN ACCESS EXCLUSIVE MODE"))
            started = time.monotonic()
            with pytest.raises(DatabaseUnavailableError) as caught, short.unit_of_work() as uow:
                uow.session.execute(text("SELECT count(*) FROM transactions")).scalar_one()
            elapsed = time.monotonic() - started
            other.rollback()
    finally:
        holder.dispose()
        short.dispose()
    assert elapsed < 3, "statement_timeout (300 ms) must bound the wait"
    assert caught.value.message.startswith("Cơ sở dữ liệu không trả lời kịp (postgresql")
    assert "statement timeout" in caught.value.detail


@pytest.mark.postgres
def test_a_migration_waits_for_another_counters_without_a_timeout(pg_schema_url: str) -> None:
    key = "hashtext('quay-so/migrate/' || current_schema())"
    engine = engine_for(pg_schema_url, statement_timeout_ms=200)
    holder = create_engine(pg_schema_url)
    held = threading.Event()

    def migrate_elsewhere() -> None:  # another counter migrating for longer than 200 ms
        with holder.connect() as other:
            other.execute(text(f"SELECT pg_advisory_lock({key})"))
            held.set()
            time.sleep(1.0)
            other.execute(text(f"SELECT pg_advisory_unlock({key})"))

    other_counter = threading.Thread(target=migrate_elsewhere)
    other_counter.start()
    try:
        assert held.wait(10)
        started = time.monotonic()
        revision = upgrade_schema(engine)
        waited = time.monotonic() - started
        with engine.connect() as connection:  # the lock's connection got its timeout back
            assert connection.execute(text("SHOW statement_timeout")).scalar_one() == "200ms"
    finally:
        other_counter.join()
        holder.dispose()
        engine.dispose()
    assert revision == head_revision()
    assert waited >= 0.9


# -- the server drops the kiosk's connection --------------------------------------------------


def terminate(pid: int) -> None:
    """End one backend of the test server (ours), waiting until it has gone."""
    from tests.conftest import _pg_admin_engine

    admin = _pg_admin_engine()
    with admin.connect() as connection:
        assert connection.execute(
            text("SELECT pg_terminate_backend(:pid, 5000)"), {"pid": pid}
        ).scalar()
    admin.dispose()


@pytest.mark.postgres
def test_idle_connection_killed_by_the_server_is_replaced_silently(
    pg_schema_url: str, monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> None:
    monkeypatch.setenv("KIOSK_DATABASE_URL", pg_schema_url)
    kiosk = build_kiosk(load_settings(), clock=clock)
    try:
        with kiosk.db.unit_of_work() as uow:
            pid = uow.session.execute(text("SELECT pg_backend_pid()")).scalar_one()
        terminate(pid)  # e.g. the server restarted while the counter was quiet
        assert visit(kiosk).receipt_no == "Q01-20261123-0001"  # pool_pre_ping reconnects
    finally:
        kiosk.close()


@pytest.mark.postgres
def test_connection_lost_during_finish_leaves_nothing_half_done(
    pg_schema_url: str, monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> None:
    monkeypatch.setenv("KIOSK_DATABASE_URL", pg_schema_url)
    kiosk = build_kiosk(load_settings(), clock=clock)
    cut: list[int] = []

    def cut_before_receipt(connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "receipt_sequences" in statement and not cut:
            cut.append(connection.connection.dbapi_connection.info.backend_pid)
            terminate(cut[0])

    try:
        transaction_id = kiosk.transactions.start(helper_id=None, services=["portal_account"])
        kiosk.transactions.record_outcome(transaction_id, ServiceOutcome("portal_account", "done"))
        event.listen(kiosk.db.engine, "before_cursor_execute", cut_before_receipt)
        with pytest.raises(DatabaseUnavailableError) as caught:
            kiosk.transactions.finish(transaction_id)
        event.remove(kiosk.db.engine, "before_cursor_execute", cut_before_receipt)
        assert cut, "the connection was never cut"
        assert "Không kết nối được cơ sở dữ liệu" in caught.value.message

        assert kiosk.transactions.get(transaction_id).status == "open"  # rolled back whole
        record = kiosk.transactions.finish(transaction_id)  # the helper taps "finish" again
        assert record.receipt_no == "Q01-20261123-0001"  # the lost attempt used no number
    finally:
        kiosk.close()


def test_a_statement_timeout_the_url_sets_is_kept(pg_schema_url: str) -> None:
    url = make_url(pg_schema_url)
    options = f"{url.query['options']} -c statement_timeout=60000"
    engine = engine_for(url.update_query_dict({"options": options}).render_as_string(False))
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SHOW statement_timeout")).scalar_one() == "1min"
    finally:
        engine.dispose()
