"""Scanning an ID card: the use case and ``kiosk scan``, on real image files."""

from __future__ import annotations

import json
import shutil
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import cv2
import numpy as np
import pytest
import zxingcpp

from kiosk.cli import main
from kiosk.devices import Effort, ImageFileError, QrRead
from kiosk.domain.clock import FixedClock
from kiosk.services.identity import GenderMismatchError, NotIdCardError, PayloadKind, scanning
from kiosk.services.identity.scanning import (
    NoQrCodeError,
    Scanner,
    build_scanner,
    choose,
    valid_id_card,
)

DATA = Path(__file__).parent / "data" / "qr"
OK, MIRRORED, VIETQR = DATA / "card-ok.jpg", DATA / "card-mirrored.jpg", DATA / "vietqr.jpg"
TODAY = date(2026, 11, 23)


def payload_of(image: Path) -> str:
    return image.with_suffix(".txt").read_text(encoding="utf-8")


def write_qr(path: Path, payload: str) -> Path:
    barcode = zxingcpp.create_barcode(payload.encode(), zxingcpp.BarcodeFormat.QRCode)
    cv2.imwrite(str(path), np.asarray(barcode.to_image(scale=4)))
    return path


NOW = datetime(2026, 11, 23, 2, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """``kiosk scan`` uses the real clock; the samples' dates must not depend on it."""
    monkeypatch.setattr(scanning, "SystemClock", lambda: FixedClock(NOW))


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    return build_scanner(clock=FixedClock(NOW))


def test_a_card_photo_gives_its_identity(scanner: Scanner) -> None:
    result = scanner.scan_file(OK)
    assert result.ok and result.error is None
    assert result.payload == payload_of(OK).encode()
    fields = payload_of(OK).split("|")
    assert result.identity is not None
    assert result.identity.id_number == fields[0]
    assert result.identity.full_name == fields[2]
    assert result.read is not None and result.read.decoder == "zxing"


def test_a_vietnamese_file_name_is_read(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "ảnh thẻ Nguyễn Thị Hồng Nhung.jpg"
    shutil.copy(MIRRORED, path)
    assert scanner.scan_file(path).ok


def test_a_bank_qr_is_named_as_such(scanner: Scanner) -> None:
    result = scanner.scan_file(VIETQR)
    assert isinstance(result.error, NotIdCardError)
    assert result.error.kind is PayloadKind.VIETQR
    assert "VietQR" in result.error.message


def test_a_web_address_qr_is_not_an_id_card(scanner: Scanner, tmp_path: Path) -> None:
    result = scanner.scan_file(write_qr(tmp_path / "poster.png", "https://dichvucong.gov.vn"))
    assert isinstance(result.error, NotIdCardError)
    assert result.error.kind is PayloadKind.WEB_ADDRESS


def flip_gender(payload: str) -> str:
    fields = payload.split("|")
    fields[4] = "Nam" if fields[4] == "Nữ" else "Nữ"
    return "|".join(fields)


def test_an_invalid_id_card_says_which_rule(scanner: Scanner, tmp_path: Path) -> None:
    result = scanner.scan_file(write_qr(tmp_path / "forged.png", flip_gender(payload_of(OK))))
    assert isinstance(result.error, GenderMismatchError)


def test_no_qr_code_in_the_image(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "blank.png"
    cv2.imwrite(str(path), np.full((360, 640), 200, np.uint8))
    result = scanner.scan_file(path)
    assert isinstance(result.error, NoQrCodeError)
    assert "Không tìm thấy mã QR" in result.error.message


def test_a_file_that_is_not_an_image(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "notes.jpg"
    path.write_text("không phải ảnh", encoding="utf-8")
    result = scanner.scan_file(path)
    assert isinstance(result.error, ImageFileError)
    assert result.error.message == (
        "Tệp notes.jpg không phải ảnh, hoặc là ảnh hỏng hay định dạng không hỗ trợ."
    )
    (tmp_path / "empty.png").write_bytes(b"")
    assert isinstance(scanner.scan_file(tmp_path / "empty.png").error, ImageFileError)


def test_a_missing_file_and_a_folder(scanner: Scanner, tmp_path: Path) -> None:
    missing = scanner.scan_file(tmp_path / "nowhere.jpg")
    assert isinstance(missing.error, ImageFileError)
    assert missing.error.message.startswith("Không tìm thấy tệp")
    assert "thư mục" in str(scanner.scan_file(tmp_path).error)
    if Path("/dev/zero").exists():  # reading it would never end
        assert "không phải tệp ảnh" in str(scanner.scan_file(Path("/dev/zero")).error)


def test_an_id_card_wins_over_other_codes_in_the_frame() -> None:
    vietqr, card = payload_of(VIETQR).encode(), payload_of(OK).encode()
    assert choose([vietqr, card], TODAY).payload == card
    forged = flip_gender(payload_of(OK)).encode()
    refused = choose([vietqr, forged], TODAY)
    assert isinstance(refused.error, GenderMismatchError)  # the ID-shaped refusal says more
    assert refused.payload == forged
    assert isinstance(choose([], TODAY).error, NoQrCodeError)


def card_beside_a_poster(card: str) -> np.ndarray:
    """A frame with a web address QR that one read finds, and the card's small blurred code."""
    barcode = zxingcpp.create_barcode(card.encode(), zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    symbol = np.asarray(barcode.to_image(scale=8))
    small = cv2.resize(symbol, None, fx=0.2, fy=0.2, interpolation=cv2.INTER_AREA)
    frame = np.full((720, 1280), 150, np.uint8)
    frame[300 : 300 + small.shape[0], 700 : 700 + small.shape[1]] = small
    frame = np.asarray(cv2.GaussianBlur(frame, (0, 0), 0.8), np.uint8)
    poster = zxingcpp.create_barcode(b"https://dichvucong.gov.vn", zxingcpp.BarcodeFormat.QRCode)
    big = np.asarray(poster.to_image(scale=6))
    frame[100 : 100 + big.shape[0], 100 : 100 + big.shape[1]] = big
    return frame


def test_a_file_scan_looks_past_a_code_that_is_not_the_card(
    scanner: Scanner, tmp_path: Path
) -> None:
    path = tmp_path / "counter.png"
    cv2.imwrite(str(path), card_beside_a_poster(payload_of(OK)))
    result = scanner.scan_file(path)
    assert result.ok and result.payload == payload_of(OK).encode()
    assert result.read is not None and result.read.step != "plain"
    # the camera stops at the first code: the next frame gets its own look
    live = scanner.scan_frame(load_image_gray(path))
    assert isinstance(live.error, NotIdCardError)
    assert live.error.kind is PayloadKind.WEB_ADDRESS


def load_image_gray(path: Path) -> np.ndarray:
    image = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    assert image is not None
    return image


class RecordingReader:
    """A frame reader that answers from a script and keeps the ``accept`` it was given."""

    def __init__(self, payloads: tuple[bytes, ...]) -> None:
        self.payloads = payloads
        self.accepts: list[object] = []

    def read(
        self,
        image: np.ndarray,
        *,
        effort: Effort = Effort.FAST,
        deadline_ms: float | None = None,
        accept: object = None,
    ) -> QrRead:
        self.accepts.append(accept)
        return QrRead(self.payloads, "fake", "plain")


def test_files_ask_for_a_valid_id_card_and_the_camera_does_not() -> None:
    reader = RecordingReader((payload_of(VIETQR).encode(),))
    scanner = Scanner(reader, clock=FixedClock(NOW))
    assert isinstance(scanner.scan_frame(np.zeros((8, 8), np.uint8)).error, NotIdCardError)
    scanner.scan_frame(np.zeros((8, 8), np.uint8), effort=Effort.THOROUGH)
    fast, thorough = reader.accepts
    assert fast is None and callable(thorough)
    assert thorough(payload_of(OK).encode()) is True
    assert thorough(flip_gender(payload_of(OK)).encode()) is False  # the ID rules, as choose
    assert thorough(payload_of(VIETQR).encode()) is False
    accept = valid_id_card(TODAY)
    assert [accept(p) for p in (payload_of(OK).encode(), b"76", b"")] == [True, False, False]


# -- kiosk scan -------------------------------------------------------------------------------


def test_cli_human_output_masks_the_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(OK), str(MIRRORED)]) == 0
    out = capsys.readouterr().out
    number = payload_of(OK).split("|")[0]
    assert f"{number[:3]}******{number[-3:]}" in out
    assert number not in out
    assert payload_of(OK).split("|")[2] in out  # the name, with its diacritics
    assert out.count("OK   ") == 2


def test_cli_reports_each_failure_and_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = tmp_path / "note.txt"
    text.write_text("hello", encoding="utf-8")
    assert main(["scan", str(OK), str(VIETQR), str(text), str(tmp_path / "x.png")]) == 1
    lines = capsys.readouterr().out.splitlines()
    failures = [line for line in lines if line.startswith("LỖI")]
    assert len(failures) == 3
    assert "VietQR" in failures[0]
    assert "không phải ảnh" in failures[1]
    assert "Không tìm thấy tệp" in failures[2]


def test_cli_json_lines_are_unmasked(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = tmp_path / "note.txt"
    text.write_text("hello", encoding="utf-8")
    assert main(["scan", "--json", str(OK), str(VIETQR), str(text)]) == 1
    out = capsys.readouterr().out
    assert payload_of(OK).split("|")[2] in out  # ensure_ascii=False: letters as they are
    first, second, third = (json.loads(line) for line in out.splitlines())
    assert first["file"] == str(OK) and first["ok"] is True
    assert first["payload"] == payload_of(OK)
    assert first["identity"]["id_number"] == payload_of(OK).split("|")[0]
    assert first["identity"]["birth_date"].count("-") == 2
    assert second["ok"] is False and second["payload"] == payload_of(VIETQR)
    assert second["error"]["type"] == "NotIdCardError" and second["error"]["kind"] == "vietqr"
    assert third["error"]["type"] == "ImageFileError" and third["payload"] is None


def test_cli_bad_arguments_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["scan"])
    assert caught.value.code == 2
    assert "lỗi" in capsys.readouterr().err


def test_cli_without_any_decoder(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for module in ("zxingcpp", "pyzbar"):
        monkeypatch.setitem(sys.modules, module, None)
    assert main(["scan", str(OK)]) == 1
    assert "Bộ giải mã QR không khả dụng" in capsys.readouterr().err
