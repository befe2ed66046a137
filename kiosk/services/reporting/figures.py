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
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.domain.catalogue import Catalogue
from kiosk.services.reporting.definitions import (
    DEFINITIONS_VERSION,
    DOSSIER_FIGURES,
    ReportLine,
    report_lines,
)
from kiosk.services.reporting.figure_sql import (
    GroupBy,
    chose_a_service,
    line_totals,
    scope,
    visit_totals,
)
from kiosk.storage.models import Counter, Helper, Transaction

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
    found = compute_figure_groups(
        session, catalogue, start, end, counter_id=counter_id, groups=(group_by,)
    )
    return found[group_by]


def compute_figure_groups(
    session: Session,
    catalogue: Catalogue,
    start: date,
    end: date,
    *,
    counter_id: int | None = None,
    groups: tuple[GroupBy, ...] = (None,),
) -> dict[GroupBy, dict[Any, Figures]]:
    """The figures of every grouping in ``groups`` at once, each as :func:`compute_figures`.

    Two statements whatever the number of groupings (:mod:`.figure_sql`): the period's
    visits, and their effective service lines with the distinct people behind each figure,
    each read once and grouped every way asked. The "Tổng hợp" sheet's total, days and
    helpers cost one computation; a single grouping no longer reads its lines twice.
    """
    rollups = [_Rollup(catalogue, group) for group in groups]
    for row in session.execute(visit_totals(start, end, counter_id, groups)):
        rollups[row[0]].visits(row)
    figure_of = {s.code: s.figure for s in catalogue.services if s.figure}
    for row in session.execute(line_totals(start, end, counter_id, groups, figure_of)):
        rollups[row[0]].lines(row)
    return {group: rollup.figures() for group, rollup in zip(groups, rollups, strict=True)}


_KEY_AT: dict[GroupBy, int | None] = {None: None, "day": 1, "helper": 2, "counter": 3}


class _Rollup:
    """The figures of one grouping, from its rows of :mod:`.figure_sql`'s totals."""

    def __init__(self, catalogue: Catalogue, group: GroupBy) -> None:
        self.catalogue = catalogue
        self.figure_of = {s.code: s.figure for s in catalogue.services if s.figure}
        self.at = _KEY_AT[group]
        self.result: dict[Any, Figures] = defaultdict(Figures)
        self.ratings: dict[Any, int] = {}

    def visits(self, row: Any) -> None:
        """A group's visits: (…, visits, finished, rating sum, rated, citizens, anonymous)."""
        key = None if self.at is None else row[self.at]
        total, finished, rating, rated, citizens, anonymous = row[4:]
        figures = self.result[key]
        figures.transactions = int(total or 0)
        figures.finished = int(finished or 0)
        figures.rated = int(rated or 0)
        figures.people_helped = int(citizens or 0) + int(anonymous or 0)
        self.ratings[key] = int(rating or 0)

    def lines(self, row: Any) -> None:
        """A group's lines of a service and outcome, or the people behind one of its figures."""
        figures = self.result[None if self.at is None else row[self.at]]
        service, outcome, reason, coded, number, people, anonymous, adults = row[4:]
        if number is None:  # a figure's people
            figures.people_by_figure[service] = int(people or 0) + int(anonymous or 0)
            figures.adults_by_figure[service] = int(adults or 0)
            return
        per_service = figures.by_service.setdefault(service, {})
        per_service[outcome] = per_service.get(outcome, 0) + number
        if reason:
            figures.reasons[reason] = figures.reasons.get(reason, 0) + number
        name = self.figure_of.get(service)
        if name in DOSSIER_FIGURES:
            if coded or outcome == "done":
                figures.by_figure[name] = figures.by_figure.get(name, 0) + number
                part = "full_process" if outcome == "done" else "partial_process"
                figures.dossiers[part] += number
        elif outcome == "done" and name:
            figures.by_figure[name] = figures.by_figure.get(name, 0) + number

    def figures(self) -> dict[Any, Figures]:
        """The figures of every group, every catalogue figure present (0 when none counted)."""
        for key, figures in self.result.items():
            figures.unfinished = figures.transactions - figures.finished
            if figures.rated:
                figures.satisfaction_avg = round(self.ratings[key] / figures.rated, 2)
            for name in self.catalogue.figures():
                figures.by_figure.setdefault(name, 0)
                figures.people_by_figure.setdefault(name, 0)
                figures.adults_by_figure.setdefault(name, 0)
        if self.at is None:
            self.result.setdefault(None, _empty(self.catalogue))
        return dict(self.result)


def _empty(catalogue: Catalogue) -> Figures:
    zero = dict.fromkeys(catalogue.figures(), 0)
    return Figures(by_figure=zero, people_by_figure=dict(zero), adults_by_figure=dict(zero))


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
    ).where(visit.helper_id.is_not(None), visit.corrects_id.is_(None), chose_a_service(visit))
    per_day = scope(per_day, visit, start, end, counter_id).group_by(
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
