"""The guide screen's "this step is out of date" page: a short note typed on the keyboard.

Only the helper sees it (from the helper's tip area). The note is about the guide step;
the page says so, and the service refuses a note holding an ID or phone number.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.services.guides.marks import NOTE_MAX
from kiosk.ui.screens.base import button, label
from kiosk.ui.widgets.vietnamese_keyboard import VietnameseKeyboard


class GuideMarkPage(QWidget):
    """Asks for the note; :attr:`sent` carries it, :attr:`cancelled` goes back to the step."""

    sent = Signal(str)
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._step = ""
        self.caption = label("heading")
        self.step_line = label("body")
        self.step_line.setObjectName("guide_mark_step")
        self.privacy = label("muted")
        self.note = QLineEdit()
        self.note.setObjectName("guide_mark_note")
        self.note.setMaxLength(NOTE_MAX)
        self.keyboard = VietnameseKeyboard()
        self.keyboard.bind(self.note)
        self.keyboard.submitted.connect(self._send)
        self.message = label("notice")
        self.message.setObjectName("guide_mark_message")
        self.message.hide()
        self.cancel = button(name="guide_mark_cancel")
        self.send = button("primary", name="guide_mark_send")
        self.cancel.clicked.connect(self.cancelled.emit)
        self.send.clicked.connect(self._send)
        actions = QHBoxLayout()
        actions.setSpacing(16)
        actions.addWidget(self.cancel, 1)
        actions.addWidget(self.send, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 16, 40, 20)
        layout.setSpacing(12)
        for widget in (self.caption, self.step_line, self.privacy, self.note, self.message):
            layout.addWidget(widget)
        layout.addWidget(self.keyboard, 1)
        layout.addLayout(actions)
        self.retranslate()

    def ask(self, step: str) -> None:
        """A new note about ``step`` (its guide, number and title, as shown)."""
        self._step = step
        self.note.clear()
        self.message.hide()
        self.send.setEnabled(True)
        self.retranslate()

    def refused(self, message: str) -> None:
        """The note was not recorded: say why, keep what was typed."""
        self.message.setText(message)
        self.message.show()
        self.send.setEnabled(True)

    def _send(self) -> None:
        if not self.send.isEnabled():
            return
        self.send.setEnabled(False)  # one record per tap, until the service answers
        self.sent.emit(self.note.text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text in the current language."""
        self.caption.setText(self.tr("Báo bước này đã cũ"))
        self.step_line.setText(self._step)
        self.privacy.setText(
            self.tr(
                "Ghi ngắn điều gì trong bước không còn đúng (ví dụ: nút đã đổi tên). Chỉ ghi về "
                "bước hướng dẫn, không ghi tên hay số giấy tờ của người dân."
            )
        )
        self.note.setPlaceholderText(self.tr("Ghi chú cho người biên soạn hướng dẫn"))
        self.cancel.setText(self.tr("Hủy"))
        self.send.setText(self.tr("Gửi"))
