"""Which schema revision a database is at, compared with the ones this kiosk ships.

Nothing here migrates. A revision this kiosk's migrations know but is not their head is
*older* (it can be upgraded); one they do not know was written by a newer kiosk and is
*newer* (this kiosk must not touch it); no ``alembic_version`` table is *empty*.
:func:`kiosk.storage.database.schema_state` reads it from an engine.
"""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, inspect, text

from kiosk.errors import SchemaVersionError
from kiosk.storage import messages

CURRENT = "current"
OLDER = "older"
NEWER = "newer"
EMPTY = "empty"

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


@dataclass(frozen=True)
class SchemaState:
    """A database's revision next to this kiosk's newest one."""

    revision: str | None
    head: str

    @property
    def verdict(self) -> str:
        """:data:`CURRENT`, :data:`OLDER`, :data:`NEWER` or :data:`EMPTY`."""
        return compare(self.revision)


@functools.cache
def _migrations() -> tuple[tuple[str, str], ...]:
    """Every shipped revision and the first line of its description, oldest first.

    Read from the migration files' ``revision``/``down_revision`` assignments and docstrings
    with :mod:`ast`, without importing Alembic's script machinery (nor the migrations): at
    start that took most of a second. tests/test_startup.py checks it against Alembic.
    """
    found: dict[str | None, tuple[str, str]] = {}  # down_revision -> (revision, description)
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        revision, down, doc = _read_migration(path)
        if down in found:
            raise RuntimeError(f"two migrations follow {down}: {path.name} and another")
        found[down] = (revision, doc)
    chain: list[tuple[str, str]] = []
    previous: str | None = None
    while previous in found:
        chain.append(found.pop(previous))
        previous = chain[-1][0]
    if found or not chain:
        raise RuntimeError(
            f"migrations outside the chain from the first one: {sorted(map(str, found))}"
        )
    return tuple(chain)


def _read_migration(path: Path) -> tuple[str, str | None, str]:
    """A migration file's revision, the one it revises and its description's first line."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    values: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
            values[target.id] = ast.literal_eval(value)
    revision, down = values.get("revision"), values.get("down_revision")
    if not isinstance(revision, str) or not (down is None or isinstance(down, str)):
        raise RuntimeError(f"{path.name}: no plain revision / down_revision")
    doc = (ast.get_docstring(tree) or "").strip().splitlines()
    return revision, down, doc[0] if doc else ""


def head() -> str:
    """The newest revision this kiosk ships."""
    return _migrations()[-1][0]


def compare(revision: str | None) -> str:
    """How a database at ``revision`` stands to this kiosk's schema."""
    if revision is None:
        return EMPTY
    if revision == head():
        return CURRENT
    return OLDER if revision in dict(_migrations()) else NEWER


def pending(revision: str | None) -> list[tuple[str, str]]:
    """The migrations (revision, description) that would bring ``revision`` to the head."""
    known = [number for number, _ in _migrations()]
    if revision is not None and revision not in known:
        return []
    start = 0 if revision is None else known.index(revision) + 1
    return list(_migrations()[start:])


def read_revision(connection: Connection, *, lock: bool = False) -> str | None:
    """The revision stamped in the database (``None``: no schema yet).

    ``lock`` (PostgreSQL): hold a share lock on the stamp until the transaction ends, so
    a migration (which locks it first, see migrations/env.py) cannot change the schema
    under what this transaction writes.
    """
    if not inspect(connection).has_table("alembic_version"):
        return None
    share = " FOR SHARE" if lock and connection.dialect.name == "postgresql" else ""
    query = text(f"SELECT version_num FROM alembic_version{share}")
    value = connection.execute(query).scalar()
    return str(value) if value is not None else None


def too_new(where: str, revision: str) -> SchemaVersionError:
    """The error for a database whose schema a newer kiosk wrote (nothing was changed)."""
    return SchemaVersionError(
        messages.SCHEMA_TOO_NEW.format(where=where, revision=revision, head=head()),
        detail=f"database schema {revision} is newer than this kiosk's head {head()}",
    )
