"""The BAC key fields as a volunteer or an administrator types them, and the read in words.

Dates come as ``YYMMDD`` (as the MRZ prints them) or ``dd/mm/yyyy`` (as the card and its QR
print them). The document number is the MRZ's (9 characters); a 12-digit personal number
is turned into its last 9 digits, which is how the TD1 MRZ of a CCCD / Căn cước lays it
out (document number field = last 9 digits, the 12 digits in the optional data): read
from the card's layout, UNVERIFIED on a real chip (issue 17). When a chip refuses the
key, the kiosk asks the volunteer for the document number as the MRZ prints it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from kiosk.errors import QT_TRANSLATE_NOOP, InputError
from kiosk.services.chip.active_auth import WORDS as AA_WORDS
from kiosk.services.chip.active_auth import ChipCheck
from kiosk.services.chip.bac import AccessKey
from kiosk.services.chip.card_read import ChipResult
from kiosk.services.chip.expiry import IDENTITY_CARD_SINCE, derive_expiry
from kiosk.services.people.privacy import mask_id_number

BAD_DATE = QT_TRANSLATE_NOOP(
    "chip", "Ngày {value} không đúng: ghi dạng ngày/tháng/năm hoặc YYMMDD."
)
BAD_NUMBER = QT_TRANSLATE_NOOP(
    "chip", "Số giấy tờ {value} không đúng: 9 ký tự trên dòng MRZ hoặc 12 chữ số định danh."
)
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def mrz_date(text: str) -> str:
    """``15/03/1992`` or ``920315`` → ``920315``; ``InputError`` otherwise."""
    value = text.strip()
    if re.fullmatch(r"\d{6}", value):
        month, day = int(value[2:4]), int(value[4:6])
    elif match := _DMY.match(value):
        day, month, year = int(match[1]), int(match[2]), int(match[3])
        value = f"{year % 100:02d}{month:02d}{day:02d}"
    else:
        raise InputError(BAD_DATE.format(value=text), detail="chip key: bad date")
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise InputError(BAD_DATE.format(value=text), detail="chip key: bad date")
    return value


def document_number(text: str) -> str:
    """The MRZ document number from what was typed (see the module's note on 12 digits)."""
    value = re.sub(r"\s+", "", text).upper()
    if re.fullmatch(r"\d{12}", value):
        return value[-9:]
    if re.fullmatch(r"[A-Z0-9<]{1,9}", value):
        return value
    raise InputError(BAD_NUMBER.format(value=text), detail="chip key: bad document number")


def access_key(number: str, birth: str, expiry: str) -> AccessKey:
    """The BAC key from the three fields as typed."""
    return AccessKey(document_number(number), mrz_date(birth), mrz_date(expiry))


@dataclass(frozen=True)
class KeyFields:
    """The three fields of the BAC key as the key-entry page shows them (``""``: to ask)."""

    number: str = ""  # the 12-digit number, or the MRZ's 9 characters
    birth: str = ""  # dd/mm/yyyy
    expiry: str = ""  # dd/mm/yyyy

    @property
    def complete(self) -> bool:
        """Whether nothing needs typing."""
        return bool(self.number and self.birth and self.expiry)


def key_fields_from(id_number: str, birth: date, issued: date | None) -> KeyFields:
    """What a QR read gives of the key: the number and birth date, and the expiry when the
    law fixes it from the issue date (:func:`~kiosk.services.chip.expiry.derive_expiry`)."""
    expiry = derive_expiry(birth, issued) if issued is not None else None
    return KeyFields(
        id_number, f"{birth:%d/%m/%Y}", f"{expiry:%d/%m/%Y}" if expiry is not None else ""
    )


def _is_identity_card(issue_text: str) -> bool:
    """Whether a DG13 issue date (dd/mm/yyyy) is a Căn cước card's (from 1 July 2024)."""
    match = _DMY.match(issue_text.strip())
    if match is None:
        return False
    return date(int(match[3]), int(match[2]), int(match[1])) >= IDENTITY_CARD_SINCE


_LABELS = {"full_name": "Họ và tên", "birth_date": "Ngày sinh", "gender": "Giới tính",
           "nationality": "Quốc tịch", "ethnicity": "Dân tộc", "place_of_origin": "Quê quán",
           "residence": "Nơi thường trú", "issue_date": "Ngày cấp",
           "expiry_date": "Có giá trị đến"}  # fmt: skip


def result_text(result: ChipResult) -> str:
    """Human lines for one chip read: the verdict first, the ID number masked."""
    lines = [f"Kết quả xác thực: {result.verification.words}"]
    if result.chip_check is not ChipCheck.ABSENT:
        lines.append(f"Xác thực chủ động: {AA_WORDS[result.chip_check]}")
    if result.verification.altered_groups:
        groups = ", ".join(f"DG{n}" for n in result.verification.altered_groups)
        lines.append(f"Nhóm dữ liệu bị thay đổi: {groups}")
    personal = result.personal
    number = str(personal.get("id_number") or result.mrz.id_number)
    shown = mask_id_number(number) if re.fullmatch(r"\d{12}", number) else "*" * len(number)
    lines.append(f"Số định danh: {shown}")
    issued = personal.get("issue_date")
    identity_card = isinstance(issued, str) and _is_identity_card(issued)
    for key, label in _LABELS.items():
        value = personal.get(key)
        if key == "residence" and identity_card:
            label = "Nơi cư trú"  # as ``kiosk scan`` says for a Căn cước (Circular 16/2024)
        if isinstance(value, str) and value:
            lines.append(f"{label}: {value}")
    if not personal:
        lines.append(f"Họ và tên (MRZ): {result.mrz.name}")
    face = "có" if result.face else "không có"
    lines.append(f"Ảnh chân dung trên chip: {face} (chỉ để đối chiếu, không lưu)")
    stats = result.stats
    lines.append(
        f"Đã đọc {', '.join(f'DG{n}' for n in result.groups_read)} và EF.SOD: "
        f"{stats.apdus} lệnh, {stats.bytes_received} byte, {stats.seconds:.2f} giây"
    )
    return "\n".join(lines)
