"""Helper home: today's visits at this counter, and what a helper can do with one of them.

The list shows only what a helper needs to find a visit again: the time, the receipt
number, the services (short names), the masked ID number and the status, never a name.
Under it, the actions that fit the selected visit; on the right, the helper's menu. A
correction and the day's closing open on pages of this screen, never in a dialog.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Signal, SignalInstance
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.catalogue import Catalogue
from kiosk.domain.clock import LOCAL_TZ
from kiosk.domain.values import ServiceOutcome, TransactionRecord
from kiosk.errors import QT_TRANSLATE_NOOP
from kiosk.ui.screens.base import Screen, button, label, row_list, scrolled
from kiosk.ui.screens.outcome import OutcomeScreen
from kiosk.ui.theme import TOUCH_MIN_PX, restyle
from kiosk.ui.widgets.button_group import uncheck_all
from kiosk.ui.widgets.choice_button import ChoiceButton

CONTEXT = "helper_home"
# Short names for the list (the catalogue's names are made for citizens, and long).
SHORT_NAMES = {
    "portal_account": QT_TRANSLATE_NOOP("helper_home", "TK Dịch vụ công"),
    "vneid_level1": QT_TRANSLATE_NOOP("helper_home", "VNeID mức 1"),
    "vneid_level2": QT_TRANSLATE_NOOP("helper_home", "VNeID mức 2"),
    "signature_vnpt_smartca": QT_TRANSLATE_NOOP("helper_home", "Chữ ký số SmartCA"),
    "signature_viettel_mysign": QT_TRANSLATE_NOOP("helper_home", "Chữ ký số MySign"),
    "signature_other": QT_TRANSLATE_NOOP("helper_home", "Chữ ký số"),
    "online_filing": QT_TRANSLATE_NOOP("helper_home", "Nộp hồ sơ"),
    "online_payment": QT_TRANSLATE_NOOP("helper_home", "Thanh toán"),
    "vssid": QT_TRANSLATE_NOOP("helper_home", "VssID"),
    "e_health_book": QT_TRANSLATE_NOOP("helper_home", "Sổ sức khoẻ"),
    "cashless_account": QT_TRANSLATE_NOOP("helper_home", "TK không tiền mặt"),
    "other": QT_TRANSLATE_NOOP("helper_home", "Hỗ trợ khác"),
}
# Offered as the reason of a correction; stored in Vietnamese whatever the screen's language.
CORRECTION_REASONS = (
    QT_TRANSLATE_NOOP("helper_home", "Lúc trước chọn nhầm kết quả"),
    QT_TRANSLATE_NOOP("helper_home", "Hồ sơ được duyệt hoặc hoàn tất sau đó"),
    QT_TRANSLATE_NOOP("helper_home", "Người dân quay lại làm tiếp"),
    QT_TRANSLATE_NOOP("helper_home", "Kết quả bị từ chối hoặc huỷ sau đó"),
)
STATUS_TEXT = {
    "open": QT_TRANSLATE_NOOP("helper_home", "chưa xong"),
    "finished": QT_TRANSLATE_NOOP("helper_home", "xong"),
    "corrected": QT_TRANSLATE_NOOP("helper_home", "đã điều chỉnh"),
    "correction": QT_TRANSLATE_NOOP("helper_home", "bản điều chỉnh"),
    "abandoned": QT_TRANSLATE_NOOP("helper_home", "bỏ dở"),
}


def status_of(record: TransactionRecord) -> str:
    """``open``, ``finished``, ``corrected`` (a later entry corrects it), ``correction``
    (it corrects another) or ``abandoned`` (left open when the day was closed)."""
    if record.corrects_id is not None:
        return "correction"
    if record.status == "finished" and record.corrections:
        return "corrected"
    return record.status if record.status in STATUS_TEXT else "open"


def short_name(catalogue: Catalogue, code: str, language: str) -> str:
    """The service's short name for lists (its catalogue name when it has none)."""
    if code in SHORT_NAMES:
        return QCoreApplication.translate(CONTEXT, SHORT_NAMES[code])
    return catalogue.label("services", code, language)


class TransactionRow(ChoiceButton):
    """One visit as a big checkable row: time, receipt, services, masked ID, status."""

    def __init__(self, record: TransactionRecord) -> None:
        super().__init__()
        self.record = record
        self.setObjectName(f"row_{record.id}")
        layout = self.layout()
        assert isinstance(layout, QHBoxLayout)
        self.caption.hide()  # the row lays out its own captions
        layout.removeWidget(self.caption)
        self.cells = [label("body") for _ in range(5)]
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(20)
        grid.setVerticalSpacing(2)
        self.time, self.receipt, self.services, self.status, self.citizen = self.cells
        grid.addWidget(self.time, 0, 0)
        grid.addWidget(self.receipt, 0, 1)
        grid.addWidget(self.services, 1, 1)
        grid.addWidget(self.status, 0, 2)
        grid.addWidget(self.citizen, 1, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnMinimumWidth(2, 220)
        for cell in self.cells:
            cell.setObjectName("choice_caption")  # styled like a choice's caption, checked too
        self.time.setMinimumWidth(96)
        layout.addLayout(grid)
        self._grid = grid
        self.toggled.connect(self._show_checked)

    def set_texts(self, services: str, status: str, anonymous: str) -> None:
        """Fill the cells (the captions come from the screen, in its language)."""
        record = self.record
        self.time.setText(record.started_at.astimezone(LOCAL_TZ).strftime("%H:%M"))
        self.receipt.setText(record.receipt_no or "—")
        self.services.setText(services)
        self.status.setText(status)
        self.citizen.setText(record.citizen_id_masked or anonymous)

    def sizeHint(self) -> QSize:
        hint = self._grid.sizeHint()
        return QSize(hint.width() + 40, max(TOUCH_MIN_PX, hint.height() + 24))

    def heightForWidth(self, width: int) -> int:
        return max(TOUCH_MIN_PX, self._grid.totalHeightForWidth(width - 40) + 24)

    def _show_checked(self, checked: bool) -> None:
        for cell in self.cells:
            cell.setProperty("checked", checked)
            restyle(cell)


class CorrectionPages(QStackedWidget):
    """A correction in two pages: which service and why, then its new outcome."""

    finished = Signal(object, str)  # ServiceOutcome, correction reason (Vietnamese source)
    cancelled = Signal()

    def __init__(self, catalogue: Catalogue, language: str) -> None:
        super().__init__()
        self._catalogue = catalogue
        self._language = language
        self.record: TransactionRecord | None = None
        self.title = label("title")
        self.title.setObjectName("correction_title")
        self.service_caption = label("heading")
        self.service_buttons: dict[str, ChoiceButton] = {}
        self._services = QButtonGroup(self)
        self._services_box = QVBoxLayout()
        self._services_box.setSpacing(10)
        self._services_box.addStretch(1)
        self.reason_caption = label("heading")
        self.reason_buttons = [ChoiceButton() for _ in CORRECTION_REASONS]
        self._reasons = QButtonGroup(self)
        reasons = QVBoxLayout()
        reasons.setSpacing(10)
        for index, widget in enumerate(self.reason_buttons):
            widget.setObjectName(f"correction_reason_{index}")
            widget.toggled.connect(self._refresh)
            self._reasons.addButton(widget)
            reasons.addWidget(widget)
        reasons.addStretch(1)
        self.cancel = button(name="correction_cancel")
        self.next = button("primary", name="correction_next")
        self.cancel.clicked.connect(self.cancelled)
        self.next.clicked.connect(self._ask_outcome)
        actions = QHBoxLayout()
        actions.setSpacing(16)
        actions.addWidget(self.cancel, 1)
        actions.addWidget(self.next, 2)
        host = QWidget()
        host.setProperty("screen", True)
        columns = QGridLayout(host)
        columns.setContentsMargins(0, 0, 8, 0)
        columns.setHorizontalSpacing(32)
        columns.setVerticalSpacing(12)
        columns.addWidget(self.service_caption, 0, 0)
        columns.addLayout(self._services_box, 1, 0)
        columns.addWidget(self.reason_caption, 0, 1)
        columns.addLayout(reasons, 1, 1)
        columns.setRowStretch(2, 1)
        columns.setColumnStretch(0, 1)
        columns.setColumnStretch(1, 1)
        scroll = scrolled(host)
        first = QWidget()
        layout = QVBoxLayout(first)
        layout.setContentsMargins(40, 16, 40, 20)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(scroll, 1)
        layout.addLayout(actions)
        self.outcome = OutcomeScreen(catalogue, language)
        self.outcome.outcome_recorded.connect(self._outcome_chosen)
        self.outcome_back = button(name="correction_back")
        self.outcome_back.clicked.connect(lambda: self.setCurrentIndex(0))
        self._put_back_beside_save()
        self.addWidget(first)
        self.addWidget(self.outcome)
        self.retranslate()

    def _put_back_beside_save(self) -> None:
        """ "Quay lại" goes on the outcome screen's last row, left of its "Lưu kết quả"
        (a row of its own would not fit a 1280x800 screen)."""
        host = self.outcome.save.parentWidget()
        column = host.layout() if host is not None else None
        if not isinstance(column, QVBoxLayout):
            return
        index = column.indexOf(self.outcome.save)
        column.takeAt(index)
        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(self.outcome_back, 1)
        row.addWidget(self.outcome.save, 2)
        column.insertLayout(index, row)

    def start(self, record: TransactionRecord) -> None:
        """Correct ``record``: a button per service it names."""
        self.clear()
        self.record = record
        for outcome in record.services:
            widget = ChoiceButton()
            widget.setObjectName(f"correct_{outcome.service_code}")
            widget.toggled.connect(self._refresh)
            self._services.addButton(widget)
            self._services_box.insertWidget(self._services_box.count() - 1, widget)
            self.service_buttons[outcome.service_code] = widget
        if len(self.service_buttons) == 1:
            next(iter(self.service_buttons.values())).setChecked(True)
        self.retranslate()

    def chosen_service(self) -> str | None:
        """The service to correct."""
        return next((c for c, w in self.service_buttons.items() if w.isChecked()), None)

    def chosen_reason(self) -> str | None:
        """The correction's reason, in Vietnamese as stored."""
        for reason, widget in zip(CORRECTION_REASONS, self.reason_buttons, strict=True):
            if widget.isChecked():
                return reason
        return None

    def set_language(self, language: str) -> None:
        """Catalogue names in ``language``."""
        self._language = language
        self.outcome.set_language(language)
        self.retranslate()

    def clear(self) -> None:
        """Forget the visit being corrected."""
        self.record = None
        for widget in self.service_buttons.values():
            self._services.removeButton(widget)
            self._services_box.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self.service_buttons = {}
        uncheck_all(self._reasons)
        self.outcome.clear()
        self.setCurrentIndex(0)
        self._refresh()

    def _refresh(self) -> None:
        self.next.setEnabled(self.chosen_service() is not None and self.chosen_reason() is not None)

    def _ask_outcome(self) -> None:
        code = self.chosen_service()
        if self.record is None or code is None:
            return
        before = next((s for s in self.record.services if s.service_code == code), None)
        self.outcome.ask(code, before)
        self.setCurrentIndex(1)

    def _outcome_chosen(self, outcome: ServiceOutcome) -> None:
        reason = self.chosen_reason()
        if reason is not None:
            self.finished.emit(outcome, reason)

    def retranslate(self) -> None:
        """Texts in the current language."""
        receipt = self.record.receipt_no if self.record is not None else ""
        self.title.setText(self.tr("Sửa kết quả · biên nhận {receipt}").format(receipt=receipt))
        self.service_caption.setText(self.tr("Việc nào cần sửa kết quả?"))
        self.reason_caption.setText(self.tr("Vì sao cần sửa?"))
        for reason, widget in zip(CORRECTION_REASONS, self.reason_buttons, strict=True):
            widget.setText(QCoreApplication.translate(CONTEXT, reason))
        outcomes = {o.service_code: o for o in self.record.services} if self.record else {}
        for code, widget in self.service_buttons.items():
            name = self._catalogue.label("services", code, self._language)
            now = outcomes[code].outcome if code in outcomes else None
            state = self._catalogue.label("outcomes", now, self._language) if now else "—"
            widget.setText(f"{name}: {state}")
        self.cancel.setText(self.tr("Huỷ"))
        self.next.setText(self.tr("Tiếp: chọn kết quả mới"))
        self.outcome_back.setText(self.tr("Quay lại"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


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
        self.rows: list[TransactionRow] = []
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.pages = QStackedWidget()
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
        layout = QHBoxLayout(page)
        layout.setContentsMargins(32, 16, 32, 20)
        layout.setSpacing(28)
        layout.addLayout(left, 1)
        layout.addLayout(menu)
        self._show_actions()
        return page

    def _build_close_page(self) -> QWidget:
        self.close_title = label("title")
        self.close_notice = label("notice")
        self.close_notice.setObjectName("close_notice")
        self.close_result = label("body")
        self.close_result.setObjectName("close_result")
        self.close_error = label("error")
        self.close_error.setObjectName("close_error")
        self.close_back = button(name="close_back")
        self.close_confirm = button("danger", name="close_confirm")
        self.close_back.clicked.connect(self.show_list)
        self.close_confirm.clicked.connect(self.close_day_requested)
        actions = QHBoxLayout()
        actions.setSpacing(16)
        actions.addWidget(self.close_back, 1)
        actions.addWidget(self.close_confirm, 1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(18)
        layout.addWidget(self.close_title)
        layout.addWidget(self.close_notice)
        layout.addWidget(self.close_result)
        layout.addWidget(self.close_error)
        layout.addStretch(1)
        layout.addLayout(actions)
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
        self._clear_rows()
        self._day = day
        self._folder = reports_folder
        self._count = sum(1 for r in records if r.corrects_id is None)
        for record in reversed(records):
            row = TransactionRow(record)
            row.toggled.connect(self._show_actions)
            self._group.addButton(row)
            self.rows_layout.insertWidget(self.rows_layout.count() - 1, row)
            self.rows.append(row)
        self.manage.setVisible(admin)
        self.close_day.setVisible(admin)
        self.return_to_visit.setVisible(visit_in_progress)
        self.show_list()
        self.retranslate()
        self._show_actions()

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
        self.close_result.clear()
        self.close_error.clear()
        self.close_notice.show()
        self.close_confirm.show()
        self.retranslate()
        self.pages.setCurrentIndex(2)

    def show_close_result(self, text: str) -> None:
        """The day is closed: say what was written where; no second "Chốt sổ"."""
        self.close_result.setText(text)
        self.close_error.clear()
        self.close_notice.hide()
        self.close_confirm.hide()

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
        self.message.clear()
        self.notice.hide()
        self.correction.clear()
        self.close_result.clear()
        self.close_error.clear()
        self.show_list()

    def _clear_rows(self) -> None:
        for row in self.rows:
            self._group.removeButton(row)
            self.rows_layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.rows = []
        self._show_actions()

    def _show_actions(self) -> None:
        record = self.selected()
        status = status_of(record) if record is not None else ""
        self.resume.setVisible(status == "open")
        finished = record is not None and record.status == "finished"
        self.correct.setVisible(finished)
        self.reprint.setVisible(finished and record is not None and bool(record.receipt_no))
        self.hint.setVisible(record is None and bool(self.rows))
        self.message.clear()
        self.notice.hide()

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
        self.title.setText(
            self.tr("Hôm nay {day} · {n} lượt hỗ trợ").format(day=self._day, n=self._count)
        )
        self.return_to_visit.setText(self.tr("Quay lại lượt đang làm"))
        self.empty.setText(self.tr("Hôm nay quầy chưa có lượt hỗ trợ nào."))
        self.empty.setVisible(not self.rows)
        self.hint.setText(self.tr("Chạm vào một lượt để tiếp tục, sửa kết quả hoặc in lại."))
        anonymous = self.tr("không lưu danh tính")
        for row in self.rows:
            names = ", ".join(
                short_name(self._catalogue, s.service_code, self._language)
                for s in row.record.services
            )
            status = QCoreApplication.translate(CONTEXT, STATUS_TEXT[status_of(row.record)])
            row.set_texts(names or "—", status, anonymous)
        self.resume.setText(self.tr("Tiếp tục lượt này"))
        self.correct.setText(self.tr("Sửa kết quả"))
        self.reprint.setText(self.tr("In lại biên nhận"))
        self.dashboard.setText(self.tr("Bảng số liệu"))
        self.manage.setText(self.tr("Quản lý tình nguyện viên"))
        self.close_day.setText(self.tr("Chốt sổ cuối ngày"))
        self.sign_out.setText(self.tr("Đăng xuất"))
        self.home.setText(self.tr("Về màn hình chính"))
        self.close_title.setText(self.tr("Chốt sổ ngày {day}").format(day=self._day))
        self.close_notice.setText(
            self.tr(
                "Sau khi chốt sổ, các lượt hỗ trợ của ngày này không sửa được nữa; muốn sửa "
                "thì ghi điều chỉnh vào ngày làm việc sau. Lượt còn dở dang sẽ được ghi là bỏ "
                "dở. Báo cáo Z (PDF) và danh sách lượt hỗ trợ (CSV, XLSX, đã che thông tin cá "
                "nhân) được ghi vào thư mục:\n{folder}"
            ).format(folder=self._folder)
        )
        self.close_back.setText(self.tr("Quay lại"))
        self.close_confirm.setText(self.tr("Chốt sổ"))

    def speech_text(self) -> str:
        return self.title.text()
