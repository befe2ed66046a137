"""The rules an identity must meet, shared by the QR parser and manual entry.

The 12-digit number is ``PPP G YY NNNNNN`` (Circular 07/2016/TT-BCA; which circular holds it
today is unverified, see resources/catalogue/provinces.toml): ``PPP`` where the
birth was registered, ``G`` century and gender, ``YY`` the year of birth. There is no
checksum. ``PPP`` is checked against resources/catalogue/provinces.toml, so codes for
births registered abroad (unverified) are accepted as soon as they are added there.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date

from kiosk.domain.catalogue import province_codes
from kiosk.errors import QT_TRANSLATE_NOOP

from .dates import check_birth_date, check_issue_date
from .errors import (
    BirthYearMismatchError,
    CenturyMismatchError,
    FullNameError,
    GenderMismatchError,
    GenderValueError,
    IdentityField,
    IdNumberFormatError,
    OldIdNumberError,
    UnknownProvinceError,
)
from .model import FEMALE, IDENTITY_CARD_SINCE, MALE, CitizenIdentity
from .text import INVISIBLE

F = IdentityField
MAX_NAME_CHARS = 100
_NAME_PUNCTUATION = frozenset(" '’‘ʼ-.")
_CONTROL = frozenset({"Cc", "Cs"})
_GENDERS = {MALE.casefold(): MALE, FEMALE.casefold(): FEMALE}
DateParser = Callable[[str, IdentityField], date]
# Templates with {fields} are marked here, at module level, so that a formatted message is
# matched back to them (kiosk.ui.i18n.translate_message) even before one is raised.
UNKNOWN_PROVINCE = QT_TRANSLATE_NOOP(
    "identity",
    "Ba số đầu của số định danh ({code}) không phải mã tỉnh, thành phố nào trong "
    "danh mục. Hãy kiểm tra lại số; nếu trên thẻ đúng như vậy, hãy báo quản trị "
    "viên bổ sung danh mục.",
)
NAME_TOO_LONG = QT_TRANSLATE_NOOP("identity", "Họ và tên quá dài (tối đa {limit} ký tự).")
WRONG_CENTURY = QT_TRANSLATE_NOOP(
    "identity",
    "Số định danh không khớp với ngày sinh: chữ số thứ tư chỉ người sinh trong "
    "những năm {first}–{last}.",
)


def check_id_number(text: str) -> str:
    """A 12-digit ASCII number whose first three digits are in the province table."""
    if not re.fullmatch(r"[0-9]{12}", text):
        raise IdNumberFormatError(
            QT_TRANSLATE_NOOP("identity", "Số định danh cá nhân phải gồm đúng 12 chữ số."),
            detail="ID number is not exactly 12 ASCII digits",
            fields=(F.ID_NUMBER,),
        )
    code = text[:3]
    if code not in province_codes():
        raise UnknownProvinceError(
            UNKNOWN_PROVINCE,
            detail=f"province/country code {code} is not in provinces.toml",
            fields=(F.ID_NUMBER,),
            code=code,
        )
    return text


_NINE_DIGITS = QT_TRANSLATE_NOOP("identity", "Số chứng minh nhân dân cũ phải gồm đúng 9 chữ số.")


def check_old_id_number(text: str) -> str | None:
    """``None`` when empty, else the 9-digit old ID (CMND) or a 12-digit number.

    A 12-digit number is a cancelled personal ID number, which only a Căn cước card carries
    (see :func:`check_old_id_fits_card`).
    """
    if not text:
        return None
    if not re.fullmatch(r"[0-9]{9}|[0-9]{12}", text):
        raise OldIdNumberError(
            _NINE_DIGITS,
            detail="old ID number is present but not 9 (or 12) ASCII digits",
            fields=(F.OLD_ID_NUMBER,),
        )
    return text


def check_old_id_fits_card(old_id: str | None, id_number: str, issue_date: date | None) -> None:
    """A 12-digit number in the old-ID slot only on a Căn cước card, and not the current one.

    Decree 70/2024/NĐ-CP Art. 12(1) and Circular 16/2024/TT-BCA: the QR of the Căn cước card
    (issued from 1 July 2024) encodes the 9-digit CMND number and the cancelled personal ID
    number, if any (a number is cancelled and re-issued after a correction of gender, birth
    year or place of birth registration, Decree 70/2024 Art. 11(7)). Sources consulted:
    afamily.vn 23/06/2024 on Circular 16/2024, a public summary of Decree 70/2024 Art. 11-12.
    Which slot holds the cancelled number is not stated by them; the old-ID slot is the one
    that holds the card's older numbers, so a 12-digit number there is accepted on a Căn cước
    card. A CCCD (issued before 1 July 2024, Circular 06/2021) only had the 9-digit CMND.
    """
    if old_id is None or len(old_id) != 12:
        return
    if issue_date is None or issue_date < IDENTITY_CARD_SINCE:
        raise OldIdNumberError(
            _NINE_DIGITS,
            detail="12-digit old ID number on a card not known to be issued from 1 July 2024",
            fields=(F.OLD_ID_NUMBER,),
        )
    if old_id == id_number:
        raise OldIdNumberError(
            QT_TRANSLATE_NOOP(
                "identity",
                "Số định danh đã hủy trong mã QR trùng với số định danh hiện tại: mã này không "
                "do thẻ căn cước tạo ra. Hãy quét mã QR trên thẻ hoặc nhập tay.",
            ),
            detail="cancelled ID number in the old-ID slot equals the current ID number",
            fields=(F.OLD_ID_NUMBER, F.ID_NUMBER),
        )


def clean_text(text: str) -> str:
    """NFC, invisible characters dropped, runs of whitespace collapsed to one space."""
    text = unicodedata.normalize("NFC", text).translate({ord(c): None for c in INVISIBLE})
    return " ".join(text.split())


def clean_address(text: str) -> str:
    """The address as printed, cleaned like a name, control characters turned into spaces.

    It is only shown, never checked: it may name units abolished in the 2025 merger.
    """
    return clean_text("".join(" " if unicodedata.category(c) in _CONTROL else c for c in text))


def check_full_name(text: str) -> str:
    """A cleaned name: letters, spaces, apostrophes (H'Hen), hyphens; no digits."""
    name = clean_text(text)
    if not any(c.isalpha() for c in name):
        raise _name_error(
            QT_TRANSLATE_NOOP("identity", "Chưa có họ và tên."), "name is empty or has no letters"
        )
    if any(unicodedata.category(c).startswith("N") for c in name):
        raise _name_error(
            QT_TRANSLATE_NOOP("identity", "Họ và tên không được chứa chữ số."),
            "name contains digits",
        )
    if not all(_is_name_char(c) for c in name):
        raise _name_error(
            QT_TRANSLATE_NOOP(
                "identity", "Họ và tên có ký tự không hợp lệ. Hãy kiểm tra và nhập lại."
            ),
            "name has symbols or control characters",
        )
    if len(name) > MAX_NAME_CHARS:
        raise _name_error(
            NAME_TOO_LONG,
            f"name is longer than {MAX_NAME_CHARS} characters",
            limit=str(MAX_NAME_CHARS),
        )
    return name


def _is_name_char(char: str) -> bool:
    return char in _NAME_PUNCTUATION or unicodedata.category(char)[0] in "LM"


def _name_error(template: str, detail: str, **params: str) -> FullNameError:
    return FullNameError(template, detail=detail, fields=(F.FULL_NAME,), **params)


def check_gender(text: str) -> str:
    """``Nam`` or ``Nữ`` in canonical spelling, whatever the case."""
    gender = _GENDERS.get(unicodedata.normalize("NFC", text).strip().casefold())
    if gender is None:
        raise GenderValueError(
            QT_TRANSLATE_NOOP("identity", "Giới tính phải là “Nam” hoặc “Nữ”."),
            detail="gender is neither Nam nor Nữ",
            fields=(F.GENDER,),
        )
    return gender


def check_number_matches(id_number: str, gender: str, birth_date: date) -> None:
    """``G`` agrees with the gender and the century of birth, ``YY`` with the year."""
    g = int(id_number[3])
    if (g % 2 == 1) != (gender == FEMALE):
        raise GenderMismatchError(
            QT_TRANSLATE_NOOP(
                "identity",
                "Số định danh không khớp với giới tính: chữ số thứ tư của số là số chẵn với "
                "Nam, số lẻ với Nữ.",
            ),
            detail="4th digit (G) parity disagrees with the gender field",
            fields=(F.GENDER, F.ID_NUMBER),
        )
    century_start = 1900 + 100 * (g // 2)
    if not century_start <= birth_date.year < century_start + 100:
        raise CenturyMismatchError(
            WRONG_CENTURY,
            detail=f"4th digit (G) means born {century_start}-{century_start + 99}",
            fields=(F.BIRTH_DATE, F.ID_NUMBER),
            first=str(century_start),
            last=str(century_start + 99),
        )
    if int(id_number[4:6]) != birth_date.year % 100:
        raise BirthYearMismatchError(
            QT_TRANSLATE_NOOP(
                "identity",
                "Số định danh không khớp với năm sinh: chữ số thứ năm và thứ sáu phải là hai "
                "số cuối của năm sinh.",
            ),
            detail="digits 5-6 (YY) disagree with the year of birth",
            fields=(F.BIRTH_DATE, F.ID_NUMBER),
        )


def build_identity(
    fields: dict[IdentityField, str],
    parse_date: DateParser,
    today: date,
    extra_fields: tuple[str, ...] = (),
) -> CitizenIdentity:
    """Check ``fields`` (raw text by field) in reading order and build the identity.

    ``OLD_ID_NUMBER`` and ``ADDRESS`` may be missing or empty; ``ISSUE_DATE`` may be
    missing, but when present it must be a date.
    """
    id_number = check_id_number(fields[F.ID_NUMBER])
    old_id_number = check_old_id_number(fields.get(F.OLD_ID_NUMBER, ""))
    full_name = check_full_name(fields[F.FULL_NAME])
    birth_date = check_birth_date(parse_date(fields[F.BIRTH_DATE], F.BIRTH_DATE), today)
    gender = check_gender(fields[F.GENDER])
    check_number_matches(id_number, gender, birth_date)
    issue_date = None
    if F.ISSUE_DATE in fields:
        issue_date = parse_date(fields[F.ISSUE_DATE], F.ISSUE_DATE)
        check_issue_date(issue_date, birth_date, today)
    check_old_id_fits_card(old_id_number, id_number, issue_date)
    return CitizenIdentity(
        id_number=id_number,
        old_id_number=old_id_number,
        full_name=full_name,
        birth_date=birth_date,
        gender=gender,
        address=clean_address(fields.get(F.ADDRESS, "")),
        issue_date=issue_date,
        extra_fields=extra_fields,
    )
