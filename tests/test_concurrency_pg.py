"""Receipt numbers are allocated atomically, even by separate processes at the same moment.

Four worker processes share one database: two act as the same counter Q01 (two
kiosks misconfigured with one code, or the GUI and a script), and Q02 and Q03 one
each. They open the new, empty database together (first start of a centre: one
migration, one counter row each) and then, released together, each finish visits as
fast as they can, spread over two business days. Every (counter, day) must get the
numbers 1..N exactly once, and ``receipt_sequences`` must end at N.

On PostgreSQL the upsert in ``next_receipt_sequence`` locks the sequence row; on
SQLite ``BEGIN IMMEDIATE`` serialises the writers of the one file (WAL).
"""

from __future__ import annotations

import time
from collections import defaultdict
from contextlib import ExitStack
from datetime import date
from pathlib import Path

from sqlalchemy import select

from kiosk.app import build_kiosk
from kiosk.domain.clock import FixedClock
from kiosk.services.people.privacy import load_or_create_key
from kiosk.settings import load_settings
from kiosk.storage.models import Counter, ReceiptSequence, Transaction
from tests.workers.counter_worker import START
from tests.workers.harness import Ack, Worker, parse_ack, worker_env

VISITS = 50  # per worker
DAYS = 2
WORKERS = ("Q01", "Q01", "Q02", "Q03")
DEADLINE_SECONDS = 60


def test_racing_processes_get_distinct_gap_free_receipts(database_url: str, tmp_path: Path) -> None:
    config, data = tmp_path / "config", tmp_path / "data"
    load_or_create_key(config / "privacy.key")  # copied to every counter before first start
    args = ("--wait-build", "--wait-start", f"--count={VISITS}", f"--days={DAYS}")
    acks: dict[int, list[Ack]] = {}
    spans: list[tuple[float, float]] = []
    with ExitStack() as stack:
        workers = [
            stack.enter_context(
                Worker(
                    worker_env(database_url, config, data, code),
                    *args,
                    stderr_path=tmp_path / f"w{i}",
                )
            )
            for i, code in enumerate(WORKERS)
        ]
        deadline = time.monotonic() + DEADLINE_SECONDS
        for barrier in ("hello", "ready"):
            for worker in workers:
                worker.expect(barrier, deadline)
            for worker in workers:
                worker.release()
        for number, worker in enumerate(workers):
            lines = worker.rest(deadline)
            assert lines and lines[-1].startswith("done "), f"worker {number}:\n{worker.stderr()}"
            assert worker.proc.wait(timeout=30) == 0
            (went, *middle, done) = lines
            spans.append((float(went.split()[1]), float(done.split()[1])))
            acks[number] = [parse_ack(line) for line in middle]

    # Every worker was under way before any had finished: they really competed.
    assert max(start for start, _ in spans) < min(end for _, end in spans)
    assert all(len(a) == VISITS for a in acks.values())

    issued: dict[tuple[str, date], list[int]] = defaultdict(list)
    for worker_acks in acks.values():
        for ack in worker_acks:
            issued[ack.counter, ack.day].append(ack.seq)
    expected = {"Q01": 2 * VISITS // DAYS, "Q02": VISITS // DAYS, "Q03": VISITS // DAYS}
    assert {counter for counter, _ in issued} == set(expected)
    for (counter, day), numbers in issued.items():
        assert sorted(numbers) == list(range(1, expected[counter] + 1)), (counter, day)

    kiosk = build_kiosk(
        load_settings(worker_env(database_url, config, data)), clock=FixedClock(START)
    )
    try:
        with kiosk.db.unit_of_work() as uow:
            session = uow.session
            assert len(session.scalars(select(Counter.code)).all()) == len(expected)
            rows = session.execute(
                select(
                    Counter.code, ReceiptSequence.business_day, ReceiptSequence.last_number
                ).join(Counter, Counter.id == ReceiptSequence.counter_id)
            ).all()
            stored = session.execute(
                select(Counter.code, Transaction.business_day, Transaction.receipt_seq).join(
                    Counter, Counter.id == Transaction.counter_id
                )
            ).all()
    finally:
        kiosk.close()
    assert {(code, day): last for code, day, last in rows} == {
        key: expected[key[0]] for key in issued
    }
    in_database: dict[tuple[str, date], list[int]] = defaultdict(list)
    for code, day, seq in stored:
        assert seq is not None
        in_database[code, day].append(seq)
    assert {k: sorted(v) for k, v in in_database.items()} == {
        k: sorted(v) for k, v in issued.items()
    }
