"""Forms of address: ông/bà, anh/chị, bạn or quý khách, the same on screen, speech and receipt."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from kiosk.app import Kiosk
from kiosk.documents.receipt_content import receipt_address, receipt_blocks
from kiosk.domain.values import ServiceOutcome
from kiosk.services.visits.session import VisitSession
from kiosk.text.address import NEUTRAL, FormOfAddress, form_of_address
from tests.factories import BA_TU_CARD, BINH_CARD, NHUNG_CARD, finished_visit
from tests.test_receipt import CENTRE


@pytest.mark.parametrize(
    ("gender", "age", "word"),
    [
        ("Nam", 60, "ông"),
        ("Nữ", 78, "bà"),
        ("Nam", 59, "anh"),
        ("Nữ", 18, "chị"),
        ("Nữ", 17, "bạn"),
        ("Nam", None, "quý khách"),
        (None, 70, "quý khách"),
        ("Khác", 40, "quý khách"),
    ],
)
def test_the_form_follows_gender_and_age(gender: str | None, age: int | None, word: str) -> None:
    assert form_of_address(gender, age).word == word


def test_tokens_are_filled_with_the_case_of_their_place() -> None:
    text = "{You} chờ một chút, sẽ có người giúp {you}."
    assert FormOfAddress("bà").fill(text) == "Bà chờ một chút, sẽ có người giúp bà."
    assert NEUTRAL.fill(text) == "Quý khách chờ một chút, sẽ có người giúp quý khách."
    assert NEUTRAL.fill("No token here") == "No token here"


def _session(kiosk: Kiosk, today: date) -> VisitSession:
    return VisitSession(kiosk.transactions, kiosk.stuck_points, today=lambda: today, helper_id=None)


def test_the_session_addresses_the_card_and_forgets_it_when_declined(kiosk: Kiosk) -> None:
    session = _session(kiosk, date(2026, 12, 6))
    assert session.form_of_address() == NEUTRAL  # nobody yet
    session.set_identity(BA_TU_CARD)
    assert session.form_of_address().word == "bà"
    session.decline_consent()  # anonymous from now on
    assert session.form_of_address() == NEUTRAL
    session.set_identity(BINH_CARD)
    assert session.form_of_address().word == "anh"


def test_screen_and_receipt_agree_around_a_birthday(kiosk: Kiosk) -> None:
    """Born 15/08/1966: 59 on 06/06/2026 by the calendar, 60 by the year. The receipt knows
    only the year, so both use the age reached this year: "ông" on the screen and the slip."""
    card = replace(NHUNG_CARD, gender="Nam", birth_date=date(1966, 8, 15))
    session = _session(kiosk, date(2026, 6, 6))
    session.set_identity(card)
    assert session.form_of_address().word == "ông"
    session.give_consent()
    session.choose_services(["portal_account"])
    session.record_outcome(ServiceOutcome("portal_account", "partial", "otp_not_received"))
    record = session.finish()
    assert receipt_address(replace(record, business_day=date(2026, 6, 6))).word == "ông"


def test_the_receipt_speaks_as_the_screens_did(kiosk: Kiosk) -> None:
    elder = finished_visit(
        kiosk,
        ServiceOutcome("portal_account", "partial", "otp_not_received"),
        citizen=BA_TU_CARD.to_details("2026-01"),
    )
    texts = [block.text for block in receipt_blocks(elder, CENTRE, kiosk.catalogue)]
    assert "Phần chưa xong: bà có thể quay lại quầy để được hỗ trợ tiếp." in " ".join(texts)
    assert texts[-1] == "Cảm ơn bà đã đến Quầy hỗ trợ số."
    anonymous = finished_visit(kiosk, citizen=None)
    texts = [block.text for block in receipt_blocks(anonymous, CENTRE, kiosk.catalogue)]
    assert texts[-1] == "Cảm ơn quý khách đã đến Quầy hỗ trợ số."
    assert not any("ông/bà" in text for text in texts)


def test_the_receipt_is_printed_in_the_citizens_language(kiosk: Kiosk, tmp_path: Path) -> None:
    from kiosk.documents.receipt import render_receipt
    from tests.test_receipt import pdf_text

    visit = finished_visit(
        kiosk,
        ServiceOutcome("portal_account", "partial", "otp_not_received"),
        citizen=BA_TU_CARD.to_details("2026-01"),
    )
    path = tmp_path / "en.pdf"
    path.write_bytes(render_receipt(visit, centre=CENTRE, catalogue=kiosk.catalogue, language="en"))
    text = pdf_text(path)
    assert "SUPPORT RECEIPT" in text and "Next steps:" in text
    assert kiosk.catalogue.label("services", "portal_account", "en") in text
    assert "Not finished yet: you can come back to the counter" in text
    assert "Việc cần làm tiếp" not in text and "Kết quả" not in text
    assert CENTRE.name in text  # data keeps its language
    vietnamese = receipt_blocks(visit, CENTRE, kiosk.catalogue)
    assert vietnamese[4].text == "BIÊN NHẬN HỖ TRỢ"
