"""Retention purge and erasure on request keep the counts, lose the person."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from kiosk.app import Kiosk
from kiosk.domain.clock import FixedClock
from kiosk.domain.values import ServiceOutcome, VisitDetails
from kiosk.errors import NotFoundError
from kiosk.services.reporting.figures import compute_figures
from kiosk.storage.models import AssistedService, Citizen
from tests.factories import BINH, NHUNG, finished_visit

FILED = ServiceOutcome("online_filing", "done", dossier_code="H01.23-261123-0001")


def totals(kiosk: Kiosk) -> dict[str, object]:
    with kiosk.db.unit_of_work() as uow:
        return compute_figures(uow.session, kiosk.catalogue, date(2026, 1, 1), date(2027, 12, 31))[
            None
        ].as_dict()


def test_purge_after_retention_keeps_counts(kiosk: Kiosk, clock: FixedClock) -> None:
    finished_visit(kiosk, FILED, citizen=NHUNG, details=VisitDetails(notes="ghi chú riêng"))
    clock.advance(days=200)
    recent = finished_visit(kiosk, citizen=BINH)
    before = totals(kiosk)
    result = kiosk.retention.purge(180)
    assert (result.citizens_erased, result.transactions_scrubbed) == (1, 1)
    assert totals(kiosk) == before
    with kiosk.db.unit_of_work() as uow:
        citizens = uow.session.scalars(select(Citizen).order_by(Citizen.id)).all()
        assert citizens[0].id_hash is None and citizens[0].name_enc is None
        assert citizens[0].birth_year == 1998 and citizens[0].gender == "Nữ"
        assert citizens[1].id_hash is not None
        assert (
            uow.session.scalar(
                select(AssistedService.dossier_code).where(
                    AssistedService.service_code == "online_filing"
                )
            )
            is None
        )
    assert kiosk.transactions.get(recent.id).citizen_name == "Trần Văn Bình"
    assert kiosk.retention.purge(180).citizens_erased == 0


def test_erase_on_request(kiosk: Kiosk) -> None:
    first = finished_visit(kiosk, FILED, citizen=NHUNG)
    finished_visit(kiosk, citizen=NHUNG)
    before = totals(kiosk)
    result = kiosk.retention.erase_citizen("0011 9801 2345")
    assert result.transactions_scrubbed == 2
    record = kiosk.transactions.get(first.id)
    assert record.citizen_name is None and record.citizen_id_masked is None
    assert record.services[0].dossier_code is None
    assert totals(kiosk) == before
    with pytest.raises(NotFoundError):
        kiosk.retention.erase_citizen(NHUNG.id_number)
    # the same person coming back later is a new, unlinked record
    assert finished_visit(kiosk, citizen=NHUNG).citizen_name == "Nguyễn Thị Hồng Nhung"
