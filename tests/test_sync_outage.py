"""Two counters, one centre, a link that keeps failing: nothing lost, nothing twice.

Each counter records visits on its own SQLite file while a sender thread drains its queue
to the real PostgreSQL server through a proxy. A chaos thread cuts the proxy (every open
connection dies, new ones are refused) and kills the senders' server processes with
``pg_terminate_backend``, both at random moments, so some commits die mid-flight. At the
end every visit that a counter acknowledged (printed a receipt for) must be on the centre
exactly once, with its one service line, its receipt number, and no extra consents.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import cast

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from kiosk.app import Kiosk
from kiosk.domain.values import ServiceOutcome
from kiosk.storage.models import AssistedService, Citizen, Consent, Counter, Transaction
from tests.conftest import PG_URL, START, CounterFactory, sync_of, through
from tests.factories import BA_TU, BINH, NHUNG, finished_visit
from tests.netproxy import TcpProxy

pytestmark = pytest.mark.postgres

VISITS_PER_COUNTER = 200
SERVICES = ("portal_account", "vneid_level2", "signature_vnpt_smartca", "online_filing", "vssid")
CITIZENS = (NHUNG, BINH, BA_TU, None)  # the same people visit both counters
APPLICATION = "quay-so-outage-test"


class TickingClock:
    """A clock that moves one millisecond per reading, so every event has its own time."""

    def __init__(self, start: datetime) -> None:
        self._now = start
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            self._now += timedelta(milliseconds=1)
            return self._now


@pytest.fixture
def clock() -> TickingClock:  # overrides conftest's fixed clock for make_counter
    return TickingClock(START)


@pytest.fixture
def admin() -> Iterator[object]:
    engine = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


def record_visits(kiosk: Kiosk, seed: int, acknowledged: list[tuple[str, str]]) -> None:
    rng = random.Random(seed)
    for _ in range(VISITS_PER_COUNTER):
        service = rng.choice(SERVICES)
        dossier = "G22.99-261123-0001" if service == "online_filing" else None
        record = finished_visit(
            kiosk,
            ServiceOutcome(service, "done", dossier_code=dossier),
            citizen=rng.choice(CITIZENS),
        )
        acknowledged.append((str(record.id), record.receipt_no or ""))


def keep_sending(kiosk: Kiosk, stop: threading.Event, failures: list[str]) -> None:
    while not stop.is_set():
        status = sync_of(kiosk).drain(max_batches=4).status
        if status.online is False:
            failures.append(status.last_error or "")
        time.sleep(0.005)


def make_trouble(proxy: TcpProxy, admin: object, done: threading.Event, log: list[str]) -> None:
    rng = random.Random(2026)
    while not done.is_set():
        time.sleep(rng.uniform(0.05, 0.25))
        if rng.random() < 0.35:
            with admin.connect() as connection:  # type: ignore[attr-defined]
                killed = connection.execute(
                    text(
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        "WHERE application_name = :name"
                    ),
                    {"name": APPLICATION},
                ).scalar()
            log.append(f"terminated {killed}")
        else:
            proxy.cut()
            log.append("cut")
            time.sleep(rng.uniform(0.05, 0.4))
            proxy.restore()


def test_two_counters_lose_nothing_and_duplicate_nothing_through_outages(
    make_counter: CounterFactory, pg_schema_url: str, proxy: TcpProxy, admin: object
) -> None:
    url = make_url(through(proxy, pg_schema_url)).update_query_dict(
        {"application_name": APPLICATION}
    )
    central_url = url.render_as_string(hide_password=False)
    counters = {code: make_counter(code, central_url) for code in ("Q01", "Q02")}
    acknowledged: dict[str, list[tuple[str, str]]] = {code: [] for code in counters}
    failures: list[str] = []
    trouble: list[str] = []
    stop, done = threading.Event(), threading.Event()
    workers = [
        threading.Thread(target=record_visits, args=(k, n, acknowledged[code]))
        for n, (code, k) in enumerate(counters.items())
    ]
    senders = [
        threading.Thread(target=keep_sending, args=(k, stop, failures)) for k in counters.values()
    ]
    chaos = threading.Thread(target=make_trouble, args=(proxy, admin, done, trouble))
    for thread in (*workers, *senders, chaos):
        thread.start()
    for thread in workers:
        thread.join(timeout=300)
    done.set()
    chaos.join()
    proxy.restore()
    stop.set()
    for thread in senders:
        thread.join(timeout=60)

    for kiosk in counters.values():  # the link is back: the queues empty themselves
        for _ in range(20):
            status = sync_of(kiosk).drain().status
            if status.pending == 0:
                break
        assert (status.pending, status.conflicts) == (0, 0), status

    print(  # for the record: how rough the run was (pytest -s shows it)
        f"outages: {trouble.count('cut')} cuts, "
        f"{sum(t.startswith('terminated') for t in trouble)} server-side kills, "
        f"{len(failures)} failed sends"
    )
    assert trouble.count("cut") >= 3 and any(t.startswith("terminated") for t in trouble)
    assert failures, "the outages never hit a send: the test proved nothing"
    q01 = counters["Q01"]
    with sync_of(q01).central.unit_of_work() as uow:
        session = uow.session
        for code, visits in acknowledged.items():
            assert len(visits) == VISITS_PER_COUNTER
            rows = session.execute(
                select(Transaction.id, Transaction.receipt_no, Transaction.receipt_seq)
                .join(Counter, Counter.id == Transaction.counter_id)
                .where(Counter.code == code)
            ).all()
            assert sorted((str(i), r) for i, r, _ in rows) == sorted(visits)  # each once
            numbers = [cast(int, seq) for *_, seq in rows]  # None would fail the sort
            assert sorted(numbers) == list(range(1, VISITS_PER_COUNTER + 1))
        lines = session.scalar(select(func.count()).select_from(AssistedService))
        assert lines == 2 * VISITS_PER_COUNTER
        central_consents = session.scalar(select(func.count()).select_from(Consent))
        central_citizens = session.scalar(select(func.count()).select_from(Citizen))
    local_consents = 0
    for kiosk in counters.values():
        with kiosk.db.unit_of_work() as uow:
            local_consents += uow.session.scalar(select(func.count()).select_from(Consent)) or 0
    assert central_consents == local_consents
    assert central_citizens == 3
