"""Keyed hashing, masking and encryption at rest."""

from __future__ import annotations

import multiprocessing
import os
import stat
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.errors import InputError
from kiosk.services.people.privacy import (
    PrivacyKeyError,
    PrivacyVault,
    load_or_create_key,
    mask_id_number,
    mask_phone,
)

VAULT = PrivacyVault(bytes(range(32)))


def test_mask_keeps_province_and_last_three() -> None:
    assert mask_id_number("001098012345") == "001******345"
    assert mask_id_number(" 0790 0300 4567 ") == "079******567"
    assert mask_phone("0912 345 678") == "091****678"


@pytest.mark.parametrize("bad", ["", "12345678901", "1234567890123", "00109801234a"])
def test_bad_id_numbers_are_refused(bad: str) -> None:
    with pytest.raises(InputError):
        mask_id_number(bad)


def test_hash_is_keyed_and_stable() -> None:
    other = PrivacyVault(bytes(32))
    assert VAULT.id_hash("001098012345") == VAULT.id_hash("0010 9801 2345")
    assert VAULT.id_hash("001098012345") != other.id_hash("001098012345")
    assert "001098012345" not in VAULT.id_hash("001098012345")


@given(st.text())
def test_encryption_round_trips_nfc(text: str) -> None:
    token = VAULT.encrypt(text)
    assert VAULT.decrypt(token) == unicodedata.normalize("NFC", text)
    assert VAULT.encrypt(text) != token  # a fresh nonce every time


def test_wrong_key_cannot_decrypt() -> None:
    token = VAULT.encrypt("Nguyễn Thị Hồng Nhung")
    with pytest.raises(PrivacyKeyError):
        PrivacyVault(bytes(32)).decrypt(token)


def test_key_file_is_created_private_and_reused(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "privacy.key"
    key = load_or_create_key(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert load_or_create_key(path) == key


def test_damaged_key_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "privacy.key"
    path.write_text("not base64 at all!")
    with pytest.raises(PrivacyKeyError, match="bị hỏng"):
        load_or_create_key(path)


def _create_key(path: str, results: multiprocessing.Queue[bytes]) -> None:
    results.put(load_or_create_key(Path(path)))


def test_processes_starting_together_share_one_key(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    results: multiprocessing.Queue[bytes] = context.Queue()
    path = str(tmp_path / "cfg" / "privacy.key")
    workers = [context.Process(target=_create_key, args=(path, results)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=30)
    assert all(worker.exitcode == 0 for worker in workers)
    assert len({results.get(timeout=5) for _ in workers}) == 1
    assert [p.name for p in (tmp_path / "cfg").iterdir()] == ["privacy.key"]
