"""Receipt rendering against naive baselines, side by side in one process (issue 16).

    .venv/bin/python bench/bench_receipts.py            # prints the table for bench/DOCUMENTS.md
    .venv/bin/python bench/bench_receipts.py --no-accel # the same with reportlab's C helpers off

Two rows:

* thermal raster + PNG: the kiosk's ``png_bytes(render_receipt_image(...))`` against a
  naive Pillow receipt of the same blocks (``ImageDraw.text`` line by line, wrapped with
  ``font.getlength``, the QR from the same zxing-cpp encoder scaled with ``NEAREST``,
  ``convert("1")``, ``save(format="PNG")``);
* receipt PDF: the kiosk's ``render_receipt`` against naive reportlab (``drawString`` per
  wrapped line, reportlab's own QR widget drawn through ``renderPDF``).

The contenders alternate A B A B … on the same finished visit; the ratio is taken pair by
pair and its median quoted, which holds while other jobs load the machine. Both rasters
are decoded and must carry the same QR payload and have the same width.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _pairs(a: Callable[[], object], b: Callable[[], object], runs: int) -> dict[str, float]:
    a(), b()  # fonts, glyph caches, imports
    times_a, times_b, ratios = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        a()
        middle = time.perf_counter()
        b()
        end = time.perf_counter()
        times_a.append((middle - start) * 1000)
        times_b.append((end - middle) * 1000)
        ratios.append((middle - start) / (end - middle))
    return {
        "a": statistics.median(times_a),
        "b": statistics.median(times_b),
        "ratio": statistics.median(ratios),
        "ratio_min": min(ratios),
        "ratio_max": max(ratios),
    }


def main() -> int:
    """Seed one finished visit, then time each row side by side."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-accel", action="store_true", help="hide reportlab's _rl_accel")
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args()
    if args.no_accel:
        sys.modules["_rl_accel"] = None  # type: ignore[assignment]  # reportlab's own switch
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["KIOSK_CONFIG_DIR"] = f"{scratch}/config"
        os.environ["KIOSK_DATA_DIR"] = f"{scratch}/data"
        from reportlab.lib import rl_accel

        from bench.naive_receipts import naive_pdf, naive_raster_png
        from kiosk.app import build_kiosk
        from kiosk.documents.receipt import render_receipt
        from kiosk.documents.receipt_content import receipt_blocks
        from kiosk.documents.receipt_raster import png_bytes, render_receipt_image
        from kiosk.domain.clock import FixedClock
        from kiosk.settings import load_settings
        from kiosk.tools.demo import seed_demo

        day = date(2026, 11, 23)
        settings = load_settings()
        kiosk = build_kiosk(settings, clock=FixedClock(datetime(2026, 11, 23, 12, tzinfo=UTC)))
        seed_demo(kiosk.db, kiosk.vault, kiosk.catalogue, transactions=40, days=1, seed=1,
                  end_day=day)  # fmt: skip
        record = next(t for t in kiosk.transactions.list_day(day) if t.receipt_no)
        centre, catalogue = settings.centre, kiosk.catalogue
        blocks = receipt_blocks(record, centre, catalogue)
        kiosk.close()

        def kiosk_raster() -> bytes:
            return png_bytes(render_receipt_image(record, centre=centre, catalogue=catalogue))

        def kiosk_pdf() -> bytes:
            return render_receipt(record, centre=centre, catalogue=catalogue, paper="80mm")

        _check_same_code(kiosk_raster(), naive_raster_png(blocks))
        raster = _pairs(kiosk_raster, lambda: naive_raster_png(blocks), args.runs)
        pdf = _pairs(kiosk_pdf, lambda: naive_pdf(blocks), args.runs)

    accel = rl_accel.fp_str.__module__ == "_rl_accel"
    load = os.getloadavg()[0]
    print(f"reportlab C accelerator: {'on' if accel else 'off'}; load average {load:.2f}; "
          f"{args.runs} pairs")  # fmt: skip
    print("| row | kiosk ms | baseline ms | ratio (median of pairs) | min – max |")
    print("|---|---:|---:|---:|---|")
    for name, row in (("thermal raster + PNG, 80 mm", raster), ("receipt PDF, 80 mm", pdf)):
        print(f"| {name} | {row['a']:.1f} | {row['b']:.1f} | {row['ratio']:.2f} | "
              f"{row['ratio_min']:.2f} – {row['ratio_max']:.2f} |")  # fmt: skip
    return 0


def _check_same_code(kiosk_png: bytes, naive_png: bytes) -> None:
    """Both rasters are as wide and carry the same QR payload (or the bench is void)."""
    import numpy as np
    from PIL import Image

    from kiosk.devices.qr_decoders import create_decoder

    decoder = create_decoder("zxing")
    found = []
    for data in (kiosk_png, naive_png):
        with Image.open(io.BytesIO(data)) as image:
            gray = np.asarray(image.convert("L"))
            found.append((image.width, decoder.decode(gray)))
    if found[0] != found[1] or not found[0][1]:
        raise SystemExit(f"the two rasters differ: {found}")


if __name__ == "__main__":
    raise SystemExit(main())
