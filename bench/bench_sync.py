"""How fast a counter's queue empties into the centre's PostgreSQL database.

``.venv/bin/python bench/bench_sync.py [visits]`` records ``visits`` finished visits (default
1,000) on a fresh counter while the centre is unreachable, then times draining the whole
queue to the real server at 127.0.0.1:5432 (a fresh schema, dropped afterwards), and the
cost the outbox adds to recording a visit (the same visits recorded with no centre set).
It prints a Markdown table; copy it into bench/SYNC.md.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
import uuid
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PG_URL = os.environ.get("KIOSK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _record(kiosk: object, visits: int) -> float:
    from kiosk.domain.values import CitizenDetails, ServiceOutcome

    people = (
        CitizenDetails("001198012345", "Nguyễn Thị Hồng Nhung", 1998, "Nữ"),
        CitizenDetails("079203004567", "Trần Văn Bình", 2003, "Nam"),
        None,
    )
    log = kiosk.transactions  # type: ignore[attr-defined]
    started = time.perf_counter()
    for n in range(visits):
        visit = log.start(helper_id=None, citizen=people[n % 3], services=["vneid_level2"])
        log.record_outcome(visit, ServiceOutcome("vneid_level2", "done"))
        log.finish(visit)
    return time.perf_counter() - started


def main() -> int:
    """Run the benchmark and print the table."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from kiosk.app import build_kiosk
    from kiosk.settings import load_settings
    from kiosk.storage.database import create_kiosk_engine, upgrade_schema

    visits = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    central = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    # The centre's schema, as its administrator makes it (`kiosk centre upgrade`): counters
    # never migrate the centre, so the drain below measures sending only.
    centre_engine = create_kiosk_engine(central.render_as_string(hide_password=False))
    upgrade_schema(centre_engine)
    centre_engine.dispose()
    try:
        with tempfile.TemporaryDirectory() as scratch:
            os.environ["KIOSK_CONFIG_DIR"] = f"{scratch}/config"
            os.environ["KIOSK_DATA_DIR"] = f"{scratch}/data"
            base = load_settings()
            alone = build_kiosk(replace(base, database_url=f"sqlite:///{scratch}/alone.sqlite3"))
            plain = _record(alone, visits)
            alone.close()
            unreachable = "postgresql+psycopg://postgres@127.0.0.1:1/none"
            counter = build_kiosk(
                replace(
                    base,
                    database_url=f"sqlite:///{scratch}/q01.sqlite3",
                    central_database_url=unreachable,
                )
            )
            queued = _record(counter, visits)
            counter.close()
            counter = build_kiosk(
                replace(
                    base,
                    database_url=f"sqlite:///{scratch}/q01.sqlite3",
                    central_database_url=central.render_as_string(hide_password=False),
                )
            )
            assert counter.sync is not None
            rows = len(counter.sync.items())
            started = time.perf_counter()
            result = counter.sync.drain()
            drained = time.perf_counter() - started
            assert result.status.pending == 0 and result.sent == visits, result
            counter.close()
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    print(f"Visits: {visits:,} (start, outcome, finish each; two of three with a citizen).\n")
    print("| measure | total | per visit |")
    print("|---|---:|---:|")
    print(f"| record, no centre set | {plain:.2f} s | {plain / visits * 1000:.1f} ms |")
    print(f"| record, centre away (queued) | {queued:.2f} s | {queued / visits * 1000:.1f} ms |")
    print(f"| drain the queue to PostgreSQL | {drained:.2f} s | {drained / visits * 1000:.1f} ms |")
    print(f"\nQueue rows before draining: {rows:,} visits (each collapsed to one snapshot).")
    print(f"Machine: {platform.platform()}, Python {platform.python_version()}, 2 CPUs.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
