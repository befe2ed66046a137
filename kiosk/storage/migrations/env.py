"""Alembic environment: runs on the engine the kiosk hands over (never builds its own)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import inspect

from kiosk.storage.models import Base

config = context.config
engine = config.attributes["engine"]

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        # One transaction for the whole upgrade, on SQLite too (its DDL is transactional):
        # Alembic's default there commits after each revision, and a second kiosk starting
        # at the same moment could read "0001" between two commits and run 0002 twice.
        transactional_ddl=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":  # a long migration is not a hung query
            connection.exec_driver_sql("SET LOCAL statement_timeout = 0")
            # A counter sending to this centre reads the stamp FOR SHARE before it writes
            # (schema_versions.read_revision): wait for batches under way, hold back the next
            # ones until the new schema is committed, and never deadlock with them.
            if inspect(connection).has_table("alembic_version"):
                connection.exec_driver_sql("LOCK TABLE alembic_version IN EXCLUSIVE MODE")
        context.run_migrations()
    connection.commit()
