"""A hurried double tap must not act on the screen that the first tap opened.

A touch panel reports a double tap as two presses 120–250 ms apart. The first tap's release
changes the screen (or the page of a screen); without a guard the second press lands on
whatever the new screen has there: "Đúng, tôi đồng ý" in place of the form's "Xác nhận",
"Bỏ qua" in place of "Lưu kết quả", a guide step skipped. :class:`TapGuard`, an application
event filter, ignores presses (and their releases) for :data:`GUARD_MS` after the window
says that what is on screen changed (:meth:`TapGuard.changed`); a senior's deliberate next
tap, after reading the new screen, comes later than that.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject

log = logging.getLogger(__name__)

GUARD_MS = 450  # longer than a double tap (≤ 250 ms press to press), shorter than reading

_PRESSES = frozenset(
    {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.TouchBegin}
)
_RELEASES = frozenset({QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd})
_DURING = frozenset({QEvent.Type.MouseMove, QEvent.Type.TouchUpdate})


class TapGuard(QObject):
    """Ignores taps that start within ``guard_ms`` of :meth:`changed`."""

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        guard_ms: int = GUARD_MS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._guard_s = guard_ms / 1000
        self._clock = clock
        self._until = 0.0
        self._swallowing = False  # a press was ignored: its moves and release are too

    def changed(self, *_args: object) -> None:
        """What is on screen changed: taps starting now are ignored for a moment."""
        self._until = self._clock() + self._guard_s

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _PRESSES:
            self._swallowing = self._clock() < self._until
            if self._swallowing:
                log.info("tap ignored: it came %.0f ms after the screen changed", self._age_ms())
            return self._swallowing
        if self._swallowing and kind in _DURING:
            return True
        if self._swallowing and kind in _RELEASES:
            self._swallowing = False
            return True
        return False

    def _age_ms(self) -> float:
        return (self._clock() - (self._until - self._guard_s)) * 1000
