"""Where citizens get stuck in the guides: recorded per transaction, counted per step."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from kiosk.domain.clock import Clock
from kiosk.errors import QT_TRANSLATE_NOOP, InputError
from kiosk.services.stored_text import GUIDE_STEP_ID, clean_text
from kiosk.storage.models import GuideStuckPoint, Transaction
from kiosk.storage.unit_of_work import Database


@dataclass(frozen=True)
class StuckCount:
    """How many times citizens got stuck at one step of one service's guide."""

    service_code: str
    step_number: int
    step_id: str
    count: int


class StuckPoints:
    """Records "the citizen is stuck here" presses and counts them for the dashboard."""

    def __init__(self, db: Database, clock: Clock, counter_id: int) -> None:
        self._db = db
        self._clock = clock
        self._counter_id = counter_id

    def record(
        self, transaction_id: uuid.UUID, service_code: str, step_id: str, step_number: int
    ) -> None:
        """Note that the citizen of ``transaction_id`` got stuck at this step."""
        if step_number < 1:
            raise InputError(QT_TRANSLATE_NOOP("Errors", "Số thứ tự bước phải từ 1."))
        step_id = clean_text(GUIDE_STEP_ID, step_id)
        with self._db.unit_of_work() as uow:
            if uow.session.get(Transaction, transaction_id) is None:
                raise InputError(QT_TRANSLATE_NOOP("Errors", "Không tìm thấy lượt hỗ trợ này."))
            uow.session.add(
                GuideStuckPoint(
                    transaction_id=transaction_id,
                    service_code=service_code,
                    step_id=step_id,
                    step_number=step_number,
                    recorded_at=self._clock.now(),
                )
            )
            uow.commit()

    def count(self, first_day: date, last_day: date) -> list[StuckCount]:
        """Stuck presses of this counter between two business days, most frequent first."""
        point = GuideStuckPoint
        query = (
            select(point.service_code, point.step_number, point.step_id, func.count())
            .join(Transaction, Transaction.id == point.transaction_id)
            .where(
                Transaction.counter_id == self._counter_id,
                Transaction.business_day.between(first_day, last_day),
            )
            .group_by(point.service_code, point.step_number, point.step_id)
            .order_by(func.count().desc(), point.service_code, point.step_number)
        )
        with self._db.unit_of_work() as uow:
            return [StuckCount(s, n, i, c) for s, n, i, c in uow.session.execute(query)]
