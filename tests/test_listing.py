"""A list of visits read in a few statements gives what reading each visit alone gives."""

from __future__ import annotations

from datetime import date

from sqlalchemy import event

from kiosk.app import Kiosk
from kiosk.domain.values import ServiceOutcome, VisitDetails
from tests.factories import BINH, NHUNG, finished_visit


def test_the_days_list_equals_each_visit_read_alone(kiosk: Kiosk) -> None:
    log = kiosk.transactions
    with_everything = finished_visit(
        kiosk,
        ServiceOutcome("portal_account", "done"),
        ServiceOutcome("vneid_level2", "partial", reason_code="chip_read_failed"),
        citizen=NHUNG,
        details=VisitDetails(
            barriers=("no_nfc", "phone_not_own_name"),
            satisfaction=4,
            follow_up_on=date(2026, 11, 30),
            follow_up_phone="0912345678",
            notes="Hẹn quay lại mang điện thoại của con.",
        ),
    )
    anonymous = finished_visit(kiosk, citizen=None)
    log.correct(
        with_everything.id,
        helper_id=None,
        reason="Ghi nhầm kết quả",
        outcomes=[ServiceOutcome("portal_account", "done"), ServiceOutcome("vneid_level2", "done")],
    )
    left_open = log.start(helper_id=None, citizen=BINH, services=["vssid"])

    listed = log.list_day()

    assert [r.id for r in listed][:2] == [with_everything.id, anonymous.id]
    assert len(listed) == 4 and listed[3].id == left_open
    for record in listed:
        assert record == log.get(record.id)
    assert listed[0].corrections == (listed[2].id,)
    assert listed[2].corrects_id == with_everything.id
    assert [r.id for r in log.list_unfinished()] == [left_open]


def test_the_days_list_takes_the_same_few_statements_however_long_the_day(kiosk: Kiosk) -> None:
    def statements_for_the_list() -> int:
        count = 0

        def counted(*_args: object) -> None:
            nonlocal count
            count += 1

        event.listen(kiosk.db.engine, "before_cursor_execute", counted)
        try:
            kiosk.transactions.list_day()
        finally:
            event.remove(kiosk.db.engine, "before_cursor_execute", counted)
        return count

    finished_visit(kiosk)
    few = statements_for_the_list()
    for _ in range(20):
        finished_visit(kiosk, citizen=BINH)
    assert statements_for_the_list() == few <= 6


def test_the_read_only_list_equals_the_sessions_on_demo_data(kiosk: Kiosk) -> None:
    from datetime import timedelta

    from kiosk.domain.clock import local_day
    from kiosk.services.visits.listing import listed_records, read_records
    from kiosk.storage.models import Transaction
    from kiosk.tools.demo import seed_demo

    today = local_day(kiosk.clock.now())
    seed_demo(
        kiosk.db, kiosk.vault, kiosk.catalogue, transactions=900, days=5, seed=16, end_day=today
    )
    mine = Transaction.counter_id == kiosk.counter_id
    conditions = [(mine, Transaction.business_day == today - timedelta(days=n)) for n in range(7)]
    conditions.append((mine, Transaction.status == "open"))
    lengths = []
    for where in conditions:
        with kiosk.db.unit_of_work() as uow:
            old = listed_records(uow.session, kiosk.vault, *where)
        with kiosk.db.reading() as connection:
            new = read_records(connection, kiosk.vault, *where)
        assert new == old
        lengths.append(len(new))
    assert sum(lengths[:7]) == 900 and lengths[-1] > 0
