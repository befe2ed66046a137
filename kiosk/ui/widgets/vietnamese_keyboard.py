"""A big on-screen keyboard that types Vietnamese by Telex or VNI, for names and addresses."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QValidator
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

from kiosk.text.vietnamese_input import Method, edit_for_key

KEY_HEIGHT = 76  # at least 72 px: a fingertip on a 21.5" 1080p panel, with room to spare
LETTER_POINT_SIZE = 26
WORD_POINT_SIZE = 22
LABEL_MARGIN = 32  # padding, border and rounded corners around a word key's label
SHIFT, CAPS, SPACE, BACKSPACE, METHOD, DONE = (
    "shift",
    "caps",
    "space",
    "backspace",
    "method",
    "done",
)
UNITS = 24  # a letter key is two units wide; rows are laid out on this grid
# (key, first unit, width in units) per row
ROWS: tuple[tuple[tuple[str, int, int], ...], ...] = (
    (*((d, 2 * i, 2) for i, d in enumerate("1234567890")), (BACKSPACE, 20, 4)),
    (*((c, 2 * i, 2) for i, c in enumerate("qwertyuiop")), ("-", 20, 2), ("/", 22, 2)),
    (*((c, 1 + 2 * i, 2) for i, c in enumerate("asdfghjkl")), (DONE, 19, 5)),
    (
        (SHIFT, 0, 4),
        *((c, 4 + 2 * i, 2) for i, c in enumerate("zxcvbnm")),
        (",", 18, 2),
        (".", 20, 2),
        ("'", 22, 2),
    ),
    ((CAPS, 0, 5), (METHOD, 5, 6), (SPACE, 11, 13)),
)
WORD_KEYS = frozenset([SHIFT, CAPS, SPACE, BACKSPACE, METHOD, DONE])

KEYBOARD_STYLE = """
QPushButton {
    background: #F2F2F2; color: #111111; border: 2px solid #5F5F5F; border-radius: 12px;
    padding: 0 6px;
}
QPushButton:pressed { background: #C8D7F5; }
QPushButton:checked { background: #0842A0; color: #FFFFFF; border-color: #0842A0; }
QPushButton#key_method {
    background: #E8EEF9; color: #0842A0; border: 3px solid #0842A0;
}
QPushButton#key_done { background: #085A25; color: #FFFFFF; border: 2px solid #085A25; }
QPushButton#key_done:pressed { background: #063F1A; }
QPushButton:disabled, QPushButton#key_done:disabled {
    background: #FFFFFF; color: #C4C4C4; border-color: #DDDDDD;
}
"""


class VietnameseKeyboard(QWidget):
    """Types into the :class:`QLineEdit` it is bound to, turning Telex or VNI into Vietnamese.

    Each key rewrites the word before the field's cursor through
    :func:`kiosk.text.vietnamese_input.edit_for_key`, so "Nguyeenx" shows "Nguyễn". The
    field's ``maxLength`` and validator still apply: a key whose result the field would refuse
    does nothing. Keys never take the keyboard focus, so the field keeps its cursor. "⇧" makes
    the next letter a capital, "⇪" all of them; the method key switches Telex ⇄ VNI; "Xong"
    emits :attr:`submitted`.
    """

    method_changed = Signal(str)  # the new Method's value: "telex" or "vni"
    submitted = Signal()
    target_changed = Signal(object)  # the newly bound QLineEdit, or None

    def __init__(self, parent: QWidget | None = None, *, method: Method = Method.TELEX) -> None:
        super().__init__(parent)
        self._target: QLineEdit | None = None
        self._method = Method(method)
        self._shift = False
        self._caps = False
        self._keys: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(10)
        for column in range(UNITS):
            grid.setColumnStretch(column, 1)
        for row, keys in enumerate(ROWS):
            for key, column, width in keys:
                grid.addWidget(self._make_key(key), row, column, 1, width)
        self.setStyleSheet(KEYBOARD_STYLE)
        self.retranslate()
        self._refresh()

    def _make_key(self, key: str) -> QPushButton:
        button = QPushButton(key, self)
        button.setObjectName(f"key_{key}")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoDefault(False)
        button.setMinimumSize(48, KEY_HEIGHT)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        font = QFont(button.font())
        font.setPointSize(WORD_POINT_SIZE if key in WORD_KEYS else LETTER_POINT_SIZE)
        font.setBold(True)
        button.setFont(font)
        if key in (SHIFT, CAPS):
            button.setCheckable(True)
        button.clicked.connect(lambda _checked=False, k=key: self.press(k))
        self._keys[key] = button
        return button

    def retranslate(self) -> None:
        """Set every label in the current language (again on a language change)."""
        keys = self._keys
        self._label(BACKSPACE, self.tr("⌫ Xóa"))
        keys[BACKSPACE].setAccessibleName(self.tr("Xóa một chữ"))
        self._label(SHIFT, self.tr("⇧ Chữ hoa"))
        keys[SHIFT].setAccessibleName(self.tr("Viết hoa chữ tiếp theo"))
        self._label(CAPS, self.tr("⇪ VIẾT HOA"))
        keys[CAPS].setAccessibleName(self.tr("Viết hoa tất cả các chữ"))
        self._label(SPACE, self.tr("Dấu cách"))
        self._label(DONE, self.tr("Xong"))
        keys[DONE].setAccessibleName(self.tr("Xong, đóng bàn phím"))
        name = "Telex" if self._method == Method.TELEX else "VNI"
        self._label(METHOD, self.tr("Kiểu gõ: {method}").format(method=name))
        keys[METHOD].setAccessibleName(self.tr("Đổi kiểu gõ Telex hoặc VNI"))
        keys["-"].setAccessibleName(self.tr("Gạch ngang"))
        keys["/"].setAccessibleName(self.tr("Gạch chéo"))
        keys[","].setAccessibleName(self.tr("Dấu phẩy"))
        keys["."].setAccessibleName(self.tr("Dấu chấm"))
        keys["'"].setAccessibleName(self.tr("Dấu nháy"))

    def _label(self, key: str, text: str) -> None:
        """Label a word key and keep it wide enough that no language clips its label."""
        button = self._keys[key]
        button.setText(text)
        button.setMinimumWidth(button.fontMetrics().horizontalAdvance(text) + LABEL_MARGIN)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def target(self) -> QLineEdit | None:
        """The field the keyboard types into, or ``None``."""
        return self._target

    @property
    def method(self) -> Method:
        """Telex or VNI."""
        return self._method

    @property
    def uppercase(self) -> bool:
        """Whether the next letter comes out as a capital."""
        return self._shift or self._caps

    def bind(self, field: QLineEdit | None) -> None:
        """Type into ``field`` from now on (``None``: keys do nothing and look disabled)."""
        if field is self._target:
            return
        self._target = field
        self._refresh()
        self.target_changed.emit(field)

    def set_method(self, method: Method) -> None:
        """Switch to Telex or VNI; emits :attr:`method_changed` if that is a change."""
        method = Method(method)
        if method == self._method:
            return
        self._method = method
        self.retranslate()
        self.method_changed.emit(method.value)

    def key(self, key: str) -> QPushButton:
        """The button for ``key``: a letter, digit or sign, or SHIFT, CAPS, SPACE…"""
        return self._keys[key]

    def press(self, key: str) -> None:
        """Do what pressing ``key`` does."""
        if key == METHOD:
            self.set_method(Method.VNI if self._method == Method.TELEX else Method.TELEX)
            return
        field = self._target
        if field is None:
            return
        if key == SHIFT:
            self._shift = not self._shift
        elif key == CAPS:
            self._caps = not self._caps
            self._shift = False
        elif key == BACKSPACE:
            field.backspace()
        elif key == DONE:
            self.submitted.emit()
        else:
            char = " " if key == SPACE else key
            self._type(field, char.upper() if self.uppercase else char)
            if char.isalpha():
                self._shift = False
        self._refresh()

    def _type(self, field: QLineEdit, char: str) -> None:
        if field.hasSelectedText():  # the key replaces the selection, as on a real keyboard
            field.insert(char)
            return
        text, cursor = field.text(), field.cursorPosition()
        edit = edit_for_key(text, cursor, char, self._method)
        if not _accepts(field, edit.apply(text), edit.cursor):
            return
        # Replace the word through the selection so that the field's undo and textEdited work.
        field.setSelection(edit.start, edit.end - edit.start)
        field.insert(edit.replacement)

    def _refresh(self) -> None:
        # Touch only what changed: a key press should not restyle fifty buttons.
        bound = self._target is not None
        upper = self.uppercase
        for key, button in self._keys.items():
            if button.isEnabled() != (bound or key == METHOD):
                button.setEnabled(bound or key == METHOD)
            if len(key) == 1 and key.isalpha():
                label = key.upper() if upper else key
                if button.text() != label:
                    button.setText(label)
        for key, on in ((SHIFT, self._shift), (CAPS, self._caps)):
            if self._keys[key].isChecked() != on:
                self._keys[key].setChecked(on)


def _accepts(field: QLineEdit, text: str, cursor: int) -> bool:
    """Whether ``field`` would take ``text``: within its maximum length and not refused by
    its validator (an intermediate state, such as a half-typed date, is fine)."""
    if len(text) > field.maxLength():
        return False
    validator = field.validator()
    if validator is None:
        return True
    result = validator.validate(text, cursor)  # PySide6 gives (state, text, cursor)
    state = result[0] if isinstance(result, tuple) else result
    return bool(state != QValidator.State.Invalid)
