"""What a visit may store: catalogue services, outcomes and details, and typed text made fit
for the database (:mod:`kiosk.services.stored_text`), checked before any unit of work."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from kiosk.domain.catalogue import Catalogue
from kiosk.domain.values import OUTCOME_CODES, CitizenDetails, ServiceOutcome, VisitDetails
from kiosk.errors import QT_TRANSLATE_NOOP, InputError
from kiosk.services.identity.model import FEMALE, MALE
from kiosk.services.stored_text import (
    CITIZEN_NAME,
    DOSSIER_CODE,
    FOLLOW_UP_PHONE,
    NOTICE_VERSION,
    PROCEDURE_NAME,
    VISIT_NOTES,
    clean_optional,
    clean_text,
)

UNKNOWN_SERVICE = QT_TRANSLATE_NOOP("Errors", "Dịch vụ '{code}' không có trong danh mục.")
UNKNOWN_REASON = QT_TRANSLATE_NOOP("Errors", "Lý do '{code}' không có trong danh mục.")
UNKNOWN_BARRIER = QT_TRANSLATE_NOOP("Errors", "Khó khăn '{code}' không có trong danh mục.")
UNKNOWN_REFERRAL = QT_TRANSLATE_NOOP("Errors", "Nơi chuyển tiếp '{code}' không có trong danh mục.")


def check_services(catalogue: Catalogue, codes: Sequence[str]) -> None:
    """:class:`InputError` for the first code that is not a catalogue service."""
    for code in codes:
        if not catalogue.has("services", code):
            raise InputError(UNKNOWN_SERVICE.format(code=code))


def check_outcome(catalogue: Catalogue, outcome: ServiceOutcome) -> ServiceOutcome:
    """A known service and outcome, a known reason where one is needed; returned with its
    dossier code and procedure name as they will be stored (upper-cased, NFC, checked)."""
    check_services(catalogue, [outcome.service_code])
    if outcome.outcome not in OUTCOME_CODES:
        raise InputError(
            QT_TRANSLATE_NOOP(
                "Errors", "Kết quả phải là: đã hoàn thành, một phần, hoặc không thực hiện được."
            )
        )
    if catalogue.outcome(outcome.outcome).needs_reason:
        if not outcome.reason_code:
            raise InputError(
                QT_TRANSLATE_NOOP("Errors", "Cần chọn lý do khi dịch vụ chưa hoàn thành.")
            )
        if not catalogue.has("reasons", outcome.reason_code):
            raise InputError(UNKNOWN_REASON.format(code=outcome.reason_code))
    return replace(
        outcome,
        dossier_code=clean_optional(DOSSIER_CODE, outcome.dossier_code),
        procedure_name=clean_optional(PROCEDURE_NAME, outcome.procedure_name),
    )


def check_details(catalogue: Catalogue, details: VisitDetails, today: date) -> VisitDetails:
    """Known barriers and referral, a rating of 1–5, a follow-up not before ``today``;
    returned with its notes and phone number as they will be stored."""
    for code in details.barriers or ():
        if not catalogue.has("barriers", code):
            raise InputError(UNKNOWN_BARRIER.format(code=code))
    if details.satisfaction is not None and not 1 <= details.satisfaction <= 5:
        raise InputError(QT_TRANSLATE_NOOP("Errors", "Mức hài lòng phải từ 1 đến 5."))
    if details.referral and not catalogue.has("referrals", details.referral):
        raise InputError(UNKNOWN_REFERRAL.format(code=details.referral))
    if details.follow_up_phone and details.follow_up_on is None:
        raise InputError(
            QT_TRANSLATE_NOOP("Errors", "Chỉ lưu số điện thoại khi đã hẹn ngày quay lại.")
        )
    if details.follow_up_on and details.follow_up_on < today:
        raise InputError(QT_TRANSLATE_NOOP("Errors", "Ngày hẹn quay lại không được ở quá khứ."))
    return replace(
        details,
        notes=None if details.notes is None else clean_text(VISIT_NOTES, details.notes),
        follow_up_phone=(
            None
            if details.follow_up_phone is None
            else clean_text(FOLLOW_UP_PHONE, details.follow_up_phone)
        ),
    )


def check_citizen(details: CitizenDetails) -> CitizenDetails:
    """A citizen's name, gender and consent notice as they will be stored (the ID number is
    the identity rules' business: only its keyed hash and masked form are kept)."""
    if details.gender not in (None, MALE, FEMALE):
        raise InputError(QT_TRANSLATE_NOOP("Errors", "Giới tính phải là Nam hoặc Nữ."))
    return replace(
        details,
        full_name=clean_text(CITIZEN_NAME, details.full_name),
        consent_notice_version=clean_text(NOTICE_VERSION, details.consent_notice_version),
    )
