"""Alembic migrations build exactly the schema the models describe, on both backends."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from kiosk.storage.database import (
    create_kiosk_engine,
    current_revision,
    head_revision,
    upgrade_schema,
)
from kiosk.storage.models import Base


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
