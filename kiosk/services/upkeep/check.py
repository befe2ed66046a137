"""One line of ``kiosk doctor``: what was checked, the verdict, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import make_url


@dataclass(frozen=True)
class Check:
    """The verdict on one dependency of the kiosk, ready to print on one line."""

    name: str
    ok: bool
    message: str
    fix: str = ""
    required: bool = True


def database_place(url: str) -> str:
    """Where a database is, for a doctor line: ``SQLite <file>``, ``PostgreSQL host:port/db``."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"SQLite {parsed.database or ':memory:'}"
    host = f"{parsed.host or 'localhost'}:{parsed.port or 5432}"
    return f"PostgreSQL {host}/{parsed.database or ''}"
