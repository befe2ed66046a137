"""A closed day is read-only even while another kiosk is finishing visits on it.

Two kiosks on one database (two engines): one finishes a day's open visits one after the
other while the other closes that day at a random moment. Whatever the interleaving, the
closure's totals must equal what the visits say afterwards, every finish the first kiosk
was told succeeded must be counted as finished, and nothing may change on the closed day.
On PostgreSQL both sides take the day's lock (shared for edits, exclusive for the
closure) before reading whether the day is closed; on SQLite ``BEGIN IMMEDIATE``
serialises the writers.
"""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy import select

from kiosk.app import Kiosk
from kiosk.domain.clock import FixedClock, local_day
from kiosk.domain.values import ServiceOutcome
from kiosk.errors import DayClosedError, InputError
from kiosk.services.reporting.figures import compute_figures
from kiosk.services.visits.closures import find_closure
from kiosk.storage.models import Transaction

ROUNDS = 30
VISITS = 6  # open visits per round's day
DONE = ServiceOutcome("portal_account", "done")
PAUSE_S = 0.003  # at least, between two finishes


def test_finish_racing_close_day_never_changes_a_closed_day(
    make_kiosk: Callable[..., Kiosk], clock: FixedClock
) -> None:
    finisher, closer = make_kiosk(), make_kiosk()  # the same counter, two engines
    first_day = local_day(clock.now())
    rng = random.Random(14)
    # one finish and a pause as long (a counter finishes one visit after another, and a
    # finish of about a millisecond left no room for the closer to land between two)
    finish_s = max(_time_one_finish(finisher), PAUSE_S)
    interleavings: set[tuple[int, int]] = set()
    for round_no in range(ROUNDS):
        clock.advance(days=1)
        day = first_day + timedelta(days=round_no + 1)
        visits = [_open_visit(finisher) for _ in range(VISITS)]
        acknowledged, refused = _race(
            finisher, closer, visits, day, rng.uniform(0, VISITS * 2 * finish_s), finish_s
        )
        interleavings.add((len(acknowledged), refused))

        with closer.db.unit_of_work() as uow:
            closure = find_closure(uow.session, closer.counter_id, day)
            assert closure is not None
            totals = closure.totals
            now = compute_figures(
                uow.session, closer.catalogue, day, day, counter_id=closer.counter_id
            )
            query = select(Transaction.id, Transaction.status).where(
                Transaction.business_day == day
            )
            statuses = {visit: status for visit, status in uow.session.execute(query)}
        assert totals == now[None].as_dict(), f"round {round_no}: the closed day changed"
        assert totals["finished"] == len(acknowledged), f"round {round_no}"
        assert all(statuses[v] == "finished" for v in acknowledged), f"round {round_no}"
        assert sorted(statuses.values()).count("open") == 0, f"round {round_no}"
    # the closure really landed among the finishes, not always before or after them
    assert any(0 < done < VISITS for done, _ in interleavings), interleavings


def _open_visit(kiosk: Kiosk) -> uuid.UUID:
    visit = kiosk.transactions.start(helper_id=None, services=[DONE.service_code])
    kiosk.transactions.record_outcome(visit, DONE)
    return visit


def _time_one_finish(kiosk: Kiosk) -> float:
    """How long one finish takes here (the closer's delay is drawn over a round of them)."""
    visit = _open_visit(kiosk)
    started = time.perf_counter()
    kiosk.transactions.finish(visit)
    return time.perf_counter() - started


def _race(
    finisher: Kiosk,
    closer: Kiosk,
    visits: list[uuid.UUID],
    day: date,
    delay_s: float,
    pause_s: float,
) -> tuple[list[uuid.UUID], int]:
    """Finish ``visits`` on one kiosk, ``pause_s`` apart, while the other closes ``day``
    after ``delay_s``; return the visits whose finish succeeded and how many were refused."""
    go = threading.Barrier(2)
    acknowledged: list[uuid.UUID] = []
    refused = 0
    failures: list[BaseException] = []

    def finish_all() -> None:
        nonlocal refused
        go.wait()
        for visit in visits:
            try:
                finisher.transactions.finish(visit)
            except (DayClosedError, InputError):
                refused += 1
            else:
                acknowledged.append(visit)
            time.sleep(pause_s)

    def close() -> None:
        go.wait()
        time.sleep(delay_s)
        try:
            closer.days.close(day)
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)

    threads = [threading.Thread(target=finish_all), threading.Thread(target=close)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures, failures
    return acknowledged, refused
