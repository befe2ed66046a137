"""Recording a visit through Core statements (kiosk/services/visits/recording.py).

start → outcome → finish bypass the ORM's flush, so nothing the flush did for them comes for
free: the record a finish returns must be the one a later read gives, each use case must
queue its visit for the centre (the flush hook no longer sees these rows), and a unit that
fails must leave nothing behind, its outbox row included.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from kiosk.app import Kiosk
from kiosk.domain.clock import FixedClock, local_day
from kiosk.domain.values import ServiceOutcome, VisitDetails
from kiosk.errors import DayClosedError, InputError
from kiosk.storage.change_capture import TRANSACTION, install_change_capture
from kiosk.storage.models import AuditEntry, Consent, SyncOutboxEntry, Transaction
from tests.factories import NHUNG

DONE = ServiceOutcome("portal_account", "done")
PARTIAL = ServiceOutcome("vneid_level2", "partial", reason_code="otp_not_received")


def test_a_finish_returns_the_record_a_read_gives(kiosk: Kiosk) -> None:
    helper = kiosk.helpers.add("lan", "Nguyễn Thị Lan", "482916")
    log = kiosk.transactions
    visit = log.start(
        helper_id=helper.id, citizen=NHUNG, services=[DONE.service_code, PARTIAL.service_code]
    )
    log.record_details(
        visit,
        VisitDetails(
            barriers=("no_smartphone", "cannot_read_small_text"),
            satisfaction=5,
            follow_up_on=date(2026, 11, 30),
            follow_up_phone="0912345678",
            notes="Hẹn quay lại cài chữ ký số",
        ),
    )
    log.record_outcome(visit, DONE)
    log.record_outcome(visit, PARTIAL)

    finished = log.finish(visit)

    assert finished == log.get(visit)
    assert finished == next(r for r in log.list_day() if r.id == visit)
    assert finished.citizen_name == NHUNG.full_name
    assert finished.helper_name == "Nguyễn Thị Lan"
    assert set(finished.barriers) == {"no_smartphone", "cannot_read_small_text"}
    assert finished.services[1].reason_code == "otp_not_received"


def test_a_returning_citizen_is_one_row_brought_up_to_date(kiosk: Kiosk) -> None:
    log = kiosk.transactions
    first = log.start(helper_id=None, citizen=NHUNG, services=[DONE.service_code])
    second = log.start(helper_id=None, citizen=NHUNG, services=[DONE.service_code])
    with kiosk.db.unit_of_work() as uow:
        citizens = uow.session.scalars(
            select(Transaction.citizen_id).where(Transaction.id.in_([first, second]))
        ).all()
        consents = uow.session.scalar(select(func.count()).select_from(Consent))
    assert len(set(citizens)) == 1 and citizens[0] is not None
    assert consents == 2  # each visit records the consent given for it


def test_each_use_case_queues_its_visit_once_for_the_centre(
    kiosk: Kiosk, clock: FixedClock
) -> None:
    install_change_capture(kiosk.db, clock.now)  # as build_kiosk does for a centre's counter
    log = kiosk.transactions
    visit = log.start(helper_id=None, citizen=NHUNG, services=[DONE.service_code])
    assert _outbox(kiosk) == [(TRANSACTION, str(visit))]
    log.record_outcome(visit, DONE)
    log.finish(visit)
    assert _outbox(kiosk) == [(TRANSACTION, str(visit))] * 3


def test_a_refused_use_case_writes_nothing_not_even_its_outbox_row(
    kiosk: Kiosk, clock: FixedClock
) -> None:
    install_change_capture(kiosk.db, clock.now)
    log = kiosk.transactions
    visit = log.start(helper_id=None, citizen=NHUNG, services=[DONE.service_code])
    audit_lines, queued = _count(kiosk, AuditEntry), len(_outbox(kiosk))

    with pytest.raises(InputError):  # no outcome yet: refused after the visit was read
        log.finish(visit)
    kiosk.days.close(local_day(clock.now()))
    with pytest.raises(DayClosedError):
        log.start(helper_id=None, citizen=NHUNG, services=[DONE.service_code])

    assert _count(kiosk, Transaction) == 1
    assert _count(kiosk, AuditEntry) == audit_lines + 1  # the closure's line only
    outbox = _outbox(kiosk)
    assert len(outbox) > queued and (TRANSACTION, str(visit)) not in outbox[queued:]


def _outbox(kiosk: Kiosk) -> list[tuple[str, str]]:
    with kiosk.db.reading() as connection:
        rows = connection.execute(
            select(SyncOutboxEntry.kind, SyncOutboxEntry.key).order_by(SyncOutboxEntry.id)
        )
        return [(kind, key) for kind, key in rows]


def _count(kiosk: Kiosk, model: type) -> int:
    with kiosk.db.reading() as connection:
        return int(connection.scalar(select(func.count()).select_from(model)) or 0)
