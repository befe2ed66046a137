"""Synthetic citizens and shortcuts shared by tests. No real person's data."""

from __future__ import annotations

import uuid

from kiosk.app import Kiosk
from kiosk.domain.values import CitizenDetails, ServiceOutcome, TransactionRecord, VisitDetails
from kiosk.services.identity import CitizenIdentity

NHUNG = CitizenDetails("001198012345", "Nguyễn Thị Hồng Nhung", 1998, "Nữ")
BINH = CitizenDetails("079203004567", "Trần Văn Bình", 2003, "Nam")
BA_TU = CitizenDetails("038048001234", "Lê Thị Tư", 1948, "Nữ")


def finished_visit(
    kiosk: Kiosk,
    *outcomes: ServiceOutcome,
    citizen: CitizenDetails | None = NHUNG,
    helper_id: int | None = None,
    details: VisitDetails | None = None,
) -> TransactionRecord:
    """Start, record every outcome, finish: the common path of a visit."""
    outcomes = outcomes or (ServiceOutcome("portal_account", "done"),)
    transaction_id: uuid.UUID = kiosk.transactions.start(
        helper_id=helper_id, citizen=citizen, services=[o.service_code for o in outcomes]
    )
    for outcome in outcomes:
        kiosk.transactions.record_outcome(transaction_id, outcome)
    if details:
        kiosk.transactions.record_details(transaction_id, details)
    return kiosk.transactions.finish(transaction_id)


def qr_fields(person: CitizenIdentity) -> list[str]:
    """The 7 fields of the QR code on ``person``'s card, in card order (see DOMAIN.md §2)."""
    assert person.issue_date is not None
    return [
        person.id_number,
        person.old_id_number or "",
        person.full_name,
        person.birth_date.strftime("%d%m%Y"),
        person.gender,
        person.address,
        person.issue_date.strftime("%d%m%Y"),
    ]
