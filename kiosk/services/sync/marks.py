"""The volunteers' "this step is out of date" marks on their way to the centre.

A mark is queued by the flush that records it (``guide_mark``, keyed by its uid:
:mod:`kiosk.storage.change_capture`) and sent with the visits. A mark never changes once
recorded, so the centre inserts it by its uid and ignores a resend: applying the same mark
twice leaves one row. The centre files it under the sending counter's own row, which the
counter's role may write and no other (:mod:`kiosk.services.sync.centre_policies`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.services.sync.snapshot import CounterRef
from kiosk.storage.models import Counter, GuideMark
from kiosk.storage.upsert import insert_for


@dataclass(frozen=True)
class MarkSnapshot:
    """One mark as the centre receives it."""

    uid: uuid.UUID
    counter: CounterRef
    service_code: str
    step_id: str
    step_number: int
    note: str
    guide_checked: str  # the month the step was shown with: its own, else the guide's
    guide_pack: str
    recorded_at: datetime

    @property
    def label(self) -> str:
        """The step it marks, for a person: ``vssid/first_login``."""
        return f"{self.service_code}/{self.step_id}"


def read_mark(session: Session, key: str) -> MarkSnapshot | None:
    """The local mark with uid ``key``; ``None`` if it is gone."""
    row = session.execute(
        select(GuideMark, Counter.code, Counter.name)
        .join(Counter, Counter.id == GuideMark.counter_id)
        .where(GuideMark.uid == uuid.UUID(key))
    ).first()
    if row is None:
        return None
    mark, code, name = row
    return MarkSnapshot(
        uid=mark.uid,
        counter=CounterRef(code, name),
        service_code=mark.service_code,
        step_id=mark.step_id,
        step_number=mark.step_number,
        note=mark.note,
        guide_checked=mark.guide_checked,
        guide_pack=mark.guide_pack,
        recorded_at=mark.recorded_at,
    )


def apply_mark(session: Session, counter_id: int, snap: MarkSnapshot) -> None:
    """Keep ``snap`` at the centre under ``counter_id`` (its centre id); a resend adds none."""
    dialect = session.get_bind().dialect.name
    session.execute(
        insert_for(dialect, GuideMark)
        .values(
            uid=snap.uid,
            counter_id=counter_id,
            service_code=snap.service_code,
            step_id=snap.step_id,
            step_number=snap.step_number,
            note=snap.note,
            guide_checked=snap.guide_checked,
            guide_pack=snap.guide_pack,
            recorded_at=snap.recorded_at,
        )
        .on_conflict_do_nothing(index_elements=[GuideMark.uid])
    )
