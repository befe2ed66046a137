"""Reading and validating a citizen's identity: the ID card's QR code or a manual entry.

No Qt here. Every refusal is an :class:`IdentityError` (an ``InputError``) with a
Vietnamese message, an English detail for the log and the field to highlight.
"""

from __future__ import annotations

from .errors import (
    BirthYearMismatchError,
    CenturyMismatchError,
    FullNameError,
    FutureDateError,
    GenderMismatchError,
    GenderValueError,
    IdentityError,
    IdentityField,
    IdNumberFormatError,
    InvalidDateError,
    IssueBeforeBirthError,
    NotIdCardError,
    OldIdNumberError,
    PayloadEncodingError,
    PayloadKind,
    SixFieldLayoutError,
    TooFewFieldsError,
    UnknownProvinceError,
)
from .manual import validate_manual_entry
from .model import FEMALE, MALE, CitizenIdentity
from .payload import parse_id_payload

__all__ = [
    "FEMALE",
    "MALE",
    "BirthYearMismatchError",
    "CenturyMismatchError",
    "CitizenIdentity",
    "FullNameError",
    "FutureDateError",
    "GenderMismatchError",
    "GenderValueError",
    "IdNumberFormatError",
    "IdentityError",
    "IdentityField",
    "InvalidDateError",
    "IssueBeforeBirthError",
    "NotIdCardError",
    "OldIdNumberError",
    "PayloadEncodingError",
    "PayloadKind",
    "SixFieldLayoutError",
    "TooFewFieldsError",
    "UnknownProvinceError",
    "parse_id_payload",
    "validate_manual_entry",
]
