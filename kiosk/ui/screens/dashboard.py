"""The counter's dashboard: today or this month, in big numbers and plain bar charts.

The figures are the Z-report's (computed by
:func:`kiosk.services.reporting.reports.period_figures`, rows of
:func:`kiosk.services.reporting.definitions.report_lines`). A province target that is a share
(online filing, adults with a signature) shows only what the counter contributed and why the
province computes the share; progress is drawn only toward a target that is a count.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QVBoxLayout, QWidget

from kiosk.domain.catalogue import Catalogue
from kiosk.domain.clock import format_day
from kiosk.services.reporting.definitions import DOSSIER_FIGURES, SIGNATURES, ReportLine
from kiosk.services.reporting.figures import Figures
from kiosk.services.reporting.reports import TargetProgress
from kiosk.ui.screens.base import Screen, button, label, scrolled
from kiosk.ui.screens.dashboard_marks import MarksSection
from kiosk.ui.screens.dashboard_parts import (
    DAY,
    MONTH,
    TILE_COLUMNS,
    TILE_FIGURES,
    TILE_MIN_PX,
    TOP,
    WIDE_PX,
    DashboardData,
    StuckStep,
    Tile,
    format_count,
    tile_name,
    translate_label,
)
from kiosk.ui.screens.dashboard_targets import target_view
from kiosk.ui.theme import BODY_PT
from kiosk.ui.widgets.bar_chart import Bar, BarChart
from kiosk.ui.widgets.choice_button import ChoiceButton

__all__ = [
    "DAY",
    "MONTH",
    "TILE_FIGURES",
    "DashboardData",
    "DashboardScreen",
    "StuckStep",
    "format_count",
]


class DashboardScreen(Screen):
    """Emits :attr:`period_requested` (DAY or MONTH) and :attr:`back_requested`."""

    period_requested = Signal(str)
    centre_toggled = Signal(bool)  # this counter / every counter of the centre
    back_requested = Signal()

    def __init__(self, catalogue: Catalogue, language: str = "vi") -> None:
        super().__init__()
        self._catalogue = catalogue
        self._language = language
        self.data: DashboardData | None = None
        self.asked: tuple[str, bool] | None = None  # (period, centre) last asked for
        self.loading = False  # the figures asked for are being read
        self.title = label("title")
        self.period_text = label("muted")
        self.period_text.setObjectName("dashboard_period")
        self.today = ChoiceButton()
        self.month = ChoiceButton()
        for widget, name in ((self.today, "period_day"), (self.month, "period_month")):
            widget.setObjectName(name)
            widget.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._periods = QButtonGroup(self)
        for widget, period in ((self.today, DAY), (self.month, MONTH)):
            self._periods.addButton(widget)
            widget.clicked.connect(lambda _c=False, p=period: self.period_requested.emit(p))
        self.today.setChecked(True)
        self.centre = ChoiceButton()  # shown only on a counter that shares a centre database
        self.centre.setObjectName("scope_centre")
        self.centre.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.centre.setCheckable(True)
        self.centre.clicked.connect(lambda checked: self.centre_toggled.emit(bool(checked)))
        self.centre.hide()
        self.back = button(name="dashboard_back")
        self.back.clicked.connect(self.back_requested)
        header = QGridLayout()  # title · back, then period · scope and period choices
        header.setHorizontalSpacing(16)
        header.setVerticalSpacing(4)
        header.addWidget(self.title, 0, 0, 1, 3)  # the title over the choices, not squeezed
        header.addWidget(self.period_text, 1, 0)
        header.setColumnStretch(0, 1)
        header.addWidget(self.back, 0, 3, Qt.AlignmentFlag.AlignRight)
        for column, choice in enumerate((self.centre, self.today, self.month), start=1):
            header.addWidget(choice, 1, column)
        for control in (self.centre, self.today, self.month, self.back):
            control.setMinimumWidth(220)

        names = ("people_helped", "transactions", "satisfaction", *TILE_FIGURES)
        self.tiles = {name: Tile(name) for name in names}
        tiles = self._tile_grid = QGridLayout()
        tiles.setSpacing(16)
        self._tile_columns = 0
        self._place_tiles(TILE_COLUMNS)
        self.figures_title = label("heading")
        self.figures_chart = BarChart()
        self.figures_chart.setObjectName("figures_chart")
        self.targets_title = label("heading")
        self.targets_chart = BarChart()
        self.targets_chart.setObjectName("targets_chart")
        self.targets_notes = label("body")
        self.targets_notes.setObjectName("targets_notes")
        self.stuck_title = label("heading")
        self.stuck_chart = BarChart()
        self.stuck_chart.setObjectName("stuck_chart")
        self.marks = MarksSection(catalogue)
        self.reasons_title = label("heading")
        self.reasons_chart = BarChart()
        self.reasons_chart.setObjectName("reasons_chart")
        charts = QGridLayout()
        charts.setHorizontalSpacing(40)
        charts.setVerticalSpacing(12)
        left = (self.figures_title, self.figures_chart, self.reasons_title, self.reasons_chart)
        right = (
            self.targets_title,
            self.targets_chart,
            self.targets_notes,
            self.stuck_title,
            self.stuck_chart,
            self.marks,
        )
        self._chart_boxes = []
        for widgets in (left, right):
            box = QVBoxLayout()
            box.setSpacing(12)
            for part in widgets:
                box.addWidget(part)
            box.addStretch(1)
            self._chart_boxes.append(box)
        self._charts = charts
        self._wide: bool | None = None
        self._place_charts(wide=True)

        body = QWidget()
        body.setProperty("screen", True)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 12, 12)
        body_layout.setSpacing(24)
        body_layout.addLayout(tiles)
        body_layout.addLayout(charts)
        body_layout.addStretch(1)
        self.body_scroll = scrolled(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 16, 28, 12)
        layout.setSpacing(16)
        layout.addLayout(header)
        layout.addWidget(self.body_scroll, 1)
        self.retranslate()

    def _place_charts(self, *, wide: bool) -> None:
        """Charts side by side on a wide screen, one under the other on a narrow one."""
        if wide == self._wide:
            return
        self._wide = wide
        left, right = self._chart_boxes
        for box in (left, right):
            self._charts.removeItem(box)
            box.setParent(None)  # free to be added again, without Qt's "already has a parent"
        self._charts.addLayout(left, 0, 0)
        self._charts.addLayout(right, 0 if wide else 1, 1 if wide else 0)
        self._charts.setColumnStretch(0, 1)
        self._charts.setColumnStretch(1, 1 if wide else 0)

    def _place_tiles(self, columns: int) -> None:
        """The figure tiles in rows of ``columns``."""
        if columns == self._tile_columns:
            return
        self._tile_columns = columns
        for tile in self.tiles.values():
            self._tile_grid.removeWidget(tile)
        for column in range(TILE_COLUMNS):
            self._tile_grid.setColumnStretch(column, 1 if column < columns else 0)
        for index, tile in enumerate(self.tiles.values()):
            self._tile_grid.addWidget(tile, index // columns, index % columns)

    def _tiles_across(self) -> int:
        """As many tiles across as fit at the chosen text size (a body-text label's size
        tells it), two at least, :data:`TILE_COLUMNS` at most."""
        scale = max(1.0, self.period_text.font().pointSizeF() / BODY_PT)
        return max(2, min(TILE_COLUMNS, self.width() // round(TILE_MIN_PX * scale)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._place_charts(wide=self.width() >= WIDE_PX)
        self._place_tiles(self._tiles_across())
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.StyleChange:  # another text size
            self._place_tiles(self._tiles_across())
        super().changeEvent(event)

    # -- state -------------------------------------------------------------------------------

    def offer_centre(self, available: bool) -> None:
        """Show the "whole centre" choice (a counter that shares the centre's database)."""
        self.centre.setVisible(available)

    def show_loading(self, period: str, centre: bool) -> None:
        """The figures of ``period`` (of the whole centre?) are being read: the buttons say
        what was asked, the figures already shown stay until the new ones come."""
        self.asked = (period, centre)
        self.loading = True
        (self.today if period == DAY else self.month).setChecked(True)
        self.centre.setChecked(centre)
        self.retranslate()

    def show_data(self, data: DashboardData) -> None:
        """Show ``data`` (the period buttons follow it)."""
        self.data = data
        self.asked = (data.period, data.centre)
        self.loading = False
        (self.today if data.period == DAY else self.month).setChecked(True)
        self.centre.setChecked(data.centre)
        self.retranslate()

    def set_language(self, language: str) -> None:
        """Catalogue names in ``language``."""
        self._language = language
        self.retranslate()

    def clear(self) -> None:
        self.data = None
        self.asked = None
        self.loading = False
        self.retranslate()

    # -- texts -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        centre = self.data is not None and self.data.centre
        self.title.setText(
            self.tr("Số liệu toàn trung tâm") if centre else self.tr("Bảng số liệu của quầy")
        )
        self.centre.setText(self.tr("Toàn trung tâm"))
        self.today.setText(self.tr("Hôm nay"))
        self.month.setText(self.tr("Tháng này"))
        self.back.setText(self.tr("Quay lại"))
        self.figures_title.setText(self.tr("Việc đã hoàn thành, theo loại"))
        self.targets_title.setText(self.tr("Đóng góp vào mục tiêu của tỉnh"))
        self.stuck_title.setText(self.tr("Bước người dân hay gặp khó nhất"))
        self.reasons_title.setText(self.tr("Lý do chưa làm xong"))
        self.tiles["people_helped"].caption.setText(self.tr("Người dân được hỗ trợ"))
        self.tiles["transactions"].caption.setText(self.tr("Lượt hỗ trợ"))
        self.tiles["satisfaction"].caption.setText(self.tr("Mức hài lòng trung bình"))
        for name in TILE_FIGURES:
            self.tiles[name].caption.setText(tile_name(name))
        for chart in (self.stuck_chart, self.reasons_chart):
            chart.set_empty_text(self.tr("Chưa có trong kỳ này."))
        self.targets_chart.set_empty_text("")
        data = self.data
        if data is None:
            self.period_text.setText(self.tr("Đang tải số liệu…") if self.loading else "")
            for tile in self.tiles.values():
                tile.value.clear()
                tile.detail.clear()
            for chart in (self.figures_chart, self.targets_chart, self.stuck_chart):
                chart.set_bars([])
            self.reasons_chart.set_bars([])
            self.targets_notes.clear()
            return
        self.marks.show_marks(data.marks, self._language)
        self._show_period(data)
        self._show_tiles(data.figures)
        self._show_charts(data)

    def _show_period(self, data: DashboardData) -> None:
        if self.loading:
            text = self.tr("Đang tải số liệu…")
        elif data.period == DAY:
            text = self.tr("Hôm nay, {day}").format(day=format_day(data.last))
        else:
            text = self.tr("Từ {first} đến {last}").format(
                first=format_day(data.first), last=format_day(data.last)
            )
        self.period_text.setText(text)

    def _show_tiles(self, figures: Figures) -> None:
        tiles = self.tiles
        tiles["people_helped"].value.setText(format_count(figures.people_helped))
        tiles["people_helped"].detail.setText(self.tr("mỗi người tính một lần"))
        tiles["transactions"].value.setText(format_count(figures.transactions))
        tiles["transactions"].detail.setText(
            self.tr("xong {done} · chưa xong {open}").format(
                done=format_count(figures.finished), open=format_count(figures.unfinished)
            )
        )
        if figures.satisfaction_avg is None:
            tiles["satisfaction"].value.setText("—")
            tiles["satisfaction"].detail.setText(self.tr("chưa có lượt đánh giá"))
        else:
            average = f"{figures.satisfaction_avg:.2f}".replace(".", ",")
            tiles["satisfaction"].value.setText(f"{average} / 5")
            tiles["satisfaction"].detail.setText(
                self.tr("{n} lượt đánh giá").format(n=format_count(figures.rated))
            )
        for name in TILE_FIGURES:
            tiles[name].value.setText(format_count(figures.by_figure.get(name, 0)))
            tiles[name].detail.setText(self._tile_detail(figures, name))

    def _tile_detail(self, figures: Figures, name: str) -> str:
        """Under a figure's number: its people, or for dossiers the full/partial split."""
        if name in DOSSIER_FIGURES:
            return self.tr("hồ sơ · toàn trình {full} · một phần {partial}").format(
                full=format_count(figures.dossiers.get("full_process", 0)),
                partial=format_count(figures.dossiers.get("partial_process", 0)),
            )
        people = format_count(figures.people_by_figure.get(name, 0))
        if name == SIGNATURES:
            return self.tr("lượt · {people} người, {adults} người trưởng thành").format(
                people=people, adults=format_count(figures.adults_by_figure.get(name, 0))
            )
        return self.tr("lượt · {people} người").format(people=people)

    def _show_charts(self, data: DashboardData) -> None:
        figures = data.figures
        names = tuple(dict.fromkeys([*self._catalogue.figures(), *sorted(figures.by_figure)]))
        self.figures_chart.set_bars([self._figure_bar(line) for line in figures.lines(names)])
        reasons = sorted(figures.reasons.items(), key=lambda item: (-item[1], item[0]))[:TOP]
        self.reasons_chart.set_bars(
            [
                Bar(self._catalogue.label("reasons", code, self._language), n, format_count(n))
                for code, n in reasons
            ]
        )
        self.stuck_chart.set_bars(
            [
                Bar(
                    self.tr("{service}, bước {n}: {title}").format(
                        service=self._catalogue.label("services", s.service_code, self._language),
                        n=s.step_number,
                        title=s.title,
                    ),
                    s.count,
                    format_count(s.count),
                )
                for s in data.stuck[:TOP]
            ]
        )
        self._show_targets(data.targets)

    def _figure_bar(self, line: ReportLine) -> Bar:
        """A figure's bar: its services (lượt, or dossiers) long, and its people said."""
        title = translate_label(line.label)
        if line.sub:
            title = "– " + title
        if not line.services_shown:  # the adults among the signatures' people
            people = line.people or 0
            return Bar(title, people, self.tr("{n} người").format(n=format_count(people)))
        count = line.services or 0
        if line.sub:  # a dossier's kind: full or partial process
            return Bar(title, count, self.tr("{n} hồ sơ").format(n=format_count(count)))
        if line.unit == "hồ sơ":
            return Bar(
                title,
                count,
                self.tr("{n} hồ sơ · {people} người").format(
                    n=format_count(count), people=format_count(line.people or 0)
                ),
            )
        return Bar(
            title,
            count,
            self.tr("{n} lượt · {people} người").format(
                n=format_count(count), people=format_count(line.people or 0)
            ),
        )

    def _show_targets(self, targets: tuple[TargetProgress, ...]) -> None:
        bars, notes = target_view(targets)
        if not targets:
            notes.append(self.tr("Chưa cấu hình mục tiêu của tỉnh (mục [targets] trong cài đặt)."))
        self.targets_chart.set_bars(bars, maximum=100)
        self.targets_chart.setVisible(bool(bars))
        self.targets_notes.setText("\n".join(notes))
        self.targets_notes.setVisible(bool(notes))

    def speech_text(self) -> str:
        return f"{self.title.text()}. {self.period_text.text()}"
