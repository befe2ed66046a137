"""The SQL of the report figures (:mod:`.figures`): the effective service lines, and the
totals of the period's visits and lines for several groupings at once.

Each of :func:`visit_totals` and :func:`line_totals` is one statement: the period's rows
are read once into a materialised common table expression, then every grouping (the
total, by day, by helper…) is one ``GROUP BY`` over it, the results one ``UNION ALL``
tagged with the grouping's index. Distinct people are counted in the same statement.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from sqlalchemy import (
    Boolean,
    Date,
    Integer,
    Select,
    String,
    and_,
    case,
    cast,
    distinct,
    exists,
    extract,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import aliased

from kiosk.services.reporting.definitions import ADULT_AGE, DOSSIER_FIGURES
from kiosk.storage.models import AssistedService, Citizen, Transaction

GroupBy = Literal["day", "helper", "counter"] | None
_COLUMN = {"day": "business_day", "helper": "helper_id", "counter": "counter_id"}


def chose_a_service(table: Any) -> Any:
    """The visit chose at least one service (an empty visit is not a visit)."""
    return exists().where(AssistedService.transaction_id == table.id)


def scope(query: Any, table: Any, start: date, end: date, counter_id: int | None) -> Any:
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
        scoped: Select[Any] = scope(
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


def _keys(rows: Any, group: GroupBy) -> list[Any]:
    """The day, helper and counter columns of a grouping's rows: its own key, NULLs else."""
    return [
        getattr(rows, column) if name == group else cast(null(), kind)
        for name, column, kind in (
            ("day", "business_day", Date),
            ("helper", "helper_id", Integer),
            ("counter", "counter_id", Integer),
        )
    ]


def visit_totals(
    start: date, end: date, counter_id: int | None, groups: tuple[GroupBy, ...]
) -> Any:
    """Rows (grouping's index, day, helper, counter, visits, finished, rating sum, rated,
    distinct citizens, anonymous visits), for every grouping in one statement."""
    visit = Transaction
    found = scope(
        select(
            visit.business_day, visit.helper_id, visit.counter_id, visit.citizen_id,
            visit.status, visit.satisfaction,
        ).where(visit.corrects_id.is_(None), chose_a_service(visit)),
        visit, start, end, counter_id,
    ).cte("period_visits").prefix_with("MATERIALIZED")  # fmt: skip
    c = found.c
    branches = []
    for i, group in enumerate(groups):
        keys = _keys(c, group)
        branch = select(
            literal(i, Integer),
            *keys,
            func.count(),
            func.sum(case((c.status == "finished", 1), else_=0)),
            func.sum(c.satisfaction),
            func.count(c.satisfaction),
            func.count(distinct(c.citizen_id)),
            func.sum(case((c.citizen_id.is_(None), 1), else_=0)),
        )
        branches.append(branch.group_by(getattr(c, _COLUMN[group])) if group else branch)
    return union_all(*branches)


def line_totals(
    start: date,
    end: date,
    counter_id: int | None,
    groups: tuple[GroupBy, ...],
    figure_of: dict[str, str],
) -> Any:
    """Rows of every grouping in one statement over the effective lines, computed once:

    - (index, day, helper, counter, service, outcome, reason, has a dossier code, lines,
      NULL, NULL, NULL): the lines of each service, outcome and reason;
    - (index, day, helper, counter, figure, NULL, NULL, NULL, NULL, citizens, anonymous
      visits, adults): the distinct people behind each figure's counted lines.

    A line counts toward its figure (and its people) on the outcome ``done`` or, for a
    dossier figure, a dossier code (see :mod:`.figures`); an adult is a citizen whose birth
    year is at least ``ADULT_AGE`` before the visit's year.
    """
    effective = effective_services_query(start, end, counter_id).subquery("effective")
    e = effective.c
    by_dossier = [code for code, name in figure_of.items() if name in DOSSIER_FIGURES]
    counted = and_(
        e.service_code.in_(list(figure_of)),
        or_(e.outcome == "done", and_(e.service_code.in_(by_dossier), e.dossier_code.is_not(None))),
    )
    figure = (
        case(*((e.service_code == code, name) for code, name in figure_of.items()))
        if figure_of
        else cast(null(), String)
    )
    adult = extract("year", e.business_day) - Citizen.birth_year >= ADULT_AGE
    lines = (
        select(
            e.business_day, e.helper_id, e.counter_id, e.service_code, e.outcome,
            e.reason_code, e.dossier_code.is_not(None).label("coded"),
            case((counted, figure)).label("figure"),
            case((e.citizen_id.is_(None), e.root_id)).label("anonymous"),
            e.citizen_id, case((adult, e.citizen_id)).label("adult"),
        )
        .select_from(effective)
        .outerjoin(Citizen, Citizen.id == e.citizen_id)
        .cte("period_lines")
        .prefix_with("MATERIALIZED")
    )  # fmt: skip
    c = lines.c
    nothing = cast(null(), Integer)
    branches = []
    for i, group in enumerate(groups):
        keys = _keys(c, group)
        by = [getattr(c, _COLUMN[group])] if group else []
        services = [c.service_code, c.outcome, c.reason_code, c.coded]
        branches.append(
            select(
                literal(i, Integer), *keys, *services, func.count(), nothing, nothing, nothing
            ).group_by(*by, *services)
        )
        branches.append(
            select(
                literal(i, Integer), *keys, c.figure, cast(null(), String), cast(null(), String),
                cast(null(), Boolean), nothing, func.count(distinct(c.citizen_id)),
                func.count(distinct(c.anonymous)), func.count(distinct(c.adult)),
            )
            .where(c.figure.is_not(None))
            .group_by(*by, c.figure)
        )  # fmt: skip
    return union_all(*branches)
