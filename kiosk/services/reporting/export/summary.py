"""The "Tổng hợp" sheet of a workbook export: the period's figures as rows of cells.

The figures a commune or province asks for
(:func:`kiosk.services.reporting.figures.compute_figure_groups`, computed once for the
total, the days and the helpers): in total, per kind of service
(services done and distinct people), by day, by helper, the reasons services were not
completed, and each volunteer's hours. Read in the same snapshot as the exported rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.catalogue import Catalogue
from kiosk.domain.clock import format_day
from kiosk.services.reporting.export.columns import KIND_LABELS
from kiosk.services.reporting.figures import Figures, compute_figure_groups, helper_hours
from kiosk.storage.models import Helper

SummaryRow = tuple[bool, list[Any]]  # (is a heading, values)
FIGURES_TABLE = "Kết quả theo loại dịch vụ"


def summary_rows(
    session: Session,
    catalogue: Catalogue,
    start: date,
    end: date,
    counter_id: int | None,
    scope: str,
) -> list[SummaryRow]:
    """The sheet's rows: totals, figures per kind, by day, by helper, reasons, volunteer hours."""
    names = dict(session.execute(select(Helper.id, Helper.full_name)).all())
    kinds = dict(session.execute(select(Helper.id, Helper.kind)).all())
    keys = catalogue.figures()
    found = compute_figure_groups(
        session, catalogue, start, end, counter_id=counter_id, groups=(None, "day", "helper")
    )  # one computation for the three tables
    total = found[None][None]
    labels = [header for line in total.lines(keys) for header, _ in line.columns()]
    rows: list[SummaryRow] = [
        (True, [f"Tổng hợp từ {format_day(start)} đến {format_day(end)} — {scope}"])
    ]
    rows += _table(
        "Tổng cộng",
        ["Chỉ tiêu", "Số lượng"],
        [
            ["Lượt hỗ trợ", total.transactions],
            ["Lượt đã hoàn tất", total.finished],
            ["Lượt chưa hoàn tất", total.unfinished],
            ["Số người dân được hỗ trợ", total.people_helped],
            ["Mức hài lòng trung bình (1–5)", total.satisfaction_avg],
            ["Số lượt có đánh giá", total.rated],
        ],
    )
    rows += _table(
        FIGURES_TABLE,
        ["Chỉ tiêu", "Lượt (hồ sơ)", "Người"],
        (
            [line.label, line.services if line.services_shown else None, line.people]
            for line in total.lines(keys)
        ),
    )
    rows += _table(
        "Theo ngày",
        ["Ngày", "Lượt hỗ trợ", "Người dân được hỗ trợ", *labels],
        (
            [day, f.transactions, f.people_helped, *_per_figure(f, keys)]
            for day, f in sorted(_grouped(found["day"]))
        ),
    )
    rows += _table(
        "Theo người hỗ trợ",
        ["Người hỗ trợ", "Loại", "Lượt hỗ trợ", "Người dân được hỗ trợ", *labels],
        sorted(
            [
                names.get(hid, "(không ghi)"),
                KIND_LABELS.get(kinds.get(hid, ""), ""),
                f.transactions,
                f.people_helped,
                *_per_figure(f, keys),
            ]
            for hid, f in _grouped(found["helper"])
        ),
    )
    reasons = {e.code: e.name_vi for e in catalogue.reasons}
    rows += _table(
        "Lý do dịch vụ chưa hoàn thành",
        ["Lý do", "Số lượt"],
        (
            [reasons.get(code, code), n]
            for code, n in sorted(total.reasons.items(), key=lambda kv: (-kv[1], kv[0]))
        ),
    )
    volunteers = [
        h for h in helper_hours(session, start, end, counter_id=counter_id) if h.kind == "volunteer"
    ]
    rows += _table(
        "Giờ hỗ trợ của tình nguyện viên",
        ["Người hỗ trợ", "Số ngày", "Số giờ", "Lượt hỗ trợ"],
        ([h.full_name, h.days, h.hours, h.transactions] for h in volunteers),
    )
    return rows


def _grouped(found: dict[Any, Figures]) -> list[tuple[Any, Figures]]:
    """The groups that had visits."""
    return [(key, figures) for key, figures in found.items() if figures.transactions]


def _per_figure(figures: Figures, keys: tuple[str, ...]) -> list[int | None]:
    """The numbers of every figure, in the order of the headers of ``summary_rows``."""
    return [value for line in figures.lines(keys) for _, value in line.columns()]


def _table(title: str, header: list[str], body: Iterable[list[Any]]) -> list[SummaryRow]:
    return [(False, []), (True, [title]), (True, header), *((False, row) for row in body)]
