"""Least privilege at the centre: each counter's own PostgreSQL role writes only its own rows.

Against the real server: each test creates its own database, owned by its own administrator
role, and drops both (and the counters' roles) afterwards. The server's trust authentication
lets a test connect as any role without its password; what the passwords are is checked
against the server's own SCRAM computation instead.
"""

from __future__ import annotations

import base64
import re
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from kiosk.cli import main
from kiosk.domain.values import ServiceOutcome, VisitDetails
from kiosk.services.sync import CENTRE_ERROR
from kiosk.services.sync.roles import scram_verifier
from kiosk.settings import load_settings
from kiosk.storage.database import create_kiosk_engine, upgrade_schema
from kiosk.storage.models import AssistedService, Citizen, Counter, Transaction
from tests.conftest import PG_URL, CounterFactory, sync_of
from tests.factories import BINH, NHUNG_CARD, finished_visit

pytestmark = pytest.mark.postgres


class Centre:
    """A centre database of its own, its administrator's URL and engine."""

    def __init__(self, name: str, admin_url: str) -> None:
        self.name = name
        self.admin_url = admin_url
        self.admin = create_kiosk_engine(admin_url)

    def cli(self, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
        """Run ``kiosk centre …`` with the administrator's URL; its exit code and output."""
        code = main(["centre", *args, "--url", self.admin_url])
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    def add_counter(self, capsys: pytest.CaptureFixture[str], code: str) -> str:
        """``kiosk centre add-counter CODE``; the URL it printed."""
        status, out = self.cli(capsys, "add-counter", code)
        assert status == 0, out
        found = re.search(r'central_url = "([^"]+)"', out)
        assert found is not None, out
        return found.group(1)

    def scalar(self, query: Any) -> Any:
        with self.admin.connect() as connection:
            return connection.execute(query).scalar()


@pytest.fixture
def centre(pg_admin: Engine) -> Iterator[Centre]:
    """A new database owned by a new administrator role (CREATEROLE), migrated by it."""
    name = f"kc_{uuid.uuid4().hex[:10]}"
    admin_role = f"{name}_admin"
    with pg_admin.connect() as connection:
        connection.execute(text(f'CREATE ROLE "{admin_role}" LOGIN CREATEROLE'))
        connection.execute(text(f'CREATE DATABASE "{name}" OWNER "{admin_role}"'))
    url = make_url(PG_URL).set(username=admin_role, database=name)
    centre = Centre(name, url.render_as_string(hide_password=False))
    try:
        upgrade_schema(centre.admin)  # the administrator migrates (kiosk centre upgrade)
        yield centre
    finally:
        centre.admin.dispose()
        with pg_admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            roles = connection.execute(
                text("SELECT rolname FROM pg_roles WHERE rolname LIKE :p ORDER BY rolname"),
                {"p": f"{name}\\_%"},
            ).scalars()
            for role in sorted(roles, key=lambda r: r == admin_role):  # the admin last
                connection.execute(text(f'DROP ROLE "{role}"'))


@pytest.fixture
def counters(centre: Centre, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """``kiosk centre setup`` then ``add-counter`` Q01 and Q02; their URLs."""
    status, out = centre.cli(capsys, "setup")
    assert status == 0, out
    return centre.add_counter(capsys, "Q01"), centre.add_counter(capsys, "Q02")


def _refused(engine: Engine, statement: str, **params: Any) -> str:
    """Run ``statement`` as the engine's role: it must raise; the server's message."""
    with engine.connect() as connection, pytest.raises(ProgrammingError) as caught:
        connection.execute(text(statement), params)
        connection.commit()
    return str(caught.value.orig)


def test_a_counters_role_cannot_change_or_insert_another_counters_visits(
    centre: Centre, counters: tuple[str, str], make_counter: CounterFactory
) -> None:
    q01_url, q02_url = counters
    q01 = make_counter("Q01", q01_url)
    visit = finished_visit(q01, details=VisitDetails(notes="Cần gọi lại", satisfaction=4))
    plain = finished_visit(q01, citizen=BINH)  # no personal column to scrub
    assert sync_of(q01).drain().sent == 2  # Q01 sends normally through its own role

    def q01_visit() -> tuple[Any, ...]:
        with centre.admin.connect() as connection:
            row = connection.execute(
                select(Transaction.status, Transaction.counter_id, Transaction.satisfaction).where(
                    Transaction.id == visit.id
                )
            ).one()
            lines = connection.scalar(
                select(func.count())
                .select_from(AssistedService)
                .where(AssistedService.transaction_id == visit.id)
            )
        return (*row, lines)

    before = q01_visit()
    assert before[0] == "finished" and before[3] == 1
    q01_id = centre.scalar(select(Counter.id).where(Counter.code == "Q01"))
    q02 = create_engine(q02_url)
    try:
        with q02.connect() as connection:  # Q02 reads the whole centre (its dashboard does)
            assert connection.scalar(select(func.count()).select_from(Transaction)) == 2
        message = _refused(
            q02, "UPDATE transactions SET satisfaction = 1 WHERE id = :id", id=visit.id
        )
        assert "only the rows of its own counter" in message
        _refused(q02, "UPDATE transactions SET satisfaction = 1 WHERE id = :id", id=plain.id)
        _refused(  # scrubbing is allowed, but not with another change
            q02,
            "UPDATE transactions SET notes_enc = NULL, satisfaction = 1 WHERE id = :id",
            id=visit.id,
        )
        _refused(
            q02, "UPDATE transactions SET status = 'abandoned' WHERE counter_id = :c", c=q01_id
        )
        _refused(q02, "DELETE FROM transaction_services WHERE transaction_id = :id", id=visit.id)
        _refused(q02, "DELETE FROM transactions WHERE id = :id", id=visit.id)
        # taking Q01's visit over, or adding a visit, a receipt number or a closure as Q01
        with q02.begin() as connection:
            connection.execute(
                text("INSERT INTO counters (code, name, created_at) VALUES ('Q02', 'x', now())")
            )
        q02_id = centre.scalar(select(Counter.id).where(Counter.code == "Q02"))
        _refused(
            q02,
            "UPDATE transactions SET counter_id = :mine WHERE id = :id",
            mine=q02_id,
            id=visit.id,
        )
        assert "row-level security" in _refused(
            q02,
            "INSERT INTO transactions (id, counter_id, business_day, started_at, status) "
            "VALUES (:id, :c, current_date, now(), 'finished')",
            id=uuid.uuid4(),
            c=q01_id,
        )
        _refused(
            q02,
            "INSERT INTO receipt_sequences (counter_id, business_day, last_number) "
            "VALUES (:c, current_date + 1, 9999)",
            c=q01_id,
        )
        _refused(
            q02,
            "INSERT INTO day_closures (counter_id, business_day, closed_at, totals) "
            "VALUES (:c, current_date, now(), '{}')",
            c=q01_id,
        )
        _refused(q02, "UPDATE counters SET name = 'x' WHERE id = :c", c=q01_id)
        _refused(q02, "UPDATE alembic_version SET version_num = 'x'")
        _refused(q02, "UPDATE kiosk_meta SET value = 'x'")
    finally:
        q02.dispose()
    assert q01_visit() == before  # nothing changed
    assert centre.scalar(select(Transaction.satisfaction).where(Transaction.id == plain.id)) is None
    assert centre.scalar(select(func.count()).select_from(Transaction)) == 2


def test_a_counter_configured_as_another_keeps_its_queue_and_says_why(
    centre: Centre, counters: tuple[str, str], make_counter: CounterFactory
) -> None:
    q01_url, q02_url = counters
    q01 = make_counter("Q01", q01_url)
    finished_visit(q01)
    assert sync_of(q01).drain().sent == 1
    impostor = make_counter("Q01", q02_url, local="impostor")  # Q02's PC set to Q01
    finished_visit(impostor, citizen=BINH)

    result = sync_of(impostor).drain()

    assert (result.sent, result.status.pending) == (0, 1)  # kept, not dropped
    assert result.status.refusal == CENTRE_ERROR and result.status.online is True
    assert result.status.last_error is not None
    assert "là của quầy Q02, còn máy này là quầy Q01" in result.status.last_error
    assert centre.scalar(select(func.count()).select_from(Transaction)) == 1
    q02 = make_counter("Q02", q02_url)  # and Q02 itself sends through its role
    finished_visit(q02, citizen=BINH)
    assert sync_of(q02).drain().sent == 1
    assert centre.scalar(select(func.count()).select_from(Transaction)) == 2


def test_a_counter_whose_role_was_replaced_is_refused_not_offline(
    centre: Centre,
    counters: tuple[str, str],
    make_counter: CounterFactory,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Q02 was given a new role (add-counter Q02 --role …): its old role, still a member of
    the group, maps to no counter, so the rules refuse everything it writes. The counter
    says the centre refuses it (not "offline") and keeps its visit."""
    _, old_q02_url = counters
    status, out = centre.cli(capsys, "add-counter", "Q02", "--role", f"{centre.name}_q02_new")
    assert status == 0, out
    q02 = make_counter("Q02", old_q02_url)
    finished_visit(q02)

    result = sync_of(q02).drain()

    assert (result.sent, result.status.pending) == (0, 1)
    assert (result.status.online, result.status.refusal) == (True, CENTRE_ERROR)
    assert result.status.last_error is not None
    assert "không cho tài khoản kết nối" in result.status.last_error
    assert centre.scalar(select(func.count()).select_from(Transaction)) == 0


def test_an_erasure_at_one_counter_scrubs_the_citizens_visits_of_every_counter(
    centre: Centre, counters: tuple[str, str], make_counter: CounterFactory
) -> None:
    q01_url, q02_url = counters
    q01, q02 = make_counter("Q01", q01_url), make_counter("Q02", q02_url)
    details = VisitDetails(follow_up_on=date(2026, 12, 1), follow_up_phone="0912345678", notes="x")
    filed = ServiceOutcome("online_filing", "done", dossier_code="000.00.00.H01-261123-0001")
    visit = finished_visit(q01, filed, details=details)
    finished_visit(q02)
    assert sync_of(q01).drain().sent == 1 and sync_of(q02).drain().sent == 1
    with centre.admin.begin() as connection:  # every column a scrub clears holds something
        connection.execute(
            text("UPDATE transactions SET correction_reason = 'Sửa năm sinh' WHERE id = :id"),
            {"id": visit.id},
        )

    q02.retention.erase_citizen(NHUNG_CARD.id_number)
    assert sync_of(q02).drain().sent == 1

    with centre.admin.connect() as connection:
        row = connection.execute(
            select(
                Transaction.notes_enc,
                Transaction.follow_up_phone_enc,
                Transaction.correction_reason,
                Transaction.status,
            ).where(Transaction.id == visit.id)
        ).one()
        assert tuple(row) == (None, None, None, "finished")  # scrubbed, nothing else changed
        dossier = connection.scalar(
            select(AssistedService.dossier_code).where(AssistedService.transaction_id == visit.id)
        )
        assert dossier is None
        erased = connection.scalar(select(func.count()).where(Citizen.erased_at.is_not(None)))
        assert erased == 1


def test_the_centres_scrub_exception_covers_every_column_a_scrub_clears(
    tmp_path: Path, sqlite_template: Path
) -> None:
    """What scrub_transactions sets to NULL, per table, is what the trigger lets a counter
    clear on another counter's visits (centre_policies.SCRUBBED): a column added to the
    scrub and not there would make erasures of visits seen at two counters fail at the
    centre."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from kiosk.services.people.retention import scrub_transactions
    from kiosk.services.sync.centre_policies import SCRUBBED
    from tests.conftest import from_template

    url = f"sqlite:///{tmp_path / 'scrub.sqlite3'}"
    from_template(url, sqlite_template)
    engine = create_kiosk_engine(url)
    cleared: dict[str, set[str]] = {}

    @event.listens_for(engine, "before_cursor_execute")
    def record(*args: Any) -> None:
        found = re.match(r"UPDATE (\w+) SET (.+?) WHERE", str(args[2]), flags=re.S)
        if found:
            columns = {part.split("=")[0].strip() for part in found.group(2).split(",")}
            cleared.setdefault(found.group(1), set()).update(columns)

    try:
        with Session(engine) as session:
            session.execute(
                text(
                    "INSERT INTO counters (id, code, name, created_at) "
                    "VALUES (1, 'Q01', 'x', '2026-11-23')"
                )
            )
            session.execute(
                text(
                    "INSERT INTO transactions (id, counter_id, business_day, started_at, status) "
                    "VALUES (:id, 1, '2026-11-23', '2026-11-23', 'finished')"
                ),
                {"id": uuid.uuid4().hex},
            )
            assert scrub_transactions(session, Transaction.counter_id == 1) == 1
    finally:
        engine.dispose()
    assert cleared == {table: set(columns) for table, columns in SCRUBBED.items()}


def test_the_tooling_sets_the_roles_up(
    centre: Centre, counters: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    q01_url, _ = counters
    url = make_url(q01_url)
    role, group = f"{centre.name}_q01", f"{centre.name}_counters"
    assert (url.username, url.database, url.host) == (role, centre.name, "127.0.0.1")
    assert url.password and len(url.password) >= 32
    assert dict(url.query) == dict(make_url(centre.admin_url).query)  # nothing the kiosk adds
    with centre.admin.connect() as connection:
        facts = connection.execute(
            text(
                "SELECT r.rolcanlogin, r.rolsuper, r.rolcreaterole, r.rolbypassrls, "
                "pg_has_role(r.rolname, :g, 'MEMBER') FROM pg_roles r WHERE r.rolname = :r"
            ),
            {"g": group, "r": role},
        ).one()
        assert tuple(facts) == (True, False, False, False, True)
        mapped = connection.execute(
            text("SELECT counter_code, role_name FROM kiosk_counter_roles ORDER BY 1")
        ).all()
        assert [tuple(m) for m in mapped] == [("Q01", role), ("Q02", f"{centre.name}_q02")]
        secured = connection.scalar(
            text("SELECT relrowsecurity FROM pg_class WHERE relname = 'transactions'")
        )
        assert secured is True
    status, out = centre.cli(capsys, "counters")
    assert status == 0 and f"Q02\t{centre.name}_q02" in out
    status, out = centre.cli(capsys, "setup")  # again: idempotent
    assert status == 0, out
    again = centre.add_counter(capsys, "Q01")  # again: a new password for the same role
    assert make_url(again).username == role and make_url(again).password != url.password
    status, out = centre.cli(capsys, "add-counter", "Q03", "--role", f"{centre.name}_admin")
    assert status == 5 and "có nhiều quyền hơn một quầy" in out


def test_passwords_reach_the_server_as_the_verifier_it_computes_itself(
    pg_admin: Engine, centre: Centre, counters: tuple[str, str]
) -> None:
    password = make_url(counters[0]).password
    assert password is not None
    probe = f"{centre.name}_probe"
    with pg_admin.connect() as connection:
        stored_q01 = connection.scalar(
            text("SELECT rolpassword FROM pg_authid WHERE rolname = :r"),
            {"r": f"{centre.name}_q01"},
        )
        assert stored_q01.startswith("SCRAM-SHA-256$")
        assert password not in stored_q01
        connection.execute(text("SET password_encryption = 'scram-sha-256'"))
        connection.execute(text(f"CREATE ROLE \"{probe}\" PASSWORD '{password}'"))
        theirs = connection.scalar(
            text("SELECT rolpassword FROM pg_authid WHERE rolname = :r"), {"r": probe}
        )
    assert _verifier_of(password, theirs) == theirs  # the server's own computation
    assert _verifier_of(password, stored_q01) == stored_q01  # the same password, its salt


def _verifier_of(password: str, stored: str) -> str:
    """What :func:`scram_verifier` makes of ``password`` with the salt of ``stored``."""
    found = re.match(r"SCRAM-SHA-256\$(\d+):([^$]+)\$", stored)
    assert found is not None, stored
    return scram_verifier(password, base64.b64decode(found.group(2)), int(found.group(1)))


def test_only_the_centres_administrator_sets_roles_up(
    centre: Centre, counters: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    _, q02_url = counters
    code = main(["centre", "setup", "--url", q02_url])
    out = capsys.readouterr()
    assert code == 5
    assert "không phải tài khoản quản trị" in out.err
    assert "Traceback" not in out.err + out.out


def test_sqlite_is_refused_by_the_centre_tooling(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["centre", "setup", "--url", f"sqlite:///{tmp_path / 'x.sqlite3'}"])
    assert code == 5
    assert "chỉ dùng cho cơ sở dữ liệu PostgreSQL" in capsys.readouterr().err


def test_the_doctor_tells_whether_the_counter_has_least_privilege(
    centre: Centre, counters: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.app import engine_for
    from kiosk.services.upkeep.doctor import check_centre_access

    q01_url, q02_url = counters

    def line(code: str, url: str) -> Any:
        monkeypatch.setenv("KIOSK_COUNTER_CODE", code)
        monkeypatch.setenv("KIOSK_CENTRAL_DATABASE_URL", url)
        return check_centre_access(load_settings(), engine_for)

    own = line("Q01", q01_url)
    assert own.ok and f"{centre.name}_q01 chỉ ghi được dữ liệu của quầy Q01" in own.message
    admin = line("Q01", centre.admin_url)
    assert not admin.ok and "tài khoản quản trị" in admin.message
    assert "kiosk centre add-counter Q01" in admin.fix
    other = line("Q01", q02_url)
    assert not other.ok and "là của quầy Q02, máy này là quầy Q01" in other.message
    assert not own.required and not admin.required


# -- TLS toward the centre ------------------------------------------------------------------


def test_tls_settings_go_into_the_centre_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_CENTRAL_DATABASE_URL", "postgresql://q01@centre.example/quayso")
    monkeypatch.setenv("KIOSK_CENTRAL_SSLMODE", "verify-full")
    monkeypatch.setenv("KIOSK_CENTRAL_SSLROOTCERT", "/etc/quay-so/centre-ca.crt")
    query = make_url(load_settings().central_database_url).query
    assert (query["sslmode"], query["sslrootcert"]) == ("verify-full", "/etc/quay-so/centre-ca.crt")


@pytest.mark.parametrize(
    ("variable", "value", "key"),
    [
        ("KIOSK_CENTRAL_SSLMODE", "verify", "database.central_sslmode"),
        ("KIOSK_CENTRAL_SSLROOTCERT", "ca.crt", "database.central_sslrootcert"),
    ],
)
def test_a_wrong_tls_setting_is_named(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, key: str
) -> None:
    from kiosk.errors import SettingsError

    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError, match=re.escape(f"'{key}'")):
        load_settings()


def test_the_counter_connects_with_the_tls_the_settings_ask_for(
    pg_schema_url: str,
    make_counter: CounterFactory,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """This test server has no TLS: asking for it (and for a certificate check) shows the
    settings reach libpq; the counter keeps its visit queued."""
    from kiosk.settings.values import with_tls

    missing_ca = tmp_path / "centre-ca.crt"
    q01 = make_counter("Q01", with_tls(pg_schema_url, "verify-full", str(missing_ca)))
    finished_visit(q01)
    status = sync_of(q01).drain().status
    assert (status.online, status.pending) == (False, 1)
    assert "server does not support SSL, but SSL was required" in caplog.text
