"""The identity a chip read gives, by the same rules as the QR, and how it compares with one.

The chip's DG13 (Vietnamese personal data, see ``kiosk.services.chip.datagroups``) holds the
fields the QR holds, with the same spelling: the 12-digit number, the name with diacritics,
``dd/mm/yyyy`` dates, "Nam" / "Nữ". They go through :func:`build_identity` as typed values
do, so a chip identity meets every rule a QR one does. What else DG13 holds (parents, home
town, marks) is left here: never stored, never shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from kiosk.errors import QT_TRANSLATE_NOOP

from .dates import parse_typed_date
from .errors import IdentityError, IdentityField
from .model import SOURCE_CHIP, CitizenIdentity
from .rules import build_identity

F = IdentityField
NO_PERSONAL_DATA = QT_TRANSLATE_NOOP(
    "identity",
    "Chip không có nhóm dữ liệu cá nhân (DG13): không lấy được họ tên có dấu. Hãy quét mã QR "
    "hoặc nhập tay.",
)
# What a QR and a chip read must agree on (issue 17): the rest may differ between a card's
# QR and its chip without naming another person (an address rewritten after a merger).
COMPARED = (F.ID_NUMBER, F.FULL_NAME, F.BIRTH_DATE, F.GENDER)


def identity_from_chip(
    personal: Mapping[str, str | list[str]], verification: str, today: date
) -> CitizenIdentity:
    """The identity in DG13's ``personal`` fields, marked as a chip read with the passive
    authentication's ``verification`` (an :class:`IdentityError` when a rule fails)."""

    def text(key: str) -> str:
        value = personal.get(key, "")
        return value if isinstance(value, str) else ""

    if not text("id_number") or not text("full_name"):
        raise IdentityError(NO_PERSONAL_DATA, detail="the chip has no usable DG13")
    fields = {
        F.ID_NUMBER: text("id_number"),
        F.OLD_ID_NUMBER: text("old_id_number"),
        F.FULL_NAME: text("full_name"),
        F.BIRTH_DATE: text("birth_date"),
        F.GENDER: text("gender"),
        F.ADDRESS: text("residence"),
    }
    if text("issue_date"):
        fields[F.ISSUE_DATE] = text("issue_date")
    identity = build_identity(fields, parse_typed_date, today)
    return replace(identity, source=SOURCE_CHIP, verification=verification)


def differences(first: CitizenIdentity, second: CitizenIdentity) -> tuple[IdentityField, ...]:
    """The compared fields in which two reads of a card disagree (names compared without
    regard to case or spacing: the QR and the chip may write them differently)."""
    found = []
    if first.id_number != second.id_number:
        found.append(F.ID_NUMBER)
    if " ".join(first.full_name.casefold().split()) != " ".join(
        second.full_name.casefold().split()
    ):
        found.append(F.FULL_NAME)
    if first.birth_date != second.birth_date:
        found.append(F.BIRTH_DATE)
    if first.gender != second.gender:
        found.append(F.GENDER)
    return tuple(found)


@dataclass(frozen=True)
class Reconciled:
    """Which identity the visit goes on with after a QR and a chip were both read."""

    identity: CitizenIdentity
    differing: tuple[IdentityField, ...]  # empty: they agree

    @property
    def chip_won(self) -> bool:
        """Whether the chip's details replaced the QR's."""
        return self.identity.source == SOURCE_CHIP


def reconcile(qr: CitizenIdentity | None, chip: CitizenIdentity) -> Reconciled:
    """Choose between a QR read and a chip read of (supposedly) one card.

    They agree: the chip's (the same person, now with a verdict). They disagree: a chip that
    passive authentication verified wins, since the card's issuer signed its data and nobody
    signs the QR (a QR pasted over the card, or worn and misread, is the likelier story);
    a chip that is not verified proves nothing, so the QR's details stay and the volunteer,
    told what differs, decides (agree, or read the card again).
    """
    if qr is None:
        return Reconciled(chip, ())
    differing = differences(qr, chip)
    if not differing or chip.verified:
        return Reconciled(chip, differing)
    return Reconciled(qr, differing)
