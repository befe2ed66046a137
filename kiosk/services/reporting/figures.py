"""Report figures computed in SQL: what communes and provinces ask a support counter for.

Definitions (also in README "Figures"; labels and sources in :mod:`.definitions`):
- ``transactions``: visits started in the period (corrections are not visits, nor is a visit
  that never chose a service: since issue 13 none is recorded, older databases may hold some).
- ``people_helped``: distinct citizens among those visits, plus every anonymous visit.
- one figure per catalogue ``figure`` key (first portal log-ins with VNeID, VNeID level-2
  activations, digital signatures…): ``by_figure`` counts the services of that kind whose
  *effective* outcome is ``done`` (lượt), ``people_by_figure`` the distinct people behind them
  (each anonymous visit one person), ``adults_by_figure`` those people who are adults by birth
  year (the visit's year minus the birth year is 18 or more; no birth year, not counted).
- ``dossiers_filed_online`` counts every effective line of a filing service that has a dossier
  code, whatever its outcome (a dossier with a code was filed online, DOMAIN.md §6), and every
  one recorded ``done`` (filed, its code not typed in); ``dossiers`` splits them into
  ``full_process`` (outcome ``done``) and ``partial_process`` (a code with another outcome:
  "Hoàn thành một phần", the citizen must still come in; Decree 42/2022, Art. 11). A payment's
  dossier code names the dossier paid for and is not a dossier.
- The effective outcome of a service is the one in the latest correction of the visit that
  names the service, else the visit's own.
- ``satisfaction_avg``: mean rating of visits that were rated.
Everything is attributed to the day, counter, helper and citizen of the original visit.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal

from sqlalchemy import Select, and_, case, distinct, exists, extract, func, or_, select, union_all
from sqlalchemy.orm import Session, aliased

from kiosk.domain.catalogue import Catalogue
from kiosk.services.reporting.definitions import (
    ADULT_AGE,
    DEFINITIONS_VERSION,
    DOSSIER_FIGURES,
    ReportLine,
    report_lines,
)
from kiosk.storage.models import AssistedService, Citizen, Counter, Helper, Transaction

GroupBy = Literal["day", "helper", "counter"] | None
DOSSIER_PARTS = ("full_process", "partial_process")


@dataclass
class Figures:
    """Figures of one group (a day, a helper, a counter, or the whole period)."""

    transactions: int = 0
    finished: int = 0
    unfinished: int = 0
    people_helped: int = 0
    satisfaction_avg: float | None = None
    rated: int = 0
    by_figure: dict[str, int] = field(default_factory=dict)
    by_service: dict[str, dict[str, int]] = field(default_factory=dict)
    reasons: dict[str, int] = field(default_factory=dict)
    people_by_figure: dict[str, int] = field(default_factory=dict)
    adults_by_figure: dict[str, int] = field(default_factory=dict)
    dossiers: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DOSSIER_PARTS, 0))
    definitions: int = DEFINITIONS_VERSION  # 1: closed before the people counts existed

    def lines(self, figure_ids: tuple[str, ...]) -> list[ReportLine]:
        """The rows every report shows (:func:`.definitions.report_lines`)."""
        recorded = self.definitions >= DEFINITIONS_VERSION
        return report_lines(
            figure_ids,
            self.by_figure,
            self.people_by_figure if recorded else None,
            self.adults_by_figure if recorded else None,
            self.dossiers if recorded else None,
        )

    def as_dict(self) -> dict[str, Any]:
        """A JSON-friendly dict (stored with a day closure)."""
        return {
            "definitions": self.definitions,
            "people_by_figure": dict(self.people_by_figure),
            "adults_by_figure": dict(self.adults_by_figure),
            "dossiers": dict(self.dossiers),
            "transactions": self.transactions,
            "finished": self.finished,
            "unfinished": self.unfinished,
            "people_helped": self.people_helped,
            "satisfaction_avg": self.satisfaction_avg,
            "rated": self.rated,
            "by_figure": dict(self.by_figure),
            "by_service": {k: dict(v) for k, v in self.by_service.items()},
            "reasons": dict(self.reasons),
        }


def _group_column(group_by: GroupBy, table: Any) -> Any:
    if group_by == "day":
        return table.business_day
    if group_by == "helper":
        return table.helper_id
    if group_by == "counter":
        return table.counter_id
    return None


def _chose_a_service(table: Any) -> Any:
    """The visit chose at least one service (an empty visit is not a visit)."""
    return exists().where(AssistedService.transaction_id == table.id)


def _scope(query: Any, table: Any, start: date, end: date, counter_id: int | None) -> Any:
    query = query.where(table.business_day >= start, table.business_day <= end)
    if counter_id is not None:
        query = query.where(table.counter_id == counter_id)
    return query


def effective_services_query(start: date, end: date, counter_id: int | None) -> Select[Any]:
    """Rows (root visit, its day, helper, counter, citizen; service code, effective outcome,
    reason, dossier code) of the visits in the period.

    Two branches, both driven from the visits of the period (index on ``business_day``): the
    visits' own service lines, and the lines of their corrections (index on ``corrects_id``).
    A line is dropped when a later correction of the same visit names the same service.
    """
    root = aliased(Transaction, name="root")
    later = aliased(Transaction, name="later")
    later_line = aliased(AssistedService, name="later_line")

    def branch(entry: Any, line: Any, joined: Any) -> Select[Any]:
        superseded = exists(
            select(later_line.id)
            .join(later, later.id == later_line.transaction_id)
            .where(
                later.corrects_id == root.id,
                later_line.service_code == line.service_code,
                later.started_at > entry.started_at,
            )
        )
        scoped: Select[Any] = _scope(
            joined.where(root.corrects_id.is_(None), line.outcome.is_not(None), ~superseded),
            root,
            start,
            end,
            counter_id,
        )
        return scoped

    columns = (
        root.id.label("root_id"),
        root.business_day,
        root.helper_id,
        root.counter_id,
        root.citizen_id,
    )
    own = aliased(AssistedService, name="own_line")
    correction = aliased(Transaction, name="correction")
    fixed = aliased(AssistedService, name="fixed_line")
    keys = (own.service_code, own.outcome, own.reason_code, own.dossier_code)
    own_lines = branch(
        root,
        own,
        select(*columns, *keys).join(own, own.transaction_id == root.id),
    )
    keys = (fixed.service_code, fixed.outcome, fixed.reason_code, fixed.dossier_code)
    corrected_lines = branch(
        correction,
        fixed,
        select(*columns, *keys)
        .join(correction, correction.corrects_id == root.id)
        .join(fixed, fixed.transaction_id == correction.id),
    )
    return union_all(own_lines, corrected_lines)  # type: ignore[return-value]


def compute_figures(
    session: Session,
    catalogue: Catalogue,
    start: date,
    end: date,
    *,
    counter_id: int | None = None,
    group_by: GroupBy = None,
) -> dict[Any, Figures]:
    """Figures for the days ``start``..``end`` inclusive, keyed by group (``None`` = total)."""
    result: dict[Any, Figures] = defaultdict(Figures)
    visit = Transaction
    group = _group_column(group_by, visit)
    anonymous = func.sum(case((visit.citizen_id.is_(None), 1), else_=0))
    columns = [
        func.count(),
        func.sum(case((visit.status == "finished", 1), else_=0)),
        func.count(distinct(visit.citizen_id)) + func.coalesce(anonymous, 0),
        func.avg(visit.satisfaction),
        func.count(visit.satisfaction),
    ]
    visits = select(*(columns if group is None else [group, *columns])).where(
        visit.corrects_id.is_(None), _chose_a_service(visit)
    )
    visits = _scope(visits, visit, start, end, counter_id)
    if group is not None:
        visits = visits.group_by(group)
    for row in session.execute(visits):
        key = None if group is None else row[0]
        total, finished, people, rating, rated = row if group is None else row[1:]
        figures = result[key]
        figures.transactions = int(total or 0)
        figures.finished = int(finished or 0)
        figures.unfinished = figures.transactions - figures.finished
        figures.people_helped = int(people or 0)
        figures.satisfaction_avg = round(float(rating), 2) if rating is not None else None
        figures.rated = int(rated or 0)

    lines = effective_services_query(start, end, counter_id).subquery()
    line_group = None if group_by is None else getattr(lines.c, _LINE_GROUP[group_by])
    has_code = lines.c.dossier_code.is_not(None)
    keys = [lines.c.service_code, lines.c.outcome, lines.c.reason_code, has_code]
    counts = select(*(keys if line_group is None else [line_group, *keys]), func.count())
    counts = counts.group_by(*(keys if line_group is None else [line_group, *keys]))
    figure_of = {s.code: s.figure for s in catalogue.services}
    for row in session.execute(counts):
        key = None if line_group is None else row[0]
        service, outcome, reason, coded, number = row if line_group is None else row[1:]
        figures = result[key]
        per_service = figures.by_service.setdefault(service, {})
        per_service[outcome] = per_service.get(outcome, 0) + number
        name = figure_of.get(service)
        if name in DOSSIER_FIGURES:
            if coded or outcome == "done":
                figures.by_figure[name] = figures.by_figure.get(name, 0) + number
                part = "full_process" if outcome == "done" else "partial_process"
                figures.dossiers[part] += number
        elif outcome == "done" and name:
            figures.by_figure[name] = figures.by_figure.get(name, 0) + number
        if reason:
            figures.reasons[reason] = figures.reasons.get(reason, 0) + number
    _count_people(session, catalogue, lines, line_group, result)
    for figures in result.values():
        for name in catalogue.figures():
            figures.by_figure.setdefault(name, 0)
            figures.people_by_figure.setdefault(name, 0)
            figures.adults_by_figure.setdefault(name, 0)
    if group is None:
        result.setdefault(None, _empty(catalogue))
    return dict(result)


def _empty(catalogue: Catalogue) -> Figures:
    zero = dict.fromkeys(catalogue.figures(), 0)
    return Figures(by_figure=zero, people_by_figure=dict(zero), adults_by_figure=dict(zero))


def _count_people(
    session: Session,
    catalogue: Catalogue,
    lines: Any,
    line_group: Any,
    result: dict[Any, Figures],
) -> None:
    """Distinct people (and adults by birth year) behind each figure's counted lines."""
    figure_of = {s.code: s.figure for s in catalogue.services if s.figure}
    if not figure_of:
        return
    by_dossier = [code for code, name in figure_of.items() if name in DOSSIER_FIGURES]
    counted = or_(
        lines.c.outcome == "done",
        and_(lines.c.service_code.in_(by_dossier), lines.c.dossier_code.is_not(None)),
    )
    figure = case(*((lines.c.service_code == code, name) for code, name in figure_of.items()))
    adult = extract("year", lines.c.business_day) - Citizen.birth_year >= ADULT_AGE
    columns = [
        figure,
        func.count(distinct(lines.c.citizen_id)),
        func.count(distinct(case((lines.c.citizen_id.is_(None), lines.c.root_id)))),
        func.count(distinct(case((adult, lines.c.citizen_id)))),
    ]
    query = (
        select(*(columns if line_group is None else [line_group, *columns]))
        .select_from(lines)
        .outerjoin(Citizen, Citizen.id == lines.c.citizen_id)
        .where(counted, lines.c.service_code.in_(figure_of))
        .group_by(*([figure] if line_group is None else [line_group, figure]))
    )
    for row in session.execute(query):
        key = None if line_group is None else row[0]
        name, people, anonymous, adults = row if line_group is None else row[1:]
        figures = result[key]
        figures.people_by_figure[name] = int(people or 0) + int(anonymous or 0)
        figures.adults_by_figure[name] = int(adults or 0)


_LINE_GROUP = {"day": "business_day", "helper": "helper_id", "counter": "counter_id"}


@dataclass(frozen=True)
class HelperHours:
    """Time a helper spent at the counter in a period."""

    helper_id: int
    username: str
    full_name: str
    kind: str
    days: int
    hours: float
    transactions: int


def helper_hours(
    session: Session, start: date, end: date, *, counter_id: int | None = None
) -> list[HelperHours]:
    """Per helper: days present and hours, each day from first start to last finish.

    Volunteer hours for youth-union reporting; a day with a single unfinished visit
    counts as zero hours (no finish time to measure to).
    """
    visit = Transaction
    last = func.max(func.coalesce(visit.finished_at, visit.started_at))
    per_day = select(
        visit.helper_id, visit.business_day, func.min(visit.started_at), last, func.count()
    ).where(visit.helper_id.is_not(None), visit.corrects_id.is_(None), _chose_a_service(visit))
    per_day = _scope(per_day, visit, start, end, counter_id).group_by(
        visit.helper_id, visit.business_day
    )
    totals: dict[int, list[float]] = defaultdict(lambda: [0, 0.0, 0])
    for helper_id, _day, first, final, count in session.execute(per_day):
        first_at, final_at = _as_datetime(first), _as_datetime(final)
        entry = totals[helper_id]
        entry[0] += 1
        entry[1] += max((final_at - first_at).total_seconds(), 0) / 3600
        entry[2] += count
    helpers = {h.id: h for h in session.scalars(select(Helper).where(Helper.id.in_(totals)))}
    return sorted(
        (
            HelperHours(
                helper_id=hid,
                username=helpers[hid].username,
                full_name=helpers[hid].full_name,
                kind=helpers[hid].kind,
                days=int(days),
                hours=round(hours, 2),
                transactions=int(count),
            )
            for hid, (days, hours, count) in totals.items()
        ),
        key=lambda h: h.full_name,
    )


def _as_datetime(value: Any) -> datetime:
    """Aggregates over a UTC column come back as text on SQLite; parse them."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    assert isinstance(value, datetime)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def counter_codes(session: Session) -> dict[int, str]:
    """Counter id → code."""
    return {row.id: row.code for row in session.execute(select(Counter.id, Counter.code))}
