"""A stack of pages as wide as the page on show, not as the widest page it holds.

Qt's :class:`QStackedWidget` asks for the largest size hint of all its pages, hidden ones
included. A screen whose hidden page holds the on-screen keyboard (or a correction form)
then asks for more width than a portrait kiosk has, and the page on show scrolls sideways
although it would fit. :class:`PageStack` asks for what the current page needs.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QStackedWidget, QWidget


class PageStack(QStackedWidget):
    """A :class:`QStackedWidget` sized by its current page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(self._page_changed)

    def _page_changed(self, _index: int) -> None:
        self.updateGeometry()  # the parent's layout asks for the new page's size

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint().expandedTo(page.minimumSize()) if page else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        if page is None:
            return super().minimumSizeHint()
        return page.minimumSizeHint().expandedTo(page.minimumSize())
