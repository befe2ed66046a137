"""Manual entry: the form with its numeric keypad, and a full-width Vietnamese keyboard for
the name (a touch kiosk has no physical keyboard; Telex/VNI beat long-press diacritics)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from kiosk.ui.screens.base import Screen, label
from kiosk.ui.widgets.fitted_pages import FittedPages
from kiosk.ui.widgets.manual_entry import ManualEntryForm
from kiosk.ui.widgets.vietnamese_keyboard import VietnameseKeyboard


class ManualEntryScreen(Screen):
    """Emits :attr:`identity_entered` with a validated ``CitizenIdentity``."""

    identity_entered = Signal(object)
    cancelled = Signal()

    def __init__(self, today: Callable[[], date]) -> None:
        super().__init__()
        self.form = ManualEntryForm(today)
        self.form.identity_entered.connect(self.identity_entered)
        self.form.cancelled.connect(self.cancelled)
        self.form.name_field.installEventFilter(self)

        self.name_page = QWidget()
        self.name_caption = label("heading")
        self.name_field = QLineEdit()
        self.name_field.setObjectName("name_entry")
        self.name_field.setMaxLength(self.form.name_field.maxLength())
        self.name_hint = label("muted")
        self.keyboard = VietnameseKeyboard()
        self.keyboard.bind(self.name_field)
        self.keyboard.submitted.connect(self._name_done)
        self.keyboard.method_changed.connect(self._show_hint)
        page = QVBoxLayout(self.name_page)
        page.setContentsMargins(32, 8, 32, 8)
        page.setSpacing(8)
        page.addWidget(self.name_caption)
        page.addWidget(self.name_field)
        page.addWidget(self.name_hint)
        page.addWidget(self.keyboard, 1)

        self.pages = FittedPages()  # the keyboard page is not as tall as the long form
        self.pages.addWidget(self.form)
        self.pages.addWidget(self.name_page)
        self.pages.currentChanged.connect(self.content_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Touching the form's name field opens the full-width keyboard page."""
        if watched is self.form.name_field and event.type() == QEvent.Type.MouseButtonPress:
            self.open_name_page()
            return True
        return super().eventFilter(watched, event)

    def open_name_page(self) -> None:
        """Type the name on the Vietnamese keyboard."""
        self.name_field.setText(self.form.name_field.text())
        self.pages.setCurrentWidget(self.name_page)
        self.name_field.setFocus()

    def _name_done(self) -> None:
        self.form.name_field.setText(" ".join(self.name_field.text().split()))
        self.form.clear_errors()
        self.pages.setCurrentWidget(self.form)

    def clear(self) -> None:
        self.form.clear()
        self.name_field.clear()
        self.pages.setCurrentWidget(self.form)

    def retranslate(self) -> None:
        self.name_caption.setText(self.tr("Họ và tên (như trên thẻ căn cước)"))
        self._show_hint()

    def _show_hint(self) -> None:
        """The typing rules of the keyboard's current method (Telex or VNI)."""
        done = self.tr("Gõ xong chạm Xong.")
        self.name_hint.setText(f"{self.keyboard.hint()} {done}")

    def speech_text(self) -> str:
        return self.tr(
            "Nhập số định danh cá nhân, họ và tên, ngày sinh và giới tính như trên thẻ, "
            "rồi chạm Xác nhận."
        )
