"""Small helpers for groups of touch buttons."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup


def uncheck_all(group: QButtonGroup) -> None:
    """Uncheck every button of ``group``, even an exclusive one (which refuses on its own)."""
    exclusive = group.exclusive()
    group.setExclusive(False)
    for widget in group.buttons():
        widget.setChecked(False)
    group.setExclusive(exclusive)
