"""Parsing the QR code of a chip citizen ID card (CCCD, 2021) or identity card (Căn cước, 2024).

The payload is UTF-8 text, ``|``-separated, no labels: ID number, old 9-digit ID (may be
empty), full name, date of birth ``ddmmyyyy``, gender, permanent residence, issue date, then
extra fields that are kept (the 2024 card has 11 fields, the last ones usually empty).

The 6-field layout without the old-ID slot that some tutorials show is refused with
:class:`SixFieldLayoutError`: no card emits it, so a code in that shape was made by hand or
by a generator, and accepting it would accept identities no card vouches for.
"""

from __future__ import annotations

import re
from datetime import date

from kiosk.errors import QT_TRANSLATE_NOOP

from .dates import parse_qr_date
from .errors import IdentityField, PayloadEncodingError, SixFieldLayoutError, TooFewFieldsError
from .model import CitizenIdentity
from .rules import build_identity
from .text import GARBLED, decode_payload, refuse_if_not_id_card, trim

F = IdentityField
TOO_FEW_FIELDS = QT_TRANSLATE_NOOP(
    "identity",
    "Mã QR thiếu thông tin: chỉ có {count} trường, mã trên thẻ căn cước có ít nhất 7. "
    "Hãy quét lại.",
)
QR_ORDER = (
    F.ID_NUMBER,
    F.OLD_ID_NUMBER,
    F.FULL_NAME,
    F.BIRTH_DATE,
    F.GENDER,
    F.ADDRESS,
    F.ISSUE_DATE,
)
# What a keyboard-emulating scanner leaves of "Nữ" when it drops or replaces the "ữ".
_STRIPPED_FEMALE = re.compile(r"n[u?]{0,2}", re.IGNORECASE)


def parse_id_payload(data: bytes | str, *, today: date) -> CitizenIdentity:
    """Decode, split and validate an ID card's QR payload; ``today`` is the local date.

    Accepts bytes (strict UTF-8) or text, a BOM, whitespace around the payload or any field,
    a trailing CR/LF, NFD text, and the mojibake of decoders that guessed the charset (zbar's
    Shift-JIS, zxing-cpp's ``.text`` in ISO-8859-1). Raises a subclass of
    :class:`IdentityError` naming the problem and the field.
    """
    text = decode_payload(data)
    refuse_if_not_id_card(text)
    fields = [trim(field) for field in text.split("|")]
    if len(fields) < len(QR_ORDER):
        raise _too_few_fields(fields)
    refuse_scanner_damage(fields)
    return build_identity(
        dict(zip(QR_ORDER, fields, strict=False)),
        parse_qr_date,
        today,
        extra_fields=_without_trailing_empties(fields[len(QR_ORDER) :]),
    )


def _too_few_fields(fields: list[str]) -> TooFewFieldsError:
    count = len(fields)
    if count == 6 and re.search(r"[^\W\d_]", fields[1]) and re.fullmatch(r"[0-9]{8}", fields[2]):
        return SixFieldLayoutError(
            QT_TRANSLATE_NOOP(
                "identity",
                "Mã QR có 6 trường, thiếu ô số chứng minh nhân dân cũ: đây không phải mã do thẻ "
                "căn cước tạo ra. Hãy quét mã QR trên thẻ hoặc nhập tay.",
            ),
            detail="6-field layout without the old-ID slot (tutorial shape, no card has it)",
            count=count,
        )
    return TooFewFieldsError(
        TOO_FEW_FIELDS,
        detail=f"{count} fields, at least 7 expected",
        count=count,
    )


def refuse_scanner_damage(fields: list[str]) -> None:
    """Name the scanner, not the card, when Vietnamese letters were dropped or replaced."""
    gender, name = fields[QR_ORDER.index(F.GENDER)], fields[QR_ORDER.index(F.FULL_NAME)]
    if _STRIPPED_FEMALE.fullmatch(gender):
        raise PayloadEncodingError(
            GARBLED, detail="gender field lost its diacritics", fields=(F.GENDER,)
        )
    if "?" in name:
        raise PayloadEncodingError(GARBLED, detail="name holds '?'", fields=(F.FULL_NAME,))


def _without_trailing_empties(extra: list[str]) -> tuple[str, ...]:
    while extra and not extra[-1]:
        extra = extra[:-1]
    return tuple(extra)
