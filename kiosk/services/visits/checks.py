"""What the catalogue allows in a visit: services, outcomes and details checked before storing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from kiosk.domain.catalogue import Catalogue
from kiosk.domain.values import OUTCOME_CODES, ServiceOutcome, VisitDetails
from kiosk.errors import InputError


def check_services(catalogue: Catalogue, codes: Sequence[str]) -> None:
    """:class:`InputError` for the first code that is not a catalogue service."""
    for code in codes:
        if not catalogue.has("services", code):
            raise InputError(f"Dịch vụ '{code}' không có trong danh mục.")


def check_outcome(catalogue: Catalogue, outcome: ServiceOutcome) -> None:
    """A known service and outcome, a known reason where one is needed, a short dossier code."""
    check_services(catalogue, [outcome.service_code])
    if outcome.outcome not in OUTCOME_CODES:
        raise InputError("Kết quả phải là: đã hoàn thành, một phần, hoặc không thực hiện được.")
    if catalogue.outcome(outcome.outcome).needs_reason:
        if not outcome.reason_code:
            raise InputError("Cần chọn lý do khi dịch vụ chưa hoàn thành.")
        if not catalogue.has("reasons", outcome.reason_code):
            raise InputError(f"Lý do '{outcome.reason_code}' không có trong danh mục.")
    if outcome.dossier_code and len(outcome.dossier_code.strip()) > 40:
        raise InputError("Mã hồ sơ dài quá 40 ký tự.")


def check_details(catalogue: Catalogue, details: VisitDetails, today: date) -> None:
    """Known barriers and referral, a rating of 1–5, a follow-up not before ``today``."""
    for code in details.barriers or ():
        if not catalogue.has("barriers", code):
            raise InputError(f"Khó khăn '{code}' không có trong danh mục.")
    if details.satisfaction is not None and not 1 <= details.satisfaction <= 5:
        raise InputError("Mức hài lòng phải từ 1 đến 5.")
    if details.referral and not catalogue.has("referrals", details.referral):
        raise InputError(f"Nơi chuyển tiếp '{details.referral}' không có trong danh mục.")
    if details.follow_up_phone and details.follow_up_on is None:
        raise InputError("Chỉ lưu số điện thoại khi đã hẹn ngày quay lại.")
    if details.follow_up_on and details.follow_up_on < today:
        raise InputError("Ngày hẹn quay lại không được ở quá khứ.")
