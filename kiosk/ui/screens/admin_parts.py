"""Small builders of the helper accounts screen, and the username it suggests."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QButtonGroup, QLayout, QVBoxLayout, QWidget

from kiosk.ui.widgets.choice_button import ChoiceButton

USERNAME_MAX = 40


def suggest_username(full_name: str) -> str:
    """``Nguyễn Thị Lan`` → ``lannt``: the given name, then the initials, without marks."""
    plain = unicodedata.normalize("NFD", full_name.replace("đ", "d").replace("Đ", "D"))
    words = "".join(c for c in plain if not unicodedata.combining(c)).lower().split()
    words = ["".join(c for c in w if c.isascii() and c.isalnum()) for w in words]
    words = [w for w in words if w]
    if not words:
        return ""
    return (words[-1] + "".join(w[0] for w in words[:-1]))[:USERNAME_MAX]


def choices(names: Sequence[str], parent: QObject) -> tuple[dict[str, ChoiceButton], QButtonGroup]:
    """A choice button per object name, in one exclusive group."""
    group = QButtonGroup(parent)
    buttons = {}
    for name in names:
        widget = ChoiceButton()
        widget.setObjectName(name)
        group.addButton(widget)
        buttons[name] = widget
    return buttons, group


def page_of(*parts: QWidget | QLayout, stretch_at: int = -1) -> QWidget:
    """A page of the screen: ``parts`` one under the other, ``stretch_at`` taking the room."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(40, 16, 40, 20)
    layout.setSpacing(12)
    for index, part in enumerate(parts):
        stretch = 1 if index == stretch_at else 0
        if isinstance(part, QWidget):
            layout.addWidget(part, stretch)
        else:
            layout.addLayout(part, stretch)
    return page
