"""How one service ended: done, partly, not possible (with a reason), and the dossier code."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.catalogue import Catalogue
from kiosk.domain.values import ServiceOutcome
from kiosk.ui.screens.base import Screen, button, label, scrolled
from kiosk.ui.widgets.button_group import uncheck_all
from kiosk.ui.widgets.choice_button import ChoiceButton
from kiosk.ui.widgets.page_stack import PageStack
from kiosk.ui.widgets.vietnamese_keyboard import VietnameseKeyboard


def _group(buttons: list[ChoiceButton], parent: QObject) -> QButtonGroup:
    group = QButtonGroup(parent)
    group.setExclusive(True)
    for widget in buttons:
        group.addButton(widget)
    return group


class OutcomeScreen(Screen):
    """Records one service's outcome; emits :attr:`outcome_recorded`."""

    personal = False
    outcome_recorded = Signal(object)  # ServiceOutcome
    back_requested = Signal()  # back to the guide's last step (or the services)

    def __init__(self, catalogue: Catalogue, language: str = "vi") -> None:
        super().__init__()
        self._catalogue = catalogue
        self._language = language
        self.service_code = ""
        self.title = label("title")
        self.question = label("body")
        self.outcomes = {o.code: ChoiceButton() for o in catalogue.outcomes}
        for code, widget in self.outcomes.items():
            widget.setObjectName(f"outcome_{code}")
            widget.toggled.connect(self._refresh)
        self._outcome_group = _group(list(self.outcomes.values()), self)
        self.reason_caption = label("heading")
        self.reasons = {r.code: ChoiceButton() for r in catalogue.reasons}
        for code, widget in self.reasons.items():
            widget.setObjectName(f"reason_{code}")
            widget.toggled.connect(self._refresh)
        self._reason_group = _group(list(self.reasons.values()), self)
        self.dossier_caption = label("heading")
        self.dossier = QLineEdit()
        self.dossier.setObjectName("dossier_code")
        self.dossier.setMaxLength(40)
        self.dossier.installEventFilter(self)
        self.message = label("error")
        self.save = button("primary", name="save_outcome")
        self.save.clicked.connect(self._save)
        self.back = button(name="outcome_back")
        self.back.clicked.connect(self.back_requested)
        self.pages = PageStack()  # as wide as the page on show
        self.pages.currentChanged.connect(self.content_changed)
        self.pages.addWidget(self._build_form())
        self.pages.addWidget(self._build_keyboard_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.retranslate()

    def _build_form(self) -> QWidget:
        host = QWidget()
        host.setProperty("screen", True)
        column = QVBoxLayout(host)
        column.setSpacing(12)
        outcome_row = QHBoxLayout()
        for widget in self.outcomes.values():
            outcome_row.addWidget(widget)
        column.addLayout(outcome_row)
        column.addWidget(self.reason_caption)
        reason_grid = QGridLayout()
        for index, widget in enumerate(self.reasons.values()):
            reason_grid.addWidget(widget, index // 3, index % 3)
        for grid_column in range(3):
            reason_grid.setColumnStretch(grid_column, 1)
        column.addLayout(reason_grid)
        column.addWidget(self.dossier_caption)
        column.addWidget(self.dossier)
        column.addStretch(1)
        scroll = scrolled(host)
        form = QWidget()
        outer = QVBoxLayout(form)
        outer.setContentsMargins(40, 16, 40, 20)
        outer.setSpacing(10)
        outer.addWidget(self.title)
        outer.addWidget(self.question)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.message)
        actions = QHBoxLayout()
        actions.setSpacing(16)
        actions.addWidget(self.back, 1)
        actions.addWidget(self.save, 2)  # the main action stays on the right, as before
        outer.addLayout(actions)
        return form

    def _build_keyboard_page(self) -> QWidget:
        page = QWidget()
        self.code_caption = label("heading")
        self.code_field = QLineEdit()
        self.code_field.setObjectName("dossier_entry")
        self.code_field.setMaxLength(40)
        self.keyboard = VietnameseKeyboard()
        self.keyboard.bind(self.code_field)
        self.keyboard.submitted.connect(self._code_done)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(32, 16, 32, 16)
        layout.addWidget(self.code_caption)
        layout.addWidget(self.code_field)
        layout.addWidget(self.keyboard, 1)
        return page

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Touching the dossier field opens the keyboard page."""
        if watched is self.dossier and event.type() == QEvent.Type.MouseButtonPress:
            self.code_field.setText(self.dossier.text())
            self.pages.setCurrentIndex(1)
            return True
        return super().eventFilter(watched, event)

    def _code_done(self) -> None:
        self.dossier.setText("".join(self.code_field.text().split()).upper())
        self.pages.setCurrentIndex(0)

    # -- state -------------------------------------------------------------------------------

    def ask(self, service_code: str, previous: ServiceOutcome | None = None) -> None:
        """Ask how ``service_code`` ended (pre-filled from ``previous`` when correcting)."""
        self.clear()
        self.service_code = service_code
        if previous is not None and previous.outcome:
            self.outcomes[previous.outcome].setChecked(True)
            if previous.reason_code in self.reasons:
                self.reasons[previous.reason_code].setChecked(True)
            self.dossier.setText(previous.dossier_code or "")
        self.retranslate()

    def set_language(self, language: str) -> None:
        """Show catalogue names in ``language``."""
        self._language = language
        self.retranslate()

    def chosen_outcome(self) -> str | None:
        """The outcome code chosen, if any."""
        return next((c for c, w in self.outcomes.items() if w.isChecked()), None)

    def chosen_reason(self) -> str | None:
        """The reason code chosen, if any."""
        return next((c for c, w in self.reasons.items() if w.isChecked()), None)

    def _needs_reason(self) -> bool:
        outcome = self.chosen_outcome()
        return outcome is not None and self._catalogue.outcome(outcome).needs_reason

    def _takes_dossier(self) -> bool:
        if not self.service_code:
            return False
        return self._catalogue.service(self.service_code).takes_dossier_code

    def _refresh(self) -> None:
        needs_reason = self._needs_reason()
        self.reason_caption.setVisible(needs_reason)
        for widget in self.reasons.values():
            widget.setVisible(needs_reason)
        takes = self._takes_dossier() and self.chosen_outcome() in ("done", "partial")
        self.dossier_caption.setVisible(takes)
        self.dossier.setVisible(takes)
        ready = self.chosen_outcome() is not None and (
            not needs_reason or self.chosen_reason() is not None
        )
        self.save.setEnabled(ready)
        self.message.clear()

    def _save(self) -> None:
        outcome = self.chosen_outcome()
        if outcome is None:
            return
        needs_reason = self._needs_reason()
        takes = self._takes_dossier() and outcome in ("done", "partial")
        self.outcome_recorded.emit(
            ServiceOutcome(
                service_code=self.service_code,
                outcome=outcome,
                reason_code=self.chosen_reason() if needs_reason else None,
                dossier_code=(self.dossier.text().strip() or None) if takes else None,
            )
        )

    def show_error(self, text: str) -> None:
        """Show why the outcome could not be saved."""
        self.message.setText(text)

    def clear(self) -> None:
        uncheck_all(self._outcome_group)
        uncheck_all(self._reason_group)
        self.dossier.clear()
        self.code_field.clear()
        self.message.clear()
        self.pages.setCurrentIndex(0)
        self._refresh()

    def retranslate(self) -> None:
        language = self._language
        if self.service_code:
            self.title.setText(self._catalogue.service(self.service_code).name(language))
        self.question.setText(self.tr("Kết quả việc này thế nào? (tình nguyện viên chọn)"))
        for code, widget in self.outcomes.items():
            widget.setText(self._catalogue.outcome(code).name(language))
        for reason in self._catalogue.reasons:
            self.reasons[reason.code].setText(reason.name(language))
        self.reason_caption.setText(self.tr("Vì sao chưa xong?"))
        self.dossier_caption.setText(self.tr("Mã hồ sơ (nếu đã nộp; chạm để nhập)"))
        self.code_caption.setText(self.tr("Mã hồ sơ trên Cổng Dịch vụ công"))
        self.save.setText(self.tr("Lưu kết quả"))
        self.back.setText(self.tr("Quay lại"))
        self._refresh()

    def speech_text(self) -> str:
        return f"{self.title.text()}. {self.question.text()}"
