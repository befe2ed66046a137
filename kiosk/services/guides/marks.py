"""Volunteers' "this step is out of date" marks: recorded, listed, exported as CSV.

A mark names a guide step, the guide's ``checked`` month and the pack in use, and carries a
short note; it never names a visit or a citizen. A note that holds what looks like an ID or
phone number (nine digits or more) is refused: the note is about the step.
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
from kiosk.storage.models import GuideMark
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
    """Records the marks of one counter and reads them back."""

    def __init__(self, db: Database, clock: Clock, counter_id: int) -> None:
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
        """Store a mark on one step of a guide; :class:`InputError` for a bad note."""
        if (
            step_number < 1
            or not re.fullmatch(r"[a-z0-9_]{1,40}", step_id)
            or not re.fullmatch(r"[a-z0-9_]{1,40}", service_code)
        ):
            raise InputError(BAD_STEP, detail="guide mark: bad step")
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
            value = _value(mark)
            uow.commit()
        return value

    def recent(self, limit: int | None = None) -> list[StepMark]:
        """This counter's marks, newest first (``limit`` of them when given)."""
        query = (
            select(GuideMark)
            .where(GuideMark.counter_id == self._counter_id)
            .order_by(GuideMark.recorded_at.desc(), GuideMark.id.desc())
            .limit(limit)
        )
        with self._db.unit_of_work() as uow:
            return [_value(mark) for mark in uow.session.scalars(query)]

    def export_csv(self, out: Path) -> int:
        """Write every mark of this counter to ``out`` (CSV, UTF-8 with a BOM for Excel),
        oldest first; return how many."""
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
                )
            )
        write_private(out, ("\ufeff" + buffer.getvalue()).encode("utf-8"))
        return len(marks)


def _value(mark: GuideMark) -> StepMark:
    return StepMark(
        mark.recorded_at,
        mark.counter_id,
        mark.service_code,
        mark.step_number,
        mark.step_id,
        mark.guide_checked,
        mark.guide_pack,
        mark.note,
    )
