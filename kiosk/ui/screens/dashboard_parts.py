"""What the dashboard shows, and its small parts: the figures' names, number formats, a tile.

The figures' names are the reports' own (:mod:`kiosk.services.reporting.definitions`, context
``figures``); the targets' names keep the ``dashboard`` translation context.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.errors import QT_TRANSLATE_NOOP
from kiosk.services.guides.marks import StepMark
from kiosk.services.reporting.definitions import CONTEXT as FIGURES_CONTEXT
from kiosk.services.reporting.definitions import FIGURE_LABELS
from kiosk.services.reporting.figures import Figures
from kiosk.services.reporting.reports import TargetProgress
from kiosk.ui.screens.base import label, panel

CONTEXT = "dashboard"
DAY, MONTH = "day", "month"
TOP = 5  # rows of the "stuck" and "reasons" charts
TILE_COLUMNS = 4
TILE_MIN_PX = 300  # a tile's width at normal text size, below which fewer go across
WIDE_PX = 1600  # from this width the charts stand in two columns
# A tile's caption: short (a long one widens the tile past a portrait screen); the charts,
# the Z-report and the exports use the full names of :mod:`kiosk.services.reporting.definitions`.
TILE_NAMES = {
    "portal_accounts": QT_TRANSLATE_NOOP("dashboard", "Đăng nhập lần đầu Cổng DVC"),
    "vneid_level2_activations": QT_TRANSLATE_NOOP("dashboard", "Kích hoạt VNeID mức 2"),
    "digital_signatures": QT_TRANSLATE_NOOP("dashboard", "Chữ ký số cá nhân"),
    "dossiers_filed_online": QT_TRANSLATE_NOOP("dashboard", "Hồ sơ nộp trực tuyến"),
    "online_payments": QT_TRANSLATE_NOOP("dashboard", "Thanh toán trực tuyến"),
}
TILE_FIGURES = (
    "portal_accounts",
    "vneid_level2_activations",
    "digital_signatures",
    "dossiers_filed_online",
    "online_payments",
)
TARGET_NAMES = {
    "online_filing_share": QT_TRANSLATE_NOOP("dashboard", "Tỉ lệ hồ sơ nộp trực tuyến"),
    "adults_with_signature": QT_TRANSLATE_NOOP("dashboard", "Người trưởng thành có chữ ký số"),
}
# What a target's count is, after the number: "12 hồ sơ", "12 người trưởng thành", "12 người".
MEASURE_UNITS = {
    "dossiers": QT_TRANSLATE_NOOP("dashboard", "hồ sơ"),
    "adults": QT_TRANSLATE_NOOP("dashboard", "người trưởng thành"),
    "people": QT_TRANSLATE_NOOP("dashboard", "người"),
}
# Where a share target's denominator comes from, said next to the counter's count.
SHARE_SOURCES = {
    "online_filing_share": QT_TRANSLATE_NOOP(
        "dashboard",
        "tỉ lệ này là hồ sơ trực tuyến trên tất cả hồ sơ địa phương tiếp nhận "
        "(Quyết định 766/QĐ-TTg); quầy không tính được, tỉnh tổng hợp.",
    ),
    "adults_with_signature": QT_TRANSLATE_NOOP(
        "dashboard",
        "tỉ lệ này tính trên dân số trưởng thành của địa phương; quầy không tính được, "
        "tỉnh tổng hợp.",
    ),
}


def format_count(number: int) -> str:
    """Vietnamese digit grouping: 12.345."""
    return f"{number:,}".replace(",", ".")


def format_percent(share: float) -> str:
    """A share as a whole percentage: 0.64 → 64%."""
    return f"{round(share * 100)}%"


def figure_name(name: str) -> str:
    """A report figure's name (the reports' own label) in the current language."""
    return translate_label(FIGURE_LABELS.get(name, name))


def tile_name(name: str) -> str:
    """A tile's short caption in the current language."""
    if name in TILE_NAMES:
        return QCoreApplication.translate(CONTEXT, TILE_NAMES[name])
    return figure_name(name)


def translate_label(label: str) -> str:
    """A label of :mod:`kiosk.services.reporting.definitions` in the current language."""
    return QCoreApplication.translate(FIGURES_CONTEXT, label)


@dataclass(frozen=True)
class StuckStep:
    """A guide step where citizens pressed "Bác gặp khó", with its title."""

    service_code: str
    step_number: int
    title: str
    count: int


@dataclass(frozen=True)
class DashboardData:
    """Everything the dashboard shows for one period."""

    period: str  # DAY or MONTH
    first: date
    last: date
    figures: Figures
    targets: tuple[TargetProgress, ...] = ()
    stuck: tuple[StuckStep, ...] = ()
    centre: bool = False  # every counter of the centre, from its shared database
    marks: tuple[StepMark, ...] = ()  # guide steps volunteers marked out of date, newest first


class Tile(QWidget):
    """One big number with its caption and a detail line."""

    def __init__(self, name: str) -> None:
        super().__init__()
        frame, layout = panel()
        self.caption = label("body")
        self.value = label("big_number", wrap=False)
        self.value.setObjectName(f"figure_{name}")
        self.detail = label("muted")
        layout.addWidget(self.value)  # first, so the numbers line up whatever the captions
        layout.addWidget(self.caption)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
