"""The camera's first look: empty frames cost one look, frames with a code still get read."""

from __future__ import annotations

import random
from pathlib import Path
from typing import cast

import cv2
import numpy as np
import pytest
import zxingcpp

from kiosk.devices import Effort, QrCascade, load_decoders, load_image
from kiosk.devices.qr_cascade import FAST_STEPS
from kiosk.devices.qr_decoders import GrayImage, ZbarDecoder, ZxingDecoder
from kiosk.devices.qr_presence import GLANCE, PATCH, LiveReader, code_texture

DATA = Path(__file__).parent / "data" / "qr"
STEP_NAMES = tuple(step.name for step in FAST_STEPS)
NO_DEADLINE = 60_000.0  # behaviour, not speed: a loaded CI machine must not time these out
LONG = "001098012345||Nguyễn Thị Hồng Nhung|15081998|Nữ|Số 12 Hàng Bạc, Hoàn Kiếm, Hà Nội|20042021"


def desk(seed: int = 1) -> GrayImage:
    """A 1280x720 desk: uneven light, noise, a printed page of text and a pen."""
    rng = random.Random(seed)
    ramp = np.linspace(90, 160, 1280, dtype=np.float32)[None, :]
    frame = np.tile(ramp.astype(np.uint8), (720, 1))
    cv2.rectangle(frame, (700, 80), (1180, 640), 235, -1)
    for line in range(16):
        words = " ".join(
            "".join(rng.choice("ABCDEGHKLMNOPQRSTUVXY") for _ in range(rng.randrange(2, 8)))
            for _ in range(4)
        )
        cv2.putText(frame, words, (720, 120 + 32 * line), cv2.FONT_HERSHEY_SIMPLEX, 0.6, 40, 1)
    cv2.line(frame, (100, 600), (420, 450), 30, 12)
    noise = np.random.default_rng(seed).normal(0, 5, frame.shape)  # sensor noise
    return cast(GrayImage, np.clip(frame + noise, 0, 255).astype(np.uint8))


def with_code(frame: GrayImage, module_px: float, *, invert: bool = False) -> GrayImage:
    """``frame`` with :data:`LONG` at ``module_px`` pixels a module, lightly blurred."""
    barcode = zxingcpp.create_barcode(LONG.encode(), zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    symbol = np.asarray(barcode.to_image(scale=8, add_quiet_zones=True))
    small = cv2.resize(
        symbol, None, fx=module_px / 8, fy=module_px / 8, interpolation=cv2.INTER_AREA
    )
    if invert:
        small = 255 - small
    out = frame.copy()
    out[200 : 200 + small.shape[0], 200 : 200 + small.shape[1]] = small
    return cast(GrayImage, cv2.GaussianBlur(out, (0, 0), 0.7))


@pytest.fixture(scope="module")
def live() -> LiveReader:
    return LiveReader(QrCascade(load_decoders()[0]))


def test_an_empty_frame_costs_one_look(live: LiveReader) -> None:
    read = live.read(desk(), deadline_ms=NO_DEADLINE)
    assert not read.found
    assert read.attempts == 2  # the two binarizers of the first look; no patch, no cascade
    assert live.glance(desk()).evidence == ""


def test_a_plain_code_is_read_by_the_first_look(live: LiveReader) -> None:
    card = cv2.imread(str(DATA / "card-ok.jpg"), cv2.IMREAD_COLOR)  # BGR, as the camera gives
    assert card is not None
    read = live.read(card, deadline_ms=NO_DEADLINE)
    assert read.payloads == ((DATA / "card-ok.txt").read_text(encoding="utf-8").encode(),)
    assert (read.step, read.attempts) == (GLANCE, 1)


@pytest.mark.parametrize("invert", [False, True], ids=["small", "small-inverted"])
def test_a_small_code_is_read_in_its_patch(live: LiveReader, invert: bool) -> None:
    frame = with_code(desk(), 1.6, invert=invert)
    assert ZxingDecoder().decode(frame) == []  # too small (and inverted) for a plain read
    read = live.read(frame, deadline_ms=NO_DEADLINE)
    assert read.payloads == (LONG.encode(),)
    assert read.step in (PATCH, *STEP_NAMES)  # the patch, or the cascade on the evidence


def test_a_blurred_code_the_look_cannot_read_goes_to_the_cascade(live: LiveReader) -> None:
    frame = with_code(desk(), 3.0)
    frame = cast(GrayImage, cv2.GaussianBlur(frame, (0, 0), 1.6))
    glance = live.glance(frame)
    assert not glance.payloads and glance.evidence in ("located", "patch")
    read = live.read(frame, deadline_ms=NO_DEADLINE)
    assert read.payloads == (LONG.encode(),) and read.step in STEP_NAMES


def test_a_large_inverted_code_is_read(live: LiveReader) -> None:
    read = live.read(with_code(desk(), 4.0, invert=True), deadline_ms=NO_DEADLINE)
    assert read.payloads == (LONG.encode(),)


def test_code_texture_finds_the_code_not_the_text() -> None:
    assert code_texture(desk()) == []
    boxes = code_texture(with_code(desk(), 2.0))
    assert len(boxes) == 1
    x0, y0, x1, y1 = boxes[0]
    assert x0 <= 240 <= x1 and y0 <= 240 <= y1  # the code's centre


def test_files_and_machines_without_zxing_get_the_whole_cascade(live: LiveReader) -> None:
    image = load_image(DATA / "card-ok.jpg")
    thorough = live.read(image, effort=Effort.THOROUGH)
    assert (thorough.step, thorough.attempts) == ("plain", 1)  # the cascade's own first step
    zbar_cascade = QrCascade([ZbarDecoder()])
    empty = LiveReader(zbar_cascade).read(desk(), deadline_ms=NO_DEADLINE)
    assert empty.attempts == zbar_cascade.read(desk(), deadline_ms=NO_DEADLINE).attempts


def test_the_look_does_not_eat_the_cascades_deadline() -> None:
    # The look seems to take a whole second; the cascade's own clock stands still.
    look_ticks = iter((0.0, 1.0))
    cascade = QrCascade(load_decoders()[0], clock=lambda: 0.0)
    live = LiveReader(cascade, clock=lambda: next(look_ticks))
    read = live.read(with_code(desk(), 1.6), deadline_ms=25.0)
    assert read.payloads == (LONG.encode(),) and not read.timed_out
    assert read.elapsed_ms >= 1000.0  # the look's time is still reported
