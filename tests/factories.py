"""Synthetic citizens and shortcuts shared by tests. No real person's data.

Each citizen is defined once, as the card reader gives it (``*_CARD``: a
:class:`CitizenIdentity`), and as storage takes it after consent (``CitizenDetails``).
"""

from __future__ import annotations

import uuid
from datetime import date

from kiosk.app import Kiosk
from kiosk.domain.values import CitizenDetails, ServiceOutcome, TransactionRecord, VisitDetails
from kiosk.services.identity import CitizenIdentity

NOTICE = CitizenDetails("", "").consent_notice_version  # the default consent notice


def _card(id_number: str, full_name: str, birth_date: date, gender: str) -> CitizenIdentity:
    return CitizenIdentity(id_number, None, full_name, birth_date, gender)


NHUNG_CARD = _card("001198012345", "Nguyễn Thị Hồng Nhung", date(1998, 8, 15), "Nữ")
BINH_CARD = _card("079203004567", "Trần Văn Bình", date(2003, 11, 2), "Nam")
BA_TU_CARD = _card("038048001234", "Lê Thị Tư", date(1948, 3, 2), "Nữ")  # over 60: large text

NHUNG = NHUNG_CARD.to_details(NOTICE)
BINH = BINH_CARD.to_details(NOTICE)
BA_TU = BA_TU_CARD.to_details(NOTICE)


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
