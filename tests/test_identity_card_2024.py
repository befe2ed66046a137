"""The Căn cước card (issued from 1 July 2024) against the chip CCCD (2021): a cancelled 12-digit
personal ID number in the QR's old-ID slot, and "Nơi cư trú" in ``kiosk scan``.

Decree 70/2024/NĐ-CP Art. 12(1) and Circular 16/2024/TT-BCA: the Căn cước card's QR encodes the
9-digit CMND and the cancelled personal ID number, if any. All people here are invented.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.domain.clock import FixedClock
from kiosk.services.identity import (
    FEMALE,
    CitizenIdentity,
    IdentityError,
    IdentityField,
    OldIdNumberError,
    parse_id_payload,
    scanning,
    validate_manual_entry,
)
from tests.factories import qr_fields
from tests.test_qr_scan import write_qr

TODAY = date(2026, 11, 23)
CANCELLED = "031189004455"  # Hải Phòng, a woman born 1989: the number before a correction
# Hải Phòng (031), G=1: a woman born 1989; her new card was issued after the law of 2024.
LAN = CitizenIdentity(
    id_number="031189006677",
    old_id_number=CANCELLED,
    full_name="Vũ Thị Lan",
    birth_date=date(1989, 6, 2),
    gender=FEMALE,
    address="Số 8 Phố Lạch Tray, Phường Gia Viên, Thành phố Hải Phòng",
    issue_date=date(2025, 3, 14),
)
CCCD_2021 = replace(LAN, issue_date=date(2021, 5, 12))  # the same person on a CCCD


def qr(person: CitizenIdentity, *extra: str) -> str:
    return "|".join([*qr_fields(person), *extra])


def refused(data: str) -> IdentityError:
    with pytest.raises(IdentityError) as caught:
        parse_id_payload(data, today=TODAY)
    return caught.value


def test_a_can_cuoc_card_with_a_cancelled_number_in_the_old_id_slot_is_read() -> None:
    # 11 fields, as cards issued in 2024 were seen: the extra ones empty
    who = parse_id_payload(qr(LAN, "", "", "", ""), today=TODAY)
    assert who.id_number == LAN.id_number and who.old_id_number == CANCELLED
    assert who.is_identity_card is True


def test_the_nine_digit_cmnd_is_still_read_on_both_cards() -> None:
    for person in (LAN, CCCD_2021):
        who = parse_id_payload(qr(replace(person, old_id_number="031456789")), today=TODAY)
        assert who.old_id_number == "031456789"


def test_a_twelve_digit_old_id_on_a_cccd_of_2021_is_refused() -> None:
    exc = refused(qr(CCCD_2021))
    assert type(exc) is OldIdNumberError
    assert exc.fields == (IdentityField.OLD_ID_NUMBER,)
    assert "9 chữ số" in exc.message and CANCELLED not in exc.message + exc.detail


def test_the_current_number_in_the_cancelled_slot_is_refused() -> None:
    exc = refused(qr(replace(LAN, old_id_number=LAN.id_number)))
    assert type(exc) is OldIdNumberError
    assert "trùng với số định danh hiện tại" in exc.message
    assert LAN.id_number not in exc.message + exc.detail


def test_the_card_type_follows_the_issue_date() -> None:
    assert replace(LAN, issue_date=date(2024, 7, 1)).is_identity_card is True
    assert replace(LAN, issue_date=date(2024, 6, 30)).is_identity_card is False
    assert replace(LAN, issue_date=None).is_identity_card is None


def test_manual_entry_takes_a_cancelled_number_only_with_a_can_cuoc_issue_date() -> None:
    typed = {
        "id_number": LAN.id_number,
        "full_name": LAN.full_name,
        "birth_date_text": "02/06/1989",
        "gender": FEMALE,
        "today": TODAY,
        "old_id_number": "0311 8900 4455",
    }
    who = validate_manual_entry(**typed, issue_date_text="14/03/2025")  # type: ignore[arg-type]
    assert who.old_id_number == CANCELLED
    with pytest.raises(OldIdNumberError):
        validate_manual_entry(**typed)  # type: ignore[arg-type]
    with pytest.raises(OldIdNumberError):
        validate_manual_entry(**typed, issue_date_text="12/05/2021")  # type: ignore[arg-type]


@pytest.fixture
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    now = datetime(2026, 11, 23, 2, 30, tzinfo=UTC)
    monkeypatch.setattr(scanning, "SystemClock", lambda: FixedClock(now))


@pytest.mark.usefixtures("fixed_today")
def test_kiosk_scan_names_the_address_as_each_card_prints_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    new = write_qr(tmp_path / "can-cuoc.png", qr(LAN))
    old = write_qr(tmp_path / "cccd.png", qr(replace(CCCD_2021, old_id_number="031456789")))
    assert main(["scan", str(new), str(old)]) == 0
    first, second = capsys.readouterr().out.split("OK   ")[1:]
    assert f"Nơi cư trú: {LAN.address}" in first and "Nơi thường trú" not in first
    assert f"Nơi thường trú: {LAN.address}" in second and "Nơi cư trú" not in second
    assert "Số định danh đã hủy: 031******455" in first and CANCELLED not in first
    assert "Số CMND cũ: ******789" in second
