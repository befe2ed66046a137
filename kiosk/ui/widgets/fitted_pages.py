"""Pages shown one at a time, in a space as tall as the page on show."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget


class FittedPages(QWidget):
    """Like a ``QStackedWidget`` (``addWidget``, ``setCurrentWidget``, ``currentChanged``),
    but as tall as the page on show, where a stack is as tall as its tallest page.

    So a short page inside a scrolling screen fits the window although a longer page of
    the same screen needs a swipe (the manual form's keyboard page, under the long form).
    """

    currentChanged = Signal(int)  # the index of the page now shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._pages: list[QWidget] = []

    def addWidget(self, page: QWidget) -> int:
        """Add ``page`` (the first page added is the one shown); returns its index."""
        self._layout.addWidget(page)
        self._pages.append(page)
        page.setVisible(len(self._pages) == 1)
        return len(self._pages) - 1

    def count(self) -> int:
        """How many pages there are."""
        return len(self._pages)

    def widget(self, index: int) -> QWidget:
        """The page at ``index``."""
        return self._pages[index]

    def currentWidget(self) -> QWidget | None:
        """The page on show, or ``None`` before any was added."""
        return next((page for page in self._pages if not page.isHidden()), None)

    def setCurrentWidget(self, page: QWidget) -> None:
        """Show ``page`` and hide the others; emits :attr:`currentChanged` on a change."""
        if page is self.currentWidget():
            return
        for other in self._pages:
            if other is not page:
                other.hide()
        page.show()
        self.currentChanged.emit(self._pages.index(page))
