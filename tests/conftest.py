"""Shared fixtures: isolated config/data dirs, a fresh database per test on SQLite and PostgreSQL.

PostgreSQL tests run against a real server (``KIOSK_TEST_PG_URL``, default
``postgresql+psycopg://postgres@127.0.0.1:5432/test``); each test gets its own schema.
Under ``CI=true`` an unreachable server fails the run instead of skipping.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from kiosk.app import Kiosk, build_kiosk
from kiosk.domain.clock import FixedClock
from kiosk.services.sync import Replicator
from kiosk.settings import Settings, load_settings
from tests.netproxy import TcpProxy

PG_URL = os.environ.get("KIOSK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
# 09:30 in Hà Nội on a Monday: a plausible counter hour.
START = datetime(2026, 11, 23, 2, 30, tzinfo=UTC)
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test has its own config and data dirs and no stray KIOSK_* variables."""
    for name in list(os.environ):
        if name.startswith("KIOSK_") and name != "KIOSK_TEST_PG_URL":
            monkeypatch.delenv(name)
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def _pg_admin_engine():  # type: ignore[no-untyped-def]
    return create_engine(PG_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})


@pytest.fixture(scope="session")
def postgres_available() -> bool:
    """Whether the real PostgreSQL server answers; under CI it must."""
    try:
        engine = _pg_admin_engine()
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
        return True
    except Exception as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at {PG_URL} is required in CI: {exc}")
        return False


@pytest.fixture
def pg_schema_url(postgres_available: bool) -> Iterator[str]:
    """A URL whose search_path is a brand-new schema, dropped afterwards."""
    if not postgres_available:
        pytest.skip("PostgreSQL not reachable")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = _pg_admin_engine()
    with engine.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with engine.connect() as connection:
            # a test that leaked an open session must fail loudly, not hang the run
            connection.execute(text("SET lock_timeout = '10s'"))
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'data' / 'kiosk.sqlite3'}"
    return str(request.getfixturevalue("pg_schema_url"))


@pytest.fixture
def clock() -> FixedClock:
    """A clock fixed at 09:30 on 23/11/2026 in Vietnam."""
    return FixedClock(START)


@pytest.fixture
def settings(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings pointing at the fresh database."""
    monkeypatch.setenv("KIOSK_DATABASE_URL", database_url)
    return load_settings()


@pytest.fixture
def make_kiosk(settings: Settings, clock: FixedClock) -> Iterator[Callable[..., Kiosk]]:
    """Build kiosks (e.g. two counters on one database); all are closed at teardown."""
    built: list[Kiosk] = []

    def build(counter_code: str | None = None) -> Kiosk:
        from dataclasses import replace

        configured = replace(settings, counter_code=counter_code) if counter_code else settings
        kiosk = build_kiosk(configured, clock=clock)
        built.append(kiosk)
        return kiosk

    yield build
    for kiosk in built:
        kiosk.close()


@pytest.fixture
def kiosk(make_kiosk: Callable[..., Kiosk]) -> Kiosk:
    """The counter Q01 on a fresh database."""
    return make_kiosk()


# -- counters that share the centre's database (tests/test_sync*.py) --------------------------

CounterFactory = Callable[..., Kiosk]


@pytest.fixture
def proxy(postgres_available: bool) -> Iterator[TcpProxy]:
    """A cuttable link to the real PostgreSQL server."""
    if not postgres_available:
        pytest.skip("PostgreSQL not reachable")
    link = TcpProxy(("127.0.0.1", 5432))
    yield link
    link.close()


def through(proxy: TcpProxy, url: str) -> str:
    """``url`` reached through ``proxy``."""
    return make_url(url).set(host="127.0.0.1", port=proxy.port).render_as_string(False)


@pytest.fixture
def make_counter(tmp_path: Path, clock: FixedClock) -> Iterator[CounterFactory]:
    """Build a counter with its own SQLite file that sends to ``central_url``."""
    built: list[Kiosk] = []

    def build(code: str, central_url: str, *, local: str | None = None) -> Kiosk:
        settings = replace(
            load_settings(),
            database_url=f"sqlite:///{tmp_path / f'{local or code}.sqlite3'}",
            central_database_url=central_url,
            counter_code=code,
        )
        kiosk = build_kiosk(settings, clock=clock)
        built.append(kiosk)
        return kiosk

    yield build
    for kiosk in built:
        kiosk.close()


def sync_of(kiosk: Kiosk) -> Replicator:
    assert kiosk.sync is not None
    return kiosk.sync
