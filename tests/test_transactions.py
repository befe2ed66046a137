"""The transaction log on SQLite and on a real PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select, text

from kiosk.app import Kiosk
from kiosk.domain.clock import FixedClock
from kiosk.domain.values import ServiceOutcome, VisitDetails
from kiosk.errors import DayClosedError, InputError, NotFoundError
from kiosk.storage.models import Citizen, Consent
from tests.factories import BINH, NHUNG, finished_visit

DONE = ServiceOutcome("portal_account", "done")


def test_visit_from_start_to_receipt(kiosk: Kiosk) -> None:
    helper = kiosk.helpers.add("lan", "Nguyễn Thị Lan", "482916")
    record = finished_visit(
        kiosk,
        DONE,
        ServiceOutcome("vneid_level2", "not_possible", "otp_not_received"),
        ServiceOutcome(
            "online_filing",
            "done",
            dossier_code="h01.23-261123-0001 ",
            procedure_name="Đăng ký khai sinh",
        ),
        helper_id=helper.id,
        details=VisitDetails(
            barriers=("no_nfc", "phone_not_own_name"),
            satisfaction=5,
            referral="carrier_store",
            follow_up_on=date(2026, 11, 30),
            follow_up_phone="0912345678",
            notes="Hẹn mang máy",
        ),
    )
    assert record.receipt_no == "Q01-20261123-0001"
    assert record.status == "finished"
    assert record.helper_name == "Nguyễn Thị Lan"
    assert record.citizen_id_masked == "001******345"
    assert record.citizen_name == "Nguyễn Thị Hồng Nhung"
    assert [s.outcome for s in record.services] == ["done", "not_possible", "done"]
    assert record.services[2].dossier_code == "H01.23-261123-0001"
    assert record.barriers == ("no_nfc", "phone_not_own_name")
    assert record.follow_up_phone == "0912345678"
    assert record.started_at.tzinfo is not None
    assert kiosk.transactions.find_by_receipt("q01-20261123-0001").id == record.id


def test_personal_data_is_not_stored_in_clear(kiosk: Kiosk) -> None:
    finished_visit(kiosk, details=VisitDetails(notes="Bà Nhung quên mật khẩu"))
    with kiosk.db.engine.connect() as connection:
        dump = " ".join(
            str(row)
            for table in ("citizens", "transactions", "consents", "audit_log")
            for row in connection.execute(text(f"SELECT * FROM {table}"))
        )
    for secret in ("001198012345", "Nhung", "Nguy", "quên"):
        assert secret not in dump


def test_receipt_numbers_run_per_counter_and_day(make_kiosk, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    q01, q02 = make_kiosk(), make_kiosk("Q02")
    assert [finished_visit(q01).receipt_no for _ in range(3)][-1] == "Q01-20261123-0003"
    assert finished_visit(q02).receipt_no == "Q02-20261123-0001"
    clock.advance(days=1)
    assert finished_visit(q01).receipt_no == "Q01-20261124-0001"


def test_returning_citizen_is_recognised_and_consent_recorded(kiosk: Kiosk) -> None:
    finished_visit(kiosk, citizen=NHUNG)
    finished_visit(kiosk, citizen=BINH)
    finished_visit(kiosk, citizen=NHUNG)
    with kiosk.db.unit_of_work() as uow:
        assert uow.session.scalar(select(Citizen.id).where(Citizen.id.is_not(None)).limit(1))
        assert len(uow.session.scalars(select(Citizen)).all()) == 2
        assert len(uow.session.scalars(select(Consent)).all()) == 3


def test_anonymous_visit_keeps_no_citizen(kiosk: Kiosk) -> None:
    record = finished_visit(kiosk, citizen=None)
    assert record.citizen_name is None and record.citizen_id_masked is None


def test_finish_needs_every_outcome(kiosk: Kiosk) -> None:
    transaction_id = kiosk.transactions.start(helper_id=None, services=["portal_account", "vssid"])
    kiosk.transactions.record_outcome(transaction_id, DONE)
    with pytest.raises(InputError, match="VssID"):
        kiosk.transactions.finish(transaction_id)
    empty = kiosk.transactions.start(helper_id=None)
    with pytest.raises(InputError, match="Chưa chọn dịch vụ"):
        kiosk.transactions.finish(empty)


@pytest.mark.parametrize(
    ("outcome", "message"),
    [
        (ServiceOutcome("passport", "done"), "không có trong danh mục"),
        (ServiceOutcome("vssid", "maybe"), "Kết quả phải là"),
        (ServiceOutcome("vssid", "partial"), "Cần chọn lý do"),
        (ServiceOutcome("vssid", "partial", "bad_luck"), "không có trong danh mục"),
    ],
)
def test_bad_outcomes_are_refused(kiosk: Kiosk, outcome: ServiceOutcome, message: str) -> None:
    transaction_id = kiosk.transactions.start(helper_id=None)
    with pytest.raises(InputError, match=message):
        kiosk.transactions.record_outcome(transaction_id, outcome)


@pytest.mark.parametrize(
    ("details", "message"),
    [
        (VisitDetails(satisfaction=6), "hài lòng"),
        (VisitDetails(barriers=("bad_weather",)), "Khó khăn"),
        (VisitDetails(follow_up_phone="0912345678"), "hẹn ngày"),
        (VisitDetails(follow_up_on=date(2026, 11, 1)), "quá khứ"),
    ],
)
def test_bad_details_are_refused(kiosk: Kiosk, details: VisitDetails, message: str) -> None:
    transaction_id = kiosk.transactions.start(helper_id=None)
    with pytest.raises(InputError, match=message):
        kiosk.transactions.record_details(transaction_id, details)


def test_finished_visit_is_not_edited_but_corrected(kiosk: Kiosk, clock: FixedClock) -> None:
    original = finished_visit(
        kiosk, ServiceOutcome("vneid_level2", "not_possible", "otp_not_received")
    )
    with pytest.raises(InputError, match="điều chỉnh"):
        kiosk.transactions.record_outcome(original.id, ServiceOutcome("vneid_level2", "done"))
    clock.advance(hours=2)
    correction = kiosk.transactions.correct(
        original.id,
        helper_id=None,
        reason="OTP đến sau khi người dân về",
        outcomes=[ServiceOutcome("vneid_level2", "done")],
    )
    assert correction.corrects_id == original.id
    assert correction.receipt_no == "Q01-20261123-0002"
    assert kiosk.transactions.get(original.id).corrections == (correction.id,)
    assert kiosk.transactions.get(original.id).services[0].outcome == "not_possible"
    with pytest.raises(InputError, match="lý do"):
        kiosk.transactions.correct(original.id, helper_id=None, reason=" ", outcomes=[DONE])


def test_closed_day_is_read_only(kiosk: Kiosk, clock: FixedClock) -> None:
    finished = finished_visit(kiosk)
    left_open = kiosk.transactions.start(helper_id=None, services=["vssid"])
    closed = kiosk.days.close()
    assert closed.abandoned == 1 and closed.totals["transactions"] == 2
    assert kiosk.transactions.get(left_open).status == "abandoned"
    with pytest.raises(DayClosedError, match="đã được chốt sổ"):
        kiosk.days.close()
    with pytest.raises(DayClosedError, match="chốt sổ"):
        kiosk.transactions.start(helper_id=None)
    with pytest.raises(InputError):
        kiosk.transactions.record_outcome(left_open, DONE)
    clock.advance(days=1)
    correction = kiosk.transactions.correct(
        finished.id, helper_id=None, reason="Ghi nhầm", outcomes=[ServiceOutcome("vssid", "done")]
    )
    assert correction.business_day == date(2026, 11, 24)
    with pytest.raises(InputError, match="chưa đến"):
        kiosk.days.close(date(2026, 11, 24) + timedelta(days=1))


def test_list_today_and_unfinished(kiosk: Kiosk, clock: FixedClock) -> None:
    finished_visit(kiosk)
    open_id = kiosk.transactions.start(helper_id=None, services=["vssid"])
    assert [t.status for t in kiosk.transactions.list_day()] == ["finished", "open"]
    assert [t.id for t in kiosk.transactions.list_unfinished()] == [open_id]
    clock.advance(days=1)
    assert kiosk.transactions.list_day() == []


def test_unknown_receipt(kiosk: Kiosk) -> None:
    with pytest.raises(NotFoundError, match="Q01-20261123-0099"):
        kiosk.transactions.find_by_receipt("Q01-20261123-0099")
