"""Composition root: settings → engine → services, and the devices. GUI and CLI start here.

Nothing else builds engines, vaults, services, the printer or the speaker, so tests can
build the same graph with a fixed clock, another database URL or a fake device.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.engine import make_url

from kiosk.devices.printers import Printer
from kiosk.devices.printers.cups import CupsPrinter
from kiosk.devices.printers.escpos import EscPosPrinter
from kiosk.devices.printers.qt import QtSystemPrinter
from kiosk.devices.printers.targets import parse_target
from kiosk.devices.speech import EspeakSpeaker, SpeechError
from kiosk.domain.catalogue import Catalogue
from kiosk.domain.clock import Clock, SystemClock
from kiosk.errors import QT_TRANSLATE_NOOP, KeyMismatchError, SettingsError
from kiosk.services.guides.marks import GuideMarks
from kiosk.services.guides.packs import GuideSource, active_source
from kiosk.services.people.erasure_ledger import ErasureLedger, ledger_path
from kiosk.services.people.helpers import HelperAccounts, pin_hasher
from kiosk.services.people.key_bindings import (
    read_bindings,
    record_binding,
    refuse_vanished_database,
)
from kiosk.services.people.privacy import PrivacyVault, load_or_create_key
from kiosk.services.people.retention import RetentionOffice
from kiosk.services.printing import delete_jobs
from kiosk.services.reporting.day_close import DayBook
from kiosk.services.sync import Replicator
from kiosk.services.sync.roles import check_counter_role
from kiosk.services.sync.snapshot import CounterRef
from kiosk.services.sync.versions import check_centre_schema
from kiosk.services.visits.receipts import ensure_counter
from kiosk.services.visits.stuck_points import StuckPoints
from kiosk.services.visits.transactions import TransactionLog
from kiosk.settings import Settings
from kiosk.storage.change_capture import install_change_capture, queue_erasure
from kiosk.storage.database import (
    STATEMENT_TIMEOUT_MS,
    create_kiosk_engine,
    database_errors,
    describe,
    upgrade_schema,
)
from kiosk.storage.models import FINGERPRINT_KEY, Meta
from kiosk.storage.unit_of_work import Database
from kiosk.storage.upsert import insert_for

log = logging.getLogger(__name__)

KEY_MISMATCH = QT_TRANSLATE_NOOP(
    "Errors",
    "Tệp khóa {key_file} không khớp với cơ sở dữ liệu này, nên không đọc được "
    "họ tên đã mã hóa. Hãy chép đúng tệp khóa của trung tâm vào máy này.",
)
CENTRAL_URL_IS_OWN = QT_TRANSLATE_NOOP(
    "settings",
    "database.central_url phải khác database.url: quầy làm việc trên cơ sở dữ liệu "
    "riêng và gửi dữ liệu lên cơ sở dữ liệu chung của trung tâm.",
)
ESCPOS_NEEDS_DEVICE = QT_TRANSLATE_NOOP(
    "settings",
    "Khóa cấu hình 'printing.device' phải có địa chỉ máy in nhiệt khi "
    'printing.backend = "escpos" (ví dụ tcp://192.168.1.50:9100, /dev/usb/lp0, '
    "serial:/dev/ttyUSB0?baud=19200).",
)
ESCPOS_PAPER = QT_TRANSLATE_NOOP(
    "settings",
    "Khóa cấu hình 'printing.paper' phải là 80mm hoặc 58mm khi "
    'printing.backend = "escpos" (giá trị: {value}).',
)
# {reason}: a kiosk.devices.printers.targets message ("có cổng TCP không hợp lệ: …").
BAD_PRINT_DEVICE = QT_TRANSLATE_NOOP("settings", "Khóa cấu hình 'printing.device' {reason}.")


@dataclass(frozen=True)
class Kiosk:
    """Every service of one counter, wired together."""

    settings: Settings
    db: Database
    vault: PrivacyVault
    catalogue: Catalogue
    clock: Clock
    counter_id: int
    transactions: TransactionLog
    helpers: HelperAccounts
    days: DayBook
    retention: RetentionOffice
    stuck_points: StuckPoints
    guide_source: GuideSource  # the imported guide pack, else the shipped guides
    guide_marks: GuideMarks
    sync: Replicator | None = None  # set when the counter shares the centre's database

    def close(self) -> None:
        """Release database connections."""
        if self.sync is not None:
            self.sync.close()
        self.db.dispose()


# libpq keepalives: a connection to the centre whose network silently died fails within
# seconds instead of blocking the sender for the kernel's two-hour default.
CENTRAL_CONNECT_ARGS = {
    "keepalives": 1,
    "keepalives_idle": 5,
    "keepalives_interval": 2,
    "keepalives_count": 3,
    "tcp_user_timeout": 10_000,
}


def engine_for(
    url: str,
    *,
    central: bool = False,
    read_only: bool = False,
    connect_timeout: int | None = None,
    statement_timeout_ms: int | None = STATEMENT_TIMEOUT_MS,
) -> Engine:
    """The one place a database URL becomes an engine (an ``EngineFactory`` for upkeep).

    ``central``: the centre's shared database (libpq keepalives, :data:`CENTRAL_CONNECT_ARGS`);
    ``read_only``: reads that must never hold up a writer (SQLite ``BEGIN DEFERRED``, a
    PostgreSQL read-only transaction); ``connect_timeout`` in seconds replaces the 5 s
    default on PostgreSQL; ``statement_timeout_ms`` (PostgreSQL) ``0`` or ``None`` for none.
    """
    if make_url(url).get_backend_name() == "sqlite":
        if read_only:
            return create_kiosk_engine(url, execution_options={"sqlite_begin": "DEFERRED"})
        return create_kiosk_engine(url)
    connect_args: dict[str, int] = dict(CENTRAL_CONNECT_ARGS) if central else {}
    if connect_timeout is not None:
        connect_args["connect_timeout"] = connect_timeout
    options = {"execution_options": {"postgresql_readonly": True}} if read_only else {}
    return create_kiosk_engine(
        url, statement_timeout_ms=statement_timeout_ms, connect_args=connect_args, **options
    )


def open_database(settings: Settings, *, migrate: bool = True) -> Database:
    """Build the engine for the configured database and bring its schema up to date; a
    database that held this counter's data and is now missing or empty is refused, not
    created anew (:func:`~kiosk.services.people.key_bindings.refuse_vanished_database`)."""
    engine = engine_for(settings.effective_database_url)
    try:
        refuse_vanished_database(engine, settings.key_file, settings.effective_database_url)
        if migrate:  # a schema newer than this kiosk's is refused (SchemaVersionError)
            revision = upgrade_schema(engine)
            log.info("database %s at schema revision %s", describe(engine), revision)
    except BaseException:
        engine.dispose()
        raise
    return Database(engine)


def _stored_fingerprint(db: Database) -> str | None:
    """The fingerprint of the key the database is bound to (``None``: not bound yet)."""
    with db.unit_of_work() as uow:
        return uow.session.scalar(select(Meta.value).where(Meta.key == FINGERPRINT_KEY))


def check_key(db: Database, vault: PrivacyVault, settings: Settings) -> None:
    """Bind the database to the privacy key on first use; refuse a different key later."""
    with db.unit_of_work() as uow:
        uow.session.execute(  # two counters starting at once on a new database: first one wins
            insert_for(db.dialect, Meta)
            .values(key=FINGERPRINT_KEY, value=vault.fingerprint)
            .on_conflict_do_nothing(index_elements=[Meta.key])
        )
        stored = uow.session.scalar(select(Meta.value).where(Meta.key == FINGERPRINT_KEY))
        uow.commit()
    if stored != vault.fingerprint:
        raise KeyMismatchError(
            KEY_MISMATCH.format(key_file=settings.key_file),
            detail=f"key fingerprint {vault.fingerprint} != stored {stored}",
        )


def open_central(settings: Settings) -> Database:
    """The centre's shared database; nothing connects until it is first used, and a counter
    never migrates it (:mod:`kiosk.services.sync.versions`)."""
    url = settings.central_database_url
    if url == settings.effective_database_url:
        raise SettingsError(CENTRAL_URL_IS_OWN)
    return Database(engine_for(url, central=True))


def _preparer(settings: Settings, vault: PrivacyVault, clock: Clock) -> Callable[[Database], None]:
    def prepare(central: Database) -> None:
        # Never migrated by a counter: an administrator runs `kiosk centre upgrade`.
        with database_errors(central.engine), central.engine.connect() as connection:
            check_centre_schema(connection)
        check_key(central, vault, settings)
        with central.unit_of_work() as uow:  # a counter's role writes only that counter's rows
            check_counter_role(uow.session, settings.counter_code)
        ensure_counter(central, clock, settings.counter_code, settings.counter_name)
        log.info("centre database %s at this counter's schema", describe(central.engine))

    return prepare


def build_replicator(
    settings: Settings, db: Database, vault: PrivacyVault, clock: Clock, counter_id: int
) -> Replicator:
    """Queue this counter's changes and send them to the centre named in the settings."""
    install_change_capture(db, clock.now)
    return Replicator(
        db,
        open_central(settings),
        clock,
        CounterRef(settings.counter_code, settings.counter_name),
        counter_id,
        prepare_central=_preparer(settings, vault, clock),
    )


def build_kiosk(settings: Settings, *, clock: Clock | None = None, migrate: bool = True) -> Kiosk:
    """Wire every service of the counter named in ``settings``."""
    clock = clock or SystemClock()
    db = open_database(settings, migrate=migrate)
    try:
        bound_to = _stored_fingerprint(db) or next(
            iter(read_bindings(settings.key_file).values()), None
        )
        vault = PrivacyVault(load_or_create_key(settings.key_file, bound_to=bound_to))
        check_key(db, vault, settings)
        record_binding(settings.key_file, settings.effective_database_url, vault.fingerprint)
        guide_source = active_source(settings.data_dir)
        catalogue = guide_source.catalogue()
        counter_id = ensure_counter(db, clock, settings.counter_code, settings.counter_name)
        sync = (
            build_replicator(settings, db, vault, clock, counter_id)
            if settings.central_database_url
            else None
        )
    except BaseException:
        db.dispose()
        raise
    return Kiosk(
        settings=settings,
        db=db,
        vault=vault,
        catalogue=catalogue,
        clock=clock,
        counter_id=counter_id,
        transactions=TransactionLog(
            db,
            vault,
            catalogue,
            clock,
            settings.counter_code,
            counter_id,
            guide_pack=guide_source.version,
        ),
        helpers=HelperAccounts(
            db,
            clock,
            max_attempts=settings.pin_max_attempts,
            lockout_minutes=settings.pin_lockout_minutes,
            hasher=pin_hasher(settings.pin_hash_time_cost, settings.pin_hash_memory_kib),
        ),
        days=DayBook(db, catalogue, clock, settings.counter_code, counter_id),
        retention=RetentionOffice(
            db,
            vault,
            clock,
            forward_erasure=queue_erasure if sync is not None else None,
            ledger=ErasureLedger(ledger_path(settings.key_file)),
            drop_jobs=delete_jobs,
        ),
        stuck_points=StuckPoints(db, clock, counter_id),
        guide_source=guide_source,
        guide_marks=GuideMarks(db, clock, counter_id),
        sync=sync,
    )


def build_printer(settings: Settings) -> Printer:
    """The printer the settings name: ``printing.backend`` cups, qt or escpos.

    Raises :class:`~kiosk.errors.SettingsError` naming the key when the combination cannot
    work (ESC/POS without ``printing.device``, or on A5 sheets). No route loads Qt here: the
    Qt printer imports it when it first prints.
    """
    backend = settings.print_backend
    if backend == "escpos":
        if not settings.print_device:
            raise SettingsError(ESCPOS_NEEDS_DEVICE)
        if settings.receipt_paper not in ("80mm", "58mm"):
            raise SettingsError(ESCPOS_PAPER.format(value=repr(settings.receipt_paper)))
        try:
            target = parse_target(settings.print_device)
        except ValueError as exc:
            raise SettingsError(BAD_PRINT_DEVICE.format(reason=exc)) from None
        return EscPosPrinter(target)
    if backend == "qt":
        return QtSystemPrinter(settings.printer_name)
    return CupsPrinter(settings.printer_name)


def build_speaker(
    settings: Settings, *, on_error: Callable[[SpeechError], None] | None = None
) -> EspeakSpeaker | None:
    """The kiosk's speaker from ``[speech]`` settings, or ``None`` when speech is turned off.

    A missing program is not an error here (the kiosk starts without it); it surfaces as
    :class:`~kiosk.devices.speech.SpeechUnavailableError` from ``say``, and from ``check``
    for ``kiosk doctor``.
    """
    if not settings.speech_enabled:
        return None
    return EspeakSpeaker(
        command=settings.speech_command, rate=settings.speech_rate, on_error=on_error
    )
