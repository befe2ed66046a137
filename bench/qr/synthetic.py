"""Synthetic ID-card payloads and degraded card photos for the QR benchmark and tests.

Everything is made up from a seeded ``random.Random``: names are drawn from common family,
middle and given names, ID numbers follow the ``PPP G YY NNNNNN`` rule with a random tail,
addresses are invented. No real person is described.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import cv2
import numpy as np
import zxingcpp

from kiosk.domain.catalogue import province_codes

TODAY = date(2026, 11, 23)
FRAME_W, FRAME_H = 1280, 720
SOURCE_MODULE = 8  # pixels per QR module on the rendered card, before it is warped

FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý"
MIDDLE_M = "Văn Hữu Đức Minh Quốc Thanh Công Đình Xuân Gia"
MIDDLE_F = "Thị Ngọc Thu Hồng Thanh Diệu Mỹ Phương Kim Bích"
GIVEN_M = "An Bình Cường Dũng Hải Khánh Long Nam Phúc Quân Tuấn Việt Sơn Tùng Đạt Hiếu"
GIVEN_F = "Anh Hà Hạnh Hương Lan Linh Mai Nga Nhung Thảo Trang Yến Ngữ Ánh Tuyết Hằng"
STREETS = "Hàng Bạc|Lê Lợi|Trần Hưng Đạo|Nguyễn Huệ|Hai Bà Trưng|Lý Thường Kiệt|Quang Trung"
WARDS = "Phường Bến Nghé|Xã Tân Thạnh Đông|Phường Hàng Bạc|Xã Đông Hòa|Thị trấn Củ Chi|Ấp 3"
DISTRICTS = "Quận 1|Huyện Củ Chi|Quận Hoàn Kiếm|Thành phố Thủ Đức|Huyện Gia Lâm|Thị xã Dĩ An"


def _pick(rng: random.Random, words: str, sep: str = " ") -> str:
    return rng.choice(words.split(sep))


def _birth_digit(birth: date, female: bool) -> str:
    century = (birth.year - 1900) // 100
    return str(century * 2 + int(female))


def identity_payload(rng: random.Random, *, layout: str | None = None) -> str:
    """A valid 7- or 11-field ID-card payload for a made-up citizen."""
    provinces = sorted(province_codes())
    province = rng.choice([p for p in provinces if int(p) <= 96])
    female = rng.random() < 0.5
    birth = date(1940, 1, 1) + timedelta(days=rng.randrange(365 * 75))
    id_number = f"{province}{_birth_digit(birth, female)}{birth.year % 100:02d}"
    id_number += f"{rng.randrange(10**6):06d}"
    old_id = f"{rng.randrange(10**8, 10**9)}" if rng.random() < 0.5 else ""
    middle, given = (MIDDLE_F, GIVEN_F) if female else (MIDDLE_M, GIVEN_M)
    parts = [_pick(rng, FAMILY), _pick(rng, middle), _pick(rng, given)]
    if rng.random() < 0.3:
        parts = [_pick(rng, FAMILY), _pick(rng, middle), _pick(rng, middle), _pick(rng, given)]
    name = " ".join(parts)
    address = (
        f"Số {rng.randrange(1, 400)} {_pick(rng, STREETS, '|')}, "
        f"{_pick(rng, WARDS, '|')}, {_pick(rng, DISTRICTS, '|')}, "
        f"{province_codes()[province]}"
    )
    # adults from 2021; children too from July 2024, when cards began to be issued from birth
    first_issue = max(min(birth + timedelta(days=365 * 14), date(2024, 7, 1)), date(2021, 1, 1))
    span = (TODAY - first_issue).days
    issue = first_issue + timedelta(days=rng.randrange(max(span, 1)))
    gender = "Nữ" if female else "Nam"
    fields = [id_number, old_id, name, f"{birth:%d%m%Y}", gender, address, f"{issue:%d%m%Y}"]
    layout = layout or rng.choice(("2021", "2021", "2024"))
    if layout == "2024":
        fields += ["", "", "", ""]
    return "|".join(fields)


def _tlv(tag: str, value: str) -> str:
    return f"{tag}{len(value):02d}{value}"


def _crc16(text: str) -> str:
    crc = 0xFFFF
    for byte in text.encode("ascii"):
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return f"{crc:04X}"


def vietqr_payload(rng: random.Random) -> str:
    """An EMVCo bank-transfer payload shaped like VietQR (made-up bank BIN and account)."""
    account = "".join(rng.choice("0123456789") for _ in range(rng.randrange(8, 14)))
    beneficiary = _tlv("00", f"970{rng.randrange(400, 450)}") + _tlv("01", account)
    merchant = _tlv("00", "A000000727") + _tlv("01", beneficiary) + _tlv("02", "QRIBFTTA")
    body = _tlv("00", "01") + _tlv("01", "11") + _tlv("38", merchant)
    body += _tlv("53", "704") + _tlv("58", "VN") + "6304"
    return body + _crc16(body)


def url_payload(rng: random.Random) -> str:
    """A web address of the kind printed on posters at the counter."""
    host = rng.choice(("dichvucong.gov.vn", "vneid.gov.vn", "example.vn", "zalo.me"))
    return f"https://{host}/p/{rng.randrange(10**6, 10**7)}"


def invalid_id_payload(rng: random.Random) -> str:
    """An ID-shaped payload that validation must refuse (gender mismatch or 6-field layout)."""
    fields = identity_payload(rng, layout="2021").split("|")
    if rng.random() < 0.5:
        fields[4] = "Nam" if fields[4] == "Nữ" else "Nữ"
    else:
        del fields[1]
    return "|".join(fields)


# -- encoding ---------------------------------------------------------------------------------


def qr_modules(payload: bytes, rng: random.Random) -> tuple[np.ndarray, str, str]:
    """The QR symbol (1 px per module, 4-module quiet zone) from zxing-cpp or OpenCV.

    Two encoders, because they segment differently (zxing-cpp puts long digit runs in numeric
    mode, which OpenCV's decoder cannot read). OpenCV 5.0's encoder emits unreadable symbols
    for some ~90-byte payloads: a symbol zbar (not the cascade's primary decoder) cannot read
    when pristine is re-encoded with zxing-cpp, so every ground truth is readable in principle.
    """
    ec_level = rng.choice("LMMQ")
    if rng.random() < 0.3:
        params = cv2.QRCodeEncoder_Params()
        params.correction_level = {"L": 0, "M": 1, "Q": 2, "H": 3}[ec_level]
        params.mode = cv2.QRCodeEncoder_MODE_BYTE
        symbol = cv2.QRCodeEncoder.create(params).encode(payload.decode("utf-8"))
        symbol = cv2.copyMakeBorder(symbol, 4, 4, 4, 4, cv2.BORDER_CONSTANT, value=255)
        if _pristine_reads(symbol, payload):
            return symbol, "opencv", ec_level
    barcode = zxingcpp.create_barcode(payload, zxingcpp.BarcodeFormat.QRCode, ec_level=ec_level)
    return np.asarray(barcode.to_image(scale=1)), "zxing", ec_level


def _pristine_reads(symbol: np.ndarray, payload: bytes) -> bool:
    from kiosk.devices.qr_decoders import ZbarDecoder

    big = cv2.resize(symbol, None, fx=4, fy=4, interpolation=cv2.INTER_NEAREST)
    return payload in ZbarDecoder().decode(big)


def linear_barcode(rng: random.Random) -> np.ndarray:
    """A Code 128 or EAN-13 symbol (1 px per module) for the 1-D negatives."""
    if rng.random() < 0.5:
        text = f"SP{rng.randrange(10**8, 10**9)}"
        barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.Code128)
    else:
        digits = [rng.randrange(10) for _ in range(12)]
        check = (10 - sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10) % 10
        text = "".join(map(str, digits)) + str(check)
        barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.EAN13)
    image = np.asarray(barcode.to_image(scale=1))
    return cv2.resize(image, (image.shape[1], 40), interpolation=cv2.INTER_NEAREST)


# -- rendering --------------------------------------------------------------------------------

Rect = tuple[float, float, float, float]


def _pastel(rng: random.Random) -> np.ndarray:
    return np.array([rng.randrange(170, 250) for _ in range(3)], dtype=np.float32)


def _random_words(rng: random.Random, count: int) -> str:
    letters = "ABCDEGHIKLMNOPQRSTUVXY"
    return " ".join(
        "".join(rng.choice(letters) for _ in range(rng.randrange(2, 8))) for _ in range(count)
    )


def _text_lines(rng: random.Random, image: np.ndarray, box: Rect, lines: int) -> None:
    x0, y0, x1, y1 = (int(v) for v in box)
    step = (y1 - y0) / max(lines, 1)
    scale = step / 45
    for i in range(lines):
        colour = rng.choice(((90, 40, 20), (30, 30, 30), (40, 40, 150)))
        y = int(y0 + step * (i + 0.8))
        text = _random_words(rng, rng.randrange(2, 5))
        cv2.putText(image, text, (x0, y), cv2.FONT_HERSHEY_SIMPLEX, scale, colour, 2, cv2.LINE_AA)
    del x1


def render_card(rng: random.Random, symbol: np.ndarray | None) -> tuple[np.ndarray, Rect | None]:
    """A card-like BGR image with ``symbol`` (if any) in its top-right corner, and its rect."""
    qr_side = (symbol.shape[0] if symbol is not None else 45) * SOURCE_MODULE
    width = int(qr_side / rng.uniform(0.22, 0.3))
    height = int(width / 1.585)
    top, bottom = _pastel(rng), _pastel(rng)
    ramp = np.linspace(0, 1, height, dtype=np.float32)[:, None, None]
    card = np.broadcast_to(top * (1 - ramp) + bottom * ramp, (height, width, 3)).copy()
    xs = np.arange(width, dtype=np.float32)
    for k in range(6):  # guilloche-like waves
        ys = height * (0.2 + 0.12 * k) + 25 * np.sin(xs / rng.uniform(40, 90) + k)
        points = np.stack([xs, ys], axis=1).astype(np.int32)
        cv2.polylines(card, [points], False, (bottom * 0.8).tolist(), 2, cv2.LINE_AA)
    card = card.astype(np.uint8)
    cv2.circle(card, (int(height * 0.18), int(height * 0.16)), int(height * 0.1), (40, 40, 200), -1)
    cv2.rectangle(
        card,
        (int(width * 0.04), int(height * 0.35)),
        (int(width * 0.25), int(height * 0.85)),
        (150, 150, 160),
        -1,
    )
    _text_lines(rng, card, (width * 0.3, height * 0.42, width * 0.95, height * 0.95), 6)
    _text_lines(rng, card, (width * 0.3, height * 0.05, width * 0.7, height * 0.3), 2)
    if symbol is None:
        return card, None
    module = cv2.resize(
        symbol, None, fx=SOURCE_MODULE, fy=SOURCE_MODULE, interpolation=cv2.INTER_NEAREST
    )
    x0, y0 = width - qr_side - int(width * 0.03), int(height * 0.04)
    card[y0 : y0 + qr_side, x0 : x0 + qr_side] = cv2.cvtColor(module, cv2.COLOR_GRAY2BGR)
    quiet = 4 * SOURCE_MODULE
    return card, (x0 + quiet, y0 + quiet, x0 + qr_side - quiet, y0 + qr_side - quiet)


def render_label(rng: random.Random, symbol: np.ndarray, module: int) -> tuple[np.ndarray, Rect]:
    """A printed label or poster: ``symbol`` on off-white paper with some text below it."""
    code = cv2.resize(symbol, None, fx=module, fy=module, interpolation=cv2.INTER_NEAREST)
    h, w = code.shape
    pad = int(max(h, w) * 0.25)
    paper = np.full((h + 3 * pad, w + 2 * pad, 3), rng.randrange(225, 255), np.uint8)
    paper[pad : pad + h, pad : pad + w] = cv2.cvtColor(code, cv2.COLOR_GRAY2BGR)
    _text_lines(rng, paper, (pad, pad + h + pad * 0.3, pad + w, pad + h + pad * 1.8), 2)
    return paper, (pad, pad, pad + w, pad + h)


def _background(rng: random.Random) -> np.ndarray:
    base = np.array([rng.randrange(40, 200) for _ in range(3)], np.float32)
    low = np.random.default_rng(rng.randrange(2**32)).normal(0, 18, (9, 16, 3)).astype(np.float32)
    frame = base + cv2.resize(low, (FRAME_W, FRAME_H), interpolation=cv2.INTER_CUBIC)
    frame = np.clip(frame, 0, 255).astype(np.uint8)
    for _ in range(rng.randrange(0, 4)):  # papers, a keyboard edge, a pen…
        colour = [rng.randrange(0, 256) for _ in range(3)]
        x, y = rng.randrange(FRAME_W), rng.randrange(FRAME_H)
        cv2.rectangle(
            frame, (x, y), (x + rng.randrange(40, 400), y + rng.randrange(10, 300)), colour, -1
        )
    return frame


def _place(
    rng: random.Random, size: tuple[int, int], target: Rect, tilt: float, angle: float
) -> np.ndarray:
    """A homography putting an image of ``size`` into the frame with ``target`` fully in view."""
    w, h = size
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    c, s = math.cos(angle), math.sin(angle)
    centred = src - (w / 2, h / 2)
    dst = centred @ np.array([[c, s], [-s, c]], np.float32)
    dst += np.array([[rng.gauss(0, tilt * w) for _ in range(2)] for _ in range(4)], np.float32)
    matrix = cv2.getPerspectiveTransform(src, dst.astype(np.float32))
    x0, y0, x1, y1 = target
    corners = np.array([[[x0, y0], [x1, y0], [x1, y1], [x0, y1]]], np.float32)
    box = cv2.perspectiveTransform(corners, matrix)[0]
    margin = 12
    low_x, high_x = margin - box[:, 0].min(), FRAME_W - margin - box[:, 0].max()
    low_y, high_y = margin - box[:, 1].min(), FRAME_H - margin - box[:, 1].max()
    tx = rng.uniform(low_x, max(low_x, high_x))
    ty = rng.uniform(low_y, max(low_y, high_y))
    shift = np.array([[1, 0, tx], [0, 1, ty], [0, 0, 1]], np.float64)
    return shift @ matrix


def compose(
    rng: random.Random, image: np.ndarray, target: Rect, scale: float, params: dict[str, Any]
) -> np.ndarray:
    """Warp ``image`` (scaled by ``scale``, rotated, tilted) onto a desk background."""
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    target = tuple(v * scale for v in target)  # type: ignore[assignment]
    angle = rng.gauss(0, 0.2) if rng.random() < 0.7 else rng.uniform(-math.pi, math.pi)
    tilt = rng.choice((0.0, 0.03, 0.06, 0.1))
    params.update(angle_deg=round(math.degrees(angle), 1), tilt=tilt)
    h, w = small.shape[:2]
    matrix = _place(rng, (w, h), target, tilt, angle)
    x0, y0, x1, y1 = target
    corners = np.array([[[x0, y0], [x1, y0], [x1, y1], [x0, y1]]], np.float32)
    params["corners"] = cv2.perspectiveTransform(corners, matrix)[0].round(1).tolist()
    warped = cv2.warpPerspective(small, matrix, (FRAME_W, FRAME_H), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), matrix, (FRAME_W, FRAME_H))
    frame = _background(rng)
    frame[mask > 127] = warped[mask > 127]
    return frame


# -- degradation ------------------------------------------------------------------------------


@dataclass
class Degradation:
    """What was done to a frame, recorded in the ground truth."""

    values: dict[str, Any] = field(default_factory=dict)


def _motion_kernel(length: float, angle: float) -> np.ndarray:
    size = max(3, math.ceil(length) | 1)
    kernel = np.zeros((size, size), np.float32)
    c = size // 2
    dx, dy = math.cos(angle) * length / 2, math.sin(angle) * length / 2
    cv2.line(kernel, (int(c - dx), int(c - dy)), (int(c + dx), int(c + dy)), 1.0, 1, cv2.LINE_AA)
    return kernel / kernel.sum()


def degrade(rng: random.Random, frame: np.ndarray, ppm: float, params: dict[str, Any]) -> bytes:
    """Light, optics, sensor, mirroring and JPEG: returns the JPEG file's bytes."""
    image = frame.astype(np.float32)
    if rng.random() < 0.3:  # uneven light
        gx = np.linspace(rng.uniform(0.6, 1), rng.uniform(0.9, 1.3), FRAME_W, dtype=np.float32)
        image *= gx[None, :, None]
        params["uneven"] = True
    if rng.random() < 0.3:  # low contrast
        contrast = rng.uniform(0.3, 0.7)
        image = image.mean() + (image - image.mean()) * contrast + rng.uniform(-30, 30)
        params["contrast"] = round(contrast, 2)
    if rng.random() < 0.3:  # glare
        cx, cy = rng.randrange(FRAME_W), rng.randrange(FRAME_H)
        radius, strength = rng.uniform(30, 200), rng.uniform(80, 255)
        yy, xx = np.mgrid[0:FRAME_H, 0:FRAME_W].astype(np.float32)
        blob = np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * radius**2))
        image += (strength * blob)[..., None]
        params["glare"] = [cx, cy, round(radius), round(strength)]
    if rng.random() < 0.5:  # defocus, in modules
        sigma = rng.uniform(0.1, 0.55) * ppm
        image = cv2.GaussianBlur(image, (0, 0), sigma)
        params["defocus_modules"] = round(sigma / ppm, 2)
    if rng.random() < 0.2:  # hand shake
        length = rng.uniform(0.5, 1.5) * ppm
        image = cv2.filter2D(image, -1, _motion_kernel(length, rng.uniform(0, math.pi)))
        params["motion_modules"] = round(length / ppm, 2)
    image = cv2.GaussianBlur(image, (0, 0), 0.5)  # the lens is never perfect
    if rng.random() < 0.7:
        noise = rng.uniform(2, 12)
        image += np.random.default_rng(rng.randrange(2**32)).normal(0, noise, image.shape)
        params["noise"] = round(noise, 1)
    out = np.clip(image, 0, 255).astype(np.uint8)
    if rng.random() < 0.2:
        out = cv2.flip(out, 1)
        params["mirrored"] = True
        params["corners"] = [[FRAME_W - 1 - x, y] for x, y in params["corners"]]
    quality = rng.randrange(30, 91)
    params["jpeg"] = quality
    ok, encoded = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return encoded.tobytes()


def module_size(rng: random.Random) -> float:
    """Pixels per module: a third small (1.5–2.2), a third middling, a third comfortable."""
    band = rng.random()
    if band < 1 / 3:
        return rng.uniform(1.5, 2.2)
    if band < 2 / 3:
        return rng.uniform(2.2, 3.5)
    return rng.uniform(3.5, 8.0)
