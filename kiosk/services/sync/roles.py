"""Least privilege at the centre: one PostgreSQL role per counter, set up by its administrator.

``kiosk centre setup`` (:func:`setup_centre`) creates the counters' group role
(``<database>_counters``) and applies :mod:`kiosk.services.sync.centre_policies`;
``kiosk centre add-counter Q02`` (:func:`add_counter`) creates the login role of counter Q02
(``<database>_q02``), a member of the group, maps it to the counter and returns the URL the
counter's ``database.central_url`` takes, with a new password (shown once; the server only
ever sees its SCRAM verifier). Both run as the administrator: the role that owns the centre's
tables (it migrates them), with the right to create roles.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from kiosk.errors import KioskError
from kiosk.services.sync import messages
from kiosk.services.sync.centre_policies import ROLES_TABLE, apply_policies
from kiosk.storage.database import database_errors, describe

_ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
SCRAM_ITERATIONS = 4096  # PostgreSQL's scram_iterations default


class CentreAccessError(KioskError):
    """The centre's roles cannot be set up as asked (not PostgreSQL, not its administrator…)."""

    exit_code = 5


class CounterRoleError(KioskError):
    """This counter connects to the centre with another counter's role."""


@dataclass(frozen=True)
class CentreAccess:
    """What :func:`setup_centre` did."""

    group: str  # the counters' group role
    tables: list[str]  # under row-level security


@dataclass(frozen=True)
class CounterLogin:
    """A counter's own role at the centre, as :func:`add_counter` made it."""

    code: str
    role: str
    created: bool  # False: the role existed; its password was replaced
    url: str  # for the counter's database.central_url, password included


def group_role(connection: Connection) -> str:
    """The counters' group role of the connected database: ``<database>_counters``."""
    return _role_name(connection, "counters")


def setup_centre(engine: Engine) -> CentreAccess:
    """Create the counters' group role if missing and apply the row-level rules (idempotent)."""
    _require_postgresql(engine)
    with database_errors(engine), engine.begin() as connection:
        _require_owner(connection, engine)
        group = group_role(connection)
        quoted = _quote(connection, group)
        if not _role_exists(connection, group):
            connection.execute(text(f"CREATE ROLE {quoted} NOLOGIN"))
        schema = _quote(connection, str(connection.scalar(text("SELECT current_schema()"))))
        tables = apply_policies(connection, schema, quoted)
    return CentreAccess(group, tables)


def refresh_policies(engine: Engine) -> CentreAccess | None:
    """Apply the row-level rules again where ``kiosk centre setup`` was run (its group role
    exists), so that what a migration added is covered too; ``None`` where it never was.

    ``kiosk centre upgrade`` runs it after migrating, and when there was nothing to migrate.
    """
    if engine.dialect.name != "postgresql":
        return None
    with database_errors(engine), engine.begin() as connection:
        group = group_role(connection)
        if not _role_exists(connection, group):
            return None
        schema = _quote(connection, str(connection.scalar(text("SELECT current_schema()"))))
        tables = apply_policies(connection, schema, _quote(connection, group))
    return CentreAccess(group, tables)


def add_counter(
    engine: Engine,
    code: str,
    *,
    role: str | None = None,
    password: str | None = None,
    admin_url: str | None = None,
) -> CounterLogin:
    """Create (or give a new password to) counter ``code``'s login role, map it to the
    counter, and return the URL it connects with: ``admin_url`` (the one ``engine`` was
    made from, without what the kiosk's engines add to it) with the counter's role and
    password. :func:`setup_centre` must have run."""
    _require_postgresql(engine)
    with database_errors(engine), engine.begin() as connection:
        _require_owner(connection, engine)
        if connection.scalar(text(f"SELECT to_regclass('{ROLES_TABLE}')")) is None:
            raise CentreAccessError(
                messages.CENTRE_NOT_SET_UP,
                detail="kiosk centre setup has not run on this database",
            )
        name = role or _role_name(connection, code)
        if not _ROLE_NAME.fullmatch(name):
            raise CentreAccessError(
                messages.BAD_ROLE_NAME.format(role=name),
                detail="bad role name",
            )
        secret = password or secrets.token_urlsafe(24)
        verifier = password_verifier(connection, name, secret)
        quoted = _quote(connection, name)
        created = not _role_exists(connection, name)
        if created:
            attributes = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT NOBYPASSRLS"
        else:
            _refuse_powerful(connection, name)
            attributes = "LOGIN"  # only a superuser may restate NOSUPERUSER
        connection.exec_driver_sql(  # not text(): the verifier's colons are no parameters
            f"{'CREATE' if created else 'ALTER'} ROLE {quoted} WITH {attributes} "
            f"PASSWORD '{verifier}'"
        )
        connection.execute(text(f"GRANT {_quote(connection, group_role(connection))} TO {quoted}"))
        connection.execute(
            text(f"DELETE FROM {ROLES_TABLE} WHERE role_name = :role OR counter_code = :code"),
            {"role": name, "code": code},
        )
        connection.execute(
            text(f"INSERT INTO {ROLES_TABLE} (role_name, counter_code) VALUES (:role, :code)"),
            {"role": name, "code": code},
        )
    base = make_url(admin_url) if admin_url else engine.url
    url = base.set(username=name, password=secret)
    return CounterLogin(code, name, created, url.render_as_string(hide_password=False))


def counter_roles(engine: Engine) -> list[tuple[str, str]]:
    """Every (counter code, role) the centre maps, by code."""
    _require_postgresql(engine)
    with database_errors(engine), engine.connect() as connection:
        if connection.scalar(text(f"SELECT to_regclass('{ROLES_TABLE}')")) is None:
            return []
        rows = connection.execute(
            text(f"SELECT counter_code, role_name FROM {ROLES_TABLE} ORDER BY counter_code")
        ).all()
    return [(str(code), str(name)) for code, name in rows]


@dataclass(frozen=True)
class RoleFacts:
    """Who a connection to the centre is (for ``kiosk doctor``)."""

    role: str
    administrator: bool  # superuser, BYPASSRLS or owner of the tables: no rule binds it
    counter: str | None  # the counter the role is mapped to
    tls: bool  # the connection is encrypted


def role_facts(connection: Connection) -> RoleFacts:
    """The connected role at the centre, whether the rules bind it, and its counter."""
    row = connection.execute(
        text(
            "SELECT current_user, r.rolsuper OR r.rolbypassrls OR EXISTS (SELECT 1 FROM "
            "pg_tables t WHERE t.tablename = 'transactions' AND t.schemaname = current_schema() "
            "AND t.tableowner = current_user), coalesce((SELECT s.ssl FROM pg_stat_ssl s "
            "WHERE s.pid = pg_backend_pid()), false) FROM pg_roles r "
            "WHERE r.rolname = current_user"
        )
    ).one()
    counter = None
    if connection.scalar(text(f"SELECT to_regclass('{ROLES_TABLE}')")) is not None:
        counter = connection.scalar(
            text(f"SELECT counter_code FROM {ROLES_TABLE} WHERE role_name = current_user")
        )
    return RoleFacts(str(row[0]), bool(row[1]), counter, bool(row[2]))


def counter_of_role(session: Session) -> str | None:
    """The counter the connected role is mapped to; ``None``: the administrator, a centre
    without roles, or not PostgreSQL."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    if session.scalar(text(f"SELECT to_regclass('{ROLES_TABLE}')")) is None:
        return None
    found = session.scalar(
        text(f"SELECT counter_code FROM {ROLES_TABLE} WHERE role_name = current_user")
    )
    return str(found) if found is not None else None


def check_counter_role(session: Session, code: str) -> None:
    """Refuse to write as counter ``code`` with a role mapped to another counter."""
    owner = counter_of_role(session)
    if owner is None or owner == code:
        return
    raise CounterRoleError(
        messages.ANOTHER_COUNTERS_ROLE.format(owner=owner, code=code),
        detail=f"the centre maps this role to counter {owner}, this counter is {code}",
    )


def scram_verifier(password: str, salt: bytes, iterations: int = SCRAM_ITERATIONS) -> str:
    """The SCRAM-SHA-256 verifier PostgreSQL stores for ``password`` (RFC 5802, 7677)."""
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", "sha256").digest()

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode()

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


def password_verifier(connection: Connection, role: str, password: str) -> str:
    """What the server stores for ``password`` under its ``password_encryption``, computed
    here so that the password itself never reaches the server (nor its statement log)."""
    if connection.scalar(text("SHOW password_encryption")) == "md5":
        return "md5" + hashlib.md5((password + role).encode()).hexdigest()
    return scram_verifier(password, secrets.token_bytes(16))


def _role_name(connection: Connection, suffix: str) -> str:
    database = str(connection.scalar(text("SELECT current_database()")))
    base = re.sub(r"[^a-z0-9_]", "_", database.lower())
    return f"{base[: 62 - len(suffix)]}_{suffix.lower()}"


def _role_exists(connection: Connection, name: str) -> bool:
    query = text("SELECT 1 FROM pg_roles WHERE rolname = :name")
    return connection.scalar(query, {"name": name}) is not None


def _refuse_powerful(connection: Connection, name: str) -> None:
    """An existing role may become a counter's only if it can do no more than one."""
    powerful = connection.scalar(
        text(
            "SELECT r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolbypassrls "
            "OR r.rolname = current_user OR EXISTS (SELECT 1 FROM pg_class c "
            "WHERE c.relowner = r.oid) FROM pg_roles r WHERE r.rolname = :name"
        ),
        {"name": name},
    )
    if powerful:
        raise CentreAccessError(
            messages.ROLE_TOO_POWERFUL.format(role=name),
            detail="refused to turn a powerful role into a counter's",
        )


def _quote(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote_identifier(name)


def _require_postgresql(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        raise CentreAccessError(
            messages.ROLES_NEED_POSTGRESQL,
            detail=f"centre roles need PostgreSQL, got {engine.dialect.name}",
        )


def _require_owner(connection: Connection, engine: Engine) -> None:
    """Only the role that owns the centre's tables (or a superuser) may set roles up."""
    allowed = connection.scalar(
        text(
            "SELECT r.rolsuper OR (r.rolcreaterole AND EXISTS (SELECT 1 FROM pg_tables t "
            "WHERE t.tablename = 'transactions' AND t.schemaname = current_schema() "
            "AND t.tableowner = current_user)) FROM pg_roles r WHERE r.rolname = current_user"
        )
    )
    if not allowed:
        raise CentreAccessError(
            messages.NOT_THE_CENTRE_ADMIN.format(url=describe(engine)),
            detail="not the owner of the centre's tables with CREATEROLE",
        )
