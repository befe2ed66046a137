"""Export benchmark: plain ``sqlite3`` + ``csv`` against ``kiosk export`` (CSV and XLSX).

    .venv/bin/python bench/bench_export.py [--transactions 100000] [--runs 3]

Seeds a SQLite database once with :func:`kiosk.tools.demo.seed_demo` (cached under
bench/out/, so reruns skip it), then runs each variant ``--runs`` times, interleaved, each
in a fresh process: wall time from start to exit, peak RSS from the child's own rusage.
Prints a markdown table and writes it into bench/RESULTS.md between the ``bench:`` markers
(anything else in that file is kept).

Variants:
- baseline: a plain script (sqlite3 + csv) over the same join of transactions and their
  service lines, one row per transaction, no labels, no time zones: the yardstick;
- kiosk csv / kiosk xlsx: the real CLI (``python -m kiosk export``), masked.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
RESULTS = ROOT / "bench" / "RESULTS.md"
END_DAY = date(2026, 11, 23)
DAYS = 30
SEED = 1
START_MARK, END_MARK = "<!-- bench:start -->", "<!-- bench:end -->"
TARGET_RATIO, TARGET_RSS_MB = 3.0, 200.0

BASELINE_SQL = """
SELECT t.id, t.receipt_no, t.business_day, t.started_at, t.finished_at, t.status,
       c.id_masked, c.birth_year, c.gender, t.satisfaction, s.service_code, s.outcome
FROM transactions t
LEFT JOIN citizens c ON c.id = t.citizen_id
LEFT JOIN transaction_services s ON s.transaction_id = t.id
WHERE t.business_day BETWEEN ? AND ?
ORDER BY t.business_day, t.started_at, t.id, s.position
"""


def baseline(database: Path, out: Path, start: str, end: str) -> int:
    """The yardstick: one CSV row per transaction, services joined with '; '."""
    connection = sqlite3.connect(database)
    rows = connection.execute(BASELINE_SQL, (start, end))
    written = 0
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["receipt", "day", "started", "finished", "status", "id", "birth_year",
                         "gender", "satisfaction", "services", "outcomes"])  # fmt: skip
        for _, group in itertools.groupby(rows, key=lambda row: row[0]):
            lines = list(group)
            head = lines[0]
            writer.writerow([*head[1:10], "; ".join(r[10] or "" for r in lines),
                             "; ".join(r[11] or "" for r in lines)])  # fmt: skip
            written += 1
    connection.close()
    return written


@dataclass(frozen=True)
class Seeded:
    """A cached, seeded database and the privacy key it belongs to."""

    root: Path
    seconds: float
    first_day: str
    last_day: str
    transactions: int
    url: str = ""  # a PostgreSQL database instead of the SQLite file (bench_export_pg.py)

    @property
    def database(self) -> Path:
        return self.root / "data" / "kiosk.sqlite3"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
        env.update(
            KIOSK_CONFIG_DIR=str(self.root / "config"),
            KIOSK_DATA_DIR=str(self.root / "data"),
            KIOSK_DATABASE_URL=self.url or f"sqlite:///{self.database}",
        )
        return env


def seed(transactions: int, *, prefix: str = "seed", url: str = "") -> Seeded:
    """Seed (or reuse) bench/out/<prefix>-<n>-<seed>/ and return where it is."""
    root = OUT / f"{prefix}-{transactions}-{SEED}"
    seeded = Seeded(root, 0.0, "", "", transactions, url)
    info = root / "seed.json"
    if not info.exists():  # an interrupted run leaves no seed.json: start again
        root.mkdir(parents=True, exist_ok=True)
        if not url:
            seeded.database.unlink(missing_ok=True)
        command = [sys.executable, __file__, "_seed", str(transactions)]
        subprocess.run(command, env=seeded.env(), check=True, cwd=ROOT)
    data = json.loads(info.read_text(encoding="utf-8"))
    return replace(seeded, seconds=data["seconds"], first_day=data["first_day"],
                   last_day=data["last_day"])  # fmt: skip


def _seed_here(transactions: int) -> None:
    """Child process: seed the database named by the environment; write seed.json."""
    from kiosk.app import build_kiosk
    from kiosk.settings import load_settings
    from kiosk.tools.demo import seed_demo

    kiosk = build_kiosk(load_settings())
    began = time.perf_counter()
    result = seed_demo(kiosk.db, kiosk.vault, kiosk.catalogue, transactions=transactions,
                       days=DAYS, seed=SEED, end_day=END_DAY)  # fmt: skip
    seconds = time.perf_counter() - began
    kiosk.close()
    info = {"seconds": round(seconds, 2), "first_day": result.first_day.isoformat(),
            "last_day": result.last_day.isoformat(), "citizens": result.citizens}  # fmt: skip
    root = Path(os.environ["KIOSK_CONFIG_DIR"]).parent
    (root / "seed.json").write_text(json.dumps(info), encoding="utf-8")


@dataclass(frozen=True)
class Run:
    """One measured process."""

    seconds: float
    peak_mb: float


def measure(command: list[str], env: dict[str, str]) -> Run:
    """Run ``command`` to its end; wall time and the child's own peak RSS."""
    began = time.perf_counter()
    child = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - began
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{command} failed with exit code {child.returncode}")
    return Run(seconds, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux


def variants(seeded: Seeded, kiosk_root: Path = ROOT) -> dict[str, list[str]]:
    """Name → command of each variant, all over the same days (the kiosk of ``kiosk_root``)."""
    first, last = seeded.first_day, seeded.last_day
    kiosk = ["env", "-C", str(kiosk_root), sys.executable, "-m", "kiosk", "export",
             "--from", first, "--to", last]  # fmt: skip
    return {
        "baseline (sqlite3 + csv)": [sys.executable, __file__, "_baseline", str(seeded.database),
                                     str(OUT / "baseline.csv"), first, last],
        "kiosk export --format csv": [*kiosk, "--format", "csv", "--out", str(OUT / "kiosk.csv")],
        "kiosk export --format xlsx": [*kiosk, "--format", "xlsx",
                                       "--out", str(OUT / "kiosk.xlsx")],
    }  # fmt: skip


def table(seeded: Seeded, results: dict[str, list[Run]]) -> str:
    """The markdown report."""
    names = list(results)
    base = statistics.median(r.seconds for r in results[names[0]])
    base_rss = max(r.peak_mb for r in results[names[0]])
    runs = len(results[names[0]])
    lines = [
        f"Rows: {seeded.transactions:,} transactions ({seeded.first_day} … {seeded.last_day}), "
        f"SQLite file {seeded.database.stat().st_size / 1e6:.0f} MB. "
        f"Seeding with `seed_demo`: {seeded.seconds:.1f} s.",
        "",
        f"Median of {runs} runs, each a fresh process (start-up included); peak RSS of the "
        "process from its own rusage.",
        "",
        "| variant | wall (median) | min – max | × baseline | peak RSS | × baseline RSS |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name in names:
        times = [r.seconds for r in results[name]]
        median = statistics.median(times)
        peak = max(r.peak_mb for r in results[name])
        lines.append(
            f"| {name} | {median:.2f} s | {min(times):.2f} – {max(times):.2f} s | "
            f"{median / base:.2f} | {peak:.0f} MB | {peak / base_rss:.1f} |"
        )
    csv_name = names[1]
    csv_ratio = statistics.median(r.seconds for r in results[csv_name]) / base
    csv_peak = max(r.peak_mb for r in results[csv_name])
    verdict = "met" if csv_ratio <= TARGET_RATIO and csv_peak < TARGET_RSS_MB else "MISSED"
    lines += [
        "",
        f"Target for CSV: within {TARGET_RATIO:.0f}× of baseline and under "
        f"{TARGET_RSS_MB:.0f} MB RSS: **{verdict}** ({csv_ratio:.2f}×, {csv_peak:.0f} MB).",
        "",
        f"Machine: {platform.platform()}, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs.",
    ]
    return "\n".join(lines)


def write_results(report: str) -> None:
    """Replace the generated part of RESULTS.md, keeping everything else."""
    block = f"{START_MARK}\n{report}\n{END_MARK}"
    if RESULTS.exists():
        text = RESULTS.read_text(encoding="utf-8")
        if START_MARK in text and END_MARK in text:
            before, rest = text.split(START_MARK, 1)
            after = rest.split(END_MARK, 1)[1]
            RESULTS.write_text(before + block + after, encoding="utf-8")
            return
    RESULTS.write_text(f"# Export benchmark\n\n{block}\n", encoding="utf-8")


def count_rows(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transactions", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="do not update RESULTS.md")
    parser.add_argument(
        "--kiosk-root", type=Path, default=ROOT,
        help="run the kiosk of another checkout (a git worktree of an older commit)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    seeded = seed(args.transactions)
    commands = variants(seeded, args.kiosk_root)
    results: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            results[name].append(measure(command, seeded.env()))
    base_rows, our_rows = count_rows(OUT / "baseline.csv"), count_rows(OUT / "kiosk.csv")
    if base_rows != our_rows:
        raise SystemExit(f"row counts differ: baseline {base_rows}, kiosk {our_rows}")
    report = table(seeded, results)
    print(report)
    if not args.no_write:
        write_results(report)
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_baseline":
        baseline(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4], sys.argv[5])
    elif len(sys.argv) > 1 and sys.argv[1] == "_seed":
        _seed_here(int(sys.argv[2]))
    else:
        raise SystemExit(main())
