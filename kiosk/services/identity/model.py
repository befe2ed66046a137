"""The identity read from an ID card's QR code or typed in by hand."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kiosk.domain.catalogue import province_codes
from kiosk.domain.values import CitizenDetails
from kiosk.services.people.privacy import mask_id_number

MALE = "Nam"
FEMALE = "Nữ"
# The identity card (thẻ Căn cước) replaced the chip citizen ID card (CCCD) for every card issued
# from 1 July 2024, when the Law on Identification 26/2023/QH15 and the card model of Circular
# 16/2024/TT-BCA took effect (Bộ Công an, cand.com.vn 22/06/2024). Cards issued earlier stay valid.
IDENTITY_CARD_SINCE = date(2024, 7, 1)
# Where an identity came from: the card's QR code (unsigned), its chip (ICAO 9303, checked by
# passive authentication) or the volunteer's typing.
SOURCE_QR = "qr"
SOURCE_CHIP = "chip"
SOURCE_MANUAL = "manual"


@dataclass(frozen=True, repr=False)
class CitizenIdentity:
    """A validated identity; values are NFC, trimmed and consistent with each other.

    ``address`` is as printed (it may name units abolished in 2025) and is ``""`` when a
    manual entry left it out, as ``issue_date`` is ``None``. ``old_id_number`` is the 9-digit
    CMND or, on a Căn cước card only, a cancelled 12-digit personal ID number.
    ``extra_fields`` are the QR's positions 7 and after, without trailing empty ones (their
    content is unverified and may name relatives: never store them). ``source`` is
    ``SOURCE_QR``, ``SOURCE_CHIP`` or ``SOURCE_MANUAL``; ``verification`` is, for a chip
    read, the passive authentication's outcome ("verified", "data_altered"…), else ``""``.
    Neither is stored. The repr shows only the masked ID.
    """

    id_number: str
    old_id_number: str | None
    full_name: str
    birth_date: date
    gender: str
    address: str = ""
    issue_date: date | None = None
    extra_fields: tuple[str, ...] = ()
    # how the details were read, not what they are: two reads of one card compare equal
    source: str = field(default=SOURCE_QR, compare=False)
    verification: str = field(default="", compare=False)

    def __repr__(self) -> str:
        return f"CitizenIdentity({self.masked_id})"

    def age(self, on: date) -> int:
        """Completed years of age on ``on``; :class:`ValueError` if ``on`` is before birth."""
        if on < self.birth_date:
            raise ValueError("the day asked about is before the date of birth")
        birthday_passed = (on.month, on.day) >= (self.birth_date.month, self.birth_date.day)
        return on.year - self.birth_date.year - (0 if birthday_passed else 1)

    @property
    def is_identity_card(self) -> bool | None:
        """``True`` for a Căn cước card (issued from 1 July 2024), ``False`` for a CCCD,
        ``None`` when the issue date is unknown (a manual entry without it)."""
        if self.issue_date is None:
            return None
        return self.issue_date >= IDENTITY_CARD_SINCE

    @property
    def verified(self) -> bool:
        """Whether a chip vouched for these details (passive authentication succeeded)."""
        return self.source == SOURCE_CHIP and self.verification == "verified"

    @property
    def birth_year(self) -> int:
        """The year of birth."""
        return self.birth_date.year

    @property
    def masked_id(self) -> str:
        """``001******345``: province code and last three digits only."""
        return mask_id_number(self.id_number)

    @property
    def province_code(self) -> str:
        """Where the birth was registered (not where the person lives), as 3 digits."""
        return self.id_number[:3]

    @property
    def province_name(self) -> str:
        """The name of the province (pre-2025 units) where the birth was registered."""
        return province_codes().get(self.province_code, "")

    def to_details(self, consent_notice_version: str) -> CitizenDetails:
        """What storage takes after consent: never the address, old ID or exact birth date."""
        return CitizenDetails(
            id_number=self.id_number,
            full_name=self.full_name,
            birth_year=self.birth_year,
            gender=self.gender,
            consent_notice_version=consent_notice_version,
        )
