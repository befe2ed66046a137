"""Generate the seeded corpus of synthetic, degraded card photos for the QR benchmark.

    .venv/bin/python bench/qr/generate_corpus.py [--seed 2026] [--scale 1.0] [--out bench/out/qr]
    .venv/bin/python bench/qr/generate_corpus.py --profile widened --seed 4242 \
        --out bench/out/qr-dev

Writes 1280x720 JPEG frames and ``truth.json`` (one entry per image: kind, the exact payload
or null, the module size and every degradation applied). Kinds: ``id`` (a valid ID-card
payload on a card), and negatives: ``none`` (a card without a code), ``url`` and ``vietqr``
(QR codes on a printed label), ``barcode`` (Code 128 / EAN-13) and ``invalid_id`` (an
ID-shaped payload that validation must refuse). The same seed gives the same files.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import synthetic as syn
import widened

from kiosk.services.identity import parse_id_payload

ROOT = Path(__file__).resolve().parents[2]
COUNTS = {"id": 430, "none": 30, "url": 25, "vietqr": 25, "barcode": 15, "invalid_id": 15}
# issue 16: 36 ID frames per category of widened.CATEGORIES, invalid IDs as hard
WIDENED_COUNTS = {"id": 432, "none": 20, "url": 12, "vietqr": 12, "barcode": 8, "invalid_id": 24}


def _payload(kind: str, rng: random.Random) -> str | None:
    if kind == "id":
        payload = syn.identity_payload(rng)
        parse_id_payload(payload.encode(), today=syn.TODAY)  # the ground truth must be valid
        return payload
    makers = {
        "url": syn.url_payload,
        "vietqr": syn.vietqr_payload,
        "invalid_id": syn.invalid_id_payload,
    }
    return makers[kind](rng) if kind in makers else None


def make_sample(kind: str, rng: random.Random) -> tuple[bytes, dict[str, Any]]:
    """One JPEG frame of ``kind`` and its ground truth."""
    payload = _payload(kind, rng)
    params: dict[str, Any] = {"kind": kind, "payload": payload}
    ppm = syn.module_size(rng)
    params["module_px"] = round(ppm, 2)
    if kind in ("url", "vietqr"):
        assert payload is not None
        symbol, params["encoder"], params["ec"] = syn.qr_modules(payload.encode(), rng)
        image, target = syn.render_label(rng, symbol, syn.SOURCE_MODULE)
    elif kind == "barcode":
        image, target = syn.render_label(rng, syn.linear_barcode(rng), syn.SOURCE_MODULE)
    else:
        symbol = None
        if payload is not None:
            symbol, params["encoder"], params["ec"] = syn.qr_modules(payload.encode(), rng)
        image, rect = syn.render_card(rng, symbol)
        target = rect or (0, 0, image.shape[1] * 0.3, image.shape[0] * 0.3)
    if symbol_modules := (symbol.shape[0] - 8 if kind not in ("barcode", "none") else 0):
        params["modules"] = symbol_modules
    frame = syn.compose(rng, image, target, ppm / syn.SOURCE_MODULE, params)
    return syn.degrade(rng, frame, ppm, params), params


def make_widened_sample(kind: str, index: int, rng: random.Random) -> tuple[bytes, dict[str, Any]]:
    """One frame of the widened corpus: the ``index``-th ID frame's category cycles."""
    if kind not in ("id", "invalid_id"):
        return make_sample(kind, rng)
    payload = _payload(kind, rng)
    assert payload is not None
    cats = widened.CATEGORIES
    category = cats[index % len(cats)] if kind == "id" else rng.choice(cats)
    return widened.make_card_sample(rng, kind, payload, category)


def generate(out: Path, seed: int, scale: float, profile: str = "first") -> list[dict[str, Any]]:
    """Write the corpus into ``out``; return the ground truth."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    truth: list[dict[str, Any]] = []
    counts = WIDENED_COUNTS if profile == "widened" else COUNTS
    kinds = [kind for kind, count in counts.items() for _ in range(max(1, round(count * scale)))]
    rng.shuffle(kinds)
    ids = 0
    for index, kind in enumerate(kinds):
        sample_rng = random.Random(rng.randrange(2**63))
        if profile == "widened":
            data, params = make_widened_sample(kind, ids, sample_rng)
        else:
            data, params = make_sample(kind, sample_rng)
        ids += kind == "id"
        name = f"{index:04d}-{kind}.jpg"
        (out / name).write_bytes(data)
        truth.append({"file": name, **params})
    (out / "truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return truth


def write_test_samples(folder: Path, seed: int) -> None:
    """A few small crops for tests/data/qr: a valid card, a mirrored card, a VietQR label."""
    folder.mkdir(parents=True, exist_ok=True)
    wanted = [
        ("card-ok.jpg", "id", False),
        ("card-mirrored.jpg", "id", True),
        ("vietqr.jpg", "vietqr", False),
    ]
    rng = random.Random(seed)
    for name, kind, mirrored in wanted:
        payload = _payload(kind, rng)
        assert payload is not None
        symbol, _, _ = syn.qr_modules(payload.encode(), rng)
        module = 4
        if kind == "id":
            image, _ = syn.render_card(rng, symbol)
            image = cv2.resize(
                image,
                None,
                fx=module / syn.SOURCE_MODULE,
                fy=module / syn.SOURCE_MODULE,
                interpolation=cv2.INTER_AREA,
            )
        else:
            image, _ = syn.render_label(rng, symbol, module)
        height, width = image.shape[:2]
        crop = image[: height // 2 + 40, width // 2 - 20 :] if kind == "id" else image
        crop = cv2.GaussianBlur(crop, (0, 0), 0.6)
        if mirrored:
            crop = cv2.flip(crop, 1)
        noise = np.random.default_rng(seed).normal(0, 4, crop.shape)
        crop = np.clip(crop + noise, 0, 255).astype(np.uint8)
        cv2.imwrite(str(folder / name), crop, [cv2.IMWRITE_JPEG_QUALITY, 75])
        (folder / (name.rsplit(".", 1)[0] + ".txt")).write_text(payload, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every count")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "qr")
    parser.add_argument("--test-samples", type=Path, help="write tests/data/qr samples instead")
    parser.add_argument("--profile", choices=("first", "widened"), default="first")
    args = parser.parse_args(argv)
    if args.test_samples:
        write_test_samples(args.test_samples, args.seed)
        return 0
    truth = generate(args.out, args.seed, args.scale, args.profile)
    print(f"{len(truth)} images in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
