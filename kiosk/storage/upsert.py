"""``INSERT … ON CONFLICT`` for the backend in use (SQLite and PostgreSQL both support it)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert


def insert_for(dialect_name: str, table: Any) -> Any:
    """An insert into ``table`` that offers ``on_conflict_do_nothing/do_update``."""
    return pg_insert(table) if dialect_name == "postgresql" else sqlite_insert(table)


def greatest(dialect_name: str, column: Any, value: Any) -> Any:
    """SQL for the larger of ``column`` and ``value`` (SQLite spells it ``max``)."""
    return func.max(column, value) if dialect_name == "sqlite" else func.greatest(column, value)
