"""A day's shape: how many visits each day, when they start and end, the open ones at the end."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from kiosk.domain.clock import LOCAL_TZ
from kiosk.tools.demo.picks import Pick
from kiosk.tools.demo.visits import Generator, Visit

OPEN_SHARE_LAST_DAY, MOST_OPEN = 0.04, 8  # people still at the counter at the end
SESSIONS = ((time(7, 30), time(11, 30), 0.6), (time(13, 0), time(17, 0), 0.4))
_SESSION = Pick(((opens, closes), weight) for opens, closes, weight in SESSIONS)


def allocate(rng: random.Random, days: Sequence[date], total: int) -> list[int]:
    """Split ``total`` visits over ``days``: Mondays busiest, Fridays quieter, some noise."""
    by_weekday = (1.25, 1.1, 1.0, 1.0, 0.9)
    weights = [by_weekday[d.weekday()] * rng.uniform(0.75, 1.25) for d in days]
    scale = total / sum(weights)
    shares = [w * scale for w in weights]
    counts = [int(s) for s in shares]
    by_remainder = sorted(range(len(days)), key=lambda i: counts[i] - shares[i])
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _slots(rng: random.Random, day: date, count: int) -> list[tuple[datetime, datetime]]:
    """``count`` (start, end) pairs in UTC inside the day's opening hours, by start time."""
    slots = []
    for _ in range(count):
        opens, closes = _SESSION(rng)
        minutes = rng.triangular(5, 40, 14)
        first = datetime.combine(day, opens, tzinfo=LOCAL_TZ)
        last = datetime.combine(day, closes, tzinfo=LOCAL_TZ) - timedelta(minutes=minutes)
        start = first + timedelta(seconds=rng.randrange(int((last - first).total_seconds())))
        start = start.replace(microsecond=0).astimezone(UTC)
        slots.append((start, start + timedelta(seconds=round(minutes * 60))))
    slots.sort()
    return slots


def day_visits(gen: Generator, day: date, count: int, *, last: bool, first_seq: int) -> list[Visit]:
    """Every visit of one day in start order, receipts numbered in finishing order."""
    gen.dossiers_today = 0
    slots = _slots(gen.rng, day, count)
    still_open = min(MOST_OPEN, max(1, round(count * OPEN_SHARE_LAST_DAY)))
    open_from = count - still_open if last and count > 1 else count
    visits = []
    for index, (start, end) in enumerate(slots):
        visit = gen.correction(day, start) if index < open_from else None
        visit = visit or gen.visit(day, start, end, finished=index < open_from)
        if visit.person is not None:
            visit.person.first_seen = visit.person.first_seen or start
            visit.person.last_seen = start
        visits.append(visit)
    finished = [v for v in visits if v.finished_at is not None]
    finished.sort(key=lambda v: (v.finished_at, v.started_at))
    for sequence, visit in enumerate(finished, start=first_seq + 1):
        visit.receipt_seq = sequence
    return visits
