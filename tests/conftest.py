"""Shared fixtures: isolated config/data dirs, a fresh database per test on SQLite and PostgreSQL.

PostgreSQL tests run against a real server (``KIOSK_TEST_PG_URL``, default
``postgresql+psycopg://postgres@127.0.0.1:5432/test``); each test gets its own schema.
Under ``CI=true`` an unreachable server fails the run instead of skipping.

Two things keep the suite fast without changing what it tests: PINs are hashed with cheap
argon2 parameters (the ``security.pin_hash_*`` settings through their environment variables;
production keeps argon2's defaults, tests/test_helpers.py checks it), and a kiosk does not
run every migration again: on SQLite it starts from a copy of one database migrated per
session (:func:`sqlite_template`), on PostgreSQL its empty schema gets the DDL that one real
migration per session executed (:func:`pg_schema_ddl`). Tests that take ``database_url``,
``settings`` or ``pg_schema_url`` without a kiosk still get an empty database.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from kiosk.app import Kiosk, build_kiosk
from kiosk.domain.clock import FixedClock
from kiosk.services.sync import Replicator
from kiosk.settings import Settings, load_settings
from kiosk.storage.database import create_kiosk_engine, upgrade_schema
from tests import package_build
from tests.netproxy import TcpProxy

if TYPE_CHECKING:  # Qt and the fakes load only for the tests that build a window
    from PySide6.QtWidgets import QApplication

    from kiosk.services.guides import GuideLibrary
    from kiosk.ui.main_window import KioskGui
    from kiosk.ui.scan_hub import WorkerFactory
    from tests.fakes import FolderPrinter

PG_URL = os.environ.get("KIOSK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
# 09:30 in Hà Nội on a Monday: a plausible counter hour.
START = datetime(2026, 11, 23, 2, 30, tzinfo=UTC)
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
# argon2id at its cheapest for PINs hashed in tests: 0.8 ms a hash instead of about 0.1–0.5 s.
CHEAP_PIN_HASH = {"KIOSK_PIN_HASH_TIME_COST": "1", "KIOSK_PIN_HASH_MEMORY_KIB": "1024"}
BUILD_AHEAD = pytest.StashKey[threading.Thread | None]()
BUILD_AHEAD_NICENESS = 5


# -- the slow tests: the packaging build (about 30 s of a 2-core machine after every change) --


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--slow",
        action="store_true",
        help="run the tests marked slow too (the packaging build); CI always runs them",
    )


def leave_slow_to_ci(config: pytest.Config) -> bool:
    """A plain ``pytest`` (the whole suite, no -m) outside CI leaves the slow tests to CI.

    ``--slow``, ``CI=true``, ``-m slow`` or naming their files runs them. An xdist worker
    follows the decision of the process that started it.
    """
    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None:
        return bool(workerinput.get("leave_slow_to_ci"))
    return (
        config.args_source == pytest.Config.ArgsSource.TESTPATHS
        and not config.option.markexpr
        and not config.getoption("--slow")
        and not os.environ.get("CI")
    )


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:  # xdist's hook: a worker is about to start
    node.workerinput["leave_slow_to_ci"] = leave_slow_to_ci(node.config)
    node.workerinput["yield_to_build"] = node.config.stash.get(BUILD_AHEAD, None) is not None


def pytest_configure(config: pytest.Config) -> None:
    """A test process started beside the packaging build runs at a lower priority, so that
    the build (one process, on the critical path: the packaging tests wait for it) gets a
    core to itself instead of a third of two: about 40 s instead of 100 s on 2 cores."""
    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None and workerinput.get("yield_to_build"):
        os.nice(BUILD_AHEAD_NICENESS)


def pytest_report_header(config: pytest.Config) -> str | None:
    if leave_slow_to_ci(config):
        return "slow tests (the packaging build) left to CI: --slow or CI=true runs them"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The order in which test files are handed out (:func:`schedule_rank`): the slow tests
    after the long ones, so that the app they run is built meanwhile
    (:func:`pytest_sessionstart`); or no slow tests at all (:func:`leave_slow_to_ci`)."""
    if leave_slow_to_ci(config):
        slow = [item for item in items if item.get_closest_marker("slow")]
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]
        return
    items.sort(key=schedule_rank)


# Test files that take 10 s or more of one test process (measured on the 2-core CI machine,
# `CI=true make test`, 3 December 2026). xdist hands whole files to processes in collection
# order, so these go first, longest first: a long file handed out last would be the run's
# tail, with the other processes idle (the run took 136 s with them in name order, 1xx s so).
LONG_FILES = {
    "test_gui.py": 31,
    "test_layouts.py": 30,
    "test_export.py": 29,
    "test_real_input.py": 29,
    "test_helper_mode.py": 23,
    "test_demo.py": 21,
    "test_doctor.py": 20,
    "test_durability.py": 17,
    "test_concurrency_pg.py": 13,
    "test_sync_outage.py": 11,
    "test_database_errors.py": 11,
    "test_transactions.py": 10,
}


def schedule_rank(item: pytest.Item) -> tuple[int, int]:
    """Long files first (longest first), then the slow ones (by then the app they run is
    built), then the rest; ``sort`` keeps the collection order within each group."""
    if item.get_closest_marker("slow") is not None:
        return (1, 0)
    seconds = LONG_FILES.get(item.path.name)
    return (0, -seconds) if seconds is not None else (2, 0)


def pytest_sessionstart(session: pytest.Session) -> None:
    """The run's main process starts building the packaged app, when the run has packaging
    tests, on a thread: the build (about 30 s) runs beside the other tests, which come first."""
    config = session.config
    if getattr(config, "workerinput", None) is not None or leave_slow_to_ci(config):
        return
    if config.option.keyword or config.option.markexpr not in ("", "slow"):
        return
    if package_build.wanted_by(list(config.args), Path(str(config.rootpath))):
        config.stash[BUILD_AHEAD] = package_build.build_ahead()


def pytest_sessionfinish(session: pytest.Session) -> None:
    """A build started ahead is finished (and kept for the next run), not cut off."""
    thread = session.config.stash.get(BUILD_AHEAD, None)
    if thread is not None:
        thread.join()


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """One test process more than there are cores: many tests wait (on a server, a child
    process, a timer) rather than compute, and the packaging build takes a core of its own."""
    return (os.cpu_count() or 1) + 1


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test has its own config and data dirs, no stray KIOSK_* variables, cheap PINs."""
    for name in list(os.environ):
        if name.startswith("KIOSK_") and name != "KIOSK_TEST_PG_URL":
            monkeypatch.delenv(name)
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    for name, value in CHEAP_PIN_HASH.items():
        monkeypatch.setenv(name, value)
    return tmp_path


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty SQLite database at the newest schema, migrated once per session."""
    path = tmp_path_factory.mktemp("template") / "kiosk.sqlite3"
    engine = create_kiosk_engine(f"sqlite:///{path}")
    try:
        upgrade_schema(engine)
    finally:
        engine.dispose()  # the last connection checkpoints the WAL into the file
    assert not path.with_name(path.name + "-wal").exists(), "template left a WAL behind"
    return path


def from_template(url: str, template: Path) -> bool:
    """Put a copy of the migrated template where the SQLite ``url`` points, if nothing is.

    Whether it did: the kiosk then need not check its schema (it is the newest); the privacy
    key and the counter row are still written by ``build_kiosk`` itself.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return False
    path = Path(parsed.database)
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, path)
    return True


def _pg_admin_engine() -> Engine:
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


@pytest.fixture(scope="session")
def pg_admin(postgres_available: bool) -> Iterator[Engine]:
    """One connection pool to the server per session, to create and drop test schemas."""
    if not postgres_available:
        pytest.skip("PostgreSQL not reachable")
    engine = _pg_admin_engine()
    yield engine
    engine.dispose()


def _schema_url(schema: str) -> str:
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


def _schema_of(url: str) -> str | None:
    """The schema a test URL puts first on the search_path (see :func:`pg_schema_url`)."""
    options = make_url(url).query.get("options")
    if isinstance(options, str) and options.startswith("-csearch_path="):
        return options.removeprefix("-csearch_path=")
    return None


@pytest.fixture
def pg_schema_url(pg_admin: Engine) -> Iterator[str]:
    """A URL whose search_path is a brand-new schema, dropped afterwards."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with pg_admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _schema_url(schema)
    finally:
        with pg_admin.connect() as connection:
            # a test that leaked an open session must fail loudly, not hang the run
            connection.execute(text("SET lock_timeout = '10s'"))
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            connection.execute(text("RESET lock_timeout"))


@pytest.fixture(scope="session")
def pg_schema_ddl(pg_admin: Engine) -> str:
    """What migrating an empty PostgreSQL schema to the newest revision executes, recorded
    once per session from a real migration (DDL and the alembic_version row, no parameters)."""
    schema = f"t_template_{uuid.uuid4().hex[:8]}"
    with pg_admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_kiosk_engine(_schema_url(schema))
    statements: list[str] = []

    @event.listens_for(engine, "before_cursor_execute")
    def record(*args: Any) -> None:
        statement, parameters = args[2], args[3]
        if statement.split(None, 1)[0].upper() in _CHANGES:
            assert not parameters, statement  # replayed as plain SQL
            statements.append(statement.strip())

    try:
        upgrade_schema(engine)
    finally:
        engine.dispose()
        with pg_admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    return ";\n".join(statements)


_CHANGES = {"CREATE", "ALTER", "DROP", "INSERT", "UPDATE", "DELETE", "COMMENT"}


def from_pg_template(url: str, admin: Engine, ddl: str) -> bool:
    """Give the empty test schema of ``url`` the newest schema in one round trip; whether
    it did (a schema that has tables already, a second kiosk's, is left alone).

    Replaying the recorded migration took about 30 ms where migrating took 95 ms, and the
    kiosk then skips Alembic's check that its schema is current (35 ms).
    """
    schema = _schema_of(url)
    if schema is None:
        return False
    with admin.connect() as connection:
        has_tables = connection.execute(
            text("SELECT 1 FROM information_schema.tables WHERE table_schema = :s LIMIT 1"),
            {"s": schema},
        ).first()
        if has_tables:
            return False
        connection.exec_driver_sql(f'BEGIN; SET LOCAL search_path TO "{schema}";\n{ddl};\nCOMMIT')
    return True


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
def make_kiosk(
    request: pytest.FixtureRequest, settings: Settings, clock: FixedClock, sqlite_template: Path
) -> Iterator[Callable[..., Kiosk]]:
    """Build kiosks (e.g. two counters on one database); all are closed at teardown."""
    built: list[Kiosk] = []

    def build(counter_code: str | None = None) -> Kiosk:
        configured = replace(settings, counter_code=counter_code) if counter_code else settings
        url = configured.effective_database_url
        seeded = from_template(url, sqlite_template)
        if _schema_of(url) is not None:
            pg_admin: Engine = request.getfixturevalue("pg_admin")
            seeded = from_pg_template(url, pg_admin, request.getfixturevalue("pg_schema_ddl"))
        kiosk = build_kiosk(configured, clock=clock, migrate=not seeded)
        built.append(kiosk)
        return kiosk

    yield build
    for kiosk in built:
        kiosk.close()


@pytest.fixture
def kiosk(make_kiosk: Callable[..., Kiosk]) -> Kiosk:
    """The counter Q01 on a fresh database."""
    return make_kiosk()


# -- the kiosk window (tests/test_gui.py, test_helper_mode.py, test_sync_link.py…) -----------

GuiFactory = Callable[..., "KioskGui"]


@pytest.fixture
def printer(tmp_path: Path) -> FolderPrinter:
    """A receipt printer that writes PDFs into a folder (tests/fakes.py)."""
    from tests.fakes import FolderPrinter

    return FolderPrinter(tmp_path / "printed")


@pytest.fixture(scope="session")
def guide_library() -> GuideLibrary:
    """The shipped guides, loaded and checked once per session (frozen values)."""
    from kiosk.domain.catalogue import default_catalogue
    from kiosk.services.guides import load_guides

    return load_guides(catalogue=default_catalogue())


@pytest.fixture
def guide_screen(qtbot: Any, guide_library: GuideLibrary) -> Any:
    """A shown Vietnamese GuideScreen that knows the shipped guides (for its links)."""
    from kiosk.ui.screens.guide import GuideScreen

    screen = GuideScreen("vi")
    qtbot.addWidget(screen)
    screen.use_guides(guide_library)
    screen.show()
    return screen


@pytest.fixture
def make_gui(
    qapp: QApplication, printer: FolderPrinter, guide_library: GuideLibrary
) -> Iterator[GuiFactory]:
    """Build kiosk windows as the real kiosk does (``build_gui``); all are closed at teardown.

    ``make_gui(kiosk, cameras=(), *, show=True, **options)``: ``cameras`` are scan-worker
    factories (none: no camera), the window prints to ``printer`` and is shown at 1280×800
    unless ``show=False``; ``options`` go to ``build_gui`` (e.g. ``print_retry_seconds``;
    ``guides`` defaults to the session's :func:`guide_library`).
    Request it after the kiosk, so the window is taken down before the kiosk is closed.
    """
    from kiosk.ui.main_window import build_gui
    from tests.gui_helpers import close_gui

    built: list[KioskGui] = []

    def build(
        kiosk: Kiosk, cameras: Sequence[WorkerFactory] = (), *, show: bool = True, **options: Any
    ) -> KioskGui:
        options.setdefault("guides", guide_library)
        # The warm-up freezes the heap out of the collector's scans (gc.freeze): not in a
        # test process that builds hundreds of windows; tests/test_warm_up.py runs it.
        options.setdefault("warm_up_after_ms", None)
        # Tests tap the next screen at once; the guard against double taps has tests of its
        # own (tests/test_tap_guard.py, tests/test_real_input.py).
        options.setdefault("tap_guard_ms", 0)
        gui = build_gui(kiosk, list(cameras), app=qapp, printer=printer, **options)
        built.append(gui)
        if show:
            gui.shell.resize(1280, 800)
            gui.shell.show()
        return gui

    yield build
    for gui in reversed(built):
        close_gui(gui, qapp)


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
def make_counter(
    request: pytest.FixtureRequest, tmp_path: Path, clock: FixedClock, sqlite_template: Path
) -> Iterator[CounterFactory]:
    """Build a counter with its own SQLite file that sends to ``central_url``.

    An empty test schema of the real server gets the newest schema first, as the centre's
    administrator gives it with ``kiosk centre upgrade`` (counters never migrate the centre);
    a centre that has tables already is left as it is (tests/test_schema_versions.py).
    """
    built: list[Kiosk] = []

    def build(code: str, central_url: str, *, local: str | None = None) -> Kiosk:
        if _schema_of(central_url) is not None:
            pg_admin: Engine = request.getfixturevalue("pg_admin")
            from_pg_template(central_url, pg_admin, request.getfixturevalue("pg_schema_ddl"))
        settings = replace(
            load_settings(),
            database_url=f"sqlite:///{tmp_path / f'{local or code}.sqlite3'}",
            central_database_url=central_url,
            counter_code=code,
        )
        seeded = from_template(settings.database_url, sqlite_template)
        kiosk = build_kiosk(settings, clock=clock, migrate=not seeded)
        built.append(kiosk)
        return kiosk

    yield build
    for kiosk in built:
        kiosk.close()


def sync_of(kiosk: Kiosk) -> Replicator:
    assert kiosk.sync is not None
    return kiosk.sync


# -- admin commands: `--admin quantri` and the admin's PIN on standard input (issue 14) --------

ADMIN_USERNAME, ADMIN_PIN = "quantri", "603829"
AdminCommand = Callable[..., list[str]]


@pytest.fixture
def as_admin(make_kiosk: Callable[..., Kiosk], monkeypatch: pytest.MonkeyPatch) -> AdminCommand:
    """An admin ``quantri`` (synthetic) in the test database; ``as_admin(*argv)`` is ``argv``
    with ``--admin quantri``, and puts the admin's PIN on standard input as one line
    (followed by ``more``: the lines a command reads next)."""
    kiosk = make_kiosk()
    kiosk.helpers.add(ADMIN_USERNAME, "Phạm Văn Quản", ADMIN_PIN, kind="staff", role="admin")
    kiosk.close()

    def command(*argv: str, more: str = "") -> list[str]:
        import io

        monkeypatch.setattr("sys.stdin", io.StringIO(f"{ADMIN_PIN}\n{more}"))
        return [*argv, "--admin", ADMIN_USERNAME]

    return command
