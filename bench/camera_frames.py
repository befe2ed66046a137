"""Seeded synthetic camera frames with no QR code in them: what the kiosk's webcam sees all day.

    .venv/bin/python bench/camera_frames.py [--seed 16] [--count 60] [--out bench/out/camera]

1280x720 JPEG frames of the counter while nobody shows a code: the desk (wood grain, papers
with printed text and tables, a pen, a keyboard), a hand, the back of a CCCD (fingerprint
ridges, the MRZ lines, guilloche), the front of a card held too far or without its code,
a face. Each gets uneven light, sensor noise, defocus and JPEG at webcam quality. Text,
fingerprint ridges and keyboards are the textures a code-region finder mistakes for a code,
so they are over-represented on purpose. The same seed gives the same files.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
W, H = 1280, 720
LETTERS = "ABCDEGHIKLMNOPQRSTUVXY0123456789"
Image = np.ndarray


def _words(rng: random.Random, count: int) -> str:
    return " ".join(
        "".join(rng.choice(LETTERS) for _ in range(rng.randrange(2, 9))) for _ in range(count)
    )


def _desk(rng: random.Random) -> Image:
    """Wood grain or a plain laminate, with low-frequency light variation."""
    base = np.array([rng.randrange(60, 200) for _ in range(3)], np.float32)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    if rng.random() < 0.6:
        period = rng.uniform(6, 25)
        wobble = 12 * np.sin(xx / rng.uniform(80, 300)) + 6 * np.sin(yy / 37.0)
        grain = np.sin((yy + wobble) / period * 2 * math.pi)[..., None] * rng.uniform(6, 20)
    else:
        grain = np.zeros((H, W, 1), np.float32)
    noise = np.random.default_rng(rng.randrange(2**32))
    low = noise.normal(0, 15, (9, 16, 1)) + noise.normal(0, 4, (9, 16, 3))  # light, a little tint
    frame = base + grain + cv2.resize(low.astype(np.float32), (W, H), interpolation=cv2.INTER_CUBIC)
    return np.clip(frame, 0, 255).astype(np.uint8)


def _paper(rng: random.Random, frame: Image) -> None:
    """A printed form: dense text lines, sometimes a table grid, warped onto the desk."""
    pw, ph = rng.randrange(300, 700), rng.randrange(300, 700)
    paper = np.full((ph, pw, 3), rng.randrange(215, 250), np.uint8)
    scale = rng.uniform(0.35, 0.7)
    y = int(30 * scale) + 10
    while y < ph - 10:
        text = _words(rng, rng.randrange(3, 9))
        cv2.putText(
            paper, text, (10, y), cv2.FONT_HERSHEY_SIMPLEX, scale, (30, 30, 30), 1, cv2.LINE_AA
        )
        y += int(rng.uniform(18, 32) * scale * 2)
    if rng.random() < 0.5:  # a table
        step = rng.randrange(14, 40)
        for x in range(0, pw, step * 3):
            cv2.line(paper, (x, 0), (x, ph), (20, 20, 20), 1)
        for y in range(0, ph, step):
            cv2.line(paper, (0, y), (pw, y), (20, 20, 20), 1)
    _paste(rng, frame, paper)


def _keyboard(rng: random.Random, frame: Image) -> None:
    """Rows of dark keys with letters: a grid of small high-contrast squares."""
    key = rng.randrange(22, 48)
    cols, rows = rng.randrange(10, 16), 5
    board = np.full((rows * key + 10, cols * key + 10, 3), rng.randrange(20, 60), np.uint8)
    for r in range(rows):
        for c in range(cols):
            x, y = 5 + c * key, 5 + r * key
            cv2.rectangle(board, (x + 2, y + 2), (x + key - 2, y + key - 2), (50, 50, 55), -1)
            letter = rng.choice(LETTERS)
            cv2.putText(
                board,
                letter,
                (x + key // 4, y + key * 2 // 3),
                cv2.FONT_HERSHEY_SIMPLEX,
                key / 60,
                (230, 230, 230),
                1,
                cv2.LINE_AA,
            )
    _paste(rng, frame, board)


def _pen(rng: random.Random, frame: Image) -> None:
    x, y = rng.randrange(W), rng.randrange(H)
    angle = rng.uniform(0, math.pi)
    length = rng.randrange(150, 400)
    end = (int(x + length * math.cos(angle)), int(y + length * math.sin(angle)))
    colour = [rng.randrange(0, 256) for _ in range(3)]
    cv2.line(frame, (x, y), end, colour, rng.randrange(8, 16), cv2.LINE_AA)


def _hand(rng: random.Random, frame: Image) -> None:
    """A palm and four fingers in a skin tone, with a soft shadow."""
    skin = np.array([rng.randrange(90, 160), rng.randrange(120, 190), rng.randrange(170, 235)])
    cx, cy = rng.randrange(200, W - 200), rng.randrange(200, H - 100)
    size = rng.randrange(90, 180)
    angle = rng.uniform(-40, 40)
    shadow = frame.copy()
    cv2.ellipse(shadow, (cx + 15, cy + 15), (size, int(size * 1.2)), angle, 0, 360, (0, 0, 0), -1)
    frame[:] = cv2.addWeighted(frame, 0.7, shadow, 0.3, 0)
    cv2.ellipse(frame, (cx, cy), (size, int(size * 1.2)), angle, 0, 360, skin.tolist(), -1)
    for k in range(4):
        a = math.radians(angle - 90 + (k - 1.5) * 14)
        tip = (int(cx + 2.3 * size * math.cos(a)), int(cy + 2.3 * size * math.sin(a)))
        cv2.line(frame, (cx, cy), tip, skin.tolist(), int(size * 0.36), cv2.LINE_AA)


def _card_back(rng: random.Random) -> Image:
    """The back of a CCCD: fingerprint ridges in two boxes, guilloche, three MRZ lines."""
    cw = rng.randrange(420, 900)
    ch = int(cw / 1.585)
    card = np.full((ch, cw, 3), (rng.randrange(200, 240), rng.randrange(200, 235), 225), np.uint8)
    xs = np.arange(cw, dtype=np.float32)
    for k in range(8):
        ys = ch * (0.05 + 0.07 * k) + 10 * np.sin(xs / rng.uniform(15, 40) + k)
        points = np.stack([xs, ys], axis=1).astype(np.int32)
        cv2.polylines(card, [points], False, (170, 150, 150), 1, cv2.LINE_AA)
    box = int(ch * 0.32)
    for i in range(2):  # fingerprints: dense concentric ridges, the worst case for texture
        ox, oy = int(cw * (0.08 + 0.22 * i)), int(ch * 0.08)
        cv2.rectangle(card, (ox, oy), (ox + box, oy + int(box * 1.2)), (60, 60, 60), 1)
        centre = (ox + box // 2, oy + int(box * 0.6))
        for r in range(3, box // 2, max(2, box // 40)):
            cv2.ellipse(
                card, centre, (r, int(r * 1.3)), rng.uniform(-20, 20), 0, 360, (70, 70, 80), 1
            )
    scale = cw / 900
    for line in range(3):
        mrz = "".join(rng.choice(LETTERS) for _ in range(18)).ljust(30, "<")
        if line == 0:
            mrz = "IDVNM" + mrz[5:]
        y = int(ch * (0.72 + 0.09 * line))
        cv2.putText(
            card,
            mrz,
            (int(cw * 0.05), y),
            cv2.FONT_HERSHEY_PLAIN,
            2.6 * scale,
            (20, 20, 20),
            max(1, int(2 * scale)),
            cv2.LINE_AA,
        )
    return card


def _card_front(rng: random.Random) -> Image:
    """A card front seen too far away or with the code covered by a thumb."""
    cw = rng.randrange(300, 800)
    ch = int(cw / 1.585)
    top = np.array([rng.randrange(170, 250) for _ in range(3)], np.float32)
    card = np.broadcast_to(top, (ch, cw, 3)).astype(np.uint8).copy()
    cv2.circle(card, (int(ch * 0.18), int(ch * 0.16)), int(ch * 0.1), (40, 40, 200), -1)
    cv2.rectangle(
        card,
        (int(cw * 0.04), int(ch * 0.35)),
        (int(cw * 0.25), int(ch * 0.85)),
        (150, 150, 160),
        -1,
    )
    for line in range(7):
        y = int(ch * (0.1 + 0.12 * line))
        cv2.putText(
            card,
            _words(rng, 3),
            (int(cw * 0.3), y),
            cv2.FONT_HERSHEY_SIMPLEX,
            cw / 1400,
            (40, 30, 20),
            1,
            cv2.LINE_AA,
        )
    return card


def _face(rng: random.Random, frame: Image) -> None:
    """Someone leaning in: a large, soft head and shoulders."""
    tone = (rng.randrange(80, 150), rng.randrange(110, 180), rng.randrange(160, 220))
    cx, cy = rng.randrange(300, W - 300), rng.randrange(250, 450)
    cv2.ellipse(frame, (cx, cy + 420), (420, 220), 0, 0, 360, (rng.randrange(256),) * 3, -1)
    cv2.ellipse(frame, (cx, cy), (150, 200), 0, 0, 360, tone, -1)
    cv2.ellipse(frame, (cx, cy - 120), (160, 110), 0, 180, 360, (20, 20, 25), -1)


def _paste(rng: random.Random, frame: Image, item: Image) -> None:
    """Rotate and tilt ``item`` onto ``frame`` at a random place (it may run off the edge)."""
    h, w = item.shape[:2]
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    angle = rng.gauss(0, 0.3)
    c, s = math.cos(angle), math.sin(angle)
    dst = (src - (w / 2, h / 2)) @ np.array([[c, s], [-s, c]], np.float32)
    dst += np.array([[rng.gauss(0, 0.04 * w) for _ in range(2)] for _ in range(4)], np.float32)
    dst += (rng.randrange(100, W - 100), rng.randrange(100, H - 100))
    matrix = cv2.getPerspectiveTransform(src, dst.astype(np.float32))
    warped = cv2.warpPerspective(item, matrix, (W, H), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), matrix, (W, H)) > 127
    frame[mask] = warped[mask]


Scene = Callable[[random.Random], Image]


def desk_scene(rng: random.Random) -> Image:
    """Papers, a keyboard and a pen on the desk."""
    frame = _desk(rng)
    for _ in range(rng.randrange(1, 4)):
        _paper(rng, frame)
    if rng.random() < 0.5:
        _keyboard(rng, frame)
    for _ in range(rng.randrange(0, 3)):
        _pen(rng, frame)
    return frame


def hand_scene(rng: random.Random) -> Image:
    """A hand over the desk, sometimes holding a paper."""
    frame = desk_scene(rng) if rng.random() < 0.5 else _desk(rng)
    _hand(rng, frame)
    return frame


def card_back_scene(rng: random.Random) -> Image:
    """The back of the card (no code on it), held in front of the camera."""
    frame = _desk(rng)
    if rng.random() < 0.5:
        _paper(rng, frame)
    _paste(rng, frame, _card_back(rng))
    if rng.random() < 0.5:
        _hand(rng, frame)
    return frame


def card_front_scene(rng: random.Random) -> Image:
    """A card front without a readable code."""
    frame = _desk(rng)
    _paste(rng, frame, _card_front(rng))
    return frame


def face_scene(rng: random.Random) -> Image:
    """A person in front of the kiosk."""
    frame = _desk(rng)
    _face(rng, frame)
    if rng.random() < 0.4:
        _hand(rng, frame)
    return frame


SCENES: dict[str, Scene] = {
    "desk": desk_scene,
    "hand": hand_scene,
    "card-back": card_back_scene,
    "card-front": card_front_scene,
    "face": face_scene,
}


def degrade(rng: random.Random, frame: Image) -> bytes:
    """Uneven light, defocus, sensor noise, webcam JPEG."""
    image = frame.astype(np.float32)
    gx = np.linspace(rng.uniform(0.6, 1.0), rng.uniform(0.9, 1.3), W, dtype=np.float32)
    image *= gx[None, :, None]
    image = cv2.GaussianBlur(image, (0, 0), rng.uniform(0.5, 1.6))
    noise = rng.uniform(2, 10)
    image += np.random.default_rng(rng.randrange(2**32)).normal(0, noise, image.shape)
    out = np.clip(image, 0, 255).astype(np.uint8)
    ok, data = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, rng.randrange(60, 92)])
    assert ok
    return data.tobytes()


def generate(out: Path, seed: int, count: int) -> list[Path]:
    """Write ``count`` frames, the scenes in turn, into ``out``; return their paths."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    names = list(SCENES)
    paths = []
    for index in range(count):
        scene = names[index % len(names)]
        frame_rng = random.Random(rng.randrange(2**63))
        path = out / f"{index:03d}-{scene}.jpg"
        path.write_bytes(degrade(frame_rng, SCENES[scene](frame_rng)))
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "camera")
    args = parser.parse_args(argv)
    paths = generate(args.out, args.seed, args.count)
    print(f"{len(paths)} frames in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
