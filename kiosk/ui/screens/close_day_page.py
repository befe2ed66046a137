"""Closing the day, a page of helper home: what it means, then what was written where.

Its texts keep the ``HelperHomeScreen`` translation context of the screen it was part of.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.screens.base import button, label


class CloseDayPage(QWidget):
    """Emits :attr:`confirmed` ("Chốt sổ") or :attr:`back` ("Quay lại")."""

    confirmed = Signal()
    back = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._day = self._folder = ""
        self.title = label("title")
        self.notice = label("notice")
        self.notice.setObjectName("close_notice")
        self.result = label("body")
        self.result.setObjectName("close_result")
        self.error = label("error")
        self.error.setObjectName("close_error")
        self.busy = label("muted")
        self.busy.setObjectName("close_busy")
        self.busy.hide()
        self.back_button = button(name="close_back")
        self.confirm = button("danger", name="close_confirm")
        self.back_button.clicked.connect(self.back)
        self.confirm.clicked.connect(self.confirmed)
        actions = QHBoxLayout()
        actions.setSpacing(16)
        actions.addWidget(self.back_button, 1)
        actions.addWidget(self.confirm, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(18)
        for part in (self.title, self.notice, self.busy, self.result, self.error):
            layout.addWidget(part)
        layout.addStretch(1)
        layout.addLayout(actions)
        self.retranslate()

    def start(self, day: str, folder: str) -> None:
        """Ask to close ``day``, whose files go into ``folder``."""
        self._day, self._folder = day, folder
        self.result.clear()
        self.error.clear()
        self.notice.show()
        self.confirm.show()
        self.retranslate()

    def show_result(self, text: str) -> None:
        """The day is closed: say what was written where; no second "Chốt sổ"."""
        self.result.setText(text)
        self.error.clear()
        self.notice.hide()
        self.confirm.hide()

    def show_busy(self, text: str) -> None:
        """While the day is being closed, ``text`` and no second tap; "" once done."""
        self.busy.setText(text)
        self.busy.setVisible(bool(text))
        self.confirm.setEnabled(not text)
        if text:
            self.error.clear()

    def clear(self) -> None:
        """Forget the last closing's result."""
        self.result.clear()
        self.error.clear()

    def retranslate(self) -> None:
        """Texts in the current language."""
        translate = QCoreApplication.translate
        self.title.setText(
            translate("HelperHomeScreen", "Chốt sổ ngày {day}").format(day=self._day)
        )
        self.notice.setText(
            translate(
                "HelperHomeScreen",
                "Sau khi chốt sổ, các lượt hỗ trợ của ngày này không sửa được nữa; muốn sửa "
                "thì ghi điều chỉnh vào ngày làm việc sau. Lượt còn dở dang sẽ được ghi là bỏ "
                "dở. Báo cáo Z (PDF) và danh sách lượt hỗ trợ (CSV, XLSX, đã che thông tin cá "
                "nhân) được ghi vào thư mục:\n{folder}",
            ).format(folder=self._folder)
        )
        self.back_button.setText(translate("HelperHomeScreen", "Quay lại"))
        self.confirm.setText(translate("HelperHomeScreen", "Chốt sổ"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
