"""Counters that work on their own database and share the centre's PostgreSQL database."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.app import Kiosk, build_kiosk
from kiosk.domain.clock import FixedClock
from kiosk.domain.values import ServiceOutcome, VisitDetails
from kiosk.errors import SettingsError
from kiosk.storage.models import (
    AssistedService,
    Citizen,
    Consent,
    Counter,
    DayClosure,
    Helper,
    SyncOutboxEntry,
    Transaction,
)
from tests.conftest import CounterFactory, sync_of, through
from tests.factories import BINH, NHUNG, finished_visit
from tests.netproxy import TcpProxy

pytestmark = pytest.mark.postgres


def central_count(kiosk: Kiosk, query: object) -> int:
    with sync_of(kiosk).central.unit_of_work() as uow:
        return int(uow.session.scalar(query) or 0)  # type: ignore[call-overload]


def test_a_finished_visit_reaches_the_centre_with_everything_hanging_off_it(
    make_counter: CounterFactory, pg_schema_url: str
) -> None:
    q01 = make_counter("Q01", pg_schema_url)
    helper = q01.helpers.add("an", "Nguyễn Văn An", "2468")
    details = VisitDetails(barriers=("no_smartphone",), satisfaction=5)
    visit = finished_visit(q01, helper_id=helper.id, details=details)
    q01.stuck_points.record(visit.id, "portal_account", "open-portal", 2)

    assert sync_of(q01).status().pending == 1  # one visit, however many changes it had
    result = sync_of(q01).drain()

    assert (result.sent, result.status.pending, result.status.online) == (1, 0, True)
    with sync_of(q01).central.unit_of_work() as uow:
        row = uow.session.get(Transaction, visit.id)
        assert row is not None
        assert (row.receipt_no, row.status, row.satisfaction) == (visit.receipt_no, "finished", 5)
        assert [s.service_code for s in row.services] == ["portal_account"]
        assert [b.barrier_code for b in row.barriers] == ["no_smartphone"]
        helper_row = uow.session.get(Helper, row.helper_id)
        assert helper_row is not None and helper_row.username == "an"
        citizen = uow.session.get(Citizen, row.citizen_id)
        assert citizen is not None and citizen.id_masked == "001******345"
        assert uow.session.scalar(select(func.count()).select_from(Consent)) == 1
    # the centre's copy reads back through the same services, name decrypted with the key
    assert central_record_name(q01, visit.receipt_no) == "Nguyễn Thị Hồng Nhung"


def central_record_name(kiosk: Kiosk, receipt_no: str | None) -> str | None:
    from kiosk.services.visits.transactions import TransactionLog

    central = TransactionLog(
        sync_of(kiosk).central, kiosk.vault, kiosk.catalogue, kiosk.clock, "Q01", 0
    )
    return central.find_by_receipt(receipt_no or "").citizen_name


def test_sending_everything_again_changes_nothing(
    make_counter: CounterFactory, pg_schema_url: str
) -> None:
    q01 = make_counter("Q01", pg_schema_url)
    for citizen in (NHUNG, BINH, NHUNG):
        finished_visit(q01, ServiceOutcome("vneid_level2", "done"), citizen=citizen)
    q01.days.close()
    sync_of(q01).drain()
    before = central_totals(q01)

    assert sync_of(q01).enqueue_history() == 4  # three visits and the closure
    result = sync_of(q01).drain()

    assert (result.sent, result.conflicts) == (4, 0)
    assert central_totals(q01) == before == (3, 3, 2, 3, 1)


def central_totals(kiosk: Kiosk) -> tuple[int, ...]:
    return tuple(
        central_count(kiosk, select(func.count()).select_from(table))
        for table in (Transaction, AssistedService, Citizen, Consent, DayClosure)
    )


def test_the_counter_keeps_working_while_the_centre_is_away(
    make_counter: CounterFactory, pg_schema_url: str, proxy: TcpProxy
) -> None:
    q01 = make_counter("Q01", through(proxy, pg_schema_url))
    proxy.cut()
    receipts = [finished_visit(q01).receipt_no for _ in range(3)]

    offline = sync_of(q01).drain()

    assert receipts == [f"Q01-20261123-000{n}" for n in (1, 2, 3)]
    assert (offline.sent, offline.status.online, offline.status.pending) == (0, False, 3)
    assert offline.status.last_error
    proxy.restore()
    online = sync_of(q01).drain()
    assert (online.sent, online.status.online, online.status.pending) == (3, True, 0)
    assert central_count(q01, select(func.count()).select_from(Transaction)) == 3


def test_a_visit_on_a_day_the_centre_already_closed_is_kept_as_a_conflict(
    make_counter: CounterFactory, pg_schema_url: str, proxy: TcpProxy, clock: FixedClock
) -> None:
    q01 = make_counter("Q01", through(proxy, pg_schema_url))
    sync_of(q01).drain()  # the centre knows the counter
    proxy.cut()
    late = finished_visit(q01)
    # meanwhile another PC configured as Q01 closes the day on the centre itself
    direct = build_kiosk(
        replace(q01.settings, database_url=pg_schema_url, central_database_url=""), clock=clock
    )
    try:
        direct.days.close()
    finally:
        direct.close()
    proxy.restore()

    result = sync_of(q01).drain()

    assert (result.sent, result.conflicts) == (0, 1)
    assert (result.status.pending, result.status.conflicts) == (0, 1)
    [conflict] = sync_of(q01).items("conflict")
    assert conflict.key == str(late.id)
    assert conflict.last_error and "đã chốt sổ trên máy chủ" in conflict.last_error
    assert central_count(q01, select(func.count()).select_from(Transaction)) == 0
    # nothing is lost locally, and closing locally is reported the same way
    assert q01.transactions.get(late.id).receipt_no == late.receipt_no
    clock.advance(hours=8)
    q01.days.close()
    second = sync_of(q01).drain()
    assert (second.conflicts, second.status.conflicts) == (1, 2)
    assert "đã được chốt ở nơi khác" in (sync_of(q01).items("conflict")[-1].last_error or "")


def test_two_pcs_with_the_same_counter_code_clash_on_receipt_numbers(
    make_counter: CounterFactory, pg_schema_url: str
) -> None:
    first = make_counter("Q01", pg_schema_url, local="pc1")
    second = make_counter("Q01", pg_schema_url, local="pc2")
    finished_visit(first)
    finished_visit(second)  # also Q01-20261123-0001: neither PC knew of the other yet
    assert sync_of(first).drain().sent == 1

    result = sync_of(second).drain()

    assert result.conflicts == 1
    assert "hai máy đang dùng chung mã quầy Q01" in (sync_of(second).items()[0].last_error or "")
    assert sync_of(second).retry_conflicts() == 1  # back in the queue once someone fixed it
    assert sync_of(second).status().pending == 1


def test_a_replaced_counter_pc_continues_the_receipt_numbers_of_the_day(
    make_counter: CounterFactory, pg_schema_url: str
) -> None:
    old_pc = make_counter("Q01", pg_schema_url, local="old")
    for _ in range(3):
        finished_visit(old_pc)
    sync_of(old_pc).drain()

    new_pc = make_counter("Q01", pg_schema_url, local="new")
    sync_of(new_pc).drain()  # first contact: learns that the centre holds 0001..0003

    assert finished_visit(new_pc).receipt_no == "Q01-20261123-0004"
    assert sync_of(new_pc).drain().conflicts == 0


def test_closing_a_day_abandons_its_open_visits_on_the_centre_too(
    make_counter: CounterFactory, pg_schema_url: str
) -> None:
    q01 = make_counter("Q01", pg_schema_url)
    open_visit = q01.transactions.start(helper_id=None, services=["vssid"])
    sync_of(q01).drain()
    q01.days.close()

    assert sync_of(q01).drain().sent == 1
    with sync_of(q01).central.unit_of_work() as uow:
        row = uow.session.get(Transaction, open_visit)
        assert row is not None and row.status == "abandoned"
        assert uow.session.scalar(select(func.count()).select_from(DayClosure)) == 1


def test_only_changes_are_queued_and_one_row_per_use_case(
    make_counter: CounterFactory, pg_schema_url: str
) -> None:
    q01 = make_counter("Q01", pg_schema_url)
    q01.helpers.add("an", "Nguyễn Văn An", "2468")  # helpers are not sent on their own
    transaction_id = q01.transactions.start(helper_id=None, citizen=NHUNG, services=["vssid"])
    q01.transactions.record_outcome(transaction_id, ServiceOutcome("vssid", "done"))

    with q01.db.unit_of_work() as uow:
        keys = list(uow.session.scalars(select(SyncOutboxEntry.key).order_by(SyncOutboxEntry.id)))
    assert keys == [str(transaction_id)] * 2


def test_the_centre_url_must_not_be_the_counters_own_database(
    make_counter: CounterFactory, tmp_path: Path
) -> None:
    with pytest.raises(SettingsError, match=r"database\.central_url"):
        make_counter("Q01", f"sqlite:///{tmp_path / 'Q01.sqlite3'}")


def test_counters_of_a_centre_are_reported_together(
    make_counter: CounterFactory, pg_schema_url: str
) -> None:
    from kiosk.services.reporting.reports import centre_figures

    q01, q02 = make_counter("Q01", pg_schema_url), make_counter("Q02", pg_schema_url)
    finished_visit(q01, ServiceOutcome("online_filing", "done", dossier_code="G22.99-261123-0001"))
    finished_visit(q02, ServiceOutcome("vneid_level2", "done"))
    finished_visit(q02, ServiceOutcome("portal_account", "done"))
    for counter in (q01, q02):
        sync_of(counter).drain()

    figures = centre_figures(q01, q01.clock.now().date(), q01.clock.now().date())

    assert figures.transactions == 3
    with sync_of(q02).central.unit_of_work() as uow:
        codes = set(uow.session.scalars(select(Counter.code)))
    assert codes == {"Q01", "Q02"}


def test_an_erasure_on_request_reaches_the_centre_even_from_another_counter(
    make_counter: CounterFactory, pg_schema_url: str, proxy: TcpProxy
) -> None:
    q01 = make_counter("Q01", pg_schema_url)
    q02 = make_counter("Q02", through(proxy, pg_schema_url))
    visit = finished_visit(q01, citizen=NHUNG)
    sync_of(q01).drain()
    proxy.cut()

    q02.retention.erase_citizen(NHUNG.id_number)  # she asks at Q02, which never saw her

    assert sync_of(q02).drain().status.pending == 1  # queued while the centre is away
    proxy.restore()
    assert sync_of(q02).drain().sent == 1
    with sync_of(q01).central.unit_of_work() as uow:
        row = uow.session.get(Transaction, visit.id)
        assert row is not None
        citizen = uow.session.get(Citizen, row.citizen_id)
        assert citizen is not None and citizen.erased_at is not None
        assert (citizen.id_hash, citizen.name_enc, citizen.id_masked) == (None, None, None)


def test_kiosk_sync_commands(
    make_counter: CounterFactory,
    pg_schema_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    from kiosk.cli import main

    q01 = make_counter("Q01", pg_schema_url)
    finished_visit(q01)
    monkeypatch.setenv("KIOSK_DATABASE_URL", q01.settings.effective_database_url)
    monkeypatch.setenv("KIOSK_CENTRAL_DATABASE_URL", pg_schema_url)

    assert main(["sync", "status"]) == 0
    assert "Đang chờ gửi: 1 mục" in capsys.readouterr().out
    assert main(["sync", "send"]) == 0
    assert "Đã gửi 1 mục" in capsys.readouterr().out
    assert main(["sync", "conflicts"]) == 0
    assert main(["sync", "backfill"]) == 0
    assert "Đã xếp 1 mục" in capsys.readouterr().out
    out = tmp_path / "centre.csv"
    assert (
        main(
            ["export", "--centre", "--from", "23/11/2026", "--to", "23/11/2026", "--out", str(out)]
        )
        == 0
    )
    assert "Q01-20261123-0001" in out.read_text(encoding="utf-8-sig")


def test_kiosk_sync_says_when_the_centre_is_away(
    make_counter: CounterFactory,
    pg_schema_url: str,
    proxy: TcpProxy,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from kiosk.cli import main

    central = through(proxy, pg_schema_url)
    q01 = make_counter("Q01", central)
    finished_visit(q01)
    proxy.cut()
    monkeypatch.setenv("KIOSK_DATABASE_URL", q01.settings.effective_database_url)
    monkeypatch.setenv("KIOSK_CENTRAL_DATABASE_URL", central)

    assert main(["sync", "send"]) == 3
    captured = capsys.readouterr()
    assert "Quầy vẫn làm việc bình thường" in captured.err
    assert "Đang chờ gửi: 1 mục" in captured.out


def test_a_counter_without_a_centre_has_no_sync(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.cli import main

    assert main(["sync", "status"]) == 2
    assert "database.central_url" in capsys.readouterr().err
