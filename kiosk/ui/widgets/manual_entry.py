"""The manual-entry fallback: typing a citizen's ID card details when the QR cannot be read."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.services.identity import (
    FEMALE,
    MALE,
    IdentityError,
    IdentityField,
    validate_manual_entry,
)
from kiosk.ui.theme import restyle, set_kind, set_role
from kiosk.ui.widgets.button_group import uncheck_all
from kiosk.ui.widgets.numeric_keypad import KEY_SIZE, NumericKeypad, lay_out_beside_keypad

F = IdentityField
FIELD_HEIGHT = KEY_SIZE - 20  # a field or a gender button: a fingertip with room to spare


def _set_flag(widget: QWidget, name: str, on: bool) -> None:
    """Set a style property and re-apply the style sheet (Qt does not on its own)."""
    if widget.property(name) == on:
        return
    widget.setProperty(name, on)
    restyle(widget)


class ManualEntryForm(QWidget):
    """ID number, full name, date of birth and gender, typed on a touch screen.

    The on-screen keypad types into the ID and date fields (whichever was touched last).
    The name uses the system keyboard; the form exposes ``name_field`` so the on-screen
    Telex keyboard of the touch UI can be bound to it. "Xác nhận" validates with the same
    rules as the QR code and emits :attr:`identity_entered` with a ``CitizenIdentity``, or
    shows the Vietnamese reason under the field at fault, with a red border on every field
    the error names. "Hủy" emits :attr:`cancelled`. The form keeps what was typed until
    :meth:`clear`: the screen that shows it calls that as soon as the data has been used.
    The window's theme (:mod:`kiosk.ui.theme`) gives every part its colours and text size.
    """

    identity_entered = Signal(object)  # CitizenIdentity
    cancelled = Signal()

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        """``today`` gives the local date when "Xác nhận" is pressed (the kiosk may run
        past midnight); the widget never reads the clock itself."""
        super().__init__(parent)
        self._today = today
        self.id_field = self._line_edit(r"[0-9]{0,12}", 12)
        self.name_field = self._line_edit(None, 80)
        self.birth_field = self._line_edit(r"[0-9/.\-]{0,10}", 10)
        self.male_button = self._gender_button()
        self.female_button = self._gender_button()
        self._genders = QButtonGroup(self)
        self._genders.addButton(self.male_button)
        self._genders.addButton(self.female_button)
        self._gender_box = QFrame(self)
        self._gender_box.setObjectName("gender")
        set_role(self._gender_box, "choice_box")
        gender_row = QHBoxLayout(self._gender_box)
        gender_row.setContentsMargins(4, 4, 4, 4)
        gender_row.addWidget(self.male_button)
        gender_row.addWidget(self.female_button)
        self.keypad = NumericKeypad(self)
        self.confirm_button = self._action_button("confirm", "success")
        self.cancel_button = self._action_button("cancel", "plain")
        self._errors: dict[IdentityField, tuple[QWidget, QLabel]] = {}
        self._captions: dict[IdentityField, QLabel] = {}
        self._heading = QLabel(self)
        set_role(self._heading, "heading")
        self._build_layout()
        self._connect()
        self.retranslate()
        self.keypad.bind(self.id_field)

    def retranslate(self) -> None:
        """Set every text in the current language (called again on a language change)."""
        self.name_field.setPlaceholderText(self.tr("Như trên thẻ căn cước"))
        self.male_button.setText(self.tr("Nam"))
        self.female_button.setText(self.tr("Nữ"))
        self.confirm_button.setText(self.tr("Xác nhận"))
        self.cancel_button.setText(self.tr("Hủy"))
        self._heading.setText(self.tr("Nhập thông tin trên thẻ căn cước"))
        captions = {
            F.ID_NUMBER: self.tr("Số định danh cá nhân (12 số)"),
            F.FULL_NAME: self.tr("Họ và tên"),
            F.BIRTH_DATE: self.tr("Ngày sinh (ngày/tháng/năm)"),
            F.GENDER: self.tr("Giới tính"),
        }
        for field, caption in self._captions.items():
            caption.setText(captions[field])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _line_edit(self, pattern: str | None, max_length: int) -> QLineEdit:
        field = QLineEdit(self)
        field.setMaxLength(max_length)
        field.setMinimumHeight(FIELD_HEIGHT)
        if pattern is not None:
            field.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), field))
            field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
            field.installEventFilter(self)
        return field

    def _gender_button(self) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName("gender_option")
        set_kind(button, "toggle")
        button.setCheckable(True)
        button.setMinimumSize(KEY_SIZE * 2, FIELD_HEIGHT)
        return button

    def _action_button(self, name: str, kind: str) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        set_kind(button, kind)
        button.setMinimumHeight(KEY_SIZE)
        return button

    def _build_layout(self) -> None:
        fields = QVBoxLayout()
        fields.setSpacing(4)
        self._heading.setWordWrap(True)
        fields.addWidget(self._heading)
        for field, widget in (
            (F.ID_NUMBER, self.id_field),
            (F.FULL_NAME, self.name_field),
            (F.BIRTH_DATE, self.birth_field),
            (F.GENDER, self._gender_box),
        ):
            fields.addSpacing(12)
            caption = QLabel(self)
            self._captions[field] = caption
            set_role(caption, "caption")
            caption.setWordWrap(True)
            caption.setBuddy(widget)
            error = QLabel(self)
            error.setObjectName("error")
            set_role(error, "error")
            error.setWordWrap(True)
            error.hide()
            fields.addWidget(caption)
            fields.addWidget(widget)
            fields.addWidget(error)
            self._errors[field] = (widget, error)
        fields.addStretch(1)
        lay_out_beside_keypad(self, fields, self.keypad, self.cancel_button, self.confirm_button)

    def _connect(self) -> None:
        for field in (self.id_field, self.name_field, self.birth_field):
            field.textEdited.connect(self.clear_errors)
        self._genders.buttonClicked.connect(self.clear_errors)
        self.keypad.target_changed.connect(self._show_active)
        self.confirm_button.clicked.connect(self.confirm)
        self.cancel_button.clicked.connect(self.cancelled)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Bind the keypad to the numeric field the citizen touched or tabbed into."""
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress):
            if watched is self.id_field:
                self.keypad.bind(self.id_field)
            elif watched is self.birth_field:
                self.keypad.bind(self.birth_field, allow_slash=True)
        return super().eventFilter(watched, event)

    def _show_active(self, target: object) -> None:
        for field in (self.id_field, self.birth_field):
            _set_flag(field, "active", field is target)

    @property
    def gender(self) -> str:
        """``"Nam"``, ``"Nữ"`` or ``""`` while neither is chosen."""
        if self.male_button.isChecked():
            return MALE
        return FEMALE if self.female_button.isChecked() else ""

    def confirm(self) -> None:
        """Validate what was typed: emit the identity or show why it was refused."""
        self.clear_errors()
        try:
            identity = validate_manual_entry(
                self.id_field.text(),
                self.name_field.text(),
                self.birth_field.text(),
                self.gender,
                today=self._today(),
            )
        except IdentityError as exc:
            self.show_error(exc)
            return
        self.identity_entered.emit(identity)

    def show_error(self, error: IdentityError) -> None:
        """Red border on every field the error names; its message under the first one."""
        message = QCoreApplication.translate("identity", error.template).format(**error.params)
        shown = False
        for field in error.fields:
            if field not in self._errors:
                continue  # e.g. the issue date, which this form does not ask for
            widget, label = self._errors[field]
            _set_flag(widget, "error", True)
            if not shown:
                label.setText(message)
                label.show()
                shown = True
        if not shown:  # no field of this form is to blame: say it under the first one
            _, label = self._errors[F.ID_NUMBER]
            label.setText(message)
            label.show()

    def error_text(self, field: IdentityField) -> str:
        """The message shown under ``field``, or ``""``."""
        _, label = self._errors[field]
        return label.text() if label.isVisibleTo(self) else ""

    def has_error(self, field: IdentityField) -> bool:
        """Whether ``field`` is marked in red."""
        widget, _ = self._errors[field]
        return bool(widget.property("error"))

    def clear_errors(self) -> None:
        """Remove every red border and message."""
        for widget, label in self._errors.values():
            _set_flag(widget, "error", False)
            label.clear()
            label.hide()

    def clear(self) -> None:
        """Wipe every field and message: the citizen's data leaves the screen."""
        for field in (self.id_field, self.name_field, self.birth_field):
            field.clear()
        uncheck_all(self._genders)
        self.clear_errors()
        self.keypad.bind(self.id_field)
