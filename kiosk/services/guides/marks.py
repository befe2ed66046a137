"""Volunteers' "this step is out of date" marks: recorded, listed, exported as CSV.

A mark names a guide step, the ``checked`` month the step was shown with (its own, for a step
changed because of a finding, else the guide's: :func:`checked_for`; stored and sent as
``guide_checked``) and the pack in use, and carries a short note; it never names a visit or a
citizen. A counter of a centre sends its marks there with its visits
(:mod:`kiosk.services.sync.marks`): read on the centre's database with ``counter_id=None``,
:class:`GuideMarks` lists every counter's. A note that holds what looks like an ID or phone
number (nine digits or more) is refused: the note is about the step.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from kiosk.domain.clock import Clock
from kiosk.errors import QT_TRANSLATE_NOOP, InputError
from kiosk.private_files import write_private
from kiosk.services.guides.model import Guide, GuideStep
from kiosk.storage.models import Counter, GuideMark
from kiosk.storage.unit_of_work import Database

NOTE_MIN, NOTE_MAX = 3, 200
_DIGIT_RUN = re.compile(r"\d(?:[\s.\-]?\d){8,}")  # 9 digits or more, spaces and dots allowed

NOTE_TOO_SHORT = QT_TRANSLATE_NOOP(
    "guides", "Ghi chú cần ít nhất {minimum} ký tự: bước này cũ ở chỗ nào?"
)
NOTE_TOO_LONG = QT_TRANSLATE_NOOP("guides", "Ghi chú dài quá {limit} ký tự (đang có {length}).")
NOTE_BAD_CHARACTER = QT_TRANSLATE_NOOP(
    "guides", "Ghi chú có ký tự điều khiển hoặc ký tự ẩn (ở vị trí {position}); hãy gõ lại."
)
NOTE_PERSONAL = QT_TRANSLATE_NOOP(
    "guides",
    "Ghi chú không được có số giấy tờ hay số điện thoại: chỉ ghi bước hướng dẫn cũ ở chỗ nào.",
)
BAD_STEP = QT_TRANSLATE_NOOP("guides", "Bước hướng dẫn không hợp lệ.")

CSV_HEADER = (
    "recorded_at",
    "counter_id",
    "service_code",
    "step_number",
    "step_id",
    "guide_checked",
    "guide_pack",
    "note",
    "counter_code",  # the counter's code: counter ids differ from one database to another
)


@dataclass(frozen=True)
class StepMark:
    """One mark as the dashboard and the export show it."""

    recorded_at: datetime
    counter_id: int
    service_code: str
    step_number: int
    step_id: str
    guide_checked: str
    guide_pack: str
    note: str
    counter_code: str = ""


def checked_for(guide: Guide, step: GuideStep) -> str:
    """The ``checked`` month a mark on ``step`` stores: the step's own when it has one (a step
    changed because of a finding), else the guide's."""
    return step.checked or guide.checked


def clean_note(note: str) -> str:
    """The note as it is stored (NFC, spaces collapsed), or :class:`InputError` why not."""
    text = unicodedata.normalize("NFC", note)
    for index, char in enumerate(text):
        if char not in "\t\n\r" and unicodedata.category(char) in ("Cc", "Cf", "Cs"):
            raise InputError(
                NOTE_BAD_CHARACTER.format(position=index + 1),
                detail=f"guide mark note: refused character at {index + 1}",
            )
    text = " ".join(text.split())
    if len(text) < NOTE_MIN:
        raise InputError(NOTE_TOO_SHORT.format(minimum=NOTE_MIN), detail="guide mark note short")
    if len(text) > NOTE_MAX:
        raise InputError(
            NOTE_TOO_LONG.format(limit=NOTE_MAX, length=len(text)),
            detail=f"guide mark note: {len(text)} characters",
        )
    if _DIGIT_RUN.search(text):
        raise InputError(NOTE_PERSONAL, detail="guide mark note holds a long number")
    return text


class GuideMarks:
    """Records the marks of one counter and reads them back; with ``counter_id=None`` (the
    centre's database, or ``--all-counters``) it reads every counter's and records none."""

    def __init__(self, db: Database, clock: Clock, counter_id: int | None) -> None:
        self._db = db
        self._clock = clock
        self._counter_id = counter_id

    def record(
        self,
        *,
        service_code: str,
        step_id: str,
        step_number: int,
        note: str,
        guide_checked: str,
        guide_pack: str,
    ) -> StepMark:
        """Store a mark on one step of a guide; :class:`InputError` for a bad note.

        ``guide_checked`` is the month the step was shown with (:func:`checked_for`)."""
        if (
            step_number < 1
            or not re.fullmatch(r"[a-z0-9_]{1,40}", step_id)
            or not re.fullmatch(r"[a-z0-9_]{1,40}", service_code)
        ):
            raise InputError(BAD_STEP, detail="guide mark: bad step")
        if self._counter_id is None:
            raise InputError(BAD_STEP, detail="guide mark: no counter to record it for")
        mark = GuideMark(
            counter_id=self._counter_id,
            service_code=service_code,
            step_id=step_id,
            step_number=step_number,
            note=clean_note(note),
            guide_checked=guide_checked[:7],
            guide_pack=guide_pack[:64],
            recorded_at=self._clock.now(),
        )
        with self._db.unit_of_work() as uow:
            uow.session.add(mark)
            uow.session.flush()
            code = uow.session.scalar(select(Counter.code).where(Counter.id == mark.counter_id))
            value = _value(mark, code or "")
            uow.commit()
        return value

    def recent(self, limit: int | None = None) -> list[StepMark]:
        """This counter's marks (every counter's without one), newest first (``limit`` of
        them when given)."""
        query = (
            select(GuideMark, Counter.code)
            .join(Counter, Counter.id == GuideMark.counter_id)
            .order_by(GuideMark.recorded_at.desc(), GuideMark.id.desc())
            .limit(limit)
        )
        if self._counter_id is not None:
            query = query.where(GuideMark.counter_id == self._counter_id)
        with self._db.unit_of_work() as uow:
            return [_value(mark, code) for mark, code in uow.session.execute(query)]

    def export_csv(self, out: Path) -> int:
        """Write every mark :meth:`recent` reads to ``out`` (CSV, UTF-8 with a BOM for
        Excel), oldest first; return how many."""
        marks = list(reversed(self.recent()))
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(CSV_HEADER)
        for m in marks:
            writer.writerow(
                (
                    m.recorded_at.isoformat(timespec="seconds"),
                    m.counter_id,
                    m.service_code,
                    m.step_number,
                    m.step_id,
                    m.guide_checked,
                    m.guide_pack,
                    m.note,
                    m.counter_code,
                )
            )
        write_private(out, ("\ufeff" + buffer.getvalue()).encode("utf-8"))
        return len(marks)


def _value(mark: GuideMark, counter_code: str) -> StepMark:
    return StepMark(
        mark.recorded_at,
        mark.counter_id,
        mark.service_code,
        mark.step_number,
        mark.step_id,
        mark.guide_checked,
        mark.guide_pack,
        mark.note,
        counter_code,
    )
