"""Why an ID-card payload or a manual entry was refused: one typed error per reason.

``message`` is the Vietnamese source text shown to people; ``template`` is the same text
before ``params`` are filled in, so the UI can translate it through Qt
(``QCoreApplication.translate("identity", exc.template).format(**exc.params)``).
``detail`` is English for the log. Neither ever carries a name, a full ID number or a date
of birth; params hold only non-identifying values (a field count, a 3-digit province code).
``fields`` names the form fields that disagree, the one to highlight first.
"""

from __future__ import annotations

from enum import StrEnum

from kiosk.errors import InputError


class IdentityField(StrEnum):
    """The fields of an identity, for highlighting the one that failed."""

    PAYLOAD = "payload"
    ID_NUMBER = "id_number"
    OLD_ID_NUMBER = "old_id_number"
    FULL_NAME = "full_name"
    BIRTH_DATE = "birth_date"
    GENDER = "gender"
    ADDRESS = "address"
    ISSUE_DATE = "issue_date"


class PayloadKind(StrEnum):
    """What a scanned QR code holds when it is not an ID card."""

    EMPTY = "empty"
    WEB_ADDRESS = "web_address"
    VIETQR = "vietqr"
    PAYMENT = "payment"
    WIFI = "wifi"
    CONTACT = "contact"
    NUMBER = "number"
    TEXT = "text"


class IdentityError(InputError):
    """An ID-card payload or a manual entry that cannot be accepted."""

    def __init__(
        self,
        template: str,
        *,
        detail: str,
        fields: tuple[IdentityField, ...] = (IdentityField.PAYLOAD,),
        **params: str,
    ) -> None:
        super().__init__(template.format(**params), detail=detail)
        self.template = template
        self.params = params
        self.fields = fields

    @property
    def field(self) -> IdentityField:
        """The field to highlight first."""
        return self.fields[0]


class PayloadEncodingError(IdentityError):
    """The bytes are not UTF-8, or the scanner garbled the Vietnamese letters."""


class NotIdCardError(IdentityError):
    """The QR code is something else: a web address, a bank payment code, Wi-Fi…"""

    def __init__(self, template: str, *, detail: str, kind: PayloadKind) -> None:
        super().__init__(template, detail=detail)
        self.kind = kind


class TooFewFieldsError(IdentityError):
    """Fewer than the 7 fields every ID card carries."""

    def __init__(self, template: str, *, detail: str, count: int) -> None:
        super().__init__(template, detail=detail, count=str(count))
        self.count = count


class SixFieldLayoutError(TooFewFieldsError):
    """The 6-field layout without the old-ID slot that some tutorials show; no card has it."""


class IdNumberFormatError(IdentityError):
    """The personal ID number is not exactly 12 digits."""


class UnknownProvinceError(IdentityError):
    """The first three digits are not a code in the province/country table."""


class GenderMismatchError(IdentityError):
    """The 4th digit (G) says one gender, the gender field the other."""


class CenturyMismatchError(IdentityError):
    """The 4th digit (G) says a different century than the date of birth."""


class BirthYearMismatchError(IdentityError):
    """Digits 5–6 (YY) are not the last two digits of the year of birth."""


class InvalidDateError(IdentityError):
    """A date is not in the expected form or is not a real calendar date (31/02)."""


class FutureDateError(IdentityError):
    """A date of birth or issue date after today."""


class IssueBeforeBirthError(IdentityError):
    """The card was issued before its holder was born."""


class OldIdNumberError(IdentityError):
    """The old-ID slot holds neither a 9-digit CMND nor, on a Căn cước card, a cancelled
    12-digit personal ID number other than the current one."""


class FullNameError(IdentityError):
    """The name is empty, contains digits or contains characters no name has."""


class GenderValueError(IdentityError):
    """The gender is neither ``Nam`` nor ``Nữ``."""
