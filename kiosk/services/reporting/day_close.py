"""Closing a counter's day: after it, the day's transactions are read-only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, update
from sqlalchemy.exc import IntegrityError

from kiosk.domain.catalogue import Catalogue
from kiosk.domain.clock import Clock, format_day, format_local, local_day
from kiosk.errors import QT_TRANSLATE_NOOP, DayClosedError, InputError
from kiosk.services.people import audit
from kiosk.services.reporting.figures import compute_figures
from kiosk.services.visits.closures import find_closure, is_day_closed, lock_day
from kiosk.services.visits.transactions import ABANDONED, OPEN
from kiosk.storage.integrity import require_intact
from kiosk.storage.models import DayClosure, Transaction
from kiosk.storage.unit_of_work import Database

DAY_NOT_COME = QT_TRANSLATE_NOOP("Errors", "Không thể chốt sổ ngày {day} chưa đến.")
ALREADY_CLOSED = QT_TRANSLATE_NOOP(
    "Errors",
    "Ngày {day} của quầy {counter} đã được chốt sổ lúc {time}; không chốt lại lần nữa.",
)
CLOSED_ELSEWHERE = QT_TRANSLATE_NOOP("Errors", "Ngày {day} vừa được chốt sổ ở nơi khác.")


@dataclass(frozen=True)
class ClosedDay:
    """The outcome of closing a day."""

    counter_code: str
    day: date
    closed_at: datetime
    abandoned: int
    totals: dict[str, object]


class DayBook:
    """Close days and ask whether a day is closed."""

    def __init__(
        self, db: Database, catalogue: Catalogue, clock: Clock, counter_code: str, counter_id: int
    ) -> None:
        self._db = db
        self._catalogue = catalogue
        self._clock = clock
        self._counter_code = counter_code
        self._counter_id = counter_id

    def close(self, day: date | None = None, *, helper_id: int | None = None) -> ClosedDay:
        """Close ``day`` (default today). Transactions still open are marked abandoned."""
        now = self._clock.now()
        day = day or local_day(now)
        if day > local_day(now):
            raise InputError(DAY_NOT_COME.format(day=format_day(day)))
        require_intact(self._db.engine)  # totals read through a damaged index would be short
        with self._db.unit_of_work() as uow:
            session = uow.session
            lock_day(session, self._counter_id, day, exclusive=True)  # edits under way end first
            earlier = find_closure(session, self._counter_id, day)
            if earlier is not None:
                raise DayClosedError(
                    ALREADY_CLOSED.format(
                        day=format_day(day),
                        counter=self._counter_code,
                        time=format_local(earlier.closed_at),
                    )
                )
            abandoned = cast(
                CursorResult[Any],
                session.execute(
                    update(Transaction)
                    .where(
                        Transaction.counter_id == self._counter_id,
                        Transaction.business_day == day,
                        Transaction.status == OPEN,
                    )
                    .values(status=ABANDONED)
                ),
            ).rowcount
            figures = compute_figures(
                session, self._catalogue, day, day, counter_id=self._counter_id
            )[None]
            totals = figures.as_dict()
            session.add(
                DayClosure(
                    counter_id=self._counter_id,
                    business_day=day,
                    closed_at=now,
                    closed_by=helper_id,
                    totals=totals,
                )
            )
            actor = audit.actor_for(session, helper_id, "cli")
            audit.record(
                session,
                now,
                actor,
                "day.close",
                f"{self._counter_code} {day.isoformat()}",
                abandoned=abandoned,
                transactions=figures.transactions,
            )
            try:
                uow.commit()
            except IntegrityError:  # another process closed it a moment ago
                raise DayClosedError(CLOSED_ELSEWHERE.format(day=format_day(day))) from None
        return ClosedDay(self._counter_code, day, now, int(abandoned or 0), totals)

    def is_closed(self, day: date | None = None) -> bool:
        """Whether this counter's ``day`` (default today) is closed."""
        day = day or local_day(self._clock.now())
        with self._db.unit_of_work() as uow:
            return is_day_closed(uow.session, self._counter_id, day)
