"""The cascade: small, blurred and mirrored codes; trust order; the deadline; the regions."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import cast

import cv2
import numpy as np
import pytest
import zxingcpp

from kiosk.devices import Effort, QrCascade, load_decoders, load_image, to_gray
from kiosk.devices.qr_decoders import GrayImage, ScannerUnavailableError, ZxingDecoder
from kiosk.devices.qr_regions import find_code_regions

DATA = Path(__file__).parent / "data" / "qr"
NO_DEADLINE = 60_000.0  # behaviour, not speed: a loaded CI machine must not time these out
LONG = "001098012345||Nguyễn Thị Hồng Nhung|15081998|Nữ|Số 12 Hàng Bạc, Hoàn Kiếm, Hà Nội|20042021"


def frame_with_code(payload: str, module_px: float, blur: float, at: tuple[int, int]) -> GrayImage:
    """A 1280x720 grey frame with the code at ``module_px`` pixels per module, then blurred."""
    barcode = zxingcpp.create_barcode(payload.encode(), zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    symbol = np.asarray(barcode.to_image(scale=8))
    small = cv2.resize(
        symbol, None, fx=module_px / 8, fy=module_px / 8, interpolation=cv2.INTER_AREA
    )
    frame = np.full((720, 1280), 150, np.uint8)
    y, x = at
    frame[y : y + small.shape[0], x : x + small.shape[1]] = small
    return cast(GrayImage, cv2.GaussianBlur(frame, (0, 0), blur))


class FakeDecoder:
    """Answers from a script and counts its calls."""

    def __init__(self, name: str, answer: list[bytes]) -> None:
        self.name = name
        self.answer = answer
        self.calls = 0

    def decode(self, gray: GrayImage) -> list[bytes]:
        self.calls += 1
        return list(self.answer)


@pytest.fixture(scope="module")
def cascade() -> QrCascade:
    decoders, _ = load_decoders()
    return QrCascade(decoders)


def test_small_blurred_code_needs_the_retries(cascade: QrCascade) -> None:
    frame = frame_with_code(LONG, module_px=1.6, blur=0.8, at=(300, 600))
    assert ZxingDecoder().decode(frame) == []  # the plain read misses it…
    read = cascade.read(frame, deadline_ms=NO_DEADLINE)
    assert read.payloads == (LONG.encode(),)  # …the upscaled region does not
    assert read.step == "regions"


def test_mirrored_card_photo(cascade: QrCascade) -> None:
    expected = (DATA / "card-mirrored.txt").read_text(encoding="utf-8").encode()
    image = load_image(DATA / "card-mirrored.jpg")
    assert cascade.read(image).payloads == (expected,)
    assert cascade.read(cv2.flip(image, 1)).payloads == (expected,)


def test_colour_frames_are_accepted(cascade: QrCascade) -> None:
    gray = frame_with_code(LONG, module_px=3, blur=0.5, at=(100, 100))
    bgr = cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)
    bgra = cv2.cvtColor(gray, cv2.COLOR_GRAY2BGRA)
    for image in (bgr, bgra):
        assert cascade.read(image).payloads == (LONG.encode(),)


def test_an_empty_frame_tries_every_fast_step_and_finds_nothing(cascade: QrCascade) -> None:
    read = cascade.read(np.full((720, 1280), 128, np.uint8), deadline_ms=NO_DEADLINE)
    assert not read.found
    assert not read.timed_out
    assert read.attempts >= 2


@pytest.mark.parametrize("shape", [(1, 1), (7, 300), (39, 39), (41, 41)])
def test_tiny_images_are_read_without_error(cascade: QrCascade, shape: tuple[int, int]) -> None:
    read = cascade.read(np.full(shape, 255, np.uint8), effort=Effort.THOROUGH)
    assert not read.found


def test_the_primary_decoder_is_trusted_first() -> None:
    primary, fallback = FakeDecoder("a", [b"first"]), FakeDecoder("b", [b"second"])
    read = QrCascade([primary, fallback]).read(np.zeros((40, 40), np.uint8), effort=Effort.THOROUGH)
    assert (read.payloads, read.decoder, read.step) == ((b"first",), "a", "plain")
    assert fallback.calls == 0


def test_fallback_decoders_run_only_when_thorough() -> None:
    primary, fallback = FakeDecoder("a", []), FakeDecoder("b", [b"late"])
    cascade = QrCascade([primary, fallback])
    image = np.zeros((40, 40), np.uint8)
    assert not cascade.read(image, effort=Effort.FAST).found
    assert fallback.calls == 0
    read = cascade.read(image, effort=Effort.THOROUGH)
    assert (read.payloads, read.decoder, read.step) == ((b"late",), "b", "fallback-decoders")


def test_the_deadline_stops_the_retries() -> None:
    ticks = iter(float(t) / 1000 for t in range(0, 10_000, 10))  # 10 ms a clock reading
    decoder = FakeDecoder("slow", [])
    cascade = QrCascade([decoder], clock=lambda: next(ticks))
    read = cascade.read(np.full((200, 200), 128, np.uint8), deadline_ms=5)
    assert read.timed_out and not read.found
    assert decoder.calls == 1  # the first attempt always runs; then the budget is spent


def test_regions_find_a_small_code_on_a_busy_card() -> None:
    image = load_image(DATA / "card-ok.jpg")
    regions = find_code_regions(image)
    assert regions
    best = regions[0]
    crop = image[best.y0 : best.y1, best.x0 : best.x1]
    assert (crop < 100).mean() > 0.2  # dark modules, not the pale card


def test_frames_become_grey_even_without_opencv(monkeypatch: pytest.MonkeyPatch) -> None:
    bgr = cv2.imread(str(DATA / "card-ok.jpg"))
    assert bgr is not None
    expected = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY).astype(int)
    monkeypatch.setitem(sys.modules, "cv2", None)
    assert np.abs(to_gray(bgr).astype(int) - expected).max() <= 1
    with pytest.raises(ScannerUnavailableError):
        load_image(DATA / "card-ok.jpg")
