"""One key of an on-screen keypad or keyboard: big, never focused, its label never clipped."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from kiosk.ui.theme import set_key

LABEL_MARGIN = 24  # the theme's padding (2 x 6 px) and border (2 x 3 px), and a little air


class TouchKey(QPushButton):
    """A key named ``key_<name>`` that the window's theme styles (:func:`set_key`).

    Keys never take the keyboard focus, so the field being typed into keeps its cursor.
    :meth:`needed_width` is the width its label needs in the font the theme gives it, and
    :attr:`needs_changed` says when that changes (a new label, a new text size). With
    ``fit`` the key widens itself to it; a keyboard whose keys span grid columns fits its
    columns instead, so that every key of a row keeps the same width.
    """

    needs_changed = Signal()

    def __init__(
        self,
        name: str,
        parent: QWidget,
        *,
        min_width: int,
        min_height: int,
        word: bool,
        fit: bool = True,
    ) -> None:
        super().__init__(name, parent)
        self._min_width = min_width
        self._fit = fit
        self.setObjectName(f"key_{name}")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAutoDefault(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(min_width, min_height)
        set_key(self, word=word)
        self._needs_changed()

    def needed_width(self, label: str | None = None) -> int:
        """The width that shows the whole label (or ``label``) in the current font."""
        text = self.text() if label is None else label
        return self.fontMetrics().horizontalAdvance(text) + LABEL_MARGIN

    def set_label(self, text: str) -> None:
        """Show ``text`` on the key."""
        if text != self.text():
            self.setText(text)
            self._needs_changed()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:  # the theme's text size changed
            self._needs_changed()
        super().changeEvent(event)

    def _needs_changed(self) -> None:
        if self._fit:
            self.setMinimumWidth(max(self._min_width, self.needed_width()))
        self.needs_changed.emit()
