"""A correction of a finished visit, in two pages of helper home: which service and why,
then its new outcome. Never a dialog."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.catalogue import Catalogue
from kiosk.domain.values import ServiceOutcome, TransactionRecord
from kiosk.errors import QT_TRANSLATE_NOOP
from kiosk.ui.screens.base import button, label, scrolled
from kiosk.ui.screens.outcome import OutcomeScreen
from kiosk.ui.widgets.button_group import uncheck_all
from kiosk.ui.widgets.choice_button import ChoiceButton

CONTEXT = "helper_home"
CORRECTION_REASONS = (
    QT_TRANSLATE_NOOP("helper_home", "Lúc trước chọn nhầm kết quả"),
    QT_TRANSLATE_NOOP("helper_home", "Hồ sơ được duyệt hoặc hoàn tất sau đó"),
    QT_TRANSLATE_NOOP("helper_home", "Người dân quay lại làm tiếp"),
    QT_TRANSLATE_NOOP("helper_home", "Kết quả bị từ chối hoặc hủy sau đó"),
)


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
        self.outcome_back = self.outcome.back  # its "Quay lại": the services of the visit
        self.outcome.back_requested.connect(lambda: self.setCurrentIndex(0))
        self.addWidget(first)
        self.addWidget(self.outcome)
        self.retranslate()

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
        self.cancel.setText(self.tr("Hủy"))
        self.next.setText(self.tr("Tiếp: chọn kết quả mới"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
