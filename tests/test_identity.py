"""ID-card QR payloads and manual entry: every known variant and every refusal.

All people here are made up; the ID numbers are built to be consistent, not copied.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path

import pytest

import kiosk.services.identity as identity_package
from kiosk.domain.catalogue import province_codes
from kiosk.domain.values import CitizenDetails
from kiosk.services.identity import (
    FEMALE,
    MALE,
    BirthYearMismatchError,
    CenturyMismatchError,
    CitizenIdentity,
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
    parse_id_payload,
    rules,
    validate_manual_entry,
)
from kiosk.services.identity.payload import QR_ORDER
from tests.factories import qr_fields

TODAY = date(2026, 11, 23)
F = IdentityField

# Nam Định (036), G=1: woman born 1900-1999, YY=85.
HA = CitizenIdentity(
    id_number="036185000123",
    old_id_number="163000123",
    full_name="Phạm Thị Thu Hà",
    birth_date=date(1985, 3, 7),
    gender=FEMALE,
    address="Số 5 Ngõ 12, Phường Cửa Bắc, TP Nam Định, Nam Định",
    issue_date=date(2021, 5, 12),
)
# Đà Nẵng (048), G=2: man born 2000-2099, YY=04; no old ID.
DUC = CitizenIdentity(
    id_number="048204007788",
    old_id_number=None,
    full_name="Lê Văn Đức",
    birth_date=date(2004, 12, 30),
    gender=MALE,
    address="Tổ 7, Phường Hòa Khánh Bắc, Quận Liên Chiểu, Đà Nẵng",
    issue_date=date(2024, 10, 4),
)


def payload(person: CitizenIdentity = HA, /, **changes: str) -> str:
    """``person``'s QR payload with some fields replaced (by field name)."""
    fields = qr_fields(person)
    for name, value in changes.items():
        fields[QR_ORDER.index(IdentityField(name))] = value
    return "|".join(fields)


def parse(data: bytes | str) -> CitizenIdentity:
    return parse_id_payload(data, today=TODAY)


def refused(data: bytes | str, error: type[IdentityError]) -> IdentityError:
    """The error ``data`` is refused with, checked to be exactly ``error`` and well formed."""
    with pytest.raises(IdentityError) as caught:
        parse(data)
    assert type(caught.value) is error
    return caught.value


def assert_clear(exc: IdentityError, *words: str) -> None:
    """A Vietnamese NFC message naming the problem, an English detail, no personal data."""
    assert exc.message and exc.message == unicodedata.normalize("NFC", exc.message)
    assert str(exc) == exc.message == exc.template.format(**exc.params)
    for word in words:
        assert word in exc.message, (word, exc.message)
    assert exc.detail and exc.detail != exc.message
    for secret in (*qr_fields(HA), *qr_fields(DUC)):
        if len(secret) > 3:
            assert secret not in exc.message and secret not in exc.detail
    assert exc.template in marked_templates()


# Beside the parser in the package, with contexts of their own: the camera and the wedge.
SCANNING_MODULES = {"scanning.py", "wedge.py"}


@cache
def marked_templates() -> frozenset[str]:
    """Every string marked ``QT_TRANSLATE_NOOP("identity", ...)`` in the identity package."""
    found = set()
    for path in Path(identity_package.__file__).parent.glob("*.py"):
        if path.name in SCANNING_MODULES:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "QT_TRANSLATE_NOOP"
            ):
                context, text = (arg.value for arg in node.args)  # type: ignore[attr-defined]
                assert context == "identity", path
                found.add(text)
    return frozenset(found)


# --- variants that must parse ------------------------------------------------------------


def test_cccd_chip_card_seven_fields() -> None:
    assert parse(payload()) == HA


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(payload(DUC), id="empty old ID"),
        pytest.param(payload(DUC) + "||||", id="2024 card, 11 fields, trailing empties"),
        pytest.param(payload(DUC) + "|||| ", id="11 fields and a trailing space"),
        pytest.param(" \t" + payload(DUC) + " \n", id="whitespace around payload"),
        pytest.param(payload(DUC) + "\r\n", id="CRLF"),
        pytest.param(payload(DUC) + "\n", id="LF"),
        pytest.param(payload(DUC) + "\r", id="CR"),
        pytest.param("\ufeff" + payload(DUC), id="BOM in text"),
        pytest.param(" | ".join(qr_fields(DUC)), id="spaces around every field"),
        pytest.param("\u00a0\t|".join(qr_fields(DUC)), id="NBSP and tabs around fields"),
        pytest.param(unicodedata.normalize("NFD", payload(DUC)), id="NFD text"),
        pytest.param(payload(DUC).encode(), id="UTF-8 bytes"),
        pytest.param(b"\xef\xbb\xbf" + payload(DUC).encode() + b"\r\n", id="bytes with BOM+CRLF"),
        pytest.param(unicodedata.normalize("NFD", payload(DUC)).encode(), id="NFD bytes"),
        pytest.param(payload(DUC, gender="nam"), id="gender in lower case"),
        pytest.param(payload(DUC, full_name=" Lê  Văn\tĐức "), id="runs of spaces in the name"),
        pytest.param(payload(DUC, full_name="Lê\u200b Văn Đức"), id="zero-width space in name"),
    ],
)
def test_known_variants_parse_to_the_same_identity(text: str | bytes) -> None:
    assert parse(text) == DUC


def test_extra_fields_are_kept_without_trailing_empties() -> None:
    assert parse(payload() + "|04102024||||").extra_fields == ("04102024",)
    assert parse(payload() + "||x|").extra_fields == ("", "x")
    assert parse(payload() + "|Trần Văn A|012345678901").extra_fields == (
        "Trần Văn A",
        "012345678901",
    )


def test_zbar_shift_jis_mojibake_is_repaired() -> None:
    # zbar reads short UTF-8 QR codes as Shift-JIS (MACHINE-NOTES): "Nữ" becomes "N盻ｯ".
    assert "Nữ".encode().decode("shift_jis") == "N盻ｯ"
    person = replace(HA, full_name="Vũ Bình", address="Thôn Cửa Bắc, Xã Tân Thạnh")
    mojibake = payload(person).encode().decode("shift_jis")
    assert "盻ｯ" in mojibake or "ﾃ" in mojibake
    assert parse(mojibake) == person
    assert parse(mojibake.encode()) == person


def test_zxing_latin1_mojibake_is_repaired() -> None:
    # zxing-cpp's .text (instead of .bytes) reads the same codes as ISO-8859-1.
    mojibake = payload().encode().decode("latin-1")
    assert "Ná»¯" in mojibake
    assert parse(mojibake) == HA


def test_pre_2025_address_is_kept_as_printed() -> None:
    assert parse(payload()).address == "Số 5 Ngõ 12, Phường Cửa Bắc, TP Nam Định, Nam Định"
    assert parse(payload(address="Số 5\x00Ngõ 12,\n TP Nam Định")).address == (
        "Số 5 Ngõ 12, TP Nam Định"
    )
    assert parse(payload(address="")).address == ""


@pytest.mark.parametrize("name", ["H'Hen Niê", "Y Bih Ayŭn", "Nguyễn-Trần Bảo Ngọc", "Lò Văn Mạ"])
def test_names_of_every_people_are_accepted(name: str) -> None:
    assert parse(payload(full_name=name)).full_name == name


def test_card_issued_from_birth_has_no_minimum_age() -> None:
    baby = replace(
        DUC,
        id_number="001226001234",
        birth_date=date(2026, 11, 13),
        issue_date=date(2026, 11, 23),
    )
    parsed = parse(payload(baby))
    assert parsed == baby
    assert parsed.age(TODAY) == 0
    assert parse(payload(baby, issue_date="13112026")).issue_date == baby.birth_date


def test_leap_day_birth() -> None:
    person = replace(HA, id_number="036184000123", birth_date=date(1984, 2, 29))
    parsed = parse(payload(person))
    assert parsed.birth_date == date(1984, 2, 29)
    assert parsed.age(date(2026, 2, 28)) == 41
    assert parsed.age(date(2026, 3, 1)) == 42


# --- the identity value ------------------------------------------------------------------


def test_identity_properties() -> None:
    assert HA.birth_year == 1985
    assert HA.age(TODAY) == 41
    assert HA.age(date(2026, 3, 6)) == 40
    assert HA.age(date(2026, 3, 7)) == 41
    assert HA.masked_id == "036******123"
    assert HA.province_code == "036"
    assert HA.province_name == "Nam Định"
    assert DUC.province_name == "Đà Nẵng"
    with pytest.raises(ValueError):
        HA.age(date(1984, 1, 1))


def test_to_details_keeps_only_what_storage_takes() -> None:
    details = HA.to_details("2026-01")
    assert details == CitizenDetails("036185000123", "Phạm Thị Thu Hà", 1985, "Nữ", "2026-01")
    assert HA.address not in repr(details)


def test_repr_shows_no_personal_data() -> None:
    text = repr(HA)
    assert text == "CitizenIdentity(036******123)"
    assert HA.full_name not in text and HA.id_number not in text


# --- not an ID card ----------------------------------------------------------------------


VIETQR = (
    "00020101021238570010A000000727012700069704360113001234567890208QRIBFTTA"
    "530370454061000005802VN62150811Chuyen tien6304A1B2"
)


@pytest.mark.parametrize(
    ("text", "kind", "word"),
    [
        ("", PayloadKind.EMPTY, "không có nội dung"),
        (" \r\n", PayloadKind.EMPTY, "không có nội dung"),
        ("\ufeff", PayloadKind.EMPTY, "không có nội dung"),
        ("https://dichvucong.gov.vn/p/home/dvc-trang-chu.html", PayloadKind.WEB_ADDRESS, "web"),
        ("HTTP://EXAMPLE.VN", PayloadKind.WEB_ADDRESS, "trang web"),
        ("www.example.vn/a|b|c|d|e|f|g", PayloadKind.WEB_ADDRESS, "trang web"),
        (VIETQR, PayloadKind.VIETQR, "VietQR"),
        ("000201010211520454115303704" + "5802VN6304ABCD", PayloadKind.PAYMENT, "thanh toán"),
        ("WIFI:T:WPA;S:UBND-Phuong;P:matkhau;;", PayloadKind.WIFI, "Wi-Fi"),
        ("WIFI:T:WPA;S:カフェ東京;P:x;;", PayloadKind.WIFI, "Wi-Fi"),
        ("こんにちは", PayloadKind.TEXT, "không phải mã QR trên thẻ căn cước"),
        ("BEGIN:VCARD\nVERSION:3.0\nFN:Nguyen Van A\nEND:VCARD", PayloadKind.CONTACT, "danh thiếp"),
        ("MECARD:N:Nguyen,A;TEL:0912345678;;", PayloadKind.CONTACT, "liên hệ"),
        ("tel:0912345678", PayloadKind.CONTACT, "điện thoại"),
        ("0912345678", PayloadKind.NUMBER, "dãy số"),
        ("036185000123", PayloadKind.NUMBER, "dãy số"),
        ("H1234567", PayloadKind.TEXT, "không phải mã QR trên thẻ căn cước"),
        ("Xin chào", PayloadKind.TEXT, "không phải mã QR trên thẻ căn cước"),
        ("1" * 8000 + "|", PayloadKind.TEXT, "không phải mã QR trên thẻ căn cước"),
    ],
)
def test_other_qr_codes_are_named(text: str, kind: PayloadKind, word: str) -> None:
    exc = refused(text, NotIdCardError)
    assert isinstance(exc, NotIdCardError)
    assert exc.kind is kind
    assert exc.field is F.PAYLOAD
    assert_clear(exc, word)


def test_bytes_that_are_not_utf8_are_refused() -> None:
    exc = refused(payload().encode("utf-16"), PayloadEncodingError)
    assert_clear(exc, "UTF-8")
    assert_clear(refused(payload().encode()[:-9] + b"\xff", PayloadEncodingError), "UTF-8")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("036185000123|163000123|N盻ｯ 鐚|07031985|Nữ|x|12052021", id="kanji"),
        pytest.param(payload().replace("Hà", "H\ufffd"), id="replacement char"),
        pytest.param(payload().replace("Hà", "H\udcc3"), id="lone surrogate"),
        pytest.param(payload(gender="Nu"), id="gender lost its diacritics"),
        pytest.param(payload(gender="N?"), id="gender letter replaced"),
        pytest.param(payload(full_name="Ph?m Th? Thu H?"), id="name letters replaced"),
    ],
)
def test_scanner_damage_names_the_scanner(text: str) -> None:
    exc = refused(text, PayloadEncodingError)
    assert_clear(exc, "Máy quét", "cổng COM")


def test_where_scanner_damage_is() -> None:
    assert refused(payload(gender="Nu"), PayloadEncodingError).field is F.GENDER
    assert refused(payload(full_name="?"), PayloadEncodingError).field is F.FULL_NAME


# --- wrong shape ------------------------------------------------------------------------


@pytest.mark.parametrize("count", [2, 5, 6])
def test_too_few_fields(count: int) -> None:
    exc = refused("|".join(qr_fields(HA)[:count]), TooFewFieldsError)
    assert isinstance(exc, TooFewFieldsError)
    assert exc.count == count
    assert_clear(exc, f"{count} trường", "ít nhất 7")


def test_six_field_tutorial_layout_is_refused() -> None:
    fields = qr_fields(HA)
    del fields[1]
    exc = refused("|".join(fields), SixFieldLayoutError)
    assert isinstance(exc, TooFewFieldsError)
    assert_clear(exc, "6 trường", "chứng minh nhân dân cũ")


def test_fields_in_another_order_are_refused() -> None:
    fields = qr_fields(HA)
    fields[1], fields[2] = fields[2], fields[1]
    refused("|".join(fields), OldIdNumberError)


# --- every rule, with the field it names --------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "error", "fields", "words"),
    [
        ({"id_number": "03618500012"}, IdNumberFormatError, (F.ID_NUMBER,), ["12 chữ số"]),
        ({"id_number": "0361850001234"}, IdNumberFormatError, (F.ID_NUMBER,), ["12 chữ số"]),
        ({"id_number": "03618500012a"}, IdNumberFormatError, (F.ID_NUMBER,), ["12 chữ số"]),
        ({"id_number": "036 185000123"}, IdNumberFormatError, (F.ID_NUMBER,), ["12 chữ số"]),
        ({"id_number": "٠٣٦١٨٥٠٠٠١٢٣"}, IdNumberFormatError, (F.ID_NUMBER,), ["12 chữ số"]),
        ({"id_number": ""}, IdNumberFormatError, (F.ID_NUMBER,), ["12 chữ số"]),
        ({"id_number": "099185000123"}, UnknownProvinceError, (F.ID_NUMBER,), ["(099)", "tỉnh"]),
        ({"id_number": "003185000123"}, UnknownProvinceError, (F.ID_NUMBER,), ["(003)"]),
        ({"old_id_number": "16300012"}, OldIdNumberError, (F.OLD_ID_NUMBER,), ["9 chữ số"]),
        ({"old_id_number": "163000123456"}, OldIdNumberError, (F.OLD_ID_NUMBER,), ["9 chữ số"]),
        ({"old_id_number": "B1630001"}, OldIdNumberError, (F.OLD_ID_NUMBER,), ["9 chữ số"]),
        ({"full_name": ""}, FullNameError, (F.FULL_NAME,), ["Chưa có họ và tên"]),
        ({"full_name": " - ' "}, FullNameError, (F.FULL_NAME,), ["Chưa có họ và tên"]),
        ({"full_name": "Phạm Thị Hà 2"}, FullNameError, (F.FULL_NAME,), ["chữ số"]),
        ({"full_name": "Phạm Thị Hà②"}, FullNameError, (F.FULL_NAME,), ["chữ số"]),
        ({"full_name": "Phạm <Thị> Hà"}, FullNameError, (F.FULL_NAME,), ["ký tự không hợp lệ"]),
        ({"full_name": "Phạm\x07Thị Hà"}, FullNameError, (F.FULL_NAME,), ["ký tự không hợp lệ"]),
        ({"full_name": "Hà " * 40}, FullNameError, (F.FULL_NAME,), ["quá dài", "100"]),
        ({"birth_date": "31021985"}, InvalidDateError, (F.BIRTH_DATE,), ["Ngày sinh", "có thật"]),
        ({"birth_date": "29021985"}, InvalidDateError, (F.BIRTH_DATE,), ["Ngày sinh", "có thật"]),
        ({"birth_date": "07131985"}, InvalidDateError, (F.BIRTH_DATE,), ["Ngày sinh", "có thật"]),
        ({"birth_date": "07/03/1985"}, InvalidDateError, (F.BIRTH_DATE,), ["Ngày sinh", "dạng"]),
        ({"birth_date": "1985-03-07"}, InvalidDateError, (F.BIRTH_DATE,), ["Ngày sinh", "dạng"]),
        ({"birth_date": ""}, InvalidDateError, (F.BIRTH_DATE,), ["Ngày sinh", "dạng"]),
        ({"gender": "Khác"}, GenderValueError, (F.GENDER,), ["Nam", "Nữ"]),
        ({"gender": ""}, GenderValueError, (F.GENDER,), ["Nam", "Nữ"]),
        ({"gender": "Nam giới"}, GenderValueError, (F.GENDER,), ["Nam", "Nữ"]),
        ({"issue_date": "30022021"}, InvalidDateError, (F.ISSUE_DATE,), ["Ngày cấp", "có thật"]),
        ({"issue_date": "2021"}, InvalidDateError, (F.ISSUE_DATE,), ["Ngày cấp", "dạng"]),
        ({"issue_date": ""}, InvalidDateError, (F.ISSUE_DATE,), ["Ngày cấp", "dạng"]),
        ({"issue_date": "24112026"}, FutureDateError, (F.ISSUE_DATE,), ["Ngày cấp", "hôm nay"]),
        (
            {"issue_date": "06031985"},
            IssueBeforeBirthError,
            (F.ISSUE_DATE, F.BIRTH_DATE),
            ["Ngày cấp", "trước ngày sinh"],
        ),
    ],
)
def test_each_rule_is_its_own_error(
    changes: dict[str, str],
    error: type[IdentityError],
    fields: tuple[IdentityField, ...],
    words: list[str],
) -> None:
    exc = refused(payload(**changes), error)
    assert exc.fields == fields
    assert_clear(exc, *words)


def test_gender_must_agree_with_the_fourth_digit() -> None:
    exc = refused(payload(gender=MALE), GenderMismatchError)
    assert exc.fields == (F.GENDER, F.ID_NUMBER)
    assert_clear(exc, "giới tính", "chữ số thứ tư")
    refused(payload(DUC, gender=FEMALE), GenderMismatchError)


@pytest.mark.parametrize(
    ("id_number", "birth", "first"),
    [
        ("036185000123", "07031885", "1900"),  # G=1: a woman born 1900-1999
        ("036385000123", "07031985", "2000"),  # G=3: a woman born 2000-2099
        ("036585000123", "07031985", "2100"),
        ("036985000123", "07031885", "2300"),
    ],
)
def test_fourth_digit_must_agree_with_the_century(id_number: str, birth: str, first: str) -> None:
    exc = refused(payload(id_number=id_number, birth_date=birth), CenturyMismatchError)
    assert exc.fields == (F.BIRTH_DATE, F.ID_NUMBER)
    assert exc.params["first"] == first
    assert_clear(exc, "ngày sinh", f"{first}–")


def test_year_digits_must_agree_with_the_year() -> None:
    exc = refused(payload(id_number="036186000123"), BirthYearMismatchError)
    assert exc.fields == (F.BIRTH_DATE, F.ID_NUMBER)
    assert_clear(exc, "năm sinh", "hai số cuối")


def test_future_birth_date() -> None:
    person = replace(DUC, id_number="048226007788")
    exc = refused(payload(person, birth_date="24112026", issue_date="23112026"), FutureDateError)
    assert exc.fields == (F.BIRTH_DATE,)
    assert_clear(exc, "Ngày sinh", "hôm nay")


def test_the_first_failing_field_in_card_order_is_reported() -> None:
    text = payload(id_number="12", full_name="", birth_date="31021985", gender="X")
    assert refused(text, IdNumberFormatError).field is F.ID_NUMBER
    assert refused(payload(full_name="", gender="X"), FullNameError).field is F.FULL_NAME


def test_province_check_follows_the_data(monkeypatch: pytest.MonkeyPatch) -> None:
    # Codes for births registered abroad are unverified: adding one to the table is enough.
    codes = {**province_codes(), "999": "Nước ngoài (thử nghiệm)"}
    monkeypatch.setattr(rules, "province_codes", lambda: codes)
    monkeypatch.setattr("kiosk.services.identity.model.province_codes", lambda: codes)
    parsed = parse(payload(id_number="999185000123"))
    assert parsed.province_name == "Nước ngoài (thử nghiệm)"


def test_errors_are_input_errors_with_exit_code() -> None:
    exc = refused("", NotIdCardError)
    assert exc.exit_code == 2


# --- manual entry -----------------------------------------------------------------------


def manual(**changes: str) -> CitizenIdentity:
    values = {
        "id_number": "036185000123",
        "full_name": "Phạm Thị Thu Hà",
        "birth_date_text": "07/03/1985",
        "gender": "Nữ",
    }
    values.update(changes)
    return validate_manual_entry(**values, today=TODAY)


def test_manual_entry_minimal() -> None:
    assert manual() == replace(HA, old_id_number=None, address="", issue_date=None)


@pytest.mark.parametrize(
    "birth", ["07/03/1985", "7/3/1985", "07.03.1985", "07-03-1985", " 07 / 03 / 1985 ", "07031985"]
)
def test_manual_date_forms(birth: str) -> None:
    assert manual(birth_date_text=birth).birth_date == date(1985, 3, 7)


def test_manual_entry_normalises_what_people_type() -> None:
    typed = manual(
        id_number=" 036 185 000 123 ",
        full_name=unicodedata.normalize("NFD", "  phạm  thị thu hà "),
        gender="nữ",
        birth_date_text="０７/０３/１９８５",
    )
    assert typed.id_number == HA.id_number
    assert typed.full_name == "phạm thị thu hà"
    assert typed.gender == FEMALE
    assert manual(id_number="０３６１８５０００１２３").id_number == HA.id_number


def test_manual_entry_with_every_field() -> None:
    full = validate_manual_entry(
        "036185000123",
        "Phạm Thị Thu Hà",
        "07/03/1985",
        "Nữ",
        today=TODAY,
        old_id_number="163 000 123",
        address=HA.address,
        issue_date_text="12/05/2021",
    )
    assert full == HA


@pytest.mark.parametrize(
    ("changes", "error", "field"),
    [
        ({"id_number": "03618500012"}, IdNumberFormatError, F.ID_NUMBER),
        ({"id_number": "099185000123"}, UnknownProvinceError, F.ID_NUMBER),
        ({"full_name": "   "}, FullNameError, F.FULL_NAME),
        ({"full_name": "Hà 3"}, FullNameError, F.FULL_NAME),
        ({"birth_date_text": "31/02/1985"}, InvalidDateError, F.BIRTH_DATE),
        ({"birth_date_text": "1985"}, InvalidDateError, F.BIRTH_DATE),
        ({"birth_date_text": "7/3/85"}, InvalidDateError, F.BIRTH_DATE),
        ({"gender": "Nu"}, GenderValueError, F.GENDER),
        ({"gender": "Nam"}, GenderMismatchError, F.GENDER),
        ({"birth_date_text": "07/03/1986"}, BirthYearMismatchError, F.BIRTH_DATE),
        ({"birth_date_text": "07/03/2085"}, FutureDateError, F.BIRTH_DATE),
        ({"birth_date_text": "07/03/1885"}, CenturyMismatchError, F.BIRTH_DATE),
        ({"old_id_number": "12345"}, OldIdNumberError, F.OLD_ID_NUMBER),
        ({"issue_date_text": "12/13/2021"}, InvalidDateError, F.ISSUE_DATE),
        ({"issue_date_text": "01/01/2027"}, FutureDateError, F.ISSUE_DATE),
        ({"issue_date_text": "01/01/1980"}, IssueBeforeBirthError, F.ISSUE_DATE),
    ],
)
def test_manual_entry_follows_the_same_rules(
    changes: dict[str, str], error: type[IdentityError], field: IdentityField
) -> None:
    with pytest.raises(IdentityError) as caught:
        manual(**changes)
    assert type(caught.value) is error
    assert caught.value.field is field
    assert_clear(caught.value)


def test_typed_date_message_shows_the_expected_form() -> None:
    with pytest.raises(InvalidDateError) as caught:
        manual(birth_date_text="1985")
    assert_clear(caught.value, "ngày/tháng/năm", "05/09/1990")


# --- translation ------------------------------------------------------------------------


def test_every_message_is_marked_for_lupdate(tmp_path: Path) -> None:
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    sources = sorted(str(p) for p in Path(identity_package.__file__).parent.glob("*.py"))
    ts = tmp_path / "identity.ts"
    subprocess.run([lupdate, *sources, "-ts", str(ts)], check=True, capture_output=True)
    extracted = ts.read_text(encoding="utf-8")
    templates = marked_templates()
    assert len(templates) >= 30
    for template in templates:
        assert f"<source>{template}</source>" in extracted


def test_trim_knows_every_whitespace_character_of_unicode() -> None:
    import sys

    from kiosk.services.identity.text import WHITESPACE

    assert set(WHITESPACE) == {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}


def test_trim_keeps_a_long_run_of_whitespace_inside_and_drops_it_at_the_ends() -> None:
    from kiosk.services.identity.text import trim

    run = " \t\u3000\u200b" * 2048  # 8,192 characters: a serial frame's limit
    assert trim(run + "Nguyễn" + run + "Văn" + run) == "Nguyễn" + run + "Văn"
    assert trim("\ufeff" + run) == ""
