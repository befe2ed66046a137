"""Receipt and Z-report timings (issue 6 targets: receipt < 20 ms median, Z-report over
10,000 visits of one day < 2 s).

Usage: .venv/bin/python bench/bench_documents.py   (uses a throw-away SQLite database)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _median_ms(action, runs: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), max(samples)


def main() -> int:
    """Seed one day of 10,000 visits, close it, time a receipt and the Z-report."""
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["KIOSK_CONFIG_DIR"] = f"{scratch}/config"
        os.environ["KIOSK_DATA_DIR"] = f"{scratch}/data"
        from kiosk.app import build_kiosk
        from kiosk.documents.receipt import render_receipt
        from kiosk.documents.z_report import render_z_report
        from kiosk.domain.clock import FixedClock
        from kiosk.services.reporting.z_report import gather_z_report
        from kiosk.settings import load_settings
        from kiosk.tools.demo import seed_demo

        day = date(2026, 11, 23)
        settings = load_settings()
        kiosk = build_kiosk(settings, clock=FixedClock(datetime(2026, 11, 23, 12, tzinfo=UTC)))
        started = time.perf_counter()
        seed_demo(kiosk.db, kiosk.vault, kiosk.catalogue, transactions=10_000, days=1,
                  seed=1, end_day=day)  # fmt: skip
        seeded = time.perf_counter() - started
        kiosk.days.close(day)
        record = next(t for t in kiosk.transactions.list_day(day) if t.receipt_no)
        centre = settings.centre
        rows = []
        for paper in ("80mm", "58mm", "a5"):
            median, worst = _median_ms(
                lambda paper=paper: render_receipt(
                    record, centre=centre, catalogue=kiosk.catalogue, paper=paper
                ),
                50,
            )
            rows.append((f"receipt {paper} (50 renders)", median, worst))
        gather = _median_ms(
            lambda: gather_z_report(kiosk.db, kiosk.catalogue, kiosk.counter_id, day), 5
        )
        facts = gather_z_report(kiosk.db, kiosk.catalogue, kiosk.counter_id, day)
        render = _median_ms(lambda: render_z_report(facts), 5)
        rows.append(("Z-report gather, 10,000 visits (5 runs)", *gather))
        rows.append(("Z-report render (5 runs)", *render))
        kiosk.close()
    print(f"seeding 10,000 visits of one day: {seeded:.1f} s")
    print("| what | median ms | max ms |\n|---|---:|---:|")
    for name, median, worst in rows:
        print(f"| {name} | {median:.1f} | {worst:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
