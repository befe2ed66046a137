"""A list of visits read in a few statements gives what reading each visit alone gives, and
reading it never makes a writer wait."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import event

from kiosk.app import Kiosk
from kiosk.domain.clock import local_day
from kiosk.domain.values import ServiceOutcome, TransactionRecord, VisitDetails
from kiosk.tools.demo import seed_demo
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


def test_a_demo_days_list_equals_each_visit_read_alone(kiosk: Kiosk) -> None:
    """On seeded demo data (corrections across days, open visits, notes, phones) each day's
    list read in four statements equals the visits read one by one through the ORM."""
    today = local_day(kiosk.clock.now())
    seed_demo(
        kiosk.db, kiosk.vault, kiosk.catalogue, transactions=900, days=5, seed=16, end_day=today
    )
    log = kiosk.transactions
    listed = [record for n in range(7) for record in log.list_day(today - timedelta(days=n))]
    assert len(listed) == 900
    assert any(r.corrections for r in listed) and any(r.corrects_id for r in listed)
    assert any(r.follow_up_phone for r in listed) and any(r.notes for r in listed)
    assert any(r.barriers for r in listed) and any(r.citizen_name is None for r in listed)
    for record in listed:
        assert record == log.get(record.id)
    unfinished = log.list_unfinished()
    assert unfinished and unfinished == [log.get(r.id) for r in unfinished]


def test_a_finish_does_not_wait_for_the_list_being_read(make_kiosk: Callable[..., Kiosk]) -> None:
    """The list is held half-read (its first SELECT done, the rows not yet fetched) while
    another kiosk of the counter finishes a visit: the finish goes through at once, and the
    list shows the day as it was when its read began (one snapshot)."""
    reader, writer = make_kiosk(), make_kiosk()  # the same counter, two engines
    finished_visit(reader)
    visit = writer.transactions.start(helper_id=None, services=["vssid"])
    writer.transactions.record_outcome(visit, ServiceOutcome("vssid", "done"))
    reading, finish_done = threading.Event(), threading.Event()

    def hold(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "JOIN counters" in statement and not reading.is_set():
            reading.set()
            finish_done.wait(20)  # the finish would wait here if the list held the write lock

    event.listen(reader.db.engine, "after_cursor_execute", hold)
    listed: list[list[TransactionRecord]] = []
    thread = threading.Thread(target=lambda: listed.append(reader.transactions.list_day()))
    thread.start()
    try:
        assert reading.wait(20)
        started = time.monotonic()
        receipt = writer.transactions.finish(visit)
        took = time.monotonic() - started
        still_reading = thread.is_alive()
    finally:
        finish_done.set()
        thread.join(30)
        event.remove(reader.db.engine, "after_cursor_execute", hold)
    assert still_reading and took < 5, f"the finish waited {took:.1f} s for the list"
    (day,) = listed
    assert [r.status for r in day] == ["finished", "open"]  # read before the finish
    assert [r.receipt_no for r in reader.transactions.list_day()][1] == receipt.receipt_no
