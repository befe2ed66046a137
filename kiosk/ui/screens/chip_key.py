"""The chip's key on the touch keypad: the card's number, birth date and expiry date.

The volunteer types what the QR did not give (the expiry printed on the card, or all three
without a QR); the page says what the reader is doing ("Đặt thẻ lên đầu đọc…", "Đang đọc
chip…") and why a read failed. After the chip refused the key, the number field asks for
the document number as the MRZ on the back prints it (the 9-digit rule is unverified).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.services.chip.key_fields import KeyFields
from kiosk.ui.screens.base import button
from kiosk.ui.theme import restyle, set_role
from kiosk.ui.widgets.numeric_keypad import KEY_SIZE, NumericKeypad, lay_out_beside_keypad

FIELD_HEIGHT = KEY_SIZE - 20  # as the manual entry's fields


class ChipKeyPage(QWidget):
    """Three fields, the keypad, the reader's status; emits the fields to read with."""

    read_requested = Signal(str, str, str)  # number, birth, expiry as typed
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("screen", True)
        self._mrz_number = False  # the chip refused: ask for the MRZ's document number
        self.heading = self._label("heading")
        self.status = self._label("body")
        self.status.setObjectName("chip_status")
        self.error = self._label("error")
        self.error.setObjectName("chip_error")
        self.error.hide()
        self.number = self._field(r"[0-9]{0,12}", 12, "chip_number")
        self.birth = self._field(r"[0-9/]{0,10}", 10, "chip_birth")
        self.expiry = self._field(r"[0-9/]{0,10}", 10, "chip_expiry")
        self.captions = [self._label("caption") for _ in range(3)]
        self.keypad = NumericKeypad(self)
        self.read = button("primary", name="chip_read")
        self.back = button(name="chip_back")
        self.read.setMinimumHeight(KEY_SIZE)
        self.back.setMinimumHeight(KEY_SIZE)
        self.read.clicked.connect(self._read)
        self.back.clicked.connect(self.back_requested)
        fields = QVBoxLayout()
        fields.setSpacing(6)
        fields.addWidget(self.heading)
        inputs = (self.number, self.birth, self.expiry)
        for caption, field in zip(self.captions, inputs, strict=True):
            fields.addSpacing(8)
            caption.setBuddy(field)
            fields.addWidget(caption)
            fields.addWidget(field)
        fields.addSpacing(8)
        fields.addWidget(self.error)
        fields.addWidget(self.status)
        fields.addStretch(1)
        lay_out_beside_keypad(self, fields, self.keypad, self.back, self.read)
        self.keypad.target_changed.connect(self._show_active)
        self.keypad.bind(self.number)
        self.retranslate()

    def _show_active(self, target: object) -> None:
        """Outline the field the keypad types into, as the manual entry does."""
        for field in (self.number, self.birth, self.expiry):
            if field.property("active") != (field is target):
                field.setProperty("active", field is target)
                restyle(field)

    def _label(self, role: str) -> QLabel:
        widget = QLabel(self)
        set_role(widget, role)
        widget.setWordWrap(True)
        widget.setTextFormat(Qt.TextFormat.PlainText)
        return widget

    def _field(self, pattern: str, length: int, name: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setObjectName(name)
        field.setMaxLength(length)
        field.setMinimumHeight(FIELD_HEIGHT)
        field.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), field))
        field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        field.installEventFilter(self)
        field.textEdited.connect(lambda _text: self.show_error(""))
        return field

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The keypad types into the field last touched (dates may take "/")."""
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress):
            if watched is self.number:
                self.keypad.bind(self.number)
            elif watched in (self.birth, self.expiry):
                self.keypad.bind(watched, allow_slash=True)
        return super().eventFilter(watched, event)

    def fill(self, fields: KeyFields) -> None:
        """Show what is already known; the keypad goes to the first empty field."""
        self._mrz_number = False
        self.number.setText(fields.number)
        self.birth.setText(fields.birth)
        self.expiry.setText(fields.expiry)
        self.show_error("")
        self.retranslate()
        for field in (self.number, self.birth, self.expiry):
            if not field.text():
                self.keypad.bind(field, allow_slash=field is not self.number)
                break

    def ask_number(self, message: str) -> None:
        """The chip refused the key: say so and ask for the MRZ's document number."""
        self._mrz_number = True
        self.retranslate()
        self.number.clear()
        self.keypad.bind(self.number)
        self.show_error(message)

    def show_status(self, text: str) -> None:
        """What the reader is doing, in plain words."""
        self.status.setText(text)

    def show_error(self, text: str) -> None:
        """Why the last read failed ("": nothing)."""
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def clear(self) -> None:
        """Forget the typed fields."""
        self.fill(KeyFields())
        self.status.clear()

    def _read(self) -> None:
        self.read_requested.emit(self.number.text(), self.birth.text(), self.expiry.text())

    def retranslate(self) -> None:
        """Every text in the current language."""
        self.heading.setText(self.tr("Đọc chip trên thẻ căn cước"))
        number = (
            self.tr("Số giấy tờ trên dòng mã MRZ ở mặt sau thẻ (9 số sau chữ IDVNM)")
            if self._mrz_number
            else self.tr("Số định danh cá nhân (12 số)")
        )
        captions = (number, self.tr("Ngày sinh (ngày/tháng/năm)"),
                    self.tr("Có giá trị đến (in trên thẻ, ngày/tháng/năm)"))  # fmt: skip
        for caption, text in zip(self.captions, captions, strict=True):
            caption.setText(text)
        self.read.setText(self.tr("Đọc chip"))
        self.back.setText(self.tr("Quay lại"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
