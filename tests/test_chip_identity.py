"""The chip read as an identity (no reader needed): the BAC key from a QR read and the law's
expiry rule, the identity DG13 gives, its reconciliation with a QR read, the CLI's words."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from kiosk.services.chip.card_read import ChipResult
from kiosk.services.chip.datagroups import Mrz
from kiosk.services.chip.expiry import derive_expiry
from kiosk.services.chip.key_fields import KeyFields, access_key, key_fields_from, result_text
from kiosk.services.chip.passive_auth import Outcome, Verification
from kiosk.services.chip.session import ReadStats
from kiosk.services.identity import IdentityError, IdentityField, validate_manual_entry
from kiosk.services.identity.from_chip import differences, identity_from_chip, reconcile
from kiosk.services.identity.model import SOURCE_CHIP, SOURCE_MANUAL, SOURCE_QR
from kiosk.services.identity.payload import parse_id_payload

TODAY = date(2026, 12, 7)
BIRTH = date(1992, 3, 15)
PERSONAL: dict[str, str | list[str]] = {
    "id_number": "079192004321", "full_name": "Trần Thị Hồng Nhung", "birth_date": "15/03/1992",
    "gender": "Nữ", "residence": "Số 12 Đường Số 7, Phường An Lạc, TP Hồ Chí Minh",
    "issue_date": "01/07/2021", "parents": ["Trần Văn Bình", "Lê Thị Mai"],
}  # fmt: skip
F = IdentityField


@pytest.mark.parametrize(
    ("birth", "issued", "expiry"),
    [
        (BIRTH, date(2021, 7, 1), date(2032, 3, 15)),  # at 29: to 40 (a CCCD, Law 59/2014)
        (BIRTH, date(2030, 7, 1), date(2052, 3, 15)),  # at 38: within 2 years of 40, to 60
        (date(2014, 5, 5), date(2025, 1, 1), date(2028, 5, 5)),  # at 10: to 14 (Căn cước)
        (date(2012, 5, 5), date(2025, 1, 1), date(2037, 5, 5)),  # at 12: to 25
        (date(2000, 2, 29), date(2021, 1, 4), date(2025, 3, 1)),  # 29 Feb: 1 March
    ],
)
def test_the_expiry_follows_the_renewal_ages(birth: date, issued: date, expiry: date) -> None:
    assert derive_expiry(birth, issued) == expiry


@pytest.mark.parametrize(
    ("birth", "issued"),
    [
        (date(1966, 1, 1), date(2025, 1, 1)),  # at 59: valid for life, the MRZ unknown
        (BIRTH, date(2030, 3, 16)),  # a day after the 2-year line before 40: ask
        (BIRTH, date(1991, 1, 1)),  # before birth: nonsense
    ],
)
def test_the_expiry_is_asked_when_the_rule_leaves_it_open(birth: date, issued: date) -> None:
    assert derive_expiry(birth, issued) is None


def test_a_qr_read_gives_the_number_the_birth_date_and_the_derived_expiry() -> None:
    fields = key_fields_from("079192004321", BIRTH, date(2021, 7, 1))
    assert fields == KeyFields("079192004321", "15/03/1992", "15/03/2032") and fields.complete
    key = access_key(fields.number, fields.birth, fields.expiry)
    assert (key.document_number, key.birth, key.expiry) == ("192004321", "920315", "320315")
    assert not key_fields_from("079192004321", BIRTH, None).complete  # no issue date: ask


def test_a_chip_identity_is_marked_and_keeps_only_what_the_qr_would() -> None:
    chip = identity_from_chip(PERSONAL, "verified", TODAY)
    assert chip.source == SOURCE_CHIP and chip.verified
    assert chip.full_name == "Trần Thị Hồng Nhung" and chip.birth_date == BIRTH
    assert chip.issue_date == date(2021, 7, 1) and chip.extra_fields == ()
    assert chip.to_details("v1").birth_year == 1992  # storage takes what it takes of a QR
    assert not replace(chip, verification="data_altered").verified
    with pytest.raises(IdentityError):
        identity_from_chip({**PERSONAL, "id_number": "079192004321", "gender": "Nam"}, "", TODAY)
    with pytest.raises(IdentityError):
        identity_from_chip({"full_name": "Trần Thị Hồng Nhung"}, "verified", TODAY)


def test_qr_and_manual_identities_are_marked_with_their_source() -> None:
    payload = "079192004321||Trần Thị Hồng Nhung|15031992|Nữ|Số 12, TP Hồ Chí Minh|01072021"
    assert parse_id_payload(payload.encode(), today=TODAY).source == SOURCE_QR
    typed = validate_manual_entry("079192004321", "Trần Thị Hồng Nhung", "15/03/1992", "Nữ",
                                  today=TODAY)  # fmt: skip
    assert typed.source == SOURCE_MANUAL and not typed.verified


def test_a_verified_chip_wins_a_disagreement_and_an_unverified_one_does_not() -> None:
    qr = replace(identity_from_chip(PERSONAL, "", TODAY), source=SOURCE_QR, verification="")
    other_name = replace(qr, full_name="Trần Thị Hồng Nhàn")
    chip = identity_from_chip(PERSONAL, "verified", TODAY)
    assert differences(qr, chip) == ()
    assert differences(replace(qr, full_name="TRẦN  thị hồng nhung"), chip) == ()
    agreed = reconcile(qr, chip)
    assert agreed.identity is chip and agreed.differing == ()
    won = reconcile(other_name, chip)
    assert won.identity is chip and won.chip_won and won.differing == (F.FULL_NAME,)
    unverified = replace(chip, verification="unknown_signer")
    kept = reconcile(other_name, unverified)
    assert kept.identity is other_name and not kept.chip_won
    assert reconcile(None, unverified).identity is unverified


def _result(issue: str) -> ChipResult:
    mrz = Mrz("I", "VNM", "192004321", "079192004321", "920315", "F", "320315", "VNM", "TRAN")
    personal = {**PERSONAL, "issue_date": issue}
    return ChipResult(mrz, personal, None, Verification(Outcome.VERIFIED), (1, 13), ReadStats())


def test_the_cli_names_the_address_as_the_card_does() -> None:
    assert "Nơi thường trú: Số 12" in result_text(_result("01/07/2021"))  # a CCCD
    text = result_text(_result("02/07/2024"))  # a Căn cước card
    assert "Nơi cư trú: Số 12" in text and "Nơi thường trú" not in text
