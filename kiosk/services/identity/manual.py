"""The manual-entry fallback: the same rules as the QR code, for typed values."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from datetime import date

from .dates import parse_typed_date
from .errors import IdentityField
from .model import SOURCE_MANUAL, CitizenIdentity
from .rules import build_identity

F = IdentityField


def validate_manual_entry(
    id_number: str,
    full_name: str,
    birth_date_text: str,
    gender: str,
    *,
    today: date,
    old_id_number: str = "",
    address: str = "",
    issue_date_text: str = "",
) -> CitizenIdentity:
    """Validate typed values as :func:`parse_id_payload` validates a QR code.

    Spaces inside the numbers are ignored and full-width digits accepted; dates are
    ``dd/mm/yyyy`` (also ``.`` or ``-``, or 8 digits). Address and issue date are optional.
    """
    fields = {
        F.ID_NUMBER: _digits(id_number),
        F.OLD_ID_NUMBER: _digits(old_id_number),
        F.FULL_NAME: full_name,
        F.BIRTH_DATE: birth_date_text,
        F.GENDER: gender,
        F.ADDRESS: address,
    }
    if issue_date_text.strip():
        fields[F.ISSUE_DATE] = issue_date_text
    return replace(build_identity(fields, parse_typed_date, today), source=SOURCE_MANUAL)


def _digits(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
