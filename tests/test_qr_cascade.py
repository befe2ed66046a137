"""The cascade: small, blurred and mirrored codes; trust order; the budget; the regions; accept."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import cast

import cv2
import numpy as np
import pytest
import zxingcpp

from kiosk.devices import Effort, QrCascade, load_decoders, load_image, to_gray
from kiosk.devices.qr_cascade import ATTEMPT_LIMIT, PLAIN, Step
from kiosk.devices.qr_deblur import Blur, Deconvolver, blur_kernel
from kiosk.devices.qr_decoders import GrayImage, ScannerUnavailableError, ZxingDecoder
from kiosk.devices.qr_presence import LiveReader
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


def blurred_frame(payload: str, module_px: float, kernel: np.ndarray) -> GrayImage:
    """A sharp code at ``module_px`` on a grey frame, convolved with ``kernel`` and noised."""
    frame = frame_with_code(payload, module_px, blur=0.01, at=(200, 500)).astype(np.float32)
    blurred = cv2.filter2D(frame, -1, kernel)
    noise = np.random.default_rng(7).normal(0, 2, blurred.shape)
    return cast(GrayImage, np.clip(blurred + noise, 0, 255).astype(np.uint8))


@pytest.mark.parametrize(
    ("blur", "step"),
    [(Blur("gauss", 0.75), "regions-undo-defocus"), (Blur("line", 2.0), "regions-undo-shake")],
)
def test_a_code_blurred_past_half_a_module_is_deconvolved_in_files(
    cascade: QrCascade, blur: Blur, step: str
) -> None:
    frame = blurred_frame(LONG, 4.0, blur_kernel(blur, 4.0, angle=0.5))
    assert not cascade.read(frame, effort=Effort.FAST, deadline_ms=NO_DEADLINE).found
    read = cascade.read(frame, effort=Effort.THOROUGH)
    assert read.payloads == (LONG.encode(),)
    assert read.step == step


def test_deconvolution_brings_the_edges_back() -> None:
    sharp = frame_with_code(LONG, 6.0, blur=0.01, at=(20, 20))[:360, :360]
    blur = Blur("gauss", 0.6)
    blurred = cv2.filter2D(sharp.astype(np.float32), -1, blur_kernel(blur, 6.0))
    blurred = cast(GrayImage, np.clip(blurred, 0, 255).astype(np.uint8))
    restored = Deconvolver(blurred).undo(blur, 6.0)
    dark = sharp < 128
    assert ((restored < 128) != dark).mean() < ((blurred < 128) != dark).mean() / 2


def test_files_have_no_wall_clock_deadline() -> None:
    ticks = iter(float(t) for t in range(10**6))  # a second passes at every clock reading
    primary, fallback = FakeDecoder("a", []), FakeDecoder("b", [b"late"])
    cascade = QrCascade([primary, fallback], clock=lambda: next(ticks))
    read = cascade.read(np.zeros((40, 40), np.uint8), effort=Effort.THOROUGH)
    assert (read.payloads, read.step, read.timed_out) == ((b"late",), "fallback-decoders", False)
    assert (
        not QrCascade([FakeDecoder("c", [b"x"])], clock=lambda: next(ticks))
        .read(np.zeros((40, 40), np.uint8), effort=Effort.FAST, deadline_ms=0)
        .timed_out
    )  # the first call always runs, under any deadline


def test_the_work_in_a_file_is_bounded_by_attempts_not_time() -> None:
    decoder = FakeDecoder("none", [])
    many: tuple[Step, ...] = (Step("many", lambda f: (f.gray for _ in range(10**4))),)
    steps = {Effort.THOROUGH: many}
    read = QrCascade([decoder], steps=steps).read(
        np.zeros((40, 40), np.uint8), effort=Effort.THOROUGH
    )
    assert read.timed_out and decoder.calls == ATTEMPT_LIMIT


def test_thorough_regions_include_the_fast_ones_first() -> None:
    image = load_image(DATA / "card-ok.jpg")
    fast = find_code_regions(image, 4)
    thorough = find_code_regions(image, 8, thorough=True)
    assert thorough[: min(len(fast), 4)] == fast[:4]


# -- accept: a payload the caller refuses does not end the search ----------------------------


class ScriptedDecoder:
    """Gives its answers one call after the other, then nothing."""

    name = "scripted"

    def __init__(self, *answers: list[bytes]) -> None:
        self.answers = list(answers)
        self.calls = 0

    def decode(self, gray: GrayImage) -> list[bytes]:
        self.calls += 1
        return self.answers.pop(0) if self.answers else []


def two_steps(count: int = 2) -> dict[Effort, tuple[Step, ...]]:
    steps = tuple(Step(f"step-{k}", PLAIN.images) for k in range(1, count + 1))
    return {Effort.FAST: steps, Effort.THOROUGH: steps}


def is_card(payload: bytes) -> bool:
    return payload.startswith(b"0")


IMAGE = np.zeros((40, 40), np.uint8)


def test_a_refused_payload_lets_a_later_step_find_the_card() -> None:
    phantom, card = [b"76"], [b"001098012345|card"]
    plain = QrCascade([ScriptedDecoder(phantom, card)], steps=two_steps()).read(IMAGE)
    assert (plain.payloads, plain.step) == ((b"76",), "step-1")  # without accept: as before
    decoder = ScriptedDecoder(phantom, card)
    read = QrCascade([decoder], steps=two_steps()).read(IMAGE, accept=is_card)
    assert (read.payloads, read.step, read.attempts, read.timed_out) == (
        (b"001098012345|card",),
        "step-2",
        2,
        False,
    )


def test_when_nothing_is_accepted_the_first_read_comes_back() -> None:
    decoder = ScriptedDecoder([b"https://a.vn"], [], [b"76"])
    read = QrCascade([decoder], steps=two_steps(3)).read(
        IMAGE, effort=Effort.THOROUGH, accept=is_card
    )
    assert (read.payloads, read.decoder, read.step) == ((b"https://a.vn",), "scripted", "step-1")
    assert (read.attempts, read.timed_out, decoder.calls) == (3, False, 3)


def test_an_accepted_payload_beside_a_refused_one_ends_the_search() -> None:
    decoder = ScriptedDecoder([b"https://a.vn", b"001098012345|card"], [b"never asked"])
    read = QrCascade([decoder], steps=two_steps()).read(IMAGE, accept=is_card)
    assert (read.payloads, read.step) == ((b"https://a.vn", b"001098012345|card"), "step-1")
    assert decoder.calls == 1


def test_a_refused_read_survives_the_end_of_the_budget() -> None:
    ticks = iter(float(t) / 1000 for t in range(0, 10_000, 10))  # 10 ms a clock reading
    decoders = [ScriptedDecoder([b"vietqr"])]
    cascade = QrCascade(decoders, steps=two_steps(), clock=lambda: next(ticks))
    read = cascade.read(IMAGE, deadline_ms=5, accept=is_card)
    assert (read.payloads, read.step, read.timed_out, read.attempts) == (
        (b"vietqr",),
        "step-1",
        True,
        1,
    )
    many: tuple[Step, ...] = (Step("many", lambda f: (f.gray for _ in range(10**4))),)
    decoder = FakeDecoder("same", [b"76"])
    cascade = QrCascade([decoder], steps={Effort.THOROUGH: many})
    read = cascade.read(IMAGE, effort=Effort.THOROUGH, accept=is_card)
    assert (read.payloads, read.timed_out, decoder.calls) == ((b"76",), True, ATTEMPT_LIMIT)


def test_an_empty_frame_never_asks_accept() -> None:
    asked: list[bytes] = []

    def accept(payload: bytes) -> bool:
        asked.append(payload)
        return False

    read = QrCascade([ScriptedDecoder()], steps=two_steps()).read(IMAGE, accept=accept)
    assert not read.found and read.attempts == 2 and asked == []


def test_the_live_path_goes_past_a_code_its_first_look_reads(cascade: QrCascade) -> None:
    frame = frame_with_code(LONG, module_px=1.6, blur=0.8, at=(300, 700))
    other = zxingcpp.create_barcode(b"https://dichvucong.gov.vn", zxingcpp.BarcodeFormat.QRCode)
    symbol = np.asarray(other.to_image(scale=6))
    frame[100 : 100 + symbol.shape[0], 100 : 100 + symbol.shape[1]] = symbol
    live = LiveReader(cascade)
    first = live.read(frame, deadline_ms=NO_DEADLINE)
    assert (first.payloads, first.step) == ((b"https://dichvucong.gov.vn",), "glance")
    read = live.read(frame, deadline_ms=NO_DEADLINE, accept=lambda p: p == LONG.encode())
    assert read.payloads == (LONG.encode(),) and read.step == "regions"
    assert read.attempts > first.attempts
    refused = live.read(frame, deadline_ms=NO_DEADLINE, accept=lambda p: False)
    assert (refused.payloads, refused.step) == (first.payloads, "glance")
