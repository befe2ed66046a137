"""The facts of a Z-report: a closed day of one counter, gathered once, rendered anywhere.

The totals come from the figures stored with the day's closure (computed by
:func:`kiosk.services.reporting.figures.compute_figures` at the moment of closing), not recomputed:
a correction written on a later day is attributed to the original visit and would
otherwise change an already printed Z-report. Everything else (visits per hour, per helper,
abandoned visits) only reads the day's own visits, which a closed day no longer lets
anyone change, so regenerating the report of a closed day gives the same facts.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.domain.catalogue import Catalogue
from kiosk.domain.clock import LOCAL_TZ, format_day
from kiosk.domain.z_report_facts import (
    FIRST_HOUR,
    LAST_HOUR,
    NOBODY,
    FigureRow,
    HelperLine,
    ZReportFacts,
)
from kiosk.errors import QT_TRANSLATE_NOOP, InputError
from kiosk.services.reporting.definitions import DEFINITIONS_VERSION
from kiosk.services.reporting.figures import Figures, helper_hours
from kiosk.services.visits.closures import find_closure
from kiosk.services.visits.transactions import ABANDONED
from kiosk.storage.models import Counter, Helper, Transaction
from kiosk.storage.unit_of_work import Database

DAY_NOT_CLOSED = QT_TRANSLATE_NOOP(
    "reports",
    "Ngày {day} của quầy {counter} chưa chốt sổ; hãy chạy "
    "'kiosk close-day' trước khi in báo cáo Z.",
)
OLDER_DEFINITIONS = (
    "Ngày này được chốt sổ trước khi có cách tính hiện nay: số người theo từng loại dịch vụ và "
    "hồ sơ toàn trình, một phần chưa được ghi (—); hồ sơ nộp trực tuyến khi đó chỉ tính dịch vụ "
    "ghi “Đã hoàn thành”."
)


def stored_figures(totals: dict[str, Any]) -> Figures:
    """The stored totals of a closure back as :class:`Figures` (version 1 if it has none)."""
    known = set(Figures.__dataclass_fields__)
    values = {key: value for key, value in totals.items() if key in known}
    values.setdefault("definitions", 1)
    return Figures(**values)


def figure_rows(figures: Figures, catalogue: Catalogue) -> tuple[FigureRow, ...]:
    """The Z-report's figure rows: :meth:`Figures.lines` with "—" for what was not recorded."""
    names = tuple(dict.fromkeys([*catalogue.figures(), *sorted(figures.by_figure)]))

    def cell(value: int | None, shown: bool) -> int | str:
        if not shown:
            return ""
        return NOBODY if value is None else value

    return tuple(
        FigureRow(
            line.label,
            cell(line.services, line.services_shown),
            cell(line.people, line.people_shown),
            line.sub,
        )
        for line in figures.lines(names)
    )


def hour_histogram(session: Session, counter_id: int, day: date) -> tuple[tuple[int, ...], int]:
    """Visits started per local hour ``FIRST_HOUR``..``LAST_HOUR``, and how many fell outside.

    The local hour is computed in Python from ``started_at`` (UTC on every backend) so the
    same code runs on SQLite and PostgreSQL.
    """
    counts = [0] * (LAST_HOUR - FIRST_HOUR + 1)
    outside = 0
    query = select(Transaction.started_at).where(
        Transaction.counter_id == counter_id,
        Transaction.business_day == day,
        Transaction.corrects_id.is_(None),
    )
    for started_at in session.scalars(query):
        hour = started_at.astimezone(LOCAL_TZ).hour
        if FIRST_HOUR <= hour <= LAST_HOUR:
            counts[hour - FIRST_HOUR] += 1
        else:
            outside += 1
    return tuple(counts), outside


def _abandoned(session: Session, counter_id: int, day: date) -> int:
    query = select(func.count()).where(
        Transaction.counter_id == counter_id,
        Transaction.business_day == day,
        Transaction.corrects_id.is_(None),
        Transaction.status == ABANDONED,
    )
    return int(session.scalar(query) or 0)


def _service_table(
    catalogue: Catalogue, by_service: dict[str, dict[str, int]]
) -> tuple[tuple[str, ...], tuple[tuple[str, tuple[int, ...]], ...]]:
    """Outcome columns present in the day, and one row per service, in catalogue order."""
    seen = {outcome for counts in by_service.values() for outcome in counts}
    codes = [o.code for o in catalogue.outcomes if o.code in seen]
    codes += sorted(seen - set(codes))
    order = [s.code for s in catalogue.services if s.code in by_service]
    order += sorted(set(by_service) - set(order))
    rows = tuple(
        (catalogue.label("services", code), tuple(by_service[code].get(o, 0) for o in codes))
        for code in order
    )
    return tuple(catalogue.label("outcomes", code) for code in codes), rows


def gather_z_report(
    db: Database,
    catalogue: Catalogue,
    counter_id: int,
    day: date,
    *,
    centre_name: str = "",
    counter_name: str = "",
) -> ZReportFacts:
    """The facts of the closed ``day`` of the counter ``counter_id``.

    Raises :class:`~kiosk.errors.InputError` when the day has not been closed: a Z-report
    is the record of a closed day, never of one still open.
    """
    with db.unit_of_work() as uow:
        session = uow.session
        code = session.scalar(select(Counter.code).where(Counter.id == counter_id)) or ""
        closure = find_closure(session, counter_id, day)
        if closure is None:
            raise InputError(DAY_NOT_CLOSED.format(day=format_day(day), counter=code))
        closed_by = NOBODY
        if closure.closed_by is not None:
            helper = session.get(Helper, closure.closed_by)
            closed_by = helper.full_name if helper else NOBODY
        figures = stored_figures(closure.totals)
        hours, outside = hour_histogram(session, counter_id, day)
        helpers = tuple(
            HelperLine(h.full_name, h.transactions, h.hours)
            for h in helper_hours(session, day, day, counter_id=counter_id)
        )
        abandoned = _abandoned(session, counter_id, day)
        closed_at = closure.closed_at
    outcomes, services = _service_table(catalogue, figures.by_service)
    reasons = sorted(figures.reasons.items(), key=lambda item: (-item[1], item[0]))
    return ZReportFacts(
        centre_name=centre_name,
        counter_line=f"{counter_name} ({code})" if counter_name else f"Quầy {code}",
        counter_code=code,
        day=day,
        closed_at=closed_at,
        closed_by=closed_by,
        transactions=figures.transactions,
        finished=figures.finished,
        unfinished=figures.unfinished,
        abandoned=abandoned,
        people_helped=figures.people_helped,
        satisfaction_avg=figures.satisfaction_avg,
        rated=figures.rated,
        figures=figure_rows(figures, catalogue),
        outcomes=outcomes,
        services=services,
        reasons=tuple((catalogue.label("reasons", code), n) for code, n in reasons),
        helpers=helpers,
        hours=hours,
        outside_hours=outside,
        note="" if figures.definitions >= DEFINITIONS_VERSION else OLDER_DEFINITIONS,
    )
