"""The visit session: consent gates storage, the first choice of services starts the visit,
each step is committed, a wipe loses nothing, an empty visit is never recorded."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from kiosk.app import Kiosk
from kiosk.domain.clock import local_day
from kiosk.domain.values import ServiceOutcome
from kiosk.errors import InputError
from kiosk.services.reporting.figures import compute_figures
from kiosk.services.visits.session import VisitSession
from kiosk.services.visits.transactions import OPEN
from kiosk.storage.models import Citizen, Consent, GuideStuckPoint
from tests.factories import BA_TU_CARD, NHUNG_CARD


def _session(kiosk: Kiosk) -> VisitSession:
    return VisitSession(
        kiosk.transactions,
        kiosk.stuck_points,
        today=lambda: local_day(kiosk.clock.now()),
        helper_id=None,
    )


def _count(kiosk: Kiosk, model: type) -> int:
    with kiosk.db.unit_of_work() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(model)) or 0)


def test_nothing_is_stored_before_consent(kiosk: Kiosk) -> None:
    session = _session(kiosk)
    session.set_identity(NHUNG_CARD)
    assert not session.started
    assert _count(kiosk, Citizen) == 0
    assert kiosk.transactions.list_day() == []


def test_consent_is_stored_with_the_first_services_chosen(kiosk: Kiosk) -> None:
    session = _session(kiosk)
    session.set_identity(NHUNG_CARD)
    session.give_consent()
    assert not session.started and _count(kiosk, Citizen) == 0  # "Quay lại" undoes nothing
    transaction_id = session.choose_services(["vssid"])
    record = kiosk.transactions.get(transaction_id)
    assert [s.service_code for s in record.services] == ["vssid"]
    assert record.citizen_id_masked == "001******345"
    assert record.citizen_name == "Nguyễn Thị Hồng Nhung"
    assert _count(kiosk, Consent) == 1


def test_declining_helps_anonymously_and_forgets_the_card(kiosk: Kiosk) -> None:
    session = _session(kiosk)
    session.set_identity(NHUNG_CARD)
    session.decline_consent()
    assert session.identity is None
    transaction_id = session.choose_services(["vssid"])
    record = kiosk.transactions.get(transaction_id)
    assert record.citizen_id_masked is None and record.citizen_name is None
    assert _count(kiosk, Citizen) == 0 and _count(kiosk, Consent) == 0


def test_a_whole_visit_ends_with_a_receipt(kiosk: Kiosk) -> None:
    session = _session(kiosk)
    session.set_identity(NHUNG_CARD)
    session.give_consent()
    session.choose_services(["vneid_level2", "online_filing"])
    assert session.pending_services() == ("vneid_level2", "online_filing")
    session.record_stuck("vneid_level2", "otp", 4)
    session.record_outcome(ServiceOutcome("vneid_level2", "done"))
    session.record_outcome(
        ServiceOutcome("online_filing", "partial", "otp_not_received", "G22.384-241123-0001")
    )
    assert session.pending_services() == ()
    session.rate(5)
    record = session.finish()
    assert record.receipt_no is not None and record.satisfaction == 5
    assert [s.outcome for s in record.services] == ["done", "partial"]
    counts = kiosk.stuck_points.count(record.business_day, record.business_day)
    assert [(c.service_code, c.step_number, c.step_id, c.count) for c in counts] == [
        ("vneid_level2", 4, "otp", 1)
    ]


def test_a_wipe_mid_visit_keeps_the_transaction_open_to_resume(kiosk: Kiosk) -> None:
    session = _session(kiosk)
    session.set_identity(NHUNG_CARD)
    session.give_consent()
    transaction_id = session.choose_services(["vssid", "portal_account"])
    session.record_outcome(ServiceOutcome("vssid", "done"))
    assert session.wipe() is True
    assert session.identity is None and session.transaction_id is None

    unfinished = kiosk.transactions.list_unfinished()
    assert [t.id for t in unfinished] == [transaction_id]
    assert unfinished[0].status == OPEN

    resumed = _session(kiosk)
    resumed.resume(transaction_id)
    assert resumed.pending_services() == ("portal_account",)
    resumed.record_outcome(ServiceOutcome("portal_account", "done"))
    resumed.rate(None)
    assert resumed.finish().receipt_no is not None


def test_a_wipe_before_consent_leaves_nothing(kiosk: Kiosk) -> None:
    session = _session(kiosk)
    session.set_identity(NHUNG_CARD)
    assert session.wipe() is False
    assert kiosk.transactions.list_day() == []


def test_senior_citizens_are_recognised_from_the_card(kiosk: Kiosk) -> None:
    session = _session(kiosk)
    session.set_identity(BA_TU_CARD)
    assert session.citizen_age() == 78 and session.is_senior()
    session.wipe()
    session.set_identity(NHUNG_CARD)
    assert not session.is_senior()


def test_steps_out_of_order_are_refused_in_vietnamese(kiosk: Kiosk) -> None:
    session = _session(kiosk)
    with pytest.raises(InputError, match="Chưa bắt đầu"):
        session.choose_services(["vssid"])
    with pytest.raises(InputError, match="Chưa có thông tin thẻ"):
        session.give_consent()
    session.decline_consent()
    with pytest.raises(InputError, match="ít nhất một"):
        session.choose_services([])
    session.choose_services(["vssid"])
    with pytest.raises(InputError, match="Lượt hỗ trợ đã bắt đầu"):
        session.set_identity(NHUNG_CARD)
    with pytest.raises(InputError, match="Lượt hỗ trợ đã bắt đầu"):
        session.decline_consent()


def test_a_visit_that_never_chose_a_service_is_not_recorded(kiosk: Kiosk) -> None:
    session = _session(kiosk)
    session.set_identity(NHUNG_CARD)
    session.give_consent()
    assert session.wipe() is False  # idle at the services screen: nothing to resume
    session.decline_consent()
    assert session.wipe() is False
    assert kiosk.transactions.list_day() == [] and kiosk.transactions.list_unfinished() == []
    assert _count(kiosk, Citizen) == 0 and _count(kiosk, Consent) == 0


def test_un_ticking_a_service_removes_it_unless_its_outcome_is_recorded(kiosk: Kiosk) -> None:
    session = _session(kiosk)
    session.decline_consent()
    transaction_id = session.choose_services(["vssid", "portal_account", "e_health_book"])
    session.record_outcome(ServiceOutcome("vssid", "done"))
    # back on the services screen: the citizen un-ticks two, one of them already done
    session.choose_services(["online_filing", "e_health_book"])
    assert session.services == ("vssid", "e_health_book", "online_filing")
    assert session.pending_services() == ("e_health_book", "online_filing")
    record = kiosk.transactions.get(transaction_id)
    assert [(s.service_code, s.outcome) for s in record.services] == [
        ("vssid", "done"),
        ("e_health_book", None),
        ("online_filing", None),
    ]


def test_empty_visits_of_an_older_database_are_not_visits_in_the_figures(kiosk: Kiosk) -> None:
    kiosk.transactions.start(helper_id=None)  # as consent did before it waited for a choice
    session = _session(kiosk)
    session.decline_consent()
    session.choose_services(["vssid"])
    day = local_day(kiosk.clock.now())
    with kiosk.db.unit_of_work() as uow:
        [figures] = compute_figures(uow.session, kiosk.catalogue, day, day).values()
    assert (figures.transactions, figures.unfinished, figures.people_helped) == (1, 1, 1)


def test_a_resumed_senior_visit_knows_the_age_from_the_stored_birth_year(kiosk: Kiosk) -> None:
    session = _session(kiosk)
    session.set_identity(BA_TU_CARD)
    session.give_consent()
    transaction_id = session.choose_services(["vssid"])
    session.wipe()
    resumed = _session(kiosk)
    resumed.resume(transaction_id)
    assert resumed.identity is None and resumed.is_senior()


def test_stuck_points_need_a_real_transaction(kiosk: Kiosk) -> None:
    import uuid

    with pytest.raises(InputError):
        kiosk.stuck_points.record(uuid.uuid4(), "vssid", "install", 1)
    assert _count(kiosk, GuideStuckPoint) == 0
