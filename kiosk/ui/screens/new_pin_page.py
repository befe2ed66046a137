"""A new PIN typed twice on the keypad: a page of the helper accounts screen.

The page checks only what it can see (both PINs equal, 4 to 8 digits); the service checks
the rest. Its texts keep the ``HelpersAdminScreen`` translation context of the screen it
was part of.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.ui.screens.base import button, label
from kiosk.ui.widgets.numeric_keypad import NumericKeypad

PIN_MIN, PIN_MAX = 4, 8


class NewPinPage(QWidget):
    """Emits :attr:`entered` with the PIN once typed twice the same, or :attr:`cancelled`."""

    entered = Signal(str)
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._name = ""
        self._adding = True
        self.title = label("title")
        self.captions = [label("heading"), label("heading")]
        self.fields: list[QLineEdit] = []
        fields = QVBoxLayout()
        fields.setSpacing(8)
        for caption, name in zip(self.captions, ("new_pin", "new_pin_again"), strict=True):
            field = QLineEdit()
            field.setObjectName(name)
            field.installEventFilter(self)
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setMaxLength(PIN_MAX)
            field.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,8}"), self))
            field.textChanged.connect(self._refresh)
            fields.addWidget(caption)
            fields.addWidget(field)
            self.fields.append(field)
        self.message = label("error")
        self.message.setObjectName("pin_message")
        fields.addWidget(self.message)
        fields.addStretch(1)
        self.keypad = NumericKeypad()
        self.cancel = button(name="pin_cancel")
        self.save = button("primary", name="pin_save")
        self.cancel.clicked.connect(self.cancelled)
        self.save.clicked.connect(self._done)
        self._busy = False
        body = QHBoxLayout()
        body.setSpacing(40)
        body.addLayout(fields, 1)
        body.addWidget(self.keypad, 1)
        actions = QHBoxLayout()
        actions.setSpacing(16)
        actions.addWidget(self.cancel)
        actions.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 16, 40, 20)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addLayout(body, 1)
        layout.addLayout(actions)
        self.retranslate()

    def start(self, name: str, *, adding: bool) -> None:
        """Ask for ``name``'s new PIN (``adding``: a new account, "Quay lại" goes to its form)."""
        self._name, self._adding = name, adding
        for field in self.fields:
            field.clear()
        self.message.clear()
        self._bind_keypad(self.fields[0])
        self.retranslate()

    def show_error(self, text: str) -> None:
        """A refusal; the PIN fields are wiped for another try."""
        for field in self.fields:
            field.clear()
        self._bind_keypad(self.fields[0])
        self.message.setText(text)

    def set_busy(self, busy: bool) -> None:
        """While the PIN is saved (hashed): no second "Lưu"."""
        self._busy = busy
        self._refresh()

    def clear(self) -> None:
        """Forget what was typed."""
        for field in self.fields:
            field.clear()
        self.message.clear()

    def _bind_keypad(self, field: QLineEdit) -> None:
        self.keypad.bind(field)
        field.setFocus()

    def _refresh(self) -> None:
        first, again = (field.text() for field in self.fields)
        self.save.setEnabled(len(first) >= PIN_MIN and len(again) >= PIN_MIN and not self._busy)
        if self.keypad.target is self.fields[0] and len(first) == PIN_MAX:
            self._bind_keypad(self.fields[1])  # a full PIN: on to typing it again

    def _done(self) -> None:
        first, again = (field.text() for field in self.fields)
        if first != again:
            self.show_error(
                QCoreApplication.translate(
                    "HelpersAdminScreen", "Hai lần nhập mã PIN không khớp. Hãy nhập lại."
                )
            )
            return
        self.entered.emit(first)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Touching a PIN field binds the keypad to it."""
        if event.type() == QEvent.Type.MouseButtonPress and watched in self.fields:
            assert isinstance(watched, QLineEdit)
            self._bind_keypad(watched)
        return super().eventFilter(watched, event)

    def retranslate(self) -> None:
        """Texts in the current language."""
        translate = QCoreApplication.translate
        self.title.setText(
            translate("HelpersAdminScreen", "Mã PIN mới cho {name}").format(name=self._name)
        )
        self.captions[0].setText(translate("HelpersAdminScreen", "Mã PIN (4–8 chữ số)"))
        self.captions[1].setText(translate("HelpersAdminScreen", "Nhập lại mã PIN"))
        self.cancel.setText(
            translate("HelpersAdminScreen", "Quay lại")
            if self._adding
            else translate("HelpersAdminScreen", "Hủy")
        )
        self.save.setText(translate("HelpersAdminScreen", "Lưu"))
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
