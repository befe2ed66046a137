"""The volunteer on duty: one object the citizen flow, the top bar and helper mode share.

Visits are attributed to the helper on duty until they sign out; helper mode puts them on
duty and takes them off, everyone else reads it (``helper_id``) or listens (``changed``).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.domain.values import HelperInfo


class OnDuty(QObject):
    """Who is on duty at this counter (``None``: nobody); :attr:`changed` says when it changes."""

    changed = Signal(object)  # HelperInfo now on duty, or None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._helper: HelperInfo | None = None

    @property
    def helper(self) -> HelperInfo | None:
        """The helper on duty."""
        return self._helper

    def helper_id(self) -> int | None:
        """The id visits are attributed to (``None``: nobody on duty)."""
        return self._helper.id if self._helper is not None else None

    @property
    def name(self) -> str:
        """The full name the top bar shows ("" for nobody)."""
        return self._helper.full_name if self._helper is not None else ""

    @property
    def role(self) -> str:
        """``helper`` or ``admin`` ("" for nobody)."""
        return self._helper.role if self._helper is not None else ""

    @property
    def is_admin(self) -> bool:
        """Whether the helper on duty is an admin."""
        return self._helper is not None and self._helper.is_admin

    def start(self, helper: HelperInfo) -> None:
        """``helper`` is now on duty (in place of anyone before)."""
        if helper != self._helper:
            self._helper = helper
            self.changed.emit(helper)

    def end(self) -> None:
        """Nobody is on duty any more."""
        if self._helper is not None:
            self._helper = None
            self.changed.emit(None)
