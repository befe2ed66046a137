"""Helper home: today's visits at this counter, and what a helper can do with one of them.

The list shows only what a helper needs to find a visit again: the time, the receipt
number, the services (short names), the masked ID number and the status, never a name.
Under it, the actions that fit the selected visit; on the right, the helper's menu. A
correction and the day's closing open on pages of this screen, never in a dialog.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.catalogue import Catalogue
from kiosk.domain.values import ServiceOutcome, TransactionRecord
from kiosk.ui.screens.base import Screen, button, label, row_list
from kiosk.ui.screens.close_day_page import CloseDayPage
from kiosk.ui.screens.correction_pages import CORRECTION_REASONS, CorrectionPages
from kiosk.ui.screens.helper_rows import CONTEXT, STATUS_TEXT, TransactionRow, short_name, status_of
from kiosk.ui.theme import BODY_PT
from kiosk.ui.widgets.page_stack import PageStack
from kiosk.ui.widgets.reflow import ACROSS, Reflow

__all__ = ["CORRECTION_REASONS", "HelperHomeScreen", "TransactionRow", "status_of"]

# Rows built per turn of the event loop, and shown at first (then "Xem thêm"): Qt styles and
# lays out every row widget on the GUI thread, about 1 ms each and again on each layout pass,
# so a 430-visit day listed whole froze the window for seconds; a page of the newest never
# does, and the older ones are a tap away.
ROWS_PER_TURN = 10
PAGE_ROWS = 20


# Narrower than this (a portrait kiosk), the menu goes under the list of visits.
MENU_BESIDE_MIN_PX = 1200


class HelperHomeScreen(Screen):
    """Today's visits, their actions and the helper's menu; emits intents only."""

    resume_requested = Signal(object)  # TransactionRecord
    correction_requested = Signal(object, object, str)  # record, ServiceOutcome, reason
    reprint_requested = Signal(object)  # TransactionRecord
    close_day_requested = Signal()
    dashboard_requested = Signal()
    helpers_requested = Signal()
    sign_out_requested = Signal()
    home_requested = Signal()
    return_to_visit_requested = Signal()

    def __init__(self, catalogue: Catalogue, language: str = "vi") -> None:
        super().__init__()
        self._catalogue = catalogue
        self._language = language
        self._day = ""
        self._folder = ""
        self._count = 0
        self.loading = False  # today's list is being read, or its rows built
        self._records: list[TransactionRecord] = []  # today's, newest first
        self._unbuilt: list[TransactionRecord] = []  # rows still to build, newest first
        self._fill_serial = 0  # a fill that a newer list or a wipe replaced stops
        self.rows: list[TransactionRow] = []
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.pages = PageStack()  # as wide as the page on show
        self.pages.currentChanged.connect(self.content_changed)
        self.pages.addWidget(self._build_list_page())
        self.correction = CorrectionPages(catalogue, language)
        self.correction.finished.connect(self._correction_done)
        self.correction.cancelled.connect(self.show_list)
        self.pages.addWidget(self.correction)
        self.pages.addWidget(self._build_close_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.retranslate()

    def _build_list_page(self) -> QWidget:
        self.title = label("heading")
        self.title.setObjectName("home_title")
        self.return_to_visit = button("primary", name="return_to_visit")
        self.return_to_visit.clicked.connect(self.return_to_visit_requested)
        self.return_to_visit.hide()
        scroll, self.rows_layout = row_list()
        self.more = button(name="more_visits")  # the next page of older visits
        self.more.clicked.connect(self._show_more)
        self.more.hide()
        self.empty = label("muted")
        self.empty.setObjectName("no_visits")
        self.hint = label("muted")
        self.message = label("error")
        self.message.setObjectName("home_message")
        self.notice = label("notice")
        self.notice.setObjectName("home_notice")
        self.notice.hide()
        self.resume = button("primary", name="resume_visit")
        self.correct = button(name="correct_visit")
        self.reprint = button(name="reprint_receipt")
        self.resume.clicked.connect(lambda: self._emit_for(self.resume_requested))
        self.correct.clicked.connect(self._open_correction)
        self.reprint.clicked.connect(lambda: self._emit_for(self.reprint_requested))
        actions = QHBoxLayout()
        actions.setSpacing(14)
        for widget in (self.resume, self.correct, self.reprint):
            actions.addWidget(widget)
        left = QVBoxLayout()
        left.setSpacing(10)
        left.addWidget(self.title)
        left.addWidget(self.return_to_visit)
        left.addWidget(self.empty)
        left.addWidget(scroll, 1)
        left.addWidget(self.more)
        left.addWidget(self.hint)
        left.addWidget(self.message)
        left.addWidget(self.notice)
        left.addLayout(actions)

        self.dashboard = button(name="open_dashboard")
        self.manage = button(name="manage_helpers")
        self.close_day = button("danger", name="close_day")
        self.sign_out = button(name="sign_out")
        self.home = button("primary", name="helper_go_home")
        self.dashboard.clicked.connect(self.dashboard_requested)
        self.manage.clicked.connect(self.helpers_requested)
        self.close_day.clicked.connect(self.open_close_day)
        self.sign_out.clicked.connect(self.sign_out_requested)
        self.home.clicked.connect(self.home_requested)
        menu = QVBoxLayout()
        menu.setSpacing(14)
        for widget in (self.dashboard, self.manage, self.close_day):
            menu.addWidget(widget)
        menu.addStretch(1)
        menu.addWidget(self.sign_out)
        menu.addWidget(self.home)
        page = QWidget()
        # the menu beside the list; under it on a narrow screen (a portrait kiosk), where
        # beside it would leave the rows too narrow for their receipt numbers
        layout = QBoxLayout(ACROSS, page)
        layout.setContentsMargins(32, 16, 32, 20)
        layout.setSpacing(28)
        layout.addLayout(left, 1)
        layout.addLayout(menu)
        self._reflow = Reflow(self, layout, min_width=self._menu_beside_min_px)
        self._show_actions()
        return page

    def _menu_beside_min_px(self) -> int:
        """How wide the screen must be for the menu beside the rows: more with larger text
        (a body-text label's size, as the style sheet sets it, tells the text size), so the
        rows keep their receipt numbers whole."""
        return round(MENU_BESIDE_MIN_PX * max(1.0, self.hint.font().pointSizeF() / BODY_PT))

    def _build_close_page(self) -> QWidget:
        page = self.close_page = CloseDayPage()
        page.back.connect(self.show_list)
        page.confirmed.connect(self.close_day_requested)
        # its parts, as the screen's (tests and the controller reach them)
        self.close_title, self.close_notice, self.close_busy = page.title, page.notice, page.busy
        self.close_result, self.close_error = page.result, page.error
        self.close_back, self.close_confirm = page.back_button, page.confirm
        return page

    # -- state -------------------------------------------------------------------------------

    def show_day(
        self,
        records: Sequence[TransactionRecord],
        *,
        day: str,
        admin: bool,
        visit_in_progress: bool,
        reports_folder: str = "",
    ) -> None:
        """Show ``records`` (newest first) and the menu a helper (or an admin) may use;
        closing the day writes its files into ``reports_folder``."""
        self.show_loading(
            day=day, admin=admin, visit_in_progress=visit_in_progress, reports_folder=reports_folder
        )
        self.show_records(records)

    def show_loading(
        self, *, day: str, admin: bool, visit_in_progress: bool, reports_folder: str = ""
    ) -> None:
        """The list page with the menu, while today's visits are read."""
        self._clear_rows()
        self._day = day
        self._folder = reports_folder
        self._count = 0
        self.loading = True
        self.manage.setVisible(admin)
        self.close_day.setVisible(admin)
        self.return_to_visit.setVisible(visit_in_progress)
        self.show_list()
        self.retranslate()
        self._show_actions()

    def show_records(self, records: Sequence[TransactionRecord]) -> None:
        """Today's visits, in place of the loading state (built a few rows a turn)."""
        self._clear_rows()
        self.loading = True
        self._count = sum(1 for r in records if r.corrects_id is None)
        self._records = list(reversed(records))
        self._unbuilt = self._records[:PAGE_ROWS]
        self._fill_serial += 1
        self._build_rows(self._fill_serial)

    def _show_more(self) -> None:
        """The next page of older visits."""
        if self.loading:
            return
        shown = len(self.rows)
        self._unbuilt = self._records[shown : shown + PAGE_ROWS]
        self.loading = True
        self.more.hide()
        self._fill_serial += 1
        self._build_rows(self._fill_serial)

    def _build_rows(self, serial: int) -> None:
        if serial != self._fill_serial:
            return  # replaced by a newer list, or wiped
        batch, self._unbuilt = self._unbuilt[:ROWS_PER_TURN], self._unbuilt[ROWS_PER_TURN:]
        built = []
        for record in batch:
            row = TransactionRow(record)
            row.toggled.connect(self._show_actions)
            self._group.addButton(row)
            self.rows_layout.insertWidget(self.rows_layout.count() - 1, row)
            self.rows.append(row)
            built.append(row)
        self._row_texts(built)
        self.empty.setVisible(not self.rows)
        if self._unbuilt:
            QTimer.singleShot(0, self, lambda: self._build_rows(serial))
            return
        self.loading = False
        self._texts()
        self._refresh_actions()  # a notice shown meanwhile (a correction recorded) stays
        self.more.setVisible(len(self.rows) < len(self._records))

    def selected(self) -> TransactionRecord | None:
        """The visit whose row is selected."""
        return next((row.record for row in self.rows if row.isChecked()), None)

    def select(self, record_id: object) -> None:
        """Select the row of the visit ``record_id`` (tests, and after a correction)."""
        for row in self.rows:
            row.setChecked(row.record.id == record_id)

    def show_list(self) -> None:
        """Back to the list page."""
        self.pages.setCurrentIndex(0)

    def show_message(self, text: str) -> None:
        """A refusal or failure under the list, in red."""
        self.notice.hide()
        self.message.setText(text)

    def show_notice(self, text: str) -> None:
        """What just succeeded (a correction recorded, a receipt sent to the printer)."""
        self.message.clear()
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def open_close_day(self) -> None:
        """The confirmation page of the day's closing."""
        self.close_page.start(self._day, self._folder)
        self.pages.setCurrentIndex(2)

    def show_close_result(self, text: str) -> None:
        """The day is closed: say what was written where; no second "Chốt sổ"."""
        self.close_page.show_result(text)

    def show_closing(self, text: str) -> None:
        """While the day is being closed, ``text`` ("Đang chốt sổ…") and no second tap;
        "" once it is done."""
        self.close_page.show_busy(text)

    def show_close_error(self, text: str) -> None:
        """The day could not be closed (or was closed already)."""
        self.close_error.setText(text)

    def set_language(self, language: str) -> None:
        """Show catalogue names in ``language``."""
        self._language = language
        self.correction.set_language(language)
        self.retranslate()

    def clear(self) -> None:
        self._clear_rows()
        self.loading = False
        self.message.clear()
        self.notice.hide()
        self.correction.clear()
        self.close_page.clear()
        self.show_list()

    def _clear_rows(self) -> None:
        self._records, self._unbuilt = [], []
        self.more.hide()
        self._fill_serial += 1
        for row in self.rows:
            self._group.removeButton(row)
            self.rows_layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.rows = []
        self._show_actions()

    def _show_actions(self) -> None:
        """The actions that fit the selected visit; what was said about the last one goes."""
        self._refresh_actions()
        self.message.clear()
        self.notice.hide()

    def _refresh_actions(self) -> None:
        record = self.selected()
        status = status_of(record) if record is not None else ""
        self.resume.setVisible(status == "open")
        finished = record is not None and record.status == "finished"
        self.correct.setVisible(finished)
        self.reprint.setVisible(finished and record is not None and bool(record.receipt_no))
        self.hint.setVisible(record is None and bool(self.rows))

    def _emit_for(self, signal: SignalInstance) -> None:
        record = self.selected()
        if record is not None:
            signal.emit(record)

    def _open_correction(self) -> None:
        record = self.selected()
        if record is not None:
            self.correction.start(record)
            self.pages.setCurrentWidget(self.correction)

    def _correction_done(self, outcome: ServiceOutcome, reason: str) -> None:
        record = self.correction.record
        if record is not None:
            self.correction_requested.emit(record, outcome, reason)

    # -- texts -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self._texts()
        self._row_texts(self.rows)

    def _row_texts(self, rows: Sequence[TransactionRow]) -> None:
        anonymous = self.tr("không lưu danh tính")
        for row in rows:
            names = ", ".join(
                short_name(self._catalogue, s.service_code, self._language)
                for s in row.record.services
            )
            status = QCoreApplication.translate(CONTEXT, STATUS_TEXT[status_of(row.record)])
            row.set_texts(names or "—", status, anonymous)

    def _texts(self) -> None:
        self.title.setText(
            self.tr("Hôm nay {day} · {n} lượt hỗ trợ").format(day=self._day, n=self._count)
        )
        self.return_to_visit.setText(self.tr("Quay lại lượt đang làm"))
        self.empty.setText(
            self.tr("Đang tải danh sách lượt hỗ trợ…")
            if self.loading
            else self.tr("Hôm nay quầy chưa có lượt hỗ trợ nào.")
        )
        self.empty.setVisible(not self.rows)
        self.hint.setText(self.tr("Chạm vào một lượt để tiếp tục, sửa kết quả hoặc in lại."))
        older = len(self._records) - len(self.rows)
        self.more.setText(self.tr("Xem thêm {n} lượt cũ hơn").format(n=min(older, PAGE_ROWS)))
        self.resume.setText(self.tr("Tiếp tục lượt này"))
        self.correct.setText(self.tr("Sửa kết quả"))
        self.reprint.setText(self.tr("In lại biên nhận"))
        self.dashboard.setText(self.tr("Bảng số liệu"))
        self.manage.setText(self.tr("Quản lý tình nguyện viên"))
        self.close_day.setText(self.tr("Chốt sổ cuối ngày"))
        self.sign_out.setText(self.tr("Đăng xuất"))
        self.home.setText(self.tr("Về màn hình chính"))
        self.close_page.retranslate()

    def speech_text(self) -> str:
        return self.title.text()
