"""The dashboard's province targets: progress toward a count, the counter's share of a share.

A share target's denominator belongs to the province (all dossiers the locality received, its
adult population: :mod:`kiosk.services.reporting.targets`), so it gets a sentence with the
counter's count and never a bar; a count target gets a bar of the counter's count toward it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk.services.reporting.definitions import FIGURE_LABELS
from kiosk.services.reporting.targets import TargetProgress
from kiosk.ui.screens.dashboard_parts import (
    CONTEXT,
    MEASURE_UNITS,
    SHARE_SOURCES,
    TARGET_NAMES,
    figure_name,
    format_count,
    format_percent,
)
from kiosk.ui.widgets.bar_chart import Bar


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def target_title(key: str) -> str:
    """A target's name in the current language (its key when unknown)."""
    name = TARGET_NAMES.get(key)
    if name:
        return _tr(name)
    return figure_name(key) if key in FIGURE_LABELS else key


def target_view(targets: tuple[TargetProgress, ...]) -> tuple[list[Bar], list[str]]:
    """Bars for the count targets, sentences for the share targets and unknown keys."""
    bars: list[Bar] = []
    notes: list[str] = []
    for target in targets:
        title = target_title(target.key)
        if target.count is None:
            notes.append(
                QCoreApplication.translate(
                    "dashboard",
                    '• Mục tiêu "{key}": quầy không có số liệu cho chỉ tiêu này; tỉnh tổng hợp.',
                ).format(key=target.key)
            )
            continue
        unit = _tr(MEASURE_UNITS[target.measure])
        count = format_count(target.count)
        if target.is_count:
            progress = target.progress or 0.0
            text = QCoreApplication.translate(
                "dashboard", "{count} / mục tiêu {goal} {unit} ({share})"
            ).format(
                count=count,
                goal=format_count(round(target.target)),
                unit=unit,
                share=format_percent(progress),
            )
            bars.append(Bar(title, min(progress, 1.0) * 100, text, 100, target.reached))
            continue
        source = SHARE_SOURCES.get(target.key)
        why = (
            _tr(source)
            if source
            else QCoreApplication.translate(
                "dashboard", "tỉ lệ này cần mẫu số do tỉnh cung cấp; quầy không tự tính."
            )
        )
        notes.append(
            QCoreApplication.translate(
                "dashboard", "• {title} (mục tiêu {goal}): quầy đã hỗ trợ {count} {unit}; {why}"
            ).format(
                title=title, goal=format_percent(target.target), count=count, unit=unit, why=why
            )
        )
    return bars, notes
