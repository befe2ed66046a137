"""QR decoders side by side on the synthetic corpus: read rate, false accepts, time.

    .venv/bin/python bench/qr/generate_corpus.py      # once: bench/out/qr/ (seeded)
    .venv/bin/python bench/qr/bench_decoders.py [--corpus bench/out/qr] [--no-write]

Every contender gets the same greyscale frames (loaded beforehand: file decoding is not
timed) in one process, one after the other. For each it counts:
- read: ID-card frames whose exact payload bytes came back;
- wrong: frames where it returned any payload that is not the frame's own (for frames
  without a QR code, any payload) — a false read; and how many of those
  ``parse_id_payload`` accepted as a valid ID (a false accept with wrong data);
- ID accepted from a negative: a payload from a frame without a valid ID card that
  ``parse_id_payload`` accepts — the false accept that matters;
- median and p95 milliseconds over all frames, and p95 over frames with no QR code (what
  the camera preview pays while nobody shows a card).
Then the cascade's steps one prefix at a time (what each step adds and costs), and the
zxing-cpp options. Writes the tables into bench/qr/RESULTS.md between the bench markers.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import zxingcpp
from pyzbar import pyzbar
from tables import Condition, by_condition, pct, table, write_between

from kiosk.devices.images import load_image
from kiosk.devices.qr_cascade import STEPS, Effort, QrCascade
from kiosk.devices.qr_decoders import (
    OpenCvDecoder,
    QrDecoder,
    ZbarDecoder,
    ZxingDecoder,
    load_decoders,
)
from kiosk.errors import KioskError
from kiosk.services.identity import parse_id_payload

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "qr" / "RESULTS.md"
TODAY = date(2026, 11, 23)
START_MARK, END_MARK = "<!-- bench:start -->", "<!-- bench:end -->"
BANDS = ((1.5, 2.2), (2.2, 3.5), (3.5, 8.01))
NO_CODE = ("none", "barcode")

Decode = Callable[[np.ndarray], list[bytes]]


@dataclass
class Sample:
    """One frame of the corpus and its ground truth."""

    file: str
    kind: str
    payload: bytes | None
    module_px: float
    gray: np.ndarray
    truth: dict[str, Any]


@dataclass
class Score:
    """What one contender did on the corpus."""

    name: str
    read: int = 0
    ids: int = 0
    wrong: int = 0
    wrong_accepted: int = 0
    accepted_negatives: int = 0
    negative_qr_read: int = 0
    negative_qr: int = 0
    times: list[float] = field(default_factory=list)
    idle_times: list[float] = field(default_factory=list)
    by_band: dict[tuple[float, float], list[int]] = field(default_factory=dict)
    outputs: list[frozenset[bytes]] = field(default_factory=list)


def load_corpus(folder: Path) -> list[Sample]:
    """The frames listed in ``truth.json``, as greyscale arrays."""
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    return [
        Sample(
            t["file"],
            t["kind"],
            t["payload"].encode() if t["payload"] is not None else None,
            t["module_px"],
            load_image(folder / t["file"]),
            t,
        )
        for t in truth
    ]


def _accepted_as_id(payload: bytes) -> bool:
    try:
        parse_id_payload(payload, today=TODAY)
    except KioskError:
        return False
    return True


def _band(module_px: float) -> tuple[float, float]:
    return next((b for b in BANDS if b[0] <= module_px < b[1]), BANDS[0])


def run(name: str, decode: Decode, corpus: Sequence[Sample]) -> Score:
    """Time ``decode`` on every frame and score its answers."""
    for sample in corpus[:5]:  # warm caches and lazy initialisation
        decode(sample.gray)
    score = Score(name)
    for sample in corpus:
        start = time.perf_counter()
        payloads = decode(sample.gray)
        elapsed = (time.perf_counter() - start) * 1000
        score.times.append(elapsed)
        if sample.kind in NO_CODE:
            score.idle_times.append(elapsed)
        score.outputs.append(frozenset(payloads))
        _score_one(score, sample, payloads)
    return score


def _score_one(score: Score, sample: Sample, payloads: list[bytes]) -> None:
    correct = sample.payload is not None and sample.payload in payloads
    wrong = [p for p in payloads if p != sample.payload]
    score.wrong += bool(wrong)
    score.wrong_accepted += any(_accepted_as_id(p) for p in wrong)
    if sample.kind == "id":
        score.ids += 1
        score.read += correct
        band = score.by_band.setdefault(_band(sample.module_px), [0, 0])
        band[0] += correct
        band[1] += 1
        return
    score.accepted_negatives += any(_accepted_as_id(p) for p in payloads)
    if sample.payload is not None:
        score.negative_qr += 1
        score.negative_qr_read += correct


def _cascade(decoders: Sequence[QrDecoder], effort: Effort, steps: Any = None) -> Decode:
    cascade = QrCascade(decoders, steps=steps)
    return lambda gray: list(cascade.read(gray, effort=effort).payloads)


def _zxing_library_defaults(gray: np.ndarray) -> list[bytes]:
    results = zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode)
    return list(dict.fromkeys(bytes(r.bytes) for r in results if r.valid))


def _pyzbar_default(gray: np.ndarray) -> list[bytes]:
    return [r.data for r in pyzbar.decode(gray, symbols=[pyzbar.ZBarSymbol.QRCODE])]


def _legacy_zbar() -> Decode:
    decoder = ZbarDecoder()
    decoder.binary = False
    return decoder.decode


def _zxing_options(**kwargs: Any) -> Decode:
    def decode(gray: np.ndarray) -> list[bytes]:
        options = {
            "formats": zxingcpp.BarcodeFormat.QRCode,
            "try_rotate": False,
            "try_downscale": False,
            "try_invert": True,
            **kwargs,
        }
        return [bytes(r.bytes) for r in zxingcpp.read_barcodes(gray, **options) if r.valid]

    return decode


# -- tables -----------------------------------------------------------------------------------


def main_table(scores: Sequence[Score]) -> str:
    """Read rate, false reads, false accepts and time per contender."""
    head = [
        "contender",
        "ID frames read",
        "1.5–2.2 px",
        "2.2–3.5 px",
        "3.5–8 px",
        "wrong payloads",
        "wrong payload accepted as ID",
        "negatives accepted as ID",
        "non-ID QR read",
        "median ms",
        "p95 ms",
        "p95 ms, no code",
    ]
    rows = [
        [
            s.name,
            f"**{s.read}/{s.ids} ({s.read / s.ids:.1%})**",
            *(f"{s.by_band[b][0] / s.by_band[b][1]:.0%}" if b in s.by_band else "–" for b in BANDS),
            s.wrong,
            s.wrong_accepted,
            s.accepted_negatives,
            f"{s.negative_qr_read}/{s.negative_qr}",
            f"{statistics.median(s.times):.1f}",
            f"{pct(s.times, 0.95):.1f}",
            f"{pct(s.idle_times, 0.95):.1f}",
        ]
        for s in scores
    ]
    return table(head, rows)


def steps_table(corpus: Sequence[Sample], decoders: Sequence[QrDecoder]) -> str:
    """The thorough cascade one step at a time: what each adds and what the prefix costs."""
    steps = STEPS[Effort.THOROUGH]
    head = ["cascade up to step", "new reads", "ID frames read", "median ms", "p95 ms"]
    head += ["p95 ms, no code", "max ms"]
    rows: list[list[object]] = []
    previous = 0
    for k in range(1, len(steps) + 1):
        plan = {Effort.THOROUGH: steps[:k]}
        score = run(steps[k - 1].name, _cascade(decoders, Effort.THOROUGH, plan), corpus)
        mark = " (= fast)" if steps[:k] == STEPS[Effort.FAST] else ""
        rows.append(
            [
                f"{k}. {steps[k - 1].name}{mark}",
                f"+{score.read - previous}",
                f"{score.read}/{score.ids} ({score.read / score.ids:.1%})",
                f"{statistics.median(score.times):.1f}",
                f"{pct(score.times, 0.95):.1f}",
                f"{pct(score.idle_times, 0.95):.1f}",
                f"{max(score.times):.1f}",
            ]
        )
        previous = score.read
    return table(head, rows)


def zxing_table(corpus: Sequence[Sample]) -> str:
    """zxing-cpp's options, one change at a time from what the kiosk uses."""
    variants: list[tuple[str, Decode]] = [
        ("kiosk: invert on, rotate off, downscale off, local-average", _zxing_options()),
        ("+ try_rotate", _zxing_options(try_rotate=True)),
        ("+ try_downscale", _zxing_options(try_downscale=True)),
        ("− try_invert", _zxing_options(try_invert=False)),
        ("fixed threshold instead", _zxing_options(binarizer=zxingcpp.Binarizer.FixedThreshold)),
        ("global histogram instead", _zxing_options(binarizer=zxingcpp.Binarizer.GlobalHistogram)),
        ("kiosk ZxingDecoder: local-average, then fixed threshold", ZxingDecoder().decode),
    ]
    rows = []
    for name, decode in variants:
        s = run(name, decode, corpus)
        rows.append(
            [
                name,
                f"{s.read}/{s.ids}",
                f"{statistics.median(s.times):.1f}",
                f"{pct(s.times, 0.95):.1f}",
            ]
        )
    return table(["zxing-cpp options", "ID frames read", "median ms", "p95 ms"], rows)


CONDITIONS: list[Condition] = [
    ("mirrored", lambda t: bool(t.get("mirrored"))),
    ("glare", lambda t: "glare" in t),
    ("low contrast (≤ 0.5)", lambda t: t.get("contrast", 1) <= 0.5),
    ("uneven light", lambda t: bool(t.get("uneven"))),
    ("tilt ≥ 0.06", lambda t: t.get("tilt", 0) >= 0.06),
    ("rotated > 30°", lambda t: abs(t.get("angle_deg", 0)) > 30),
    ("defocus < 0.3 module", lambda t: 0 < t.get("defocus_modules", 0) < 0.3),
    ("defocus 0.3–0.45 module", lambda t: 0.3 <= t.get("defocus_modules", 0) < 0.45),
    ("defocus ≥ 0.45 module", lambda t: t.get("defocus_modules", 0) >= 0.45),
    ("motion blur", lambda t: "motion_modules" in t),
    ("noise σ ≥ 8", lambda t: t.get("noise", 0) >= 8),
    ("JPEG quality < 50", lambda t: t.get("jpeg", 100) < 50),
    ("encoded by OpenCV", lambda t: t.get("encoder") == "opencv"),
]


def conditions_table(scores: Sequence[Score], corpus: Sequence[Sample]) -> str:
    """Read rate on ID frames under each degradation (a frame can have several)."""
    return by_condition(scores, corpus, CONDITIONS)


def disagreements(scores: Sequence[Score]) -> int:
    """Frames where two contenders returned different non-empty payload sets."""
    count = 0
    for outputs in zip(*(s.outputs for s in scores), strict=True):
        answers = {o for o in outputs if o}
        count += len(answers) > 1
    return count


def conditions(corpus: Sequence[Sample], load_before: float, load_after: float) -> str:
    """Machine, versions and load, for the record."""
    kinds: dict[str, int] = {}
    for s in corpus:
        kinds[s.kind] = kinds.get(s.kind, 0) + 1
    mix = ", ".join(f"{count} {kind}" for kind, count in kinds.items())
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"- Machine: {cpu}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}.\n"
        f"- Libraries: zxing-cpp {version('zxing-cpp')}, pyzbar {version('pyzbar')}, OpenCV "
        f"{cv2.__version__}, libzbar (ZBAR_CFG_BINARY "
        f"{'supported' if ZbarDecoder().binary else 'missing'}), numpy {np.__version__}.\n"
        f"- Load average (1 min) before/after the run: {load_before:.2f} / {load_after:.2f}.\n"
        f"- Corpus: {len(corpus)} frames of 1280x720 ({mix}).\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "bench" / "out" / "qr")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    corpus = load_corpus(args.corpus)
    load_before = os.getloadavg()[0]
    kiosk_decoders, _ = load_decoders()
    contenders: list[tuple[str, Decode]] = [
        ("zxing-cpp, library defaults (QR only)", _zxing_library_defaults),
        ("zxing-cpp, kiosk ZxingDecoder", ZxingDecoder().decode),
        ("zbar, kiosk ZbarDecoder (binary)", ZbarDecoder().decode),
        ("zbar without ZBAR_CFG_BINARY (old libzbar: repair or drop)", _legacy_zbar()),
        ("pyzbar.decode as shipped (charset guess)", _pyzbar_default),
        ("OpenCV QRCodeDetector (bytes)", OpenCvDecoder().decode),
        ("OpenCV QRCodeDetectorAruco (bytes)", OpenCvDecoder(aruco=True).decode),
        ("**cascade, fast (camera)**", _cascade(kiosk_decoders, Effort.FAST)),
        ("**cascade, thorough (files)**", _cascade(kiosk_decoders, Effort.THOROUGH)),
        ("cascade, fast, zbar only (zxing-cpp missing)", _cascade([ZbarDecoder()], Effort.FAST)),
    ]
    scores = [run(name, decode, corpus) for name, decode in contenders]
    singles = [s for s in scores if "cascade" not in s.name and "guess" not in s.name]
    body = main_table(scores)
    body += "\nFrames where two single decoders returned different payloads: "
    body += f"{disagreements(singles)}.\n\n"
    featured = [s for s in scores if "kiosk" in s.name or "**cascade" in s.name]
    body += conditions_table(featured, corpus) + "\n"
    body += steps_table(corpus, kiosk_decoders) + "\n" + zxing_table(corpus)
    body = conditions(corpus, load_before, os.getloadavg()[0]) + "\n" + body
    print(body)
    if not args.no_write:
        write_between(body, RESULTS, START_MARK, END_MARK)
    return 0


if __name__ == "__main__":
    sys.exit(main())
