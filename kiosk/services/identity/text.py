"""From scanner output to clean NFC text, and naming QR codes that are not ID cards."""

from __future__ import annotations

import re
import unicodedata

from kiosk.errors import QT_TRANSLATE_NOOP

from .errors import NotIdCardError, PayloadEncodingError, PayloadKind

# A QR code holds at most 7,089 characters; anything longer did not come from one.
MAX_PAYLOAD_CHARS = 7089
# Invisible characters that copy-paste and some scanners add: BOM, zero-width space/joiners.
INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"
# Every character ``str.isspace`` (and so the regex ``\s``) calls whitespace; a test checks the
# list against all of Unicode. ``str.strip`` with them is linear, where the regex
# ``[\s…]+$`` tried again at every space of a long run (8,192 spaces: 0.3 s).
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
_EDGES = WHITESPACE + INVISIBLE
# zbar guesses Shift-JIS for short byte-mode QR codes: Vietnamese UTF-8 comes out as kana and
# kanji, which Vietnamese never needs, so text showing them that no codec repairs is refused.
_JAPANESE = re.compile("[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff9f]")
_SHIFT_JIS = ("shift_jis", "cp932")
# zxing-cpp's ``.text`` (instead of ``.bytes``) gives ISO-8859-1 mojibake: a UTF-8 lead byte
# read as Â…Æ or á, then a continuation byte read as a C1 control or symbol (``Nữ`` → ``Ná»¯``).
_LATIN1 = re.compile("[\u00c2-\u00c6\u00e1][\u0080-\u00bf]")
# What a decoder leaves where it could not read a byte: U+FFFD, or a lone surrogate.
_DAMAGED = re.compile("[\ufffd\ud800-\udfff]")

GARBLED = QT_TRANSLATE_NOOP(
    "identity",
    "Máy quét đọc sai chữ tiếng Việt trong mã QR. Hãy quét lại; nếu vẫn lỗi, chuyển máy "
    "quét sang chế độ cổng COM (không dùng chế độ bàn phím) hoặc nhập tay.",
)


def trim(text: str) -> str:
    """``text`` without whitespace or invisible characters at either end."""
    return text.strip(_EDGES)


def decode_payload(data: bytes | str) -> str:
    """Scanner output as trimmed NFC text: strict UTF-8, BOM dropped, mojibake undone."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise PayloadEncodingError(
                QT_TRANSLATE_NOOP(
                    "identity",
                    "Mã QR không ở dạng chữ UTF-8 như mã trên thẻ căn cước. Hãy quét lại "
                    "hoặc nhập tay.",
                ),
                detail="payload bytes are not valid UTF-8",
            ) from None
    else:
        text = data
    # Undo the mojibake before normalising: NFC rewrites some CJK compatibility ideographs.
    text = repair_mojibake(trim(text))
    if _DAMAGED.search(text):
        raise PayloadEncodingError(GARBLED, detail="payload holds U+FFFD or lone surrogates")
    return trim(unicodedata.normalize("NFC", text))


def repair_mojibake(text: str) -> str:
    """Undo a decoder's wrong charset guess (``N盻ｯ`` or ``Ná»¯`` → ``Nữ``) when ``text`` shows one.

    ``|``-separated text with kana or kanji that Shift-JIS cannot turn back into UTF-8 is
    refused as garbled; anything else that does not repair is returned unchanged, for the
    other checks to name (a Japanese Wi-Fi name is still a Wi-Fi code).
    """
    if _JAPANESE.search(text):
        repaired = _reencode(text, _SHIFT_JIS)
        if repaired is None and "|" in text:
            raise PayloadEncodingError(GARBLED, detail="kana/kanji that is not UTF-8 mojibake")
        return repaired or text
    if _LATIN1.search(text):
        return _reencode(text, ("latin-1",)) or text
    return text


def _reencode(text: str, codecs: tuple[str, ...]) -> str | None:
    for codec in codecs:
        try:
            return text.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
    return None


def refuse_if_not_id_card(text: str) -> None:
    """Raise :class:`NotIdCardError` saying what ``text`` is, when it cannot be an ID card."""
    kind = classify(text)
    if kind is not None:
        template, detail = _NOT_ID_CARD[kind]
        raise NotIdCardError(template, detail=detail, kind=kind)


def classify(text: str) -> PayloadKind | None:
    """What a trimmed payload is, or ``None`` if it may be an ID card."""
    if not text:
        return PayloadKind.EMPTY
    lowered = text.lower()
    if lowered.startswith(("http://", "https://", "www.")):
        return PayloadKind.WEB_ADDRESS
    if lowered.startswith("wifi:"):
        return PayloadKind.WIFI
    if lowered.startswith(("begin:vcard", "mecard:", "tel:", "mailto:", "sms:", "smsto:")):
        return PayloadKind.CONTACT
    if text.startswith("000201") and "|" not in text[:13]:
        return PayloadKind.VIETQR if "A000000727" in text.upper() else PayloadKind.PAYMENT
    if len(text) > MAX_PAYLOAD_CHARS:
        return PayloadKind.TEXT
    if "|" not in text:
        return PayloadKind.NUMBER if re.fullmatch(r"[0-9\s]+", text) else PayloadKind.TEXT
    return None


_NOT_ID_CARD: dict[PayloadKind, tuple[str, str]] = {
    PayloadKind.EMPTY: (
        QT_TRANSLATE_NOOP("identity", "Mã QR không có nội dung. Hãy quét lại mã trên thẻ."),
        "payload is empty",
    ),
    PayloadKind.WEB_ADDRESS: (
        QT_TRANSLATE_NOOP(
            "identity",
            "Đây là mã QR chứa địa chỉ trang web, không phải mã QR trên thẻ căn cước.",
        ),
        "payload is a web address",
    ),
    PayloadKind.VIETQR: (
        QT_TRANSLATE_NOOP(
            "identity",
            "Đây là mã QR chuyển khoản ngân hàng (VietQR), không phải mã QR trên thẻ căn cước.",
        ),
        "payload is a VietQR bank payment code",
    ),
    PayloadKind.PAYMENT: (
        QT_TRANSLATE_NOOP(
            "identity", "Đây là mã QR thanh toán, không phải mã QR trên thẻ căn cước."
        ),
        "payload is an EMVCo payment code",
    ),
    PayloadKind.WIFI: (
        QT_TRANSLATE_NOOP(
            "identity", "Đây là mã QR kết nối Wi-Fi, không phải mã QR trên thẻ căn cước."
        ),
        "payload is a Wi-Fi network code",
    ),
    PayloadKind.CONTACT: (
        QT_TRANSLATE_NOOP(
            "identity",
            "Đây là mã QR danh thiếp hoặc thông tin liên hệ (số điện thoại, email), không "
            "phải mã QR trên thẻ căn cước.",
        ),
        "payload is a contact card, phone number or e-mail address",
    ),
    PayloadKind.NUMBER: (
        QT_TRANSLATE_NOOP(
            "identity",
            "Mã QR này chỉ chứa một dãy số, không phải mã QR trên thẻ căn cước. Hãy quét mã "
            "QR trên thẻ hoặc nhập tay.",
        ),
        "payload is a plain number",
    ),
    PayloadKind.TEXT: (
        QT_TRANSLATE_NOOP(
            "identity",
            "Mã QR này không phải mã QR trên thẻ căn cước. Hãy quét mã QR ở mặt trước thẻ "
            "CCCD gắn chip hoặc mặt sau thẻ Căn cước.",
        ),
        "payload is not '|'-separated text of ID-card length",
    ),
}
