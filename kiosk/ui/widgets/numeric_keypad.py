"""A big on-screen numeric keypad for touch screens: digits, "/" for dates and a delete key."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

# 15 mm is about 90 px on a 21.5" 1080p panel; a little more forgives shaky fingers.
KEY_SIZE = 96
KEY_POINT_SIZE = 28
BACKSPACE = "backspace"
LAYOUT = (("1", "2", "3"), ("4", "5", "6"), ("7", "8", "9"), ("/", "0", BACKSPACE))

KEYPAD_STYLE = """
QPushButton {
    background: #F2F2F2; color: #111111; border: 2px solid #5F5F5F; border-radius: 12px;
}
QPushButton:pressed { background: #C8D7F5; }
QPushButton:disabled { background: #FFFFFF; color: #C4C4C4; border-color: #DDDDDD; }
"""


class NumericKeypad(QWidget):
    """Types into the :class:`QLineEdit` it is bound to, as if the citizen typed on it.

    The field's own ``maxLength`` and validator still apply, so the keypad cannot put a
    letter or a 13th digit into the ID field. Keys never take the keyboard focus: the field
    keeps its cursor. ``"/"`` is enabled only for fields bound with ``allow_slash``.
    """

    target_changed = Signal(object)  # the newly bound QLineEdit, or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._target: QLineEdit | None = None
        self._allow_slash = False
        self._keys: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        for row, keys in enumerate(LAYOUT):
            for column, key in enumerate(keys):
                grid.addWidget(self._make_key(key), row, column)
        self.setStyleSheet(KEYPAD_STYLE)
        self._refresh()

    def _make_key(self, key: str) -> QPushButton:
        label = self.tr("⌫ Xóa") if key == BACKSPACE else key
        button = QPushButton(label, self)
        button.setObjectName(f"key_{key}")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumSize(KEY_SIZE, KEY_SIZE)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        font = QFont(button.font())
        font.setPointSize(KEY_POINT_SIZE if key != BACKSPACE else KEY_POINT_SIZE - 4)
        font.setBold(True)
        button.setFont(font)
        if key == BACKSPACE:
            button.setAccessibleName(self.tr("Xóa một chữ số"))
        button.clicked.connect(lambda _checked=False, k=key: self.press(k))
        self._keys[key] = button
        return button

    @property
    def target(self) -> QLineEdit | None:
        """The field the keypad types into, or ``None``."""
        return self._target

    def bind(self, field: QLineEdit | None, *, allow_slash: bool = False) -> None:
        """Type into ``field`` from now on (``None``: keys do nothing and look disabled)."""
        if field is self._target and allow_slash == self._allow_slash:
            return
        self._target = field
        self._allow_slash = allow_slash
        self._refresh()
        self.target_changed.emit(field)

    def key(self, key: str) -> QPushButton:
        """The button for ``key``: ``"0"``–``"9"``, ``"/"`` or :data:`BACKSPACE`."""
        return self._keys[key]

    def press(self, key: str) -> None:
        """Do what pressing ``key`` does: insert it at the cursor, or delete before it."""
        field = self._target
        if field is None or (key == "/" and not self._allow_slash):
            return
        if key == BACKSPACE:
            field.backspace()
        else:
            field.insert(key)  # goes through the field's validator and maxLength

    def _refresh(self) -> None:
        for key, button in self._keys.items():
            enabled = self._target is not None and (key != "/" or self._allow_slash)
            button.setEnabled(enabled)
