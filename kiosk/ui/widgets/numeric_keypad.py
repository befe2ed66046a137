"""A big on-screen numeric keypad for touch screens: digits, "/" for dates and a delete key."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.theme import TOUCH_MIN_PX
from kiosk.ui.widgets.touch_key import TouchKey

# 15 mm is about 90 px on a 21.5" 1080p panel; a little more forgives shaky fingers.
KEY_SIZE = TOUCH_MIN_PX
BACKSPACE = "backspace"
LAYOUT = (("1", "2", "3"), ("4", "5", "6"), ("7", "8", "9"), ("/", "0", BACKSPACE))


class NumericKeypad(QWidget):
    """Types into the :class:`QLineEdit` it is bound to, as if the citizen typed on it.

    The field's own ``maxLength`` and validator still apply, so the keypad cannot put a
    letter or a 13th digit into the ID field. Keys never take the keyboard focus: the field
    keeps its cursor. ``"/"`` is enabled only for fields bound with ``allow_slash``. The
    window's theme (:mod:`kiosk.ui.theme`) gives the keys their colours and font size.
    """

    target_changed = Signal(object)  # the newly bound QLineEdit, or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._target: QLineEdit | None = None
        self._allow_slash = False
        self._keys: dict[str, TouchKey] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        for row, keys in enumerate(LAYOUT):
            for column, key in enumerate(keys):
                grid.addWidget(self._make_key(key), row, column)
        self.retranslate()
        self._refresh()

    def _make_key(self, key: str) -> TouchKey:
        button = TouchKey(key, self, min_width=KEY_SIZE, min_height=KEY_SIZE, word=False)
        button.clicked.connect(lambda _checked=False, k=key: self.press(k))
        self._keys[key] = button
        return button

    def retranslate(self) -> None:
        """Label the delete key in the current language (again on a language change)."""
        self._keys[BACKSPACE].set_label(self.tr("⌫ Xóa"))
        self._keys[BACKSPACE].setAccessibleName(self.tr("Xóa một chữ số"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

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


def lay_out_beside_keypad(
    owner: QWidget, fields: QBoxLayout, keypad: NumericKeypad, back: QPushButton, go: QPushButton
) -> None:
    """The keypad form's layout: the fields on the left (3/5), and on the right the keypad
    over a row of "back" (1/3) and the main action (2/3), as the manual and chip forms have."""
    side = QVBoxLayout()
    side.setSpacing(12)
    side.addWidget(keypad, 1)
    side.addSpacing(12)
    actions = QHBoxLayout()
    actions.setSpacing(12)
    actions.addWidget(back, 1)
    actions.addWidget(go, 2)
    side.addLayout(actions)
    outer = QHBoxLayout(owner)
    outer.setContentsMargins(32, 24, 32, 24)
    outer.setSpacing(40)
    outer.addLayout(fields, 3)
    outer.addLayout(side, 2)
