"""Passive authentication and the chip's data groups, without a reader.

The same files as the emulated card carries (tests/chip_documents.py), checked directly:
the CSCA store in its two forms, each outcome, DG1 and DG13 decoding; active
authentication's RSA (ISO/IEC 9796-2) path with the emulated chip answering in-process.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from asn1crypto import cms, core  # type: ignore[import-untyped]
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from kiosk.errors import InputError
from kiosk.services.chip import active_auth
from kiosk.services.chip.active_auth import ChipCheck
from kiosk.services.chip.bac import AccessKey
from kiosk.services.chip.card_read import read_card
from kiosk.services.chip.datagroups import DataGroupError, parse_dg1, parse_dg13
from kiosk.services.chip.key_fields import access_key, mrz_date
from kiosk.services.chip.passive_auth import Outcome, verify
from kiosk.services.chip.tlv import tlv
from kiosk.services.chip.trust import MASTER_LIST, CscaStore, TrustStoreError
from tests.chip_card import IcaoChip
from tests.chip_documents import (
    CardFiles,
    Citizen,
    dg1,
    dg13,
    dg14,
    dg15,
    issue_card,
    make_pki,
    pem,
    sign_sod,
)

CITIZEN = Citizen()


def groups_of(files: dict[int, bytes]) -> dict[int, bytes]:
    return {fid - 0x0100: content for fid, content in files.items() if fid < 0x0110}


def test_the_store_reads_a_folder_of_pem_and_der(tmp_path: Path) -> None:
    first, second = make_pki(), make_pki(csca_name="CSCA Other TEST")
    (tmp_path / "vn.pem").write_bytes(first.csca.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "other.der").write_bytes(second.csca.public_bytes(serialization.Encoding.DER))
    (tmp_path / "README.txt").write_text("not a certificate, not read")
    store = CscaStore.load(tmp_path)
    assert set(store.certificates) == {first.csca, second.csca}
    assert store.issuer_of(first.signer) == first.csca
    assert store.issuer_of(make_pki().signer) is None  # same issuer name, another key


def test_the_store_reads_a_master_list(tmp_path: Path) -> None:
    pki = make_pki()
    der = pki.csca.public_bytes(serialization.Encoding.DER)
    # CscaMasterList ::= SEQUENCE { version INTEGER, certList SET OF Certificate }, by hand
    master = tlv(0x30, tlv(0x02, b"\x00") + tlv(0x31, der))
    signed = cms.SignedData({
        "version": "v3", "digest_algorithms": [],
        "encap_content_info": {"content_type": MASTER_LIST,
                               "content": core.ParsableOctetString(master)},
        "signer_infos": [],
    })  # fmt: skip
    path = tmp_path / "ICAO_ml_test.ml"
    path.write_bytes(cms.ContentInfo({"content_type": "signed_data", "content": signed}).dump())
    assert CscaStore.load(path).certificates == (pki.csca,)


def test_an_unreadable_store_is_a_plain_error(tmp_path: Path) -> None:
    broken = tmp_path / "csca.der"
    broken.write_bytes(b"\x30\x03garbage")
    with pytest.raises(TrustStoreError) as caught:
        CscaStore.load(broken)
    assert str(broken) in caught.value.message and "CSCA" in caught.value.message


def test_each_outcome() -> None:
    pki = make_pki()
    card = issue_card(CITIZEN, pki, with_dg2=False)
    sod, groups = card.files[0x011D], groups_of(card.files)
    store = CscaStore((pki.csca,))
    assert verify(sod, groups, store).outcome is Outcome.VERIFIED
    assert verify(sod, groups, None).outcome is Outcome.NOT_VERIFIED
    assert verify(sod, groups, CscaStore((make_pki().csca,))).outcome is Outcome.UNKNOWN_SIGNER
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=3651)
    assert verify(sod, groups, store, now=later).outcome is Outcome.SIGNER_EXPIRED
    altered = {**groups, 1: dg1(Citizen(birth="920316"))}
    result = verify(sod, altered, store)
    assert (result.outcome, result.altered_groups) == (Outcome.DATA_ALTERED, (1,))
    # A data group the SOD does not list is as suspect as a changed one.
    assert verify(sod, {**groups, 2: b"\x75\x00"}, store).altered_groups == (2,)
    # Another signer's SOD over the same hashes does not verify with this certificate.
    other = make_pki()
    forged = bytearray(sign_sod(groups, other))
    forged[-20] ^= 0x01  # inside the signature
    assert verify(bytes(forged), groups, CscaStore((other.csca,))).outcome is Outcome.DATA_ALTERED
    assert verify(b"\x77\x03\x30\x01\x00", groups, store).outcome is Outcome.DATA_ALTERED


def test_dg1_td1_mrz() -> None:
    mrz = parse_dg1(dg1(CITIZEN))
    assert (mrz.document_code, mrz.issuing_state, mrz.nationality) == ("ID", "VNM", "VNM")
    assert mrz.document_number == "192004321"  # the MRZ's field: last 9 digits
    assert mrz.id_number == "079192004321"  # the 12 digits in the optional data
    assert (mrz.birth, mrz.expiry, mrz.sex) == ("920315", "320315", "F")
    assert mrz.name == "TRAN THI HONG NHUNG"
    with pytest.raises(DataGroupError):
        parse_dg1(b"\x61\x05\x5f\x1f\x02AB")


def test_dg13_vietnamese_fields_with_diacritics_in_nfc() -> None:
    personal = parse_dg13(dg13(CITIZEN))
    assert personal["id_number"] == "079192004321"
    assert personal["full_name"] == "Trần Thị Hồng Nhung"
    assert personal["gender"] == "Nữ"
    assert personal["old_id_number"] == "301234567"
    decomposed = dg13(Citizen(full_name="Tra\u0302\u0300n Thi\u0323 Ho\u0302\u0300ng Nhung"))
    assert parse_dg13(decomposed)["full_name"] == "Trần Thị Hồng Nhung"


def test_key_fields_as_typed() -> None:
    key = access_key(" 079192004321 ", "15/03/1992", "320315")
    assert key == AccessKey("192004321", "920315", "320315")
    assert access_key("l898902c", "6/8/1969", "940623").document_number == "L898902C"
    for bad_date in ("1992-03-15", "921315", "32/01/2030"):
        with pytest.raises(InputError):
            mrz_date(bad_date)
    with pytest.raises(InputError, match="Số giấy tờ"):
        access_key("0791-92", "920315", "320315")


class InProcessCard:
    """The emulated chip answering in this process (no pcscd): the card is the fake edge."""

    def __init__(self, card: CardFiles) -> None:
        self.chip = IcaoChip(card.key, card.files, extended=False, aa_key=card.aa_key)

    def transmit(self, apdu: bytes) -> bytes:
        return self.chip.answer(apdu)


def test_active_authentication_with_an_rsa_key_iso_9796_2() -> None:
    pki = make_pki()
    key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    card = issue_card(CITIZEN, pki, with_dg2=False, with_dg14_15=True, aa_key=key)
    result = read_card(InProcessCard(card), CITIZEN.key, CscaStore((pki.csca,)))
    assert result.chip_check is ChipCheck.GENUINE
    assert read_card(InProcessCard(card.cloned()), CITIZEN.key, None).chip_check is (
        ChipCheck.FAILED
    )


def test_a_signature_over_another_challenge_is_refused() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    group15 = dg15(key)
    chip = IcaoChip(CITIZEN.key, {}, extended=False, aa_key=pem(key))
    answer = chip._internal_authenticate(b"12345678")
    assert active_auth.check(group15, b"12345678", answer, dg14()) is ChipCheck.GENUINE
    assert active_auth.check(group15, b"12345679", answer, dg14()) is ChipCheck.FAILED
    assert active_auth.check(group15, b"12345678", b"", dg14()) is ChipCheck.FAILED
