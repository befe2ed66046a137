"""A big touch button whose text wraps (QPushButton never wraps its text)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from kiosk.ui.theme import TOUCH_MIN_PX, restyle, set_kind


class ChoiceButton(QPushButton):
    """A checkable (or plain) button showing wrapped text; styled as kind ``choice``."""

    def __init__(
        self, text: str = "", *, checkable: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        set_kind(self, "choice")
        self.setCheckable(checkable)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.caption = QLabel(text, self)
        self.caption.setObjectName("choice_caption")
        self.caption.setWordWrap(True)
        self.caption.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 10, 20, 10)
        layout.addWidget(self.caption)
        self.toggled.connect(self._show_state)

    def setText(self, text: str) -> None:
        """Set the wrapped caption (the button's own text stays empty)."""
        self.caption.setText(text)
        self.updateGeometry()

    def text(self) -> str:
        """The caption."""
        return self.caption.text()

    def sizeHint(self) -> QSize:
        hint = self.caption.sizeHint()
        return QSize(hint.width() + 40, max(TOUCH_MIN_PX, hint.height() + 24))

    def minimumSizeHint(self) -> QSize:
        return QSize(160, TOUCH_MIN_PX)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(TOUCH_MIN_PX, self.caption.heightForWidth(width - 40) + 24)

    def _show_state(self, checked: bool) -> None:
        self.caption.setProperty("checked", checked)
        restyle(self.caption)
