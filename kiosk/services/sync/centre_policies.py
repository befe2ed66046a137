"""The row-level rules of the centre's PostgreSQL database: each counter writes its own rows.

Every counter connects as its own role, a member of the centre's counter group
(:mod:`kiosk.services.sync.roles`). The group may read every table (the counters' "Toàn
trung tâm" dashboard and ``kiosk export --centre`` read the whole centre) and write only what
:class:`~kiosk.services.sync.central.CentralWriter` writes:

- visits, their lines, barriers and stuck points, receipt sequences, day closures, the
  volunteers' guide marks and the counter's own row: only for the counter its role is mapped
  to (``kiosk_counter_roles``);
- citizens, consents, helpers and audit entries: shared by the counters (a citizen seen at
  two counters is one row), so any counter may add them; citizens may be updated;
- the privacy key's fingerprint: added once, never changed; the schema stamp: share-locked
  while sending (:mod:`kiosk.services.sync.versions`), never changed.

New rows are checked by row-level security (``WITH CHECK``). The row *before* an update or a
delete is checked by a trigger instead, because a policy's ``USING`` would silently skip
another counter's rows: the sender would then take a refused write for a sent one and drop
it from its queue. The trigger raises ``insufficient_privilege``, so the whole statement
fails and nothing changes. One exception: any counter may *scrub* another counter's visits
(only setting their personal columns to NULL, everything else unchanged), because an erasure
on request and the retention purge must reach every counter's visits of that citizen.

The centre's administrator owns the tables, so neither the policies nor the trigger apply
to them (nor to a superuser): the administrator migrates and reads everything.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from kiosk.storage.models import (
    AssistedService,
    AuditEntry,
    Citizen,
    Consent,
    Counter,
    DayClosure,
    GuideMark,
    GuideStuckPoint,
    Helper,
    Meta,
    ReceiptSequence,
    Transaction,
    TransactionBarrier,
)

ROLES_TABLE = "kiosk_counter_roles"  # which login role is which counter
VERSION_TABLE = "alembic_version"
_FINGERPRINT_KEY = "privacy_key_fingerprint"

# What the counter group may do to each table beyond reading it.
_WRITES: dict[str, str] = {
    Counter.__tablename__: "INSERT",
    Transaction.__tablename__: "INSERT, UPDATE",
    AssistedService.__tablename__: "INSERT, UPDATE, DELETE",
    TransactionBarrier.__tablename__: "INSERT, DELETE",
    GuideStuckPoint.__tablename__: "INSERT, DELETE",
    ReceiptSequence.__tablename__: "INSERT, UPDATE",
    DayClosure.__tablename__: "INSERT",
    GuideMark.__tablename__: "INSERT",  # a mark never changes: a resend inserts nothing
    Citizen.__tablename__: "INSERT, UPDATE",
    Consent.__tablename__: "INSERT",
    Helper.__tablename__: "INSERT",
    AuditEntry.__tablename__: "INSERT",
    Meta.__tablename__: "INSERT",
    VERSION_TABLE: "UPDATE",  # SELECT … FOR SHARE needs it; the policy refuses every change
}

# The personal columns an erasure or the retention purge sets to NULL, table by table
# (kiosk.services.people.retention.scrub_transactions).
SCRUBBED: dict[str, tuple[str, ...]] = {
    Transaction.__tablename__: ("notes_enc", "follow_up_phone_enc", "correction_reason"),
    AssistedService.__tablename__: ("dossier_code",),
}

_OWN_COUNTER = "counter_id = {s}.kiosk_own_counter_id()"
_OWN_VISIT = "{s}.kiosk_own_visit(transaction_id)"

# (table, command, USING, WITH CHECK) of the group's write policies; None: clause left out.
_POLICIES: list[tuple[str, str, str | None, str | None]] = [
    (Counter.__tablename__, "INSERT", None, "code = {s}.kiosk_own_counter_code()"),
    (Transaction.__tablename__, "INSERT", None, _OWN_COUNTER),
    (Transaction.__tablename__, "UPDATE", "true", None),  # WITH CHECK: see _update_check
    (AssistedService.__tablename__, "INSERT", None, _OWN_VISIT),
    (AssistedService.__tablename__, "UPDATE", "true", None),
    (AssistedService.__tablename__, "DELETE", "true", None),  # the trigger checks the row
    (TransactionBarrier.__tablename__, "INSERT", None, _OWN_VISIT),
    (TransactionBarrier.__tablename__, "DELETE", "true", None),
    (GuideStuckPoint.__tablename__, "INSERT", None, _OWN_VISIT),
    (GuideStuckPoint.__tablename__, "DELETE", "true", None),
    (ReceiptSequence.__tablename__, "INSERT", None, _OWN_COUNTER),
    (ReceiptSequence.__tablename__, "UPDATE", "true", _OWN_COUNTER),
    (DayClosure.__tablename__, "INSERT", None, _OWN_COUNTER),
    (GuideMark.__tablename__, "INSERT", None, _OWN_COUNTER),
    (Citizen.__tablename__, "INSERT", None, "true"),
    (Citizen.__tablename__, "UPDATE", "true", "true"),
    (Consent.__tablename__, "INSERT", None, "true"),
    (Helper.__tablename__, "INSERT", None, "true"),
    (AuditEntry.__tablename__, "INSERT", None, "true"),
    (Meta.__tablename__, "INSERT", None, f"key = '{_FINGERPRINT_KEY}'"),
    (VERSION_TABLE, "UPDATE", "true", "false"),  # lockable, never changed
]

# Tables whose row before an update or delete the trigger checks: how the row names its
# counter (a column of its own, or through its visit).
_GUARDED: dict[str, str] = {
    Transaction.__tablename__: "counter_id",
    AssistedService.__tablename__: "transaction_id",
    TransactionBarrier.__tablename__: "transaction_id",
    GuideStuckPoint.__tablename__: "transaction_id",
    ReceiptSequence.__tablename__: "counter_id",
}

_FUNCTIONS = """
-- the counter roles
CREATE TABLE IF NOT EXISTS {s}.{roles} (
    role_name name PRIMARY KEY,
    counter_code varchar(8) NOT NULL UNIQUE
);
--
CREATE OR REPLACE FUNCTION {s}.kiosk_own_counter_code() RETURNS varchar
    LANGUAGE sql STABLE SET search_path = pg_catalog
    AS $$ SELECT counter_code FROM {s}.{roles} WHERE role_name = current_user $$;
--
CREATE OR REPLACE FUNCTION {s}.kiosk_own_counter_id() RETURNS integer
    LANGUAGE sql STABLE SET search_path = pg_catalog
    AS $$ SELECT c.id FROM {s}.counters c JOIN {s}.{roles} r ON r.counter_code = c.code
          WHERE r.role_name = current_user $$;
--
CREATE OR REPLACE FUNCTION {s}.kiosk_own_visit(visit uuid) RETURNS boolean
    LANGUAGE sql STABLE SET search_path = pg_catalog
    AS $$ SELECT EXISTS (SELECT 1 FROM {s}.transactions t
          WHERE t.id = visit AND t.counter_id = {s}.kiosk_own_counter_id()) $$;
--
CREATE OR REPLACE FUNCTION {s}.kiosk_guard_counter_rows() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog AS $$
DECLARE
    keyed text := TG_ARGV[0];
    scrubbed text[] := coalesce(TG_ARGV[1 : TG_NARGS - 1], ARRAY[]::text[]);
    old_row jsonb := to_jsonb(OLD);
    new_row jsonb;
    own integer;
    owner_of_old integer;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = current_user
               AND (r.rolsuper OR r.rolbypassrls
                    OR r.oid = (SELECT relowner FROM pg_class WHERE oid = TG_RELID))) THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;  -- the administrator
    END IF;
    own := {s}.kiosk_own_counter_id();
    IF keyed = 'counter_id' THEN
        owner_of_old := (old_row ->> 'counter_id')::integer;
    ELSE
        SELECT t.counter_id INTO owner_of_old FROM {s}.transactions t
            WHERE t.id = (old_row ->> 'transaction_id')::uuid;
    END IF;
    IF TG_OP = 'DELETE' THEN
        IF own IS NOT NULL AND owner_of_old = own THEN
            RETURN OLD;
        END IF;
    ELSE
        new_row := to_jsonb(NEW);
        IF own IS NOT NULL AND owner_of_old = own AND new_row -> keyed = old_row -> keyed THEN
            RETURN NEW;
        END IF;
        IF cardinality(scrubbed) > 0 AND (new_row - scrubbed) = (old_row - scrubbed)
           AND NOT EXISTS (SELECT 1 FROM unnest(scrubbed) AS c(name)
                           WHERE new_row -> c.name <> 'null'::jsonb) THEN
            RETURN NEW;  -- an erasure or purge scrubbing another counter's visit
        END IF;
    END IF;
    RAISE EXCEPTION 'role % may change only the rows of its own counter (table %)',
        current_user, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
"""


def _update_check(table: str) -> str:
    """An updated row must be the counter's own, or a scrubbed one (the trigger checks
    that nothing else of it changed)."""
    own = _OWN_COUNTER if _GUARDED[table] == "counter_id" else _OWN_VISIT
    nulls = " AND ".join(f"{column} IS NULL" for column in SCRUBBED[table])
    return f"{own} OR ({nulls})"


def apply_policies(connection: Connection, schema: str, group: str) -> list[str]:
    """Grant the counter group what it needs in ``schema`` (quoted) and no more, and (re)create
    the functions, policies and triggers; return the tables now under row-level security.

    Idempotent: ``kiosk centre upgrade`` runs it again after migrating, so that new tables
    are covered (:func:`~kiosk.services.sync.roles.refresh_policies`).
    """
    s = schema
    for block in _FUNCTIONS.format(s=s, roles=ROLES_TABLE).split("\n--\n"):
        connection.execute(text(block))  # one statement each: psycopg binds server-side
    statements = [
        f"GRANT CONNECT ON DATABASE {_database(connection)} TO {group}",
        f"GRANT USAGE ON SCHEMA {s} TO {group}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {group}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA {s} TO {group}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {s} TO {group}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT SELECT ON TABLES TO {group}",
    ]
    statements += [f"GRANT {what} ON {s}.{table} TO {group}" for table, what in _WRITES.items()]
    for table in _WRITES:
        statements += [
            f"ALTER TABLE {s}.{table} ENABLE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS kiosk_read ON {s}.{table}",
            f"CREATE POLICY kiosk_read ON {s}.{table} FOR SELECT USING (true)",
        ]
        for command in ("insert", "update", "delete"):
            statements.append(f"DROP POLICY IF EXISTS kiosk_counter_{command} ON {s}.{table}")
    for table, command, using, check in _POLICIES:
        if command == "UPDATE" and table in SCRUBBED:
            check = _update_check(table)
        clauses = (f" USING ({using})" if using else "") + (
            f" WITH CHECK ({check})" if check else ""
        )
        statements.append(
            f"CREATE POLICY kiosk_counter_{command.lower()} ON {s}.{table} FOR {command} "
            f"TO {group}{clauses.format(s=s)}"
        )
    for table, keyed in _GUARDED.items():
        arguments = ", ".join(f"'{name}'" for name in (keyed, *SCRUBBED.get(table, ())))
        statements += [
            f"DROP TRIGGER IF EXISTS kiosk_counter_rows ON {s}.{table}",
            f"CREATE TRIGGER kiosk_counter_rows BEFORE UPDATE OR DELETE ON {s}.{table} "
            f"FOR EACH ROW EXECUTE FUNCTION {s}.kiosk_guard_counter_rows({arguments})",
        ]
    for statement in statements:
        connection.execute(text(statement))
    return sorted(_WRITES)


def _database(connection: Connection) -> str:
    name = connection.scalar(text("SELECT current_database()"))
    return connection.dialect.identifier_preparer.quote(str(name))
