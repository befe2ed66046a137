"""What the dashboard shows, and its small parts: the figures' names, number formats, a tile.

The names keep the ``dashboard`` translation context.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.errors import QT_TRANSLATE_NOOP
from kiosk.services.reporting.export.columns import FIGURE_LABELS
from kiosk.services.reporting.figures import Figures
from kiosk.services.reporting.reports import TargetProgress
from kiosk.ui.screens.base import label, panel

CONTEXT = "dashboard"
DAY, MONTH = "day", "month"
TOP = 5  # rows of the "stuck" and "reasons" charts
TILE_COLUMNS = 4
WIDE_PX = 1600  # from this width the charts stand in two columns
FIGURE_NAMES = {
    "portal_accounts": QT_TRANSLATE_NOOP("dashboard", "Tài khoản Dịch vụ công đã tạo"),
    "vneid_level1_registrations": QT_TRANSLATE_NOOP("dashboard", "Đăng ký VNeID mức 1"),
    "vneid_level2_activations": QT_TRANSLATE_NOOP("dashboard", "Kích hoạt VNeID mức 2"),
    "digital_signatures": QT_TRANSLATE_NOOP("dashboard", "Chữ ký số đã cấp"),
    "dossiers_filed_online": QT_TRANSLATE_NOOP("dashboard", "Hồ sơ nộp trực tuyến"),
    "online_payments": QT_TRANSLATE_NOOP("dashboard", "Thanh toán trực tuyến"),
    "vssid_accounts": QT_TRANSLATE_NOOP("dashboard", "Tài khoản VssID"),
    "e_health_books": QT_TRANSLATE_NOOP("dashboard", "Sổ sức khoẻ điện tử"),
    "cashless_accounts": QT_TRANSLATE_NOOP("dashboard", "Tài khoản không dùng tiền mặt"),
}
TILE_FIGURES = (
    "portal_accounts",
    "vneid_level2_activations",
    "digital_signatures",
    "dossiers_filed_online",
    "online_payments",
)
TARGET_NAMES = {
    "online_filing_share": QT_TRANSLATE_NOOP("dashboard", "Hồ sơ nộp trực tuyến thành công"),
    "adults_with_signature": QT_TRANSLATE_NOOP("dashboard", "Người trưởng thành có chữ ký số"),
}


def format_count(number: int) -> str:
    """Vietnamese digit grouping: 12.345."""
    return f"{number:,}".replace(",", ".")


def format_percent(share: float) -> str:
    """A share as a whole percentage: 0.64 → 64%."""
    return f"{round(share * 100)}%"


def figure_name(name: str) -> str:
    """A report figure's short name in the current language."""
    if name in FIGURE_NAMES:
        return QCoreApplication.translate(CONTEXT, FIGURE_NAMES[name])
    return FIGURE_LABELS.get(name, name)


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
