"""Each QR decoder returns the payload's exact bytes; a missing library is reported, not fatal."""

from __future__ import annotations

import subprocess
import sys
from typing import cast

import cv2
import numpy as np
import pytest
import zxingcpp

from kiosk.devices import qr_decoders
from kiosk.devices.qr_cascade import QrCascade
from kiosk.devices.qr_decoders import (
    KNOWN_DECODERS,
    DecoderUnavailableError,
    GrayImage,
    ScannerUnavailableError,
    ZbarDecoder,
    available_decoders,
    create_decoder,
    load_decoders,
)

LONG = "001098012345||Nguyễn Thị Hồng Nhung|15081998|Nữ|Số 12 Hàng Bạc, Hoàn Kiếm, Hà Nội|20042021"
CARD_2024 = (
    "079203004567|025987654|Trần Văn Bình|02112003|Nam|"
    "Ấp 3, Xã Tân Thạnh Đông, Củ Chi, TP Hồ Chí Minh|31122021||||"
)
SHORT = "001198012345||Lê Thị Nữ|15081998|Nữ|Hà Nội|20042021"
PAYLOADS = [LONG, CARD_2024, SHORT, "abc|Nữ|x", "Nữ"]


def qr_image(payload: str, *, module: int = 4, encoder: str = "zxing") -> np.ndarray:
    """A clean QR code in byte mode, no ECI (as on the cards), ``module`` px per module."""
    if encoder == "zxing":
        barcode = zxingcpp.create_barcode(
            payload.encode(), zxingcpp.BarcodeFormat.QRCode, ec_level="M"
        )
        symbol = np.asarray(barcode.to_image(scale=1))
    else:  # OpenCV's encoder: byte mode only, which OpenCV's own decoder always reads
        params = cv2.QRCodeEncoder.Params()
        params.mode = cv2.QRCodeEncoder_MODE_BYTE
        params.correction_level = 1
        symbol = cv2.QRCodeEncoder.create(params).encode(payload)
        symbol = cv2.copyMakeBorder(symbol, 4, 4, 4, 4, cv2.BORDER_CONSTANT, value=255)
    return cv2.resize(symbol, None, fx=module, fy=module, interpolation=cv2.INTER_NEAREST)


@pytest.mark.parametrize("payload", PAYLOADS, ids=["long", "2024", "short", "abc-Nu-x", "Nu"])
@pytest.mark.parametrize("name", KNOWN_DECODERS)
def test_every_decoder_returns_the_exact_utf8_bytes(name: str, payload: str) -> None:
    decoder = create_decoder(name)
    image = qr_image(payload, encoder="opencv")
    assert decoder.decode(image) == [payload.encode("utf-8")]
    mirrored = cast(GrayImage, cv2.flip(image, 1))  # a selfie camera's picture
    assert decoder.decode(mirrored) == [payload.encode("utf-8")]


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("name", ["zxing", "zbar"])
def test_cascade_decoders_read_zxing_encoded_codes_byte_exact(name: str, payload: str) -> None:
    # zxing-cpp puts digit runs in numeric segments: OpenCV cannot read those (see RESULTS.md)
    assert create_decoder(name).decode(qr_image(payload)) == [payload.encode("utf-8")]


def test_zbar_is_asked_for_bytes_not_a_charset_guess() -> None:
    assert ZbarDecoder().binary  # libzbar0 0.23 on Debian 12 supports ZBAR_CFG_BINARY


def test_old_zbar_results_are_repaired_or_dropped_never_wrong() -> None:
    decoder = ZbarDecoder()
    decoder.binary = False  # what a libzbar without ZBAR_CFG_BINARY does: Shift-JIS for short codes
    for payload in PAYLOADS:
        assert decoder.decode(qr_image(payload)) in ([], [payload.encode("utf-8")])
    assert decoder.decode(qr_image("Nữ")) == ["Nữ".encode()]


def test_charset_guess_is_undone_only_when_exact() -> None:
    undo = qr_decoders._undo_charset_guess
    assert undo("N盻ｯ".encode()) == "Nữ".encode()
    assert undo(b"plain ascii") == b"plain ascii"
    assert undo("Nguyễn".encode()) == "Nguyễn".encode()  # zbar guessed right
    assert undo("廙砝".encode()) is None  # CJK that is no Shift-JIS of UTF-8: drop it
    # zbar guesses per segment: ISO-8859-1 mojibake beside real UTF-8 (seen in the bench)
    assert undo("096190451968||LÃª Kim HÃ\xa0|22071990|Nữ|Cà Mau".encode()) is None
    assert undo("Lê Kim Hà|Cà Mau".encode()) == "Lê Kim Hà|Cà Mau".encode()
    assert undo(b"\xff\xfe") is None


def test_a_missing_library_makes_its_decoder_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "zxingcpp", None)  # `import zxingcpp` now raises ImportError
    with pytest.raises(DecoderUnavailableError) as caught:
        create_decoder("zxing")
    assert caught.value.message == "Bộ giải mã QR zxing không khả dụng."
    statuses = {s.name: s for s in available_decoders()}
    assert not statuses["zxing"].available
    assert "không khả dụng" in statuses["zxing"].message
    assert "zxingcpp" in statuses["zxing"].detail
    assert statuses["zbar"].available


def test_the_cascade_goes_on_with_the_decoders_that_load(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "zxingcpp", None)
    decoders, statuses = load_decoders(("zxing", "zbar"))
    assert [d.name for d in decoders] == ["zbar"]
    assert [s.available for s in statuses] == [False, True]
    read = QrCascade(decoders).read(qr_image(LONG))
    assert read.payloads == (LONG.encode(),)
    assert read.decoder == "zbar"


def test_a_broken_shared_library_is_unavailable_too(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise OSError("libzbar.so.0: cannot open shared object file")

    monkeypatch.setitem(qr_decoders._FACTORIES, "zbar", broken)
    decoders, statuses = load_decoders(("zxing", "zbar"))
    assert [d.name for d in decoders] == ["zxing"]
    assert "libzbar.so.0" in statuses[1].detail


@pytest.mark.parametrize("module", ["pyzbar", "cv2"])
def test_other_missing_libraries(monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    name = "zbar" if module == "pyzbar" else "opencv"
    with pytest.raises(DecoderUnavailableError):
        create_decoder(name)


def test_no_decoder_at_all_means_scanner_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in ("zxingcpp", "pyzbar"):
        monkeypatch.setitem(sys.modules, module, None)
    decoders, _ = load_decoders()
    with pytest.raises(ScannerUnavailableError, match="Bộ giải mã QR không khả dụng"):
        QrCascade(decoders)


def test_unknown_decoder_name_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown QR decoder"):
        create_decoder("quagga")


def test_importing_devices_and_scanning_loads_no_native_library_nor_qt() -> None:
    code = (
        "import sys, kiosk.devices, kiosk.services.identity.scanning\n"
        "names = ('zxingcpp', 'pyzbar', 'cv2', 'PySide6')\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in names))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
