"""The helper's today list and recording one visit, each beside a raw ``sqlite3`` baseline.

    .venv/bin/python bench/bench_visits.py [--visits 437 5374] [--rounds 21] [--records 60]
        [--dir DIR]
    BENCH_CODE=../before .venv/bin/python bench/bench_visits.py …   # an older commit's kiosk
    … --pg postgresql+psycopg://postgres@127.0.0.1:5432/test        # the visit on PostgreSQL

One process, everything interleaved (kiosk, baseline, kiosk, baseline… the order swapped
every round), so a ratio is taken on a machine in the same state; the median of the per-pair
ratios is quoted. The data is the demo seeder's (:func:`kiosk.tools.demo.seed_demo`, seed
16, one day); the database is an SQLite file under ``--dir`` (default bench/out/visits, on
disk: every commit there waits for its fsync; give /dev/shm to see the CPU alone).

- **list**: ``TransactionLog.list_day`` (the helper's "today" list) against a raw sqlite3
  read of the same rows (one joined SELECT of the visits, one each for their service lines,
  barriers and corrections, the same decryption) that builds the same
  :class:`TransactionRecord` values; the two lists are checked equal. The kiosk's SQL
  statements are counted.
- **record**: one visit start → outcome → finish, three commits (``start``,
  ``record_outcome``, ``finish``; anonymous helper, a returning citizen, one service)
  against the same three commits in raw sqlite3 on the same file (same pragmas: WAL,
  ``synchronous=FULL``, foreign keys): the same rows in the same tables, checked by counting
  each table's new rows per visit.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# BENCH_CODE=DIR: the kiosk's code from DIR (a worktree of an older commit) for "before"
sys.path.insert(0, os.environ.get("BENCH_CODE", str(ROOT)))

from sqlalchemy import event  # noqa: E402

from kiosk.domain.clock import local_day  # noqa: E402
from kiosk.domain.values import ServiceOutcome, TransactionRecord  # noqa: E402
from kiosk.services.people.privacy import PrivacyVault, mask_id_number  # noqa: E402

SEED = 16
DONE = ServiceOutcome("vssid", "done")
TABLES = ("citizens", "consents", "transactions", "transaction_services", "audit_log")

_VISITS_SQL = """
SELECT t.id, c.code, t.business_day, t.started_at, t.finished_at, t.status, t.receipt_no,
       h.full_name, z.id_masked, z.name_enc, z.birth_year, z.gender, t.satisfaction,
       t.referral, t.follow_up_on, t.follow_up_phone_enc, t.notes_enc, t.corrects_id,
       t.correction_reason
FROM transactions t JOIN counters c ON c.id = t.counter_id
LEFT JOIN helpers h ON h.id = t.helper_id LEFT JOIN citizens z ON z.id = t.citizen_id
WHERE t.counter_id = ? AND t.business_day = ? ORDER BY t.started_at"""
_CHOSEN = "SELECT id FROM transactions WHERE counter_id = ? AND business_day = ?"
_SERVICES_SQL = f"""SELECT transaction_id, service_code, outcome, reason_code, dossier_code,
procedure_name FROM transaction_services WHERE transaction_id IN ({_CHOSEN})
ORDER BY transaction_id, position"""
_BARRIERS_SQL = f"""SELECT transaction_id, barrier_code FROM transaction_barriers
WHERE transaction_id IN ({_CHOSEN})"""
_CORRECTIONS_SQL = f"""SELECT corrects_id, id FROM transactions WHERE corrects_id IN ({_CHOSEN})
ORDER BY started_at"""


def _utc(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text + "+00:00")


def baseline_list(
    raw: sqlite3.Connection, vault: PrivacyVault, counter_id: int, day: date
) -> list[TransactionRecord]:
    """The day's list in raw sqlite3: four SELECTs, decryption in a loop, the same values."""
    args = (counter_id, day.isoformat())
    raw.execute("BEGIN DEFERRED")
    try:
        visits = raw.execute(_VISITS_SQL, args).fetchall()
        groups: list[dict[str, list[tuple[Any, ...]]]] = []
        for sql in (_SERVICES_SQL, _BARRIERS_SQL, _CORRECTIONS_SQL):
            grouped: dict[str, list[tuple[Any, ...]]] = {}
            for first, *rest in raw.execute(sql, args).fetchall():
                grouped.setdefault(first, []).append(tuple(rest))
            groups.append(grouped)
    finally:
        raw.execute("ROLLBACK")
    services, barriers, corrections = groups
    out = []
    for r in visits:
        key = r[0]
        out.append(
            TransactionRecord(
                id=uuid.UUID(key),
                counter_code=r[1],
                business_day=date.fromisoformat(r[2]),
                started_at=_utc(r[3]),
                finished_at=_utc(r[4]),
                status=r[5],  # type: ignore[arg-type]
                receipt_no=r[6],
                helper_name=r[7],
                citizen_id_masked=r[8],
                citizen_name=vault.decrypt(r[9]) if r[9] else None,
                citizen_birth_year=r[10],
                citizen_gender=r[11],
                services=tuple(ServiceOutcome(*s) for s in services.get(key, ())),
                barriers=tuple(b for (b,) in barriers.get(key, ())),
                satisfaction=r[12],
                referral=r[13],
                follow_up_on=date.fromisoformat(r[14]) if r[14] else None,
                follow_up_phone=vault.decrypt(r[15]) if r[15] else None,
                notes=vault.decrypt(r[16]) if r[16] else None,
                corrects_id=uuid.UUID(r[17]) if r[17] else None,
                correction_reason=r[18],
                corrections=tuple(uuid.UUID(c) for (c,) in corrections.get(key, ())),
            )
        )
    return out


def bare_list(raw: sqlite3.Connection, vault: PrivacyVault, counter_id: int, day: date) -> int:
    """The issue's yardstick: the same four SELECTs and the decryption, no values built."""
    args = (counter_id, day.isoformat())
    raw.execute("BEGIN DEFERRED")
    try:
        rows = raw.execute(_VISITS_SQL, args).fetchall()
        for sql in (_SERVICES_SQL, _BARRIERS_SQL, _CORRECTIONS_SQL):
            raw.execute(sql, args).fetchall()
    finally:
        raw.execute("ROLLBACK")
    for row in rows:
        for token in (row[9], row[15], row[16]):
            if token:
                vault.decrypt(token)
    return len(rows)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


# The statements of the baseline visit: what the kiosk's three units of work write and read.
CLOSED = "SELECT id FROM day_closures WHERE counter_id = ? AND business_day = ? LIMIT 1"
CITIZEN = "SELECT id FROM citizens WHERE id_hash = ?"
SEEN = """UPDATE citizens SET id_masked = ?, name_enc = ?, birth_year = ?, gender = ?,
last_seen_at = ?, erased_at = NULL WHERE id = ?"""
AUDIT = """INSERT INTO audit_log (at, helper_id, actor, action, subject, details)
VALUES (?, NULL, 'kiosk', ?, ?, '{}')"""
CONSENT = """INSERT INTO consents (citizen_id, notice_version, given_at, recorded_by)
VALUES (?, ?, ?, NULL)"""
VISIT = """INSERT INTO transactions (id, counter_id, citizen_id, business_day, started_at, status)
VALUES (?, ?, ?, ?, ?, 'open')"""
LINE = "INSERT INTO transaction_services (transaction_id, position, service_code) VALUES (?, 0, ?)"
VISIT_STATE = "SELECT status, business_day FROM transactions WHERE id = ?"
LINE_ID = "SELECT id FROM transaction_services WHERE transaction_id = ? AND service_code = ?"
OUTCOME = "UPDATE transaction_services SET outcome = ?, recorded_at = ? WHERE id = ?"
PENDING = "SELECT count(*) FROM transaction_services WHERE transaction_id = ? AND outcome IS NULL"
NUMBER = """INSERT INTO receipt_sequences (counter_id, business_day, last_number) VALUES (?, ?, 1)
ON CONFLICT (counter_id, business_day) DO UPDATE SET last_number = last_number + 1
RETURNING last_number"""
FINISHED = """UPDATE transactions SET finished_at = ?, status = 'finished', receipt_no = ?,
receipt_seq = ? WHERE id = ?"""
NAME = "SELECT name_enc FROM citizens WHERE id = ?"


class BaselineVisit:
    """One visit's three commits in raw sqlite3, the same rows the kiosk writes."""

    def __init__(self, path: Path, vault: PrivacyVault, counter_id: int, code: str) -> None:
        self.raw = sqlite3.connect(path, isolation_level=None)
        for pragma in ("busy_timeout=30000", "journal_mode=WAL", "synchronous=FULL"):
            self.raw.execute(f"PRAGMA {pragma}")
        self.raw.execute("PRAGMA foreign_keys=ON")
        self.vault, self.counter_id, self.code = vault, counter_id, code

    def run(self, person: Any) -> str:
        """start → outcome → finish; returns the receipt number."""
        db, now, vault = self.raw, datetime.now(UTC), self.vault
        day, stamp, visit = local_day(now).isoformat(), _stamp(now), uuid.uuid4().hex
        masked, name = mask_id_number(person.id_number), vault.encrypt(person.full_name)
        db.execute("BEGIN IMMEDIATE")  # start
        self._open_day(day)
        (citizen,) = db.execute(CITIZEN, (vault.id_hash(person.id_number),)).fetchone()
        db.execute(SEEN, (masked, name, person.birth_year, person.gender, stamp, citizen))
        db.execute(AUDIT, (stamp, "transaction.start", str(uuid.UUID(visit))))
        db.execute(CONSENT, (citizen, person.consent_notice_version, stamp))
        db.execute(VISIT, (visit, self.counter_id, citizen, day, stamp))
        db.execute(LINE, (visit, DONE.service_code))
        db.execute("COMMIT")
        db.execute("BEGIN IMMEDIATE")  # record_outcome
        self._editable(visit)
        (line,) = db.execute(LINE_ID, (visit, DONE.service_code)).fetchone()
        db.execute(OUTCOME, (DONE.outcome, _stamp(datetime.now(UTC)), line))
        db.execute("COMMIT")
        db.execute("BEGIN IMMEDIATE")  # finish
        self._editable(visit)
        if db.execute(PENDING, (visit,)).fetchone()[0]:
            raise RuntimeError("outcomes missing")
        (seq,) = db.execute(NUMBER, (self.counter_id, day)).fetchone()
        receipt, stamp = f"{self.code}-{day.replace('-', '')}-{seq:04d}", _stamp(datetime.now(UTC))
        db.execute(AUDIT, (stamp, "transaction.finish", receipt))
        db.execute(FINISHED, (stamp, receipt, seq, visit))
        vault.decrypt(db.execute(NAME, (citizen,)).fetchone()[0])  # the finish's record
        db.execute("COMMIT")
        return receipt

    def _open_day(self, day: str) -> None:
        if self.raw.execute(CLOSED, (self.counter_id, day)).fetchone():
            raise RuntimeError("day closed")

    def _editable(self, visit: str) -> None:
        status, day = self.raw.execute(VISIT_STATE, (visit,)).fetchone()
        if status != "open":
            raise RuntimeError("visit ended")
        self._open_day(day)

    def counts(self) -> dict[str, int]:
        """Rows per table (to check both sides write the same rows)."""
        return {t: self.raw.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def _pairs(
    a: Callable[[], Any], b: Callable[[], Any], rounds: int
) -> tuple[list[float], list[float]]:
    """``a`` and ``b`` timed in turn, the order swapped every round (seconds)."""
    ta: list[float] = []
    tb: list[float] = []
    for n in range(rounds):
        for f, times in ((a, ta), (b, tb)) if n % 2 == 0 else ((b, tb), (a, ta)):
            start = time.perf_counter()
            f()
            times.append(time.perf_counter() - start)
    return ta, tb


def _row(what: str, kiosk_s: list[float], base_s: list[float], extra: str = "") -> str:
    ratio = statistics.median(k / b for k, b in zip(kiosk_s, base_s, strict=True))
    ms = statistics.median(kiosk_s) * 1000, statistics.median(base_s) * 1000
    return f"| {what} | {ms[0]:.2f} | {ms[1]:.2f} | {ratio:.2f}x | {extra} |"


def _kiosk(root: Path, url: str = "") -> Any:
    os.environ["KIOSK_CONFIG_DIR"] = str(root / "config")
    os.environ["KIOSK_DATA_DIR"] = str(root / "data")
    os.environ["KIOSK_DATABASE_URL"] = url or f"sqlite:///{root / 'kiosk.sqlite3'}"
    os.environ.pop("KIOSK_CENTRAL_DATABASE_URL", None)
    from kiosk.app import build_kiosk
    from kiosk.settings import load_settings

    return build_kiosk(load_settings())


def bench_list(base_dir: Path, visits: int, rounds: int) -> str:
    """Seed a day of ``visits`` and time the list against its baseline."""
    from kiosk.tools.demo import seed_demo

    root = Path(tempfile.mkdtemp(prefix=f"list-{visits}-", dir=base_dir))
    kiosk = _kiosk(root)
    day = local_day(kiosk.clock.now())
    seed_demo(
        kiosk.db, kiosk.vault, kiosk.catalogue, transactions=visits, days=1, seed=SEED, end_day=day
    )
    raw = sqlite3.connect(root / "kiosk.sqlite3", isolation_level=None)
    listed = kiosk.transactions.list_day(day)
    assert len(listed) == visits and listed == baseline_list(
        raw, kiosk.vault, kiosk.counter_id, day
    )
    statements = 0

    def counted(*_args: object) -> None:
        nonlocal statements
        statements += 1

    event.listen(kiosk.db.engine, "before_cursor_execute", counted)
    kiosk.transactions.list_day(day)
    event.remove(kiosk.db.engine, "before_cursor_execute", counted)
    ks, bs = _pairs(
        lambda: kiosk.transactions.list_day(day),
        lambda: baseline_list(raw, kiosk.vault, kiosk.counter_id, day),
        rounds,
    )
    ks2, bare = _pairs(
        lambda: kiosk.transactions.list_day(day),
        lambda: bare_list(raw, kiosk.vault, kiosk.counter_id, day),
        rounds,
    )
    kiosk.close()
    return "\n".join(
        [
            _row(f"today list, {visits} visits", ks, bs, f"{statements} statements; lists equal"),
            _row(f"today list, {visits} visits, vs SELECTs + decrypt only", ks2, bare),
        ]
    )


def bench_record(base_dir: Path, records: int) -> str:
    """Time one visit's three commits, kiosk against raw sqlite3, on one database file."""
    from tests.factories import NHUNG

    root = Path(tempfile.mkdtemp(prefix="record-", dir=base_dir))
    kiosk = _kiosk(root)
    log = kiosk.transactions

    def one() -> str:
        visit = log.start(helper_id=None, citizen=NHUNG, services=[DONE.service_code])
        log.record_outcome(visit, DONE)
        return str(log.finish(visit).receipt_no)

    one()  # the citizen exists from now on: both sides then record a returning citizen
    base = BaselineVisit(root / "kiosk.sqlite3", kiosk.vault, kiosk.counter_id, log.counter_code)
    before = base.counts()
    one()
    middle = base.counts()
    base.run(NHUNG)
    after = base.counts()
    added = {t: (middle[t] - before[t], after[t] - middle[t]) for t in TABLES}
    assert all(k == b for k, b in added.values()), added
    ks, bs = _pairs(one, lambda: base.run(NHUNG), records)
    kiosk.close()
    where = "tmpfs" if str(base_dir).startswith("/dev/shm") else "disk"
    return _row(f"record one visit (3 commits), SQLite on {where}", ks, bs, "same rows per table")


def bench_lock(base_dir: Path, records: int) -> str:
    """How long a finish with its receipt (a PDF) holds SQLite's write lock: from its
    ``BEGIN IMMEDIATE`` to its commit, measured by engine events."""
    from kiosk.services.printing import PrintQueue
    from tests.factories import NHUNG
    from tests.fakes import FolderPrinter

    root = Path(tempfile.mkdtemp(prefix="lock-", dir=base_dir))
    kiosk = _kiosk(root)
    log, settings = kiosk.transactions, kiosk.settings
    queue = PrintQueue(kiosk.db, kiosk.clock, FolderPrinter(root / "printed"))
    step = queue.receipt_step(
        centre=settings.centre, catalogue=kiosk.catalogue, paper=settings.receipt_paper
    )
    began: list[float] = []
    held: list[float] = []
    event.listen(kiosk.db.engine, "begin", lambda _conn: began.append(time.perf_counter()))
    event.listen(
        kiosk.db.engine, "commit", lambda _conn: held.append(time.perf_counter() - began[-1])
    )
    took = []
    for _ in range(records):
        visit = log.start(helper_id=None, citizen=NHUNG, services=[DONE.service_code])
        log.record_outcome(visit, DONE)
        start = time.perf_counter()
        log.finish_with_receipt(visit, step)
        took.append(time.perf_counter() - start)
    kiosk.close()
    finishes = held[2::3]  # each visit: start, outcome, finish
    lock, total = statistics.median(finishes) * 1000, statistics.median(took) * 1000
    what = "finish with its PDF receipt: write lock held"
    return f"| {what} | {lock:.2f} | – | – | the finish took {total:.1f} ms |"


def bench_record_pg(base_dir: Path, url: str, records: int) -> str:
    """The kiosk's three commits of a visit on PostgreSQL (a schema made for the run and
    dropped after; no raw baseline: the issue's is SQLite's)."""
    from sqlalchemy import create_engine, make_url, text

    from tests.factories import NHUNG

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        schema_url = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
        root = Path(tempfile.mkdtemp(prefix="pg-", dir=base_dir))
        kiosk = _kiosk(root, schema_url.render_as_string(hide_password=False))
        log, took = kiosk.transactions, []
        for n in range(records + 3):
            start = time.perf_counter()
            visit = log.start(helper_id=None, citizen=NHUNG, services=[DONE.service_code])
            log.record_outcome(visit, DONE)
            log.finish(visit)
            if n >= 3:
                took.append(time.perf_counter() - start)
        kiosk.close()
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    ms = statistics.median(took) * 1000
    return f"| record one visit (3 commits), PostgreSQL | {ms:.2f} | – | – | |"


def main() -> None:
    """Run the rows asked for and print them as a markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, nargs="*", default=[437, 5374])
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--records", type=int, default=60)
    parser.add_argument("--dir", type=Path, default=ROOT / "bench" / "out" / "visits")
    parser.add_argument("--pg", default="", help="a PostgreSQL URL: the visit there too")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    print(f"load: {os.getloadavg()[0]:.2f} (1 min)")
    print("| what | kiosk (ms) | baseline (ms) | ratio (median of pairs) | checked |")
    print("|---|---:|---:|---:|---|")
    for visits in args.visits:
        print(bench_list(args.dir, visits, args.rounds), flush=True)
    if args.records:
        print(bench_record(args.dir, args.records), flush=True)
        print(bench_lock(args.dir, max(args.records // 3, 5)), flush=True)
        if args.pg:
            print(bench_record_pg(args.dir, args.pg, args.records), flush=True)


if __name__ == "__main__":
    main()
