"""Export benchmark on PostgreSQL: ``kiosk export`` against ``psql \\copy`` of the same query.

    .venv/bin/python bench/bench_export_pg.py [--transactions 100000] [--runs 5]

Creates a throw-away database ``kiosk_bench`` on 127.0.0.1:5432 (trust auth; ``--url`` for
another server) and seeds it once with :func:`kiosk.tools.demo.seed_demo` (kept, with its
privacy key, under bench/out/pg-seed-<n>-<seed>/; reruns skip the seeding). Then, each
variant a fresh process, interleaved A B A B …:

- ``kiosk export --format csv`` (masked) against ``psql \\copy`` of the very select the
  export runs (with the export's session settings), written as CSV by psql: the server's
  work is the same, what differs is everything the kiosk adds (start-up, labels, masking,
  time zones, formula defusing, its CSV);
- ``kiosk export --format xlsx`` against a plain openpyxl write-only workbook of the CSV
  export's cells (same rows; the kiosk adds typed dates, styles and the summary sheet);
- the XLSX's "Tổng hợp" sheet alone, timed in one process (:func:`summary_rows`).

Prints a markdown report and writes it into bench/EXPORT-PG.md between the ``bench:``
markers (the rest of that file is kept).
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_export import OUT, ROOT, Run, Seeded, measure, seed

RESULTS = ROOT / "bench" / "EXPORT-PG.md"
SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"
DATABASE = "kiosk_bench"
START_MARK, END_MARK = "<!-- bench:start -->", "<!-- bench:end -->"
TARGET_RATIO = 1.5
FORMATTED = "psql \\copy of the formatted select"


def pg_seed(url: str, transactions: int) -> Seeded:
    """Create ``kiosk_bench`` if missing and seed it once (bench_export's seeding process)."""
    import sqlalchemy

    server, name = url.rsplit("/", 1)
    admin = sqlalchemy.create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        found = connection.exec_driver_sql(
            "SELECT 1 FROM pg_database WHERE datname = %(name)s", {"name": name}
        ).scalar()
        if not found:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return seed(transactions, prefix="pg-seed", url=url)


def export_sql(start: str, end: str) -> str:
    """The export's own select and session settings, as one psql script line each."""
    from kiosk.app import build_kiosk
    from kiosk.services.reporting.export import queries
    from kiosk.settings import load_settings

    kiosk = build_kiosk(load_settings())
    try:
        with kiosk.db.reading() as connection:
            sql = queries.joined_sql(
                connection, date.fromisoformat(start), date.fromisoformat(end),
                kiosk.counter_id, unmasked=False,
            )  # fmt: skip
    finally:
        kiosk.close()
    return sql


def formatted_sql(start: str, end: str) -> str:
    """The COPY the masked CSV export runs on PostgreSQL (its whole period in one slice)."""
    from kiosk.app import build_kiosk
    from kiosk.services.reporting.export import server_csv
    from kiosk.settings import load_settings

    kiosk = build_kiosk(load_settings())
    try:
        with kiosk.db.reading() as connection:
            query = server_csv.formatted_select(
                kiosk.catalogue, date.fromisoformat(start), date.fromisoformat(end),
                kiosk.counter_id, server_csv.names(connection),
            )  # fmt: skip
            statement = server_csv.copy_statement(connection, query)
    finally:
        kiosk.close()
    return statement.removeprefix("COPY (").removesuffix(") TO STDOUT (FORMAT csv)")


def baseline_script(seeded: Seeded, url: str, out: Path, *, formatted: bool = False) -> Path:
    """A psql script: the export's settings, then ``\\copy (its select) TO out`` as CSV.

    The yardstick is the select of the rows the export reads (one a service line, the
    values raw); ``formatted``: instead the select whose cells the server formats for the
    masked CSV (server_csv), to tell the server's share of the export from the kiosk's.
    """
    if formatted:
        from kiosk.services.reporting.export.server_csv import COPY_SETTINGS as settings

        sql = formatted_sql(seeded.first_day, seeded.last_day)
    else:
        from kiosk.services.reporting.export.queries import PG_SETTINGS as settings

        sql = export_sql(seeded.first_day, seeded.last_day)
    lines = ["BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;"]
    lines += [f"{setting};" for setting in settings]
    header = "" if formatted else ", HEADER"
    lines += [f"\\copy ({' '.join(sql.split())}) TO '{out}' WITH (FORMAT csv{header})", "COMMIT;"]
    script = OUT / ("formatted-pg.sql" if formatted else "baseline-pg.sql")
    script.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return script


def openpyxl_baseline(source: Path, out: Path) -> None:
    """The yardstick of the XLSX: the CSV export's cells (the same rows, all as text, no
    styles, no summary) in an openpyxl write-only sheet."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("rows")
    with source.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.reader(handle):
            sheet.append(row)
    book.save(out)


def time_summary(start: str, end: str) -> None:
    """Child process: how long the "Tổng hợp" sheet's rows take, in the export's snapshot."""
    from sqlalchemy.orm import Session

    from kiosk.app import build_kiosk
    from kiosk.services.reporting.export.summary import summary_rows
    from kiosk.settings import load_settings

    kiosk = build_kiosk(load_settings())
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    times = []
    for _ in range(3):
        with kiosk.db.reading() as connection, Session(bind=connection) as session:
            connection.exec_driver_sql("SET LOCAL jit = off")  # as the export's transaction
            began = time.perf_counter()
            summary_rows(session, kiosk.catalogue, first, last, kiosk.counter_id, "bench")
            times.append(time.perf_counter() - began)
    kiosk.close()
    print(" ".join(f"{t:.3f}" for t in times))


def pairs(results: dict[str, list[Run]], a: str, b: str) -> str:
    """min / median / max of A, B and A/B pair by pair."""
    ratios = [x.seconds / y.seconds for x, y in zip(results[a], results[b], strict=True)]
    rows = []
    for name, values in ((a, [r.seconds for r in results[a]]), (b, [r.seconds for r in results[b]]),
                         (f"{a} ÷ {b}", ratios)):  # fmt: skip
        unit = "" if name.endswith(b) and "÷" in name else " s"
        rows.append(
            f"| {name} | {statistics.median(values):.2f}{unit} | "
            f"{min(values):.2f} – {max(values):.2f}{unit} |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transactions", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5, help="CSV pairs")
    parser.add_argument("--xlsx-runs", type=int, default=2, help="XLSX pairs (slow)")
    parser.add_argument(
        "--kiosk-root", type=Path, default=ROOT,
        help="run the kiosk of another checkout (git archive of an older commit: before/after)",
    )  # fmt: skip
    parser.add_argument("--url", default=f"{SERVER}/{DATABASE}")
    parser.add_argument("--no-write", action="store_true", help="do not update EXPORT-PG.md")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    seeded = pg_seed(args.url, args.transactions)
    env = seeded.env()
    os.environ.update(env)
    psql_csv, kiosk_csv = OUT / "baseline-pg.csv", OUT / "kiosk-pg.csv"
    script = baseline_script(seeded, args.url, psql_csv)
    formatted = baseline_script(seeded, args.url, OUT / "formatted-pg.csv", formatted=True)
    host = args.url.split("@", 1)[1].split("/", 1)[0]
    user = args.url.split("//", 1)[1].split("@", 1)[0]
    name, port = args.url.rsplit("/", 1)[1], host.split(":")[1]
    psql = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", host.split(":")[0], "-p", port,
            "-U", user, "-d", name, "-f"]  # fmt: skip
    kiosk = ["env", "-C", str(args.kiosk_root), sys.executable, "-m", "kiosk", "export",
             "--from", seeded.first_day, "--to", seeded.last_day]  # fmt: skip
    csv_pair = {
        "kiosk export --format csv": [*kiosk, "--format", "csv", "--out", str(kiosk_csv)],
        "psql \\copy": [*psql, str(script)],
        FORMATTED: [*psql, str(formatted)],
    }
    xlsx_pair = {
        "kiosk export --format xlsx": [*kiosk, "--format", "xlsx",
                                       "--out", str(OUT / "kiosk-pg.xlsx")],
        "openpyxl write-only": [sys.executable, __file__, "_openpyxl", str(kiosk_csv),
                                str(OUT / "openpyxl-pg.xlsx")],
    }  # fmt: skip
    load = os.getloadavg()
    results: dict[str, list[Run]] = {name: [] for name in [*csv_pair, *xlsx_pair]}
    for pair, runs in ((csv_pair, args.runs), (xlsx_pair, args.xlsx_runs)):
        for _ in range(runs):
            for name, command in pair.items():
                results[name].append(measure(command, env))
    summary = subprocess.run(
        [sys.executable, __file__, "_summary", seeded.first_day, seeded.last_day],
        env={**env, "PYTHONPATH": str(args.kiosk_root)}, cwd=ROOT, check=True,
        capture_output=True, text=True,
    ).stdout.split()  # fmt: skip
    finished = os.getloadavg()
    with psql_csv.open(encoding="utf-8") as handle:
        psql_rows = sum(1 for _ in csv.reader(handle)) - 1
    with kiosk_csv.open(encoding="utf-8-sig", newline="") as handle:
        kiosk_rows = sum(1 for _ in csv.reader(handle)) - 1
    csv_ratio = statistics.median(
        a.seconds / b.seconds
        for a, b in zip(results["kiosk export --format csv"], results["psql \\copy"], strict=True)
    )
    verdict = "met" if csv_ratio <= TARGET_RATIO else "MISSED"
    report = "\n".join([
        f"Rows: {seeded.transactions:,} visits ({seeded.first_day} … {seeded.last_day}) on "
        f"PostgreSQL ({args.url.split('@', 1)[1]}); psql wrote {psql_rows:,} rows (one a "
        f"service line), the kiosk {kiosk_rows:,} (one a visit).",
        "",
        f"{args.runs} CSV pairs and {args.xlsx_runs} XLSX pairs, each pair A then B, each a "
        "fresh process (start-up included); load average at the start "
        f"{load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f}, at the end {finished[0]:.2f}, "
        f"{finished[1]:.2f}, {finished[2]:.2f} (2 CPUs shared with other jobs). The kiosk "
        f"run: {'this checkout' if args.kiosk_root == ROOT else args.kiosk_root}.",
        "",
        "| variant | wall (median) | min – max |",
        "|---|---:|---:|",
        pairs(results, "kiosk export --format csv", "psql \\copy"),
        *pairs(results, FORMATTED, "psql \\copy").split("\n")[::2],
        pairs(results, "kiosk export --format csv", FORMATTED).split("\n")[2],
        *([pairs(results, "kiosk export --format xlsx", "openpyxl write-only")]
          if args.xlsx_runs else []),
        "",
        f"({FORMATTED}: the select whose cells the server formats for the masked CSV, as "
        "this checkout's kiosk runs it, written by psql: the server's share of the export.)",
        "",
        f"CSV target ≤ {TARGET_RATIO}× psql: **{verdict}** ({csv_ratio:.2f}×, median of the "
        "pairs).",
        "",
        f"The \"Tổng hợp\" sheet alone (in one process, 3 times): {', '.join(summary)} s.",
        "",
        f"Machine: {platform.platform()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs.",
    ])  # fmt: skip
    print(report)
    if not args.no_write:
        write_results(report)
    return 0


def write_results(report: str) -> None:
    """Replace the generated part of EXPORT-PG.md, keeping everything else."""
    block = f"{START_MARK}\n{report}\n{END_MARK}"
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    if START_MARK in text and END_MARK in text:
        before, rest = text.split(START_MARK, 1)
        RESULTS.write_text(before + block + rest.split(END_MARK, 1)[1], encoding="utf-8")
    else:
        RESULTS.write_text(f"# Export benchmark on PostgreSQL\n\n{block}\n", encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_openpyxl":
        openpyxl_baseline(Path(sys.argv[2]), Path(sys.argv[3]))
    elif len(sys.argv) > 1 and sys.argv[1] == "_summary":
        time_summary(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit(main())
