"""The fixed words of a receipt, in Vietnamese and in English.

A receipt is printed in the language the citizen used on screen. Its words are here rather
than in Qt's translations because receipts are also drawn where no Qt application runs
(``kiosk receipt``, the print worker's thread). Data keeps its own language: the centre's
name and address, the citizen's name; the catalogue's labels come in both languages.
``{you}`` in the Vietnamese texts is the visit's form of address (kiosk.text.address).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

LANGUAGES = ("vi", "en")

_VI = {
    "title": "BIÊN NHẬN HỖ TRỢ",
    "reprint": "BẢN IN LẠI",
    "reprinted_at": "In lại lúc: {time}",
    "receipt_no": "Số biên nhận: {number}",
    "time": "Thời gian: {time}",
    "citizen": "Người dân: {name}",
    "id_number": "Số định danh: {number}",
    "result": "Kết quả: {outcome}",
    "in_progress": "Đang xử lý",
    "reason": "Lý do: {reason}",
    "dossier": "Mã hồ sơ: {code}",
    "look_up": "Tra cứu hồ sơ tại: {portal}",
    "next_steps": "Việc cần làm tiếp:",
    "go_to": "Đề nghị {you} đến: {place}.",
    "come_back_for_more": "Phần chưa xong: {you} có thể quay lại quầy để được hỗ trợ tiếp.",
    "come_back_on": "Hẹn quay lại ngày {day}.",
    "follow_dossier": "Theo dõi kết quả hồ sơ bằng mã hồ sơ trên {portal}.",
    "bring_receipt": "Vui lòng mang theo biên nhận này khi quay lại.",
    "nothing_more": "Không cần làm gì thêm.",
    "helper": "Người hỗ trợ: {name}",
    "thanks": "Cảm ơn {you} đã đến Quầy hỗ trợ số.",
    "document_title": "Biên nhận {number}",
}

_EN = {
    "title": "SUPPORT RECEIPT",
    "reprint": "REPRINT",
    "reprinted_at": "Reprinted at: {time}",
    "receipt_no": "Receipt no.: {number}",
    "time": "Time: {time}",
    "citizen": "Citizen: {name}",
    "id_number": "ID number: {number}",
    "result": "Result: {outcome}",
    "in_progress": "In progress",
    "reason": "Reason: {reason}",
    "dossier": "Application code: {code}",
    "look_up": "Look it up at: {portal}",
    "next_steps": "Next steps:",
    "go_to": "Please go to: {place}.",
    "come_back_for_more": "Not finished yet: you can come back to the counter for more help.",
    "come_back_on": "Please come back on {day}.",
    "follow_dossier": "Follow your application with its code on {portal}.",
    "bring_receipt": "Please bring this receipt when you come back.",
    "nothing_more": "Nothing more to do.",
    "helper": "Helped by: {name}",
    "thanks": "Thank you for visiting the digital support counter.",
    "document_title": "Receipt {number}",
}

TEXTS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {"vi": MappingProxyType(_VI), "en": MappingProxyType(_EN)}
)


def receipt_text(language: str, key: str, **values: object) -> str:
    """The receipt's text ``key`` in ``language`` (Vietnamese for any other), filled in."""
    texts = TEXTS.get(language, TEXTS["vi"])
    return texts[key].format(**values)
