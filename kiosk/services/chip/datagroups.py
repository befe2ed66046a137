"""What DG1, DG2 and DG13 of a CCCD / Căn cước chip say (ICAO Doc 9303 parts 5 and 10).

DG1 holds the MRZ (TD1 on an ID card: three lines of 30). DG2 holds the face image (JPEG
or JPEG 2000 inside an ISO 19794-5 record). DG13 is left to the issuing state; on
Vietnamese cards it is a list of SEQUENCE { INTEGER field number, value } where the value
is a PrintableString (numbers, dd/mm/yyyy dates) or a UTF8String (names with diacritics),
field 13 a SEQUENCE of the parents' names. The field numbers used here (1 ID number,
2 full name, 3 birth date, 4 gender, 5 nationality, 6 ethnicity, 7 religion, 8 place of
origin, 9 residence, 10 identifying marks, 11 issue date, 12 expiry, 13 parents,
16 old ID number) are as public readers decode them, not from a published specification:
github.com/nguyenddat/ript-virtual-recep (server/app/services/ExtractCCCD.py) and other
public CCCD readers (an iOS DataGroup13 matching the prefixes 30 11 02 01 01 13 0C for the
ID number and 30 .. 02 01 02 0C .. for the name).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from kiosk.services.chip.tlv import TlvError, find, parse

DG13_FIELDS = {1: "id_number", 2: "full_name", 3: "birth_date", 4: "gender", 5: "nationality",
               6: "ethnicity", 7: "religion", 8: "place_of_origin", 9: "residence",
               10: "identifying_marks", 11: "issue_date", 12: "expiry_date", 13: "parents",
               14: "spouse", 16: "old_id_number"}  # fmt: skip
_STRINGS = {0x0C, 0x13, 0x16}  # UTF8String, PrintableString, IA5String
_CONSTRUCTED = 0x20


class DataGroupError(ValueError):
    """A data group that does not decode as expected."""


@dataclass(frozen=True)
class Mrz:
    """The fields of a TD1 MRZ that the kiosk uses."""

    document_code: str
    issuing_state: str
    document_number: str
    optional_data: str  # on a CCCD: the full 12-digit ID number
    birth: str  # YYMMDD
    sex: str
    expiry: str  # YYMMDD
    nationality: str
    name: str  # SURNAME<<GIVEN<NAMES with '<' turned into spaces

    @property
    def id_number(self) -> str:
        """The 12-digit personal number when the optional data holds one, else the number."""
        digits = self.optional_data.strip()
        return digits if len(digits) == 12 and digits.isdigit() else self.document_number


def parse_dg1(dg1: bytes) -> Mrz:
    """Decode DG1 (61 { 5F1F MRZ }) of a TD1 document."""
    try:
        text = find(find(dg1, 0x61), 0x5F1F).decode("ascii")
    except (TlvError, UnicodeDecodeError) as exc:
        raise DataGroupError("DG1 does not decode") from exc
    if len(text) != 90:
        raise DataGroupError(f"DG1 holds a {len(text)}-character MRZ, not TD1 (90)")
    line1, line2, line3 = text[:30], text[30:60], text[60:]
    surname, _, given = line3.partition("<<")
    return Mrz(
        document_code=line1[0:2].rstrip("<"),
        issuing_state=line1[2:5],
        document_number=line1[5:14].rstrip("<"),
        optional_data=line1[15:30].replace("<", " ").strip(),
        birth=line2[0:6],
        sex=line2[7],
        expiry=line2[8:14],
        nationality=line2[15:18],
        name=" ".join(part for part in (surname, given.replace("<", " ").strip()) if part),
    )


def _strings_only(value: bytes) -> list[str] | None:
    items = parse(value)
    if items and all(tag in _STRINGS for tag, _ in items):
        return [_text(v) for _, v in items]
    return None


def _field(items: list[tuple[int, bytes]]) -> str | list[str] | None:
    """The value of SEQUENCE { INTEGER n, value }, or None when it is a container."""
    if len(items) != 2 or items[0][0] != 0x02 or len(items[0][1]) != 1:
        return None
    tag, value = items[1]
    if tag in _STRINGS:
        return _text(value)
    if tag == 0x30:
        return _strings_only(value)
    return None


def _fields_in(data: bytes, found: dict[int, str | list[str]]) -> None:
    for tag, value in parse(data):
        if tag not in _STRINGS and tag & _CONSTRUCTED:
            items = parse(value) if tag == 0x30 else []
            field = _field(items)
            if field is not None and items[0][1][0] in DG13_FIELDS:
                found.setdefault(items[0][1][0], field)
            else:
                _fields_in(value, found)


def _text(raw: bytes) -> str:
    return unicodedata.normalize("NFC", raw.decode("utf-8")).strip()


def parse_dg13(dg13: bytes) -> dict[str, str | list[str]]:
    """The Vietnamese personal data of DG13 by field name (unknown field numbers dropped)."""
    found: dict[int, str | list[str]] = {}
    try:
        _fields_in(find(dg13, 0x6D), found)
    except (TlvError, UnicodeDecodeError) as exc:
        raise DataGroupError("DG13 does not decode") from exc
    return {DG13_FIELDS[n]: value for n, value in sorted(found.items())}


JPEG_START, JP2_START = b"\xff\xd8\xff", b"\x00\x00\x00\x0cjP  "


def face_image(dg2: bytes) -> tuple[str, bytes]:
    """("jpeg" or "jp2", bytes) of the first face image in DG2 (shown, never stored)."""
    for kind, marker in (("jpeg", JPEG_START), ("jp2", JP2_START), ("jp2", b"\xff\x4f\xff\x51")):
        start = dg2.find(marker)
        if start >= 0:
            return kind, dg2[start:]
    raise DataGroupError("DG2 holds no JPEG or JPEG 2000 image")
