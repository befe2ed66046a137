"""One line of ``kiosk doctor``: what was checked, the verdict, and how to fix it.

Also how a check that crashed is reported, so that one broken library never hides the
other checks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.engine import make_url

log = logging.getLogger(__name__)

COMMAND_TIMEOUT_SECONDS = 10.0  # lpstat, fc-list, ldd: programs the checks ask


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


def guard(name: str, required: bool, run: Callable[[], Check]) -> Check:
    """``run()``, or the line of a check that crashed: a check must never stop the others."""
    try:
        return run()
    except Exception as exc:
        return crashed(name, required, exc)


def crashed(name: str, required: bool, exc: Exception) -> Check:
    """The line of the check ``name`` that raised ``exc`` (logged with its traceback)."""
    log.exception("doctor check %s crashed", name)
    return Check(
        name,
        False,
        f"Không kiểm tra được ({type(exc).__name__}: {exc}).",
        "Xem chi tiết trong tệp nhật ký kiosk.log và báo cán bộ CNTT.",
        required,
    )
