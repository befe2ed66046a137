"""Dates of birth and issue: QR (``ddmmyyyy``) and typed (``dd/mm/yyyy``) forms, and their rules."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from kiosk.errors import QT_TRANSLATE_NOOP

from .errors import (
    FutureDateError,
    IdentityField,
    InvalidDateError,
    IssueBeforeBirthError,
)

F = IdentityField
_QR_DATE = re.compile(r"([0-9]{2})([0-9]{2})([0-9]{4})")
_TYPED_DATE = re.compile(
    r"([0-9]{1,2})\s*[/.-]\s*([0-9]{1,2})\s*[/.-]\s*([0-9]{4})|([0-9]{2})([0-9]{2})([0-9]{4})"
)


def parse_qr_date(text: str, field: IdentityField) -> date:
    """A QR date, exactly ``ddmmyyyy``."""
    match = _QR_DATE.fullmatch(text)
    if match is None:
        template = (
            QT_TRANSLATE_NOOP("identity", "Ngày sinh trong mã QR không đúng dạng ngày tháng năm.")
            if field is F.BIRTH_DATE
            else QT_TRANSLATE_NOOP(
                "identity", "Ngày cấp trong mã QR không đúng dạng ngày tháng năm."
            )
        )
        raise InvalidDateError(template, detail=f"{field} is not ddmmyyyy", fields=(field,))
    day, month, year = (int(part) for part in match.groups())
    return make_date(day, month, year, field)


def parse_typed_date(text: str, field: IdentityField) -> date:
    """A typed date: ``dd/mm/yyyy`` (``/``, ``.`` or ``-``, 1- or 2-digit day and month) or
    the 8 digits a numeric keypad gives (``ddmmyyyy``); full-width digits are accepted."""
    match = _TYPED_DATE.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        template = (
            QT_TRANSLATE_NOOP(
                "identity", "Ngày sinh phải viết dạng ngày/tháng/năm, ví dụ 05/09/1990."
            )
            if field is F.BIRTH_DATE
            else QT_TRANSLATE_NOOP(
                "identity", "Ngày cấp phải viết dạng ngày/tháng/năm, ví dụ 05/09/2021."
            )
        )
        raise InvalidDateError(template, detail=f"{field} is not dd/mm/yyyy", fields=(field,))
    day, month, year = (int(part) for part in match.groups() if part is not None)
    return make_date(day, month, year, field)


def make_date(day: int, month: int, year: int, field: IdentityField) -> date:
    """The calendar date, or :class:`InvalidDateError` for 31/02 and the like."""
    try:
        return date(year, month, day)
    except ValueError:
        template = (
            QT_TRANSLATE_NOOP("identity", "Ngày sinh không phải một ngày có thật.")
            if field is F.BIRTH_DATE
            else QT_TRANSLATE_NOOP("identity", "Ngày cấp không phải một ngày có thật.")
        )
        raise InvalidDateError(
            template, detail=f"{field} is not a real calendar date", fields=(field,)
        ) from None


def check_birth_date(birth_date: date, today: date) -> date:
    """A date of birth that is not after ``today``."""
    if birth_date > today:
        raise FutureDateError(
            QT_TRANSLATE_NOOP("identity", "Ngày sinh không thể sau ngày hôm nay."),
            detail="birth date is in the future",
            fields=(F.BIRTH_DATE,),
        )
    return birth_date


def check_issue_date(issue_date: date, birth_date: date, today: date) -> date:
    """An issue date between the date of birth and ``today``, both included.

    No minimum age: since July 2024 cards are issued from birth.
    """
    if issue_date > today:
        raise FutureDateError(
            QT_TRANSLATE_NOOP("identity", "Ngày cấp thẻ không thể sau ngày hôm nay."),
            detail="issue date is in the future",
            fields=(F.ISSUE_DATE,),
        )
    if issue_date < birth_date:
        raise IssueBeforeBirthError(
            QT_TRANSLATE_NOOP("identity", "Ngày cấp thẻ không thể trước ngày sinh."),
            detail="issue date is before the birth date",
            fields=(F.ISSUE_DATE, F.BIRTH_DATE),
        )
    return issue_date
