"""Engine construction, schema migration and translation of driver errors into kiosk errors.

SQLite settings: WAL journal, ``synchronous=FULL`` (a committed transaction survives a
power cut, not just an application crash), foreign keys on, a busy timeout, and
``BEGIN IMMEDIATE`` so that a writer takes the lock up front instead of failing
half-way with "database is locked".
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import DBAPIError, OperationalError

from kiosk.errors import (
    DatabaseCorruptError,
    DatabaseUnavailableError,
    KioskError,
    PermissionRefusedError,
    StorageFullError,
)
from kiosk.storage import messages
from kiosk.storage.schema_versions import (
    CURRENT,
    NEWER,
    SchemaState,
    head,
    read_revision,
    too_new,
)
from kiosk.storage.schema_versions import (
    MIGRATIONS_DIR as MIGRATIONS_DIR,  # where the migrations are, for the doctor too
)

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30_000  # how long an SQLite connection waits for another one's lock


# A PostgreSQL statement that runs longer than this is cancelled (a table held locked, a
# server that stopped answering mid-query): the caller gets DatabaseUnavailableError
# instead of a thread blocked for minutes. Migrations lift it (see upgrade_schema).
STATEMENT_TIMEOUT_MS = 15_000


def create_kiosk_engine(
    url: str, *, statement_timeout_ms: int | None = STATEMENT_TIMEOUT_MS, **kwargs: Any
) -> Engine:
    """Build an engine for ``url`` with the kiosk's durability settings.

    On PostgreSQL: a 5 s connect timeout and ``statement_timeout_ms`` (``0`` or ``None``: no
    limit), added to any ``options`` the URL already carries (``-csearch_path=...``); a
    ``statement_timeout`` the URL sets itself is the operator's and stays.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, **kwargs)
    if statement_timeout_ms and "statement_timeout" not in str(parsed.query.get("options", "")):
        parsed = _with_option(parsed, f"-c statement_timeout={int(statement_timeout_ms)}")
    connect_args = {"connect_timeout": 5, **kwargs.pop("connect_args", {})}
    return create_engine(parsed, pool_pre_ping=True, connect_args=connect_args, **kwargs)


def _with_option(url: URL, option: str) -> URL:
    """``url`` with ``option`` appended to the libpq ``options`` of its query."""
    given = url.query.get("options", ())
    present = [given] if isinstance(given, str) else list(given)
    return url.update_query_dict({"options": " ".join([*present, option])})


def _sqlite_engine(url: URL, **kwargs: Any) -> Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")  # before anything that locks
        # WAL is a persistent property of the file: switch only a new database or ours, so
        # another program's database that check_is_ours refuses is left byte-for-byte intact.
        # Reading sqlite_master also makes the connection see a WAL file as one.
        tables = {row[0] for row in cursor.execute("SELECT name FROM sqlite_master")}
        if not tables or "alembic_version" in tables:
            _use_wal(cursor)
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


def _use_wal(cursor: sqlite3.Cursor) -> None:
    """Switch the file to WAL unless it already is (then no lock is needed at all).

    The switch writes the header under an exclusive lock. If another connection holds the
    write lock meanwhile (another kiosk switching the same new file), SQLite fails at once
    with "database is locked" rather than call the busy handler, since this connection
    already holds a read lock and waiting could deadlock: so retry until the busy timeout.
    tests/test_sqlite_connect.py.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.002
    while cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


def describe(engine: Engine) -> str:
    """The database's location without its password or options, for messages and logs."""
    return engine.url.set(query={}).render_as_string(hide_password=True)


def translate_error(exc: BaseException, where: str) -> KioskError:
    """Map a driver error to one clear Vietnamese message (a template of
    :mod:`kiosk.storage.messages`) about the database ``where``."""
    original = getattr(exc, "orig", exc)
    detail = f"{type(original).__name__}: {original}".splitlines()[0]
    log.error("database error on %s: %s", where, detail)
    message = str(original).lower()
    # SQLite says "disk I/O error" (SQLITE_IOERR_SHMSIZE) when a full disk leaves no room
    # to grow the WAL index file, which happens when the kiosk opens the database.
    full = getattr(original, "sqlite_errorname", "") in ("SQLITE_FULL", "SQLITE_IOERR_SHMSIZE")
    if full or "disk is full" in message or "no space left" in message or "disk full" in message:
        return StorageFullError(
            messages.DISK_FULL.format(where=where),
            detail=detail,
        )
    if "not a database" in message or "malformed" in message or "corrupt" in message:
        return DatabaseCorruptError(
            messages.DAMAGED.format(where=where),
            detail=detail,
        )
    if "database is locked" in message:
        return DatabaseUnavailableError(
            messages.LOCKED.format(where=where),
            detail=detail,
        )
    if "statement timeout" in message:  # PostgreSQL cancelled it: see STATEMENT_TIMEOUT_MS
        return DatabaseUnavailableError(
            messages.TIMED_OUT.format(where=where),
            detail=detail,
        )
    if getattr(original, "sqlstate", None) == "42501":  # insufficient_privilege: it answered
        return PermissionRefusedError(
            messages.PERMISSION_REFUSED.format(where=where),
            detail=detail,
        )
    if isinstance(exc, OperationalError) or isinstance(original, OSError):
        return DatabaseUnavailableError(
            messages.UNREACHABLE.format(where=where),
            detail=detail,
        )
    return DatabaseUnavailableError(messages.FAILED.format(where=where), detail=detail)


@contextlib.contextmanager
def database_errors(engine: Engine) -> Iterator[None]:
    """Turn driver exceptions raised inside the block into :class:`KioskError`."""
    try:
        yield
    except (DBAPIError, sqlite3.DatabaseError) as exc:
        raise translate_error(exc, describe(engine)) from exc


def _alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def check_is_ours(engine: Engine) -> None:
    """Refuse a database that holds tables but not the kiosk's migration history."""
    with database_errors(engine), engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
    if tables and "alembic_version" not in tables:
        raise DatabaseCorruptError(
            messages.FOREIGN_TABLES.format(database=describe(engine)),
            detail=f"foreign tables: {sorted(tables)[:5]}",
        )


def upgrade_schema(engine: Engine) -> str:
    """Apply every pending Alembic migration; return the resulting revision.

    A schema newer than this kiosk's (a newer kiosk used the database) is refused with
    :class:`~kiosk.errors.SchemaVersionError` and left as it is. A database already at the
    head is left alone without loading Alembic (most of a second at every start).
    """
    with _migration_lock(engine):
        check_is_ours(engine)
        state = schema_state(engine)
        if state.verdict == NEWER:
            assert state.revision is not None
            raise too_new(describe(engine), state.revision)
        if state.verdict == CURRENT:
            assert state.revision is not None
            return state.revision
        from alembic import command

        with database_errors(engine):
            command.upgrade(_alembic_config(engine), "head")
            return current_revision(engine) or ""


@contextlib.contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    """Let one kiosk at a time migrate a PostgreSQL schema.

    Counters that start together on a new database would otherwise all run the first
    migration and all but one fail on the duplicate tables. (SQLite needs no lock: the
    migration's ``BEGIN IMMEDIATE`` already serialises them.)
    """
    if engine.dialect.name != "postgresql":
        yield
        return
    lock = text("SELECT pg_advisory_lock(hashtext('quay-so/migrate/' || current_schema()))")
    unlock = text("SELECT pg_advisory_unlock(hashtext('quay-so/migrate/' || current_schema()))")
    with database_errors(engine), engine.connect() as connection:
        # Waiting for another counter's migration may take longer than a statement may.
        connection.execute(text("SET statement_timeout = 0"))
        connection.execute(lock)
        connection.commit()
        try:
            yield
        finally:
            connection.execute(unlock)
            connection.execute(text("RESET statement_timeout"))
            connection.commit()


def schema_state(engine: Engine) -> SchemaState:
    """The schema revision of the database behind ``engine`` next to this kiosk's newest."""
    with database_errors(engine), engine.connect() as connection:
        return SchemaState(read_revision(connection), head())


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at, or ``None`` when it has none."""
    with database_errors(engine), engine.connect() as connection:
        if "alembic_version" not in inspect(connection).get_table_names():
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def head_revision() -> str:
    """The newest revision shipped with this version of the kiosk."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = script.get_current_head()
    assert head is not None
    return head
