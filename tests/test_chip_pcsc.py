"""Reading an emulated CCCD chip through pcscd, exactly as the kiosk reads a real card.

pcscd runs with Debian's virtual reader (tests/chip_pcscd.py); the card is
tests/chip_card.py in its own process, holding files made by tests/chip_documents.py.
The kiosk's side is the product: kiosk.devices.chip_reader (pyscard) and
kiosk.services.chip.card_read.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from kiosk.cli import main
from kiosk.devices.chip_reader import CARD_REMOVED, CardRemovedError, PcscCard
from kiosk.services.chip.active_auth import ChipCheck
from kiosk.services.chip.bac import AccessKey
from kiosk.services.chip.card_read import ChipResult, read_card
from kiosk.services.chip.key_fields import result_text
from kiosk.services.chip.passive_auth import Outcome
from kiosk.services.chip.session import ACCESS_DENIED, ChipAccessDeniedError
from kiosk.services.chip.trust import CscaStore
from kiosk.services.upkeep.doctor.chip import check_chip_readers
from kiosk.settings import load_settings
from tests import chip_pcscd
from tests.chip_documents import CardFiles, Citizen, Pki, dg13, issue_card, make_pki

ROOT = Path(__file__).resolve().parent.parent
CITIZEN = Citizen()

InsertCard = Callable[..., PcscCard]


@pytest.fixture(scope="module")
def pcscd() -> Iterator[None]:
    """pcscd with the virtual reader for this file's tests."""
    missing = chip_pcscd.available()
    if missing:
        pytest.fail(f"chip tests need pcscd with vpcd: {missing}")
    with chip_pcscd.shared_pcscd():
        yield


@pytest.fixture(scope="module")
def pki() -> Pki:
    return make_pki()


@pytest.fixture
def insert_card(pcscd: None, tmp_path: Path) -> Iterator[InsertCard]:
    """Put an emulated card on the virtual reader; returns the kiosk's connected reader."""
    started: list[tuple[subprocess.Popen[bytes], PcscCard, bool]] = []

    def insert(
        card: CardFiles, *, pull_after: int | None = None, extended: bool = False
    ) -> PcscCard:
        remove_all()  # one virtual reader: the card before leaves first
        spec = tmp_path / f"card-{pull_after}-{extended}.json"
        spec.write_text(json.dumps(card.spec(pull_after=pull_after, extended=extended, seconds=60)))
        process = subprocess.Popen([sys.executable, "-m", "tests.chip_card", str(spec)], cwd=ROOT)
        reader = PcscCard(chip_pcscd.VIRTUAL_READER)
        started.append((process, reader, pull_after is not None))
        reader.connect(wait_seconds=15)
        return reader

    def remove_all() -> None:
        pulled = any(pull for _, _, pull in started)
        for process, reader, _ in started:
            reader.close()
            process.terminate()
            process.wait(timeout=10)
        if started:
            chip_pcscd.wait_for_card_gone(pulled=pulled)
        started.clear()

    with chip_pcscd.virtual_reader():
        yield insert
        remove_all()


def read(reader: PcscCard, store: CscaStore | None, key: AccessKey = CITIZEN.key) -> ChipResult:
    return read_card(reader, key, store)


def test_a_genuine_card_reads_and_verifies(insert_card: InsertCard, pki: Pki) -> None:
    result = read(insert_card(issue_card(CITIZEN, pki)), CscaStore((pki.csca,)))
    assert result.verification.outcome is Outcome.VERIFIED
    assert result.verification.words.startswith("Đã xác thực")
    assert result.groups_read == (1, 2, 13)
    assert result.mrz.id_number == CITIZEN.id_number
    assert result.mrz.birth == CITIZEN.birth and result.mrz.sex == "F"
    assert result.personal["full_name"] == "Trần Thị Hồng Nhung"
    assert result.personal["birth_date"] == "15/03/1992"
    assert result.personal["parents"] == ["Trần Văn Bình", "Lê Thị Mai"]
    assert result.face is not None and result.face[0] == "jpeg"
    assert result.face[1].startswith(b"\xff\xd8\xff")
    assert result.stats.apdus > 90 and result.stats.bytes_received > 20_000
    assert result.chip_check is ChipCheck.ABSENT  # no DG15, no INTERNAL AUTHENTICATE


def test_extended_length_reads_the_same_in_fewer_commands(
    insert_card: InsertCard, pki: Pki
) -> None:
    card = issue_card(CITIZEN, pki)
    short = read(insert_card(card), CscaStore((pki.csca,)))
    reader = insert_card(card, extended=True)
    long = read_card(reader, CITIZEN.key, CscaStore((pki.csca,)), chunk=1024)
    assert long.verification.outcome is Outcome.VERIFIED
    assert long.personal == short.personal and long.face == short.face
    assert long.stats.apdus < short.stats.apdus / 2


def test_dg14_and_dg15_are_read_and_hashed_too(insert_card: InsertCard, pki: Pki) -> None:
    card = issue_card(CITIZEN, pki, with_dg2=False, with_dg14_15=True)
    result = read(insert_card(card), CscaStore((pki.csca,)))
    assert result.groups_read == (1, 13, 14, 15)
    assert result.verification.outcome is Outcome.VERIFIED
    assert result.face is None
    assert result.chip_check is ChipCheck.GENUINE  # INTERNAL AUTHENTICATE, ECDSA P-256


def test_a_clone_passes_passive_but_fails_active_authentication(
    insert_card: InsertCard, pki: Pki
) -> None:
    card = issue_card(CITIZEN, pki, with_dg2=False, with_dg14_15=True).cloned()
    result = read(insert_card(card), CscaStore((pki.csca,)))
    assert result.verification.outcome is Outcome.VERIFIED  # the files are the issuer's
    assert result.chip_check is ChipCheck.FAILED  # the chip is not
    assert "bản sao" in result_text(result)


def test_pcscd_pid_file_ends_in_a_nul(tmp_path: Path) -> None:
    pid_file = tmp_path / "pcscd.pid"
    pid_file.write_bytes(b"20393\n\x00")  # as pcscd 1.9 writes it
    assert chip_pcscd.pcscd_pid(pid_file) == 20393


def test_a_wrong_key_is_refused_in_plain_words(insert_card: InsertCard, pki: Pki) -> None:
    reader = insert_card(issue_card(CITIZEN, pki))
    wrong = AccessKey(CITIZEN.document_number, "920316", CITIZEN.expiry)  # birth off by a day
    with pytest.raises(ChipAccessDeniedError) as caught:
        read(reader, CscaStore((pki.csca,)), wrong)
    assert caught.value.message == ACCESS_DENIED
    assert "6300" in caught.value.detail


def test_a_data_group_altered_after_signing(insert_card: InsertCard, pki: Pki) -> None:
    forged = dg13(Citizen(full_name="Trần Thị Hồng Nhưng"))  # one letter changed
    card = issue_card(CITIZEN, pki).with_file(0x010D, forged)
    result = read(insert_card(card), CscaStore((pki.csca,)))
    assert result.verification.outcome is Outcome.DATA_ALTERED
    assert result.verification.altered_groups == (13,)


def test_a_signer_from_an_unknown_csca(insert_card: InsertCard, pki: Pki) -> None:
    impostor = make_pki()  # same names, other keys
    result = read(insert_card(issue_card(CITIZEN, impostor)), CscaStore((pki.csca,)))
    assert result.verification.outcome is Outcome.UNKNOWN_SIGNER


def test_an_expired_document_signer(insert_card: InsertCard, pki: Pki) -> None:
    year = dt.timedelta(days=365)
    expired = make_pki(signer_valid=(-11 * year, -1 * year), ec_signer=True)
    result = read(insert_card(issue_card(CITIZEN, expired)), CscaStore((expired.csca,)))
    assert result.verification.outcome is Outcome.SIGNER_EXPIRED


def test_no_csca_store_means_not_verified(insert_card: InsertCard, pki: Pki) -> None:
    result = read(insert_card(issue_card(CITIZEN, pki)), None)
    assert result.verification.outcome is Outcome.NOT_VERIFIED
    assert result.personal["id_number"] == CITIZEN.id_number  # still read, just not vouched for


def test_a_card_pulled_out_mid_read(insert_card: InsertCard, pki: Pki) -> None:
    reader = insert_card(issue_card(CITIZEN, pki), pull_after=40)  # inside DG2
    with pytest.raises(CardRemovedError) as caught:
        read(reader, CscaStore((pki.csca,)))
    assert caught.value.message == CARD_REMOVED


def test_kiosk_chip_read_prints_the_verdict_and_masks_the_number(
    insert_card: InsertCard, pki: Pki, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "csca"
    store.mkdir()
    (store / "vn.pem").write_bytes(pki.csca.public_bytes(serialization.Encoding.PEM))
    insert_card(issue_card(CITIZEN, pki)).close()  # the CLI connects on its own
    code = main(["chip", "read", "--document-number", CITIZEN.id_number, "--birth",
                 "15/03/1992", "--expiry", "320315", "--csca", str(store)])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0, out
    assert "Kết quả xác thực: Đã xác thực" in out
    assert "Số định danh: 079******321" in out and CITIZEN.id_number not in out
    assert "Họ và tên: Trần Thị Hồng Nhung" in out
    assert f"Đầu đọc: {chip_pcscd.VIRTUAL_READER}" in out


def test_kiosk_chip_read_with_a_wrong_key_says_so(
    insert_card: InsertCard, pki: Pki, capsys: pytest.CaptureFixture[str]
) -> None:
    insert_card(issue_card(CITIZEN, pki)).close()
    code = main(["chip", "read", "--document-number", "079192004322", "--birth", "920315",
                 "--expiry", "320315"])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 1
    assert ACCESS_DENIED in captured.err + captured.out


def test_the_doctor_lists_the_readers(pcscd: None, isolated_dirs: Path) -> None:
    check = check_chip_readers(load_settings())
    assert check.ok and chip_pcscd.VIRTUAL_READER in check.message
    assert "Chưa cài kho CSCA" in check.message
