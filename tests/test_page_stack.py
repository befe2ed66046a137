"""PageStack asks for the size of the page on show, not of the widest page it holds."""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.widgets.page_stack import PageStack


def _page(width: int) -> QWidget:
    page = QWidget()
    page.setMinimumWidth(width)
    return page


def test_a_hidden_wide_page_does_not_widen_the_stack(qtbot: QtBot) -> None:
    plain, stack = QStackedWidget(), PageStack()
    for widget in (plain, stack):
        qtbot.addWidget(widget)
        widget.addWidget(_page(400))  # a list
        widget.addWidget(_page(1100))  # the keyboard page, hidden
    assert plain.minimumSizeHint().width() >= 1100  # Qt's: the widest page, shown or not
    assert stack.minimumSizeHint().width() == 400
    stack.setCurrentIndex(1)
    assert stack.minimumSizeHint().width() == 1100
