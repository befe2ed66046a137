"""Report figures: definitions, corrections, groups, and agreement with plain SQL."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from kiosk.app import Kiosk
from kiosk.domain.clock import FixedClock
from kiosk.domain.values import ServiceOutcome, VisitDetails
from kiosk.services.reporting.figures import compute_figures, helper_hours
from tests.factories import BA_TU, BINH, NHUNG, finished_visit

DAY = date(2026, 11, 23)


def figures(kiosk: Kiosk, **kwargs):  # type: ignore[no-untyped-def]
    with kiosk.db.unit_of_work() as uow:
        return compute_figures(uow.session, kiosk.catalogue, DAY, DAY, **kwargs)


def test_figures_of_a_day(kiosk: Kiosk, clock: FixedClock) -> None:
    lan = kiosk.helpers.add("lan", "Nguyễn Thị Lan", "482916")
    finished_visit(
        kiosk,
        ServiceOutcome("portal_account", "done"),
        ServiceOutcome("signature_vnpt_smartca", "done"),
        citizen=NHUNG,
        helper_id=lan.id,
        details=VisitDetails(satisfaction=5),
    )
    clock.advance(minutes=30)
    finished_visit(
        kiosk,
        ServiceOutcome("signature_viettel_mysign", "done"),
        ServiceOutcome("vneid_level2", "partial", "approval_pending"),
        citizen=NHUNG,
        helper_id=lan.id,
        details=VisitDetails(satisfaction=4),
    )
    clock.advance(minutes=30)
    finished_visit(kiosk, ServiceOutcome("online_filing", "done"), citizen=BINH)
    finished_visit(kiosk, ServiceOutcome("vssid", "not_possible", "no_network"), citizen=None)
    kiosk.transactions.start(helper_id=None, citizen=BA_TU, services=["vneid_level2"])
    total = figures(kiosk)[None]
    assert total.transactions == 5 and total.finished == 4 and total.unfinished == 1
    assert total.people_helped == 4  # Nhung twice, Bình, Bà Tư, one anonymous
    assert total.by_figure["portal_accounts"] == 1
    assert total.by_figure["digital_signatures"] == 2
    assert total.by_figure["dossiers_filed_online"] == 1
    assert total.by_figure["vneid_level2_activations"] == 0
    assert total.by_figure["vssid_accounts"] == 0
    assert total.reasons == {"approval_pending": 1, "no_network": 1}
    assert total.satisfaction_avg == 4.5 and total.rated == 2
    by_helper = figures(kiosk, group_by="helper")
    assert by_helper[lan.id].transactions == 2 and by_helper[None].transactions == 3
    with kiosk.db.unit_of_work() as uow:
        hours = {h.username: h for h in helper_hours(uow.session, DAY, DAY)}
    assert hours["lan"].days == 1 and hours["lan"].hours == 0.5


def test_latest_correction_wins(kiosk: Kiosk, clock: FixedClock) -> None:
    original = finished_visit(
        kiosk,
        ServiceOutcome("vneid_level2", "not_possible", "otp_not_received"),
        ServiceOutcome("portal_account", "done"),
    )
    clock.advance(hours=1)
    kiosk.transactions.correct(
        original.id,
        helper_id=None,
        reason="OTP về muộn",
        outcomes=[ServiceOutcome("vneid_level2", "done")],
    )
    assert figures(kiosk)[None].by_figure["vneid_level2_activations"] == 1
    clock.advance(hours=1)
    kiosk.transactions.correct(
        original.id,
        helper_id=None,
        reason="Bấm nhầm",
        outcomes=[ServiceOutcome("vneid_level2", "partial", "approval_pending")],
    )
    total = figures(kiosk)[None]
    assert total.transactions == 1  # corrections are not visits
    assert total.by_figure["vneid_level2_activations"] == 0
    assert total.by_figure["portal_accounts"] == 1
    assert total.by_service["vneid_level2"] == {"partial": 1}


def test_figures_equal_plain_sql(kiosk: Kiosk, clock: FixedClock) -> None:
    for index in range(12):
        clock.advance(minutes=7)
        outcome = ("done", "partial", "not_possible")[index % 3]
        reason = None if outcome == "done" else "system_error"
        finished_visit(
            kiosk,
            ServiceOutcome("portal_account", outcome, reason),
            ServiceOutcome("signature_other", "done"),
            citizen=(NHUNG, BINH, BA_TU, None)[index % 4],
        )
    total = figures(kiosk)[None]
    with kiosk.db.engine.connect() as connection:

        def count(sql: str) -> int:
            return int(connection.execute(text(sql)).scalar_one())

        assert total.transactions == count("SELECT count(*) FROM transactions")
        assert total.by_figure["portal_accounts"] == count(
            "SELECT count(*) FROM transaction_services "
            "WHERE service_code = 'portal_account' AND outcome = 'done'"
        )
        assert total.by_figure["digital_signatures"] == count(
            "SELECT count(*) FROM transaction_services WHERE service_code LIKE 'signature%' "
            "AND outcome = 'done'"
        )
        assert total.people_helped == count(
            "SELECT count(DISTINCT citizen_id) FROM transactions"
        ) + count("SELECT count(*) FROM transactions WHERE citizen_id IS NULL")
