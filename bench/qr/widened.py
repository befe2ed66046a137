"""The widened corpus (issue 16): each ID frame is built around one hard degradation.

    .venv/bin/python bench/qr/generate_corpus.py --profile widened --seed 4242 \
        --out bench/out/qr-dev

The first corpus (``synthetic.degrade``) draws every degradation at random and mildly; here
each ID frame gets one *primary* degradation at a strength the first corpus never reached
(blur up to more than a module, modules down to 1.1 px, a card bent round a cylinder, the
code printed on the card's guilloche) plus the everyday ones at random (sensor noise, a
little rotation, JPEG). The categories cycle, so every one has the same number of frames;
the invalid IDs get a random category too. Negatives without an ID come from the first
generator's ``make_sample``. Ground truth records the category and every parameter.
"""

from __future__ import annotations

import math
import random
from typing import Any

import cv2
import numpy as np
import synthetic as syn

CATEGORIES = (
    "defocus",  # Gaussian PSF, 0.3–0.9 module (σ)
    "disc-blur",  # a lens out of focus: a disc PSF, radius 0.4–1.1 module
    "motion",  # hand shake, 1–2.5 modules long
    "glare",  # a strong highlight over the code, often saturating
    "tilt",  # strong perspective
    "low-contrast",  # 0.12–0.35 of the range
    "jpeg",  # quality 8–30
    "tiny",  # 1.1–2.0 px per module
    "mirrored",  # a selfie camera, plus a mild blur
    "inverted",  # light modules on a dark ground
    "curved",  # the card bent round a cylinder
    "texture",  # the code printed on the card's pattern, modules not black and white
)
FRAME_W, FRAME_H = syn.FRAME_W, syn.FRAME_H


def _disc_kernel(radius: float) -> np.ndarray:
    """An anti-aliased disc (the defocus PSF of a round aperture), summing to one."""
    size = 2 * math.ceil(radius) + 3
    fine = 8
    big = np.zeros((size * fine, size * fine), np.uint8)
    centre = size * fine // 2
    cv2.circle(big, (centre, centre), max(1, round(radius * fine)), 255, -1, cv2.LINE_AA)
    kernel = cv2.resize(big.astype(np.float32), (size, size), interpolation=cv2.INTER_AREA)
    return kernel / kernel.sum()


def _motion_kernel(length: float, angle: float) -> np.ndarray:
    size = 2 * math.ceil(length / 2) + 3
    fine = 8
    big = np.zeros((size * fine, size * fine), np.uint8)
    c = size * fine / 2
    dx, dy = math.cos(angle) * length * fine / 2, math.sin(angle) * length * fine / 2
    cv2.line(big, (int(c - dx), int(c - dy)), (int(c + dx), int(c + dy)), 255, fine, cv2.LINE_AA)
    kernel = cv2.resize(big.astype(np.float32), (size, size), interpolation=cv2.INTER_AREA)
    return kernel / kernel.sum()


def _code_box(rect: syn.Rect) -> tuple[int, int, int, int]:
    quiet = 4 * syn.SOURCE_MODULE
    x0, y0, x1, y1 = (int(v) for v in rect)
    return x0 - quiet, y0 - quiet, x1 + quiet, y1 + quiet


def _invert_code(card: np.ndarray, rect: syn.Rect) -> None:
    x0, y0, x1, y1 = _code_box(rect)
    card[y0:y1, x0:x1] = 255 - card[y0:y1, x0:x1]


def _texture_code(rng: random.Random, card: np.ndarray, rect: syn.Rect, p: dict[str, Any]) -> None:
    """Print the code on a pattern: fine waves and dots in the light modules, grey ink."""
    x0, y0, x1, y1 = _code_box(rect)
    patch = card[y0:y1, x0:x1].astype(np.float32)
    h, w = patch.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    period = rng.uniform(0.6, 2.0) * syn.SOURCE_MODULE
    angle = rng.uniform(0, math.pi)
    waves = np.sin((xx * math.cos(angle) + yy * math.sin(angle)) * 2 * math.pi / period)
    waves += 0.5 * np.sin((xx - yy) * 2 * math.pi / (period * 2.7) + rng.uniform(0, 6))
    amplitude = rng.uniform(15, 45)
    ink = rng.uniform(40, 100)
    paper = np.array([rng.randrange(180, 240) for _ in range(3)], np.float32)
    light = patch.mean(axis=2, keepdims=True) > 127
    pattern = paper - amplitude * (0.5 + 0.5 * waves[..., None])
    out = np.where(light, pattern, ink + 0.3 * amplitude * waves[..., None])
    card[y0:y1, x0:x1] = np.clip(out, 0, 255).astype(np.uint8)
    p.update(texture_amplitude=round(amplitude), ink=round(ink), texture_period=round(period, 1))


def _bend(card: np.ndarray, rect: syn.Rect, p: dict[str, Any]) -> tuple[np.ndarray, syn.Rect]:
    """The card bent round a vertical cylinder, seen from the front (orthographic)."""
    h, w = card.shape[:2]
    half_angle = p["curve_rad"]
    radius = w / 2 / half_angle
    width_out = int(2 * radius * math.sin(half_angle))
    u = np.arange(width_out, dtype=np.float32) - width_out / 2
    theta = np.arcsin(np.clip(u / radius, -1, 1))
    src_x = theta * radius + w / 2
    sag = p["curve_sag"] * h * (1 - np.cos(theta)) / (1 - math.cos(half_angle))
    map_x = np.broadcast_to(src_x[None, :], (h, width_out)).astype(np.float32)
    map_y = (np.arange(h, dtype=np.float32)[:, None] - sag[None, :]).astype(np.float32)
    bent = cv2.remap(card, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)

    def forward(x: float) -> float:
        return radius * math.sin((x - w / 2) / radius) + width_out / 2

    x0, y0, x1, y1 = rect
    return bent, (forward(x0), y0, forward(x1), y1 + p["curve_sag"] * h)


def _compose(
    rng: random.Random,
    image: np.ndarray,
    target: syn.Rect,
    scale: float,
    tilt: float,
    p: dict[str, Any],
) -> np.ndarray:
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    target = tuple(v * scale for v in target)  # type: ignore[assignment]
    angle = rng.gauss(0, 0.2) if rng.random() < 0.75 else rng.uniform(-math.pi, math.pi)
    p.update(angle_deg=round(math.degrees(angle), 1), tilt=tilt)
    h, w = small.shape[:2]
    matrix = syn._place(rng, (w, h), target, tilt, angle)
    warped = cv2.warpPerspective(small, matrix, (FRAME_W, FRAME_H), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), matrix, (FRAME_W, FRAME_H))
    frame = syn._background(rng)
    frame[mask > 127] = warped[mask > 127]
    x0, y0, x1, y1 = target
    corners = np.array([[[x0, y0], [x1, y0], [x1, y1], [x0, y1]]], np.float32)
    p["corners"] = cv2.perspectiveTransform(corners, matrix)[0].round(1).tolist()
    return frame


def _module_px(rng: random.Random, category: str) -> float:
    if category == "tiny":
        return rng.uniform(1.1, 2.0)
    if category in ("defocus", "disc-blur", "motion"):
        return rng.uniform(2.0, 6.0)
    return rng.uniform(1.8, 6.0)


def _optics(
    rng: random.Random, image: np.ndarray, ppm: float, category: str, p: dict[str, Any]
) -> np.ndarray:
    if category == "defocus":
        sigma = rng.uniform(0.3, 0.9)
        p["defocus_modules"] = round(sigma, 2)
        return cv2.GaussianBlur(image, (0, 0), sigma * ppm)
    if category == "disc-blur":
        radius = rng.uniform(0.4, 1.1)
        p["disc_modules"] = round(radius, 2)
        return cv2.filter2D(image, -1, _disc_kernel(radius * ppm))
    if category == "motion":
        length = rng.uniform(1.0, 2.5)
        p["motion_modules"] = round(length, 2)
        return cv2.filter2D(image, -1, _motion_kernel(length * ppm, rng.uniform(0, math.pi)))
    if category == "mirrored" or rng.random() < 0.3:
        sigma = rng.uniform(0.1, 0.3)
        p["defocus_modules"] = round(sigma, 2)
        return cv2.GaussianBlur(image, (0, 0), sigma * ppm)
    return image


def _light(rng: random.Random, image: np.ndarray, category: str, p: dict[str, Any]) -> np.ndarray:
    if category == "low-contrast":
        contrast = rng.uniform(0.12, 0.35)
        image = image.mean() + (image - image.mean()) * contrast + rng.uniform(-40, 40)
        p["contrast"] = round(contrast, 2)
    if category == "glare":
        cx, cy = np.mean(p["corners"], axis=0)
        side = math.dist(p["corners"][0], p["corners"][1])
        cx, cy = cx + rng.uniform(-0.4, 0.4) * side, cy + rng.uniform(-0.4, 0.4) * side
        radius, strength = rng.uniform(0.15, 0.5) * side, rng.uniform(100, 260)
        yy, xx = np.mgrid[0:FRAME_H, 0:FRAME_W].astype(np.float32)
        blob = np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * radius**2))
        image = image + (strength * blob)[..., None]
        p["glare"] = [round(cx), round(cy), round(radius), round(strength)]
    return image


def make_card_sample(
    rng: random.Random, kind: str, payload: str, category: str
) -> tuple[bytes, dict[str, Any]]:
    """One JPEG frame of an ID (or invalid ID) card under ``category``, and its ground truth."""
    p: dict[str, Any] = {"kind": kind, "payload": payload, "category": category}
    ppm = _module_px(rng, category)
    p["module_px"] = round(ppm, 2)
    symbol, p["encoder"], p["ec"] = syn.qr_modules(payload.encode(), rng)
    p["modules"] = symbol.shape[0] - 8
    card, rect = syn.render_card(rng, symbol)
    assert rect is not None
    if category == "inverted":
        _invert_code(card, rect)
    if category == "texture":
        _texture_code(rng, card, rect, p)
    if category == "curved":
        p.update(
            curve_rad=round(rng.uniform(0.5, 1.1), 2), curve_sag=round(rng.uniform(0, 0.06), 3)
        )
        card, rect = _bend(card, rect, p)
    tilt = rng.uniform(0.1, 0.2) if category == "tilt" else rng.choice((0.0, 0.03, 0.06))
    frame = _compose(rng, card, rect, ppm / syn.SOURCE_MODULE, tilt, p).astype(np.float32)
    frame = _light(rng, frame, category, p)
    frame = _optics(rng, frame, ppm, category, p)
    frame = cv2.GaussianBlur(frame, (0, 0), 0.5)
    noise = rng.uniform(1, 8)
    frame += np.random.default_rng(rng.randrange(2**32)).normal(0, noise, frame.shape)
    p["noise"] = round(noise, 1)
    out = np.clip(frame, 0, 255).astype(np.uint8)
    if category == "mirrored":
        out = cv2.flip(out, 1)
        p["mirrored"] = True
        p["corners"] = [[FRAME_W - 1 - x, y] for x, y in p["corners"]]
    quality = rng.randrange(8, 31) if category == "jpeg" else rng.randrange(55, 92)
    p["jpeg"] = quality
    ok, encoded = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return encoded.tobytes(), p
