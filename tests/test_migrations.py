"""Alembic migrations build exactly the schema the models describe, on both backends, and a
database of the first release (schema 0001) upgrades in place, or from a backup, into one the
whole application works on."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import MetaData

from kiosk.app import Kiosk, build_kiosk, engine_for
from kiosk.domain.clock import LOCAL_TZ, FixedClock
from kiosk.domain.values import ServiceOutcome
from kiosk.services.people.audit import Actor
from kiosk.services.people.privacy import PrivacyVault, load_or_create_key, mask_id_number
from kiosk.services.reporting.export import export_transactions
from kiosk.services.upkeep.backup import create_backup, restore_backup
from kiosk.settings import Settings
from kiosk.storage.database import (
    create_kiosk_engine,
    current_revision,
    head_revision,
    upgrade_schema,
)
from kiosk.storage.models import FINGERPRINT_KEY, Base
from tests.factories import NHUNG, finished_visit


def test_migrations_match_the_models_and_are_idempotent(database_url: str) -> None:
    engine = create_kiosk_engine(database_url)
    try:
        assert current_revision(engine) is None
        assert upgrade_schema(engine) == head_revision()
        assert upgrade_schema(engine) == head_revision()
        with engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert diff == []
    finally:
        engine.dispose()


def test_upgrade_from_the_first_schema_keeps_the_data(database_url: str) -> None:
    from alembic import command
    from sqlalchemy import text

    from kiosk.storage.database import _alembic_config

    engine = create_kiosk_engine(database_url)
    try:
        command.upgrade(_alembic_config(engine), "0001")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO counters (code, name, created_at) "
                    "VALUES ('Q01', 'Quầy hỗ trợ số', CURRENT_TIMESTAMP)"
                )
            )
        assert upgrade_schema(engine) == head_revision()
        with engine.connect() as connection:
            assert connection.execute(text("SELECT name FROM counters")).scalar_one() == (
                "Quầy hỗ trợ số"
            )
    finally:
        engine.dispose()


# -- the upgrade path from the first released schema (0001) ---------------------------------

FIRST_RELEASE = "0001"
YESTERDAY = date(2026, 11, 22)
TODAY = date(2026, 11, 23)  # the day of conftest's clock


def first_release_database(url: str, vault: PrivacyVault) -> None:
    """A database as the first release left it: schema 0001 holding a counter, a helper, a
    returning citizen with consent, a closed day and a visit of today, written as 0001's
    tables were (reflected, not through today's models)."""
    from alembic import command

    from kiosk.storage.database import _alembic_config

    engine = create_kiosk_engine(url)
    try:
        command.upgrade(_alembic_config(engine), FIRST_RELEASE)
        sqlite = engine.dialect.name == "sqlite"

        def at(day: date, hour: int, minute: int = 0) -> datetime:
            moment = datetime.combine(day, time(hour, minute), tzinfo=LOCAL_TZ).astimezone(UTC)
            return moment.replace(tzinfo=None) if sqlite else moment

        def key(value: uuid.UUID) -> object:
            return value.hex if sqlite else value

        tables = MetaData()
        tables.reflect(engine)
        old, new = uuid.uuid4(), uuid.uuid4()
        rows: list[tuple[str, list[dict[str, object]]]] = [
            ("kiosk_meta", [{"key": FINGERPRINT_KEY, "value": vault.fingerprint}]),
            ("counters", [{"id": 1, "code": "Q01", "name": "Quầy hỗ trợ số",
                           "created_at": at(YESTERDAY, 7)}]),
            ("helpers", [{"id": 1, "username": "lan", "full_name": "Nguyễn Thị Lan",
                          "kind": "volunteer", "role": "helper", "pin_hash": "$argon2id$x",
                          "failed_attempts": 0, "active": True,
                          "created_at": at(YESTERDAY, 7)}]),
            ("citizens", [{"id": 1, "id_hash": vault.id_hash(NHUNG.id_number),
                           "id_masked": mask_id_number(NHUNG.id_number),
                           "name_enc": vault.encrypt(NHUNG.full_name),
                           "birth_year": NHUNG.birth_year, "gender": NHUNG.gender,
                           "created_at": at(YESTERDAY, 8), "last_seen_at": at(TODAY, 8)}]),
            ("consents", [{"citizen_id": 1, "notice_version": "2026-01",
                           "given_at": at(YESTERDAY, 8), "recorded_by": 1}]),
            ("transactions", [
                {"id": key(old), "counter_id": 1, "helper_id": 1, "citizen_id": 1,
                 "business_day": YESTERDAY, "started_at": at(YESTERDAY, 8),
                 "finished_at": at(YESTERDAY, 8, 20), "status": "finished",
                 "receipt_no": "Q01-20261122-0001", "receipt_seq": 1, "satisfaction": 5},
                {"id": key(new), "counter_id": 1, "helper_id": 1, "citizen_id": 1,
                 "business_day": TODAY, "started_at": at(TODAY, 8),
                 "finished_at": at(TODAY, 8, 15), "status": "finished",
                 "receipt_no": "Q01-20261123-0001", "receipt_seq": 1, "satisfaction": None},
            ]),
            ("transaction_services", [
                {"transaction_id": key(old), "position": 0, "service_code": "portal_account",
                 "outcome": "done", "recorded_at": at(YESTERDAY, 8, 15)},
                {"transaction_id": key(new), "position": 0, "service_code": "vneid_level2",
                 "outcome": "done", "recorded_at": at(TODAY, 8, 10)},
            ]),
            ("receipt_sequences", [
                {"counter_id": 1, "business_day": YESTERDAY, "last_number": 1},
                {"counter_id": 1, "business_day": TODAY, "last_number": 1},
            ]),
            ("day_closures", [{"counter_id": 1, "business_day": YESTERDAY,
                               "closed_at": at(YESTERDAY, 17), "closed_by": 1,
                               "totals": {"transactions": 1}}]),
            ("audit_log", [{"at": at(YESTERDAY, 17), "helper_id": 1, "actor": "lan",
                            "action": "day.close", "subject": "2026-11-22", "details": {}}]),
        ]  # fmt: skip
        with engine.begin() as connection:
            for table, values in rows:
                connection.execute(tables.tables[table].insert(), values)
    finally:
        engine.dispose()


def the_application_works_on_it(kiosk: Kiosk, out: Path) -> None:
    """Start and finish a visit, list the day, export the two days as CSV."""
    visit = finished_visit(kiosk, ServiceOutcome("portal_account", "done"), citizen=NHUNG)
    assert visit.receipt_no == "Q01-20261123-0002"  # today's sequence carries on
    today = kiosk.transactions.list_day()
    assert [r.receipt_no for r in today] == ["Q01-20261123-0001", "Q01-20261123-0002"]
    assert {r.citizen_name for r in today} == {NHUNG.full_name}  # decrypted, one citizen
    assert kiosk.days.is_closed(YESTERDAY) and not kiosk.days.is_closed(TODAY)
    result = export_transactions(
        kiosk.db,
        kiosk.vault,
        kiosk.catalogue,
        start=YESTERDAY,
        end=TODAY,
        out=out,
        fmt="csv",
        unmasked=False,
        counter_id=kiosk.counter_id,
        actor=Actor.system("test"),
        clock=kiosk.clock,
    )
    assert result.rows == 3
    text = out.read_text(encoding="utf-8-sig")
    for receipt in ("Q01-20261122-0001", "Q01-20261123-0001", "Q01-20261123-0002"):
        assert receipt in text
    assert NHUNG.full_name not in text  # masked export


def test_the_application_runs_on_an_upgraded_first_release_database(
    settings: Settings, clock: FixedClock, tmp_path: Path
) -> None:
    vault = PrivacyVault(load_or_create_key(settings.key_file))
    first_release_database(settings.effective_database_url, vault)

    kiosk = build_kiosk(settings, clock=clock)  # upgrades the schema as the kiosk does at start
    try:
        assert current_revision(kiosk.db.engine) == head_revision()
        the_application_works_on_it(kiosk, tmp_path / "visits.csv")
    finally:
        kiosk.close()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_backup_taken_at_the_first_release_is_restored_and_upgraded(
    settings: Settings, clock: FixedClock, tmp_path: Path
) -> None:
    vault = PrivacyVault(load_or_create_key(settings.key_file))
    old_url = f"sqlite:///{tmp_path / 'first-release.sqlite3'}"
    first_release_database(old_url, vault)
    old_backup = create_backup(replace(settings, database_url=old_url), clock)
    assert old_backup.schema_revision == FIRST_RELEASE
    build_kiosk(settings, clock=clock).close()  # today's kiosk, same key, an empty database
    clock.advance(minutes=1)

    result = restore_backup(settings, clock, old_backup.path, engine_for)

    assert (result.facts.schema_revision, result.schema_revision) == (
        FIRST_RELEASE,
        head_revision(),
    )
    assert result.safety_backup is not None
    kiosk = build_kiosk(settings, clock=clock)
    try:
        the_application_works_on_it(kiosk, tmp_path / "visits.csv")
    finally:
        kiosk.close()
