"""The volunteers' "out of date" marks reach the centre (issue 15): queued with the visits,
sent once, filed under each counter's own role, refused content kept as a conflict, listed
together on the centre; and ``kiosk centre upgrade`` applies the row-level rules again.

Against the real PostgreSQL server, each test with a centre database of its own
(tests/test_centre_roles.py).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, func, select, text

from kiosk.app import Kiosk
from kiosk.cli import main
from kiosk.services.guides.marks import GuideMarks
from kiosk.storage.change_capture import CONFLICT
from kiosk.storage.database import _alembic_config, current_revision, head_revision
from kiosk.storage.models import Counter, GuideMark
from tests import test_centre_roles
from tests.conftest import CounterFactory, sync_of
from tests.factories import finished_visit
from tests.test_centre_roles import Centre, _refused
from tests.test_schema_versions import admin_command, use_counter

pytestmark = pytest.mark.postgres

centre = test_centre_roles.centre  # a centre database of its own, and its administrator
counters = test_centre_roles.counters  # `kiosk centre setup`, then the roles of Q01 and Q02
PIN = "2468"


def mark(kiosk: Kiosk, note: str, step_id: str = "first_login", checked: str = "2026-11") -> None:
    kiosk.guide_marks.record(
        service_code="vssid",
        step_id=step_id,
        step_number=2,
        note=note,
        guide_checked=checked,
        guide_pack=kiosk.guide_source.version,
    )


def centre_marks(centre: Centre) -> list[tuple[str, str, str]]:
    """(counter code, step id, note) of every mark the centre holds."""
    with centre.admin.connect() as connection:
        rows = connection.execute(
            select(Counter.code, GuideMark.step_id, GuideMark.note)
            .join(Counter, Counter.id == GuideMark.counter_id)
            .order_by(Counter.code, GuideMark.step_id)
        ).all()
    return [(code, step, note) for code, step, note in rows]


def test_every_counters_marks_reach_the_centre_once_and_are_listed_there(
    centre: Centre,
    counters: tuple[str, str],
    make_counter: CounterFactory,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    q01_url, q02_url = counters
    q01, q02 = make_counter("Q01", q01_url), make_counter("Q02", q02_url)
    mark(q01, "Nút Đăng nhập nay tên là Tiếp tục")
    finished_visit(q01)
    mark(q02, "Không còn hỏi email", step_id="check", checked="2026-12")  # the step's own
    assert sync_of(q01).status().pending == 2  # the mark waits with the visit
    assert sync_of(q01).drain().sent == 2 and sync_of(q02).drain().sent == 1
    expected = [
        ("Q01", "first_login", "Nút Đăng nhập nay tên là Tiếp tục"),
        ("Q02", "check", "Không còn hỏi email"),
    ]
    assert centre_marks(centre) == expected

    assert sync_of(q01).enqueue_history() == 2  # `kiosk sync backfill`: the visit and the mark
    assert sync_of(q01).drain().sent == 2
    assert centre_marks(centre) == expected  # sent again: no second row
    with centre.admin.connect() as connection:
        uids = set(connection.scalars(select(GuideMark.uid)))
    assert uids == {m.uid for k in (q01, q02) for m in _local_marks(k)}

    listed = GuideMarks(sync_of(q01).central, q01.clock, None).recent()  # newest first
    assert [(m.counter_code, m.step_id, m.guide_checked) for m in listed] == [
        ("Q02", "check", "2026-12"),  # each mark with the month its counter showed the step
        ("Q01", "first_login", "2026-11"),
    ]

    # `kiosk guides marks --centre` at Q01: every counter's marks, each with its counter
    use_counter(monkeypatch, q01, q01_url)
    out = tmp_path / "marks.csv"
    assert main(["guides", "marks", "--centre", "--out", str(out)]) == 0
    assert "2 đánh dấu" in capsys.readouterr().out
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    ids = {
        code: centre.scalar(select(Counter.id).where(Counter.code == code))
        for code in ("Q01", "Q02")
    }
    assert sorted(
        (r["counter_code"], r["counter_id"], r["step_id"], r["guide_checked"]) for r in rows
    ) == [
        ("Q01", str(ids["Q01"]), "first_login", "2026-11"),
        ("Q02", str(ids["Q02"]), "check", "2026-12"),
    ]
    assert main(["guides", "marks", "--out", str(out)]) == 0  # without: this counter's own
    assert [r["counter_code"] for r in csv.DictReader(out.read_text("utf-8-sig").splitlines())] == [
        "Q01"
    ]


def _local_marks(kiosk: Kiosk) -> list[GuideMark]:
    with kiosk.db.unit_of_work() as uow:
        marks = list(uow.session.scalars(select(GuideMark)))
        uow.session.expunge_all()
    return marks


def test_a_counter_cannot_file_a_mark_under_another_counter(
    centre: Centre, counters: tuple[str, str], make_counter: CounterFactory
) -> None:
    q01_url, q02_url = counters
    q01 = make_counter("Q01", q01_url)
    mark(q01, "Nút Đăng nhập nay tên là Tiếp tục")
    assert sync_of(q01).drain().sent == 1
    q01_id = centre.scalar(select(Counter.id).where(Counter.code == "Q01"))
    q02 = create_engine(q02_url)
    try:
        message = _refused(
            q02,
            "INSERT INTO guide_marks (uid, counter_id, service_code, step_id, step_number, note,"
            " guide_checked, guide_pack, recorded_at) VALUES (gen_random_uuid(), :c, 'vssid',"
            " 'x', 1, 'giả', '2026-11', 'p', now())",
            c=q01_id,
        )
        assert "row-level security" in message
        _refused(q02, "UPDATE guide_marks SET note = 'đã sửa'")
        _refused(q02, "DELETE FROM guide_marks")
    finally:
        q02.dispose()
    assert centre_marks(centre) == [("Q01", "first_login", "Nút Đăng nhập nay tên là Tiếp tục")]


def test_a_mark_the_centre_cannot_hold_is_kept_as_a_conflict_and_the_rest_is_sent(
    centre: Centre,
    counters: tuple[str, str],
    make_counter: CounterFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    q01_url, _ = counters
    q01 = make_counter("Q01", q01_url)
    with q01.db.unit_of_work() as uow:  # written by hand, past the note's check: 250 characters
        uow.session.add(
            GuideMark(
                counter_id=q01.counter_id,
                service_code="vssid",
                step_id="first_login",
                step_number=2,
                note="x" * 250,
                guide_checked="2026-11",
                guide_pack="p",
                recorded_at=q01.clock.now(),
            )
        )
        uow.commit()
    mark(q01, "Không còn hỏi email", step_id="check")
    finished_visit(q01)
    result = sync_of(q01).drain()
    assert (result.sent, result.conflicts, result.status.pending) == (2, 1, 0)
    (refused,) = sync_of(q01).items(CONFLICT)
    assert refused.kind == "guide_mark" and refused.last_error
    assert "đánh dấu bước đã cũ vssid/first_login" in refused.last_error
    assert "ghi chú bước đã cũ dài 250 ký tự, máy chủ chỉ nhận 200" in refused.last_error
    assert centre_marks(centre) == [("Q01", "check", "Không còn hỏi email")]
    use_counter(monkeypatch, q01, q01_url)
    capsys.readouterr()
    assert main(["sync", "conflicts"]) == 1
    assert f"đánh dấu bước hướng dẫn đã cũ {refused.key}: Máy chủ không nhận" in (
        capsys.readouterr().out
    )


def test_upgrading_the_centre_applies_the_counters_rules_again(
    centre: Centre,
    counters: tuple[str, str],
    make_counter: CounterFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A centre set up by the kiosk before marks were sent (its counters may not write
    guide_marks) and still at schema 0007: `kiosk centre upgrade` migrates it and gives the
    counters' group what the new schema needs, without another `kiosk centre setup`."""
    q01_url, _ = counters
    group = f'"{centre.name}_counters"'
    with centre.admin.begin() as connection:  # as the older setup left it
        connection.execute(text(f"REVOKE INSERT ON guide_marks FROM {group}"))
        connection.execute(text("DROP POLICY kiosk_counter_insert ON guide_marks"))
        connection.execute(text("DROP POLICY kiosk_read ON guide_marks"))
        connection.execute(text("ALTER TABLE guide_marks DISABLE ROW LEVEL SECURITY"))
    command.downgrade(_alembic_config(centre.admin), "0007")
    q01 = make_counter("Q01", q01_url)
    q01.helpers.add("lan.admin", "Nguyễn Thị Lan", PIN, kind="staff", role="admin")
    mark(q01, "Nút Đăng nhập nay tên là Tiếp tục")
    assert sync_of(q01).drain().sent == 0  # the centre is older: nothing goes

    use_counter(monkeypatch, q01, q01_url)
    capsys.readouterr()
    upgrade = ("centre", "upgrade", "--url", centre.admin_url, "--admin", "lan.admin", "--yes")
    assert admin_command(monkeypatch, PIN, *upgrade) == 0
    out = capsys.readouterr().out
    assert f"lên lược đồ {head_revision()}" in out
    assert f"Đã áp dụng lại phân quyền theo quầy (nhóm {centre.name}_counters): " in out
    assert current_revision(centre.admin) == head_revision()
    with centre.admin.connect() as connection:
        secured = connection.scalar(
            text("SELECT relrowsecurity FROM pg_class WHERE relname = 'guide_marks'")
        )
        policies = set(
            connection.scalars(
                text("SELECT policyname FROM pg_policies WHERE tablename = 'guide_marks'")
            )
        )
    assert secured is True and policies == {"kiosk_read", "kiosk_counter_insert"}
    assert sync_of(q01).drain().sent == 1
    assert centre_marks(centre) == [("Q01", "first_login", "Nút Đăng nhập nay tên là Tiếp tục")]

    assert admin_command(monkeypatch, PIN, *upgrade) == 0  # nothing to migrate: rules again
    out = capsys.readouterr().out
    assert "không có gì để làm" in out and "Đã áp dụng lại phân quyền" in out
    with centre.admin.connect() as connection:
        count = connection.scalar(
            select(func.count())
            .select_from(text("pg_policies"))
            .where(text("tablename = 'guide_marks'"))
        )
    assert count == 2  # idempotent: the same two policies


def test_a_centre_never_set_up_is_only_migrated(
    centre: Centre, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.cli.centre import upgrade_centre

    assert upgrade_centre(centre.admin_url, confirmed=True) == 0
    out = capsys.readouterr().out
    assert "không có gì để làm" in out and "phân quyền" not in out
