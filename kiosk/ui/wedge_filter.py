"""Catching a keyboard-wedge scanner's burst anywhere in the app, before it lands in a field.

Installed on the QApplication, :class:`WedgeFilter` holds each typed key for a moment: keys
that turn out to be a scanner's burst (see
:class:`~kiosk.services.identity.wedge.WedgeDetector`) are swallowed and their text emitted
as ``payload_scanned``; keys a person typed are delivered to the widget they were meant for,
in order, a few tens of milliseconds late.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from kiosk.services.identity.wedge import MAX_GAP_S, MIN_BURST_CHARS, WedgeDetector

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_COMMAND = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)

# Keys a scanner presses around the characters it types, as a keyboard does: Shift for
# capitals and "|" (US layout), AltGr for the "|" of German, French… layouts, Caps Lock on
# scanners that toggle it for a run of capitals. They change no text field, so a burst
# lets them through without giving up the keys it holds.
_MODIFIERS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
        Qt.Key.Key_Mode_switch,
    }
)

HeldKey = tuple[QWidget, QKeyEvent]


class WedgeFilter(QObject):
    """An application event filter turning wedge-scanner bursts into ``payload_scanned``.

    ``clock`` (seconds) replaces the key events' own timestamps, for tests.
    ``hold_ms`` is how long a lone key waits for a follow-up before it is delivered.
    """

    payload_scanned = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        min_chars: int = MIN_BURST_CHARS,
        max_gap_s: float = MAX_GAP_S,
        hold_ms: int | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        super().__init__(parent)
        self._detector: WedgeDetector[HeldKey] = WedgeDetector(
            min_chars=min_chars, max_gap_s=max_gap_s
        )
        self._clock = clock
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(hold_ms if hold_ms is not None else round(max_gap_s * 2000))
        self._timer.timeout.connect(self._release_held)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Hold text keys, swallow a burst, let everything else through untouched."""
        if self._replaying or not isinstance(watched, QWidget):
            return False
        if event.type() == QEvent.Type.KeyRelease:
            # The press of a held key was swallowed; its release is replayed with it.
            return self._detector.holding and isinstance(event, QKeyEvent) and bool(event.text())
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() in _MODIFIERS:
            return False  # part of typing a character: the held keys stay held
        at = self._now(event)
        if event.key() in _ENTER and not event.modifiers() & _COMMAND:
            payload = self._detector.enter(at)
            if payload is not None:
                self._timer.stop()
                event.accept()
                self.payload_scanned.emit(payload)
                return True
            self._release_held()
            return False
        if not self._is_text(event):
            self._release_held()  # keep a person's keys in order: held text first
            return False
        self._replay(self._detector.key((watched, self._copy(event)), event.text(), at))
        self._timer.start()
        event.accept()
        return True

    def _now(self, event: QKeyEvent) -> float:
        return self._clock() if self._clock is not None else event.timestamp() / 1000

    @staticmethod
    def _is_text(event: QKeyEvent) -> bool:
        text = event.text()
        return (
            bool(text)
            and text.isprintable()
            and not event.isAutoRepeat()
            and not event.modifiers() & _COMMAND
        )

    @staticmethod
    def _copy(event: QKeyEvent) -> QKeyEvent:
        """Qt reuses the event object after delivery: keep a copy to replay."""
        return QKeyEvent(
            QEvent.Type.KeyPress, event.key(), event.modifiers(), event.text(), False, 1
        )

    def _release_held(self) -> None:
        self._timer.stop()
        self._replay(self._detector.release())

    def _replay(self, held: list[HeldKey]) -> None:
        """Deliver held key presses (and their releases) to the widgets they were typed in."""
        self._replaying = True
        try:
            for widget, press in held:
                if not shiboken6.isValid(widget):
                    continue  # closed while the key was held
                QCoreApplication.sendEvent(widget, press)
                release = QKeyEvent(
                    QEvent.Type.KeyRelease, press.key(), press.modifiers(), press.text()
                )
                QCoreApplication.sendEvent(widget, release)
        finally:
            self._replaying = False
