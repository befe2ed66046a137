"""Calling the volunteer: a citizen stuck at a guide step is heard and seen across the room.

"Tôi gặp khó ở bước này" records the stuck point (the figures need it) and calls the
volunteer, who may be two counters away helping someone else: the kiosk says so aloud, and
the top bar's "Tình nguyện viên" button turns into a yellow flag that blinks until the
volunteer taps it (which opens helper mode, as it always does) or the visit ends. While the
flag is up the call is said again every :data:`REPEAT_MS`, at most :data:`MAX_SAYS` times:
a reminder, not an alarm that drowns the room.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from kiosk.devices.speech import Speaker
from kiosk.errors import KioskError
from kiosk.ui.widgets.top_bar import TopBar

log = logging.getLogger(__name__)

REPEAT_MS = 45_000
MAX_SAYS = 3
BLINK_MS = 700


def call_text() -> str:
    """What the kiosk says when it calls the volunteer (in the current language)."""
    return QCoreApplication.translate(
        "VolunteerCall", "Mời tình nguyện viên đến quầy: có người cần giúp ở bước này."
    )


class VolunteerCall(QObject):
    """Raises the call (voice and flag) and lowers it when the volunteer answers."""

    def __init__(
        self,
        top_bar: TopBar,
        speaker: Speaker | None,
        language: Callable[[], str],
        *,
        repeat_ms: int = REPEAT_MS,
    ) -> None:
        """``language()`` gives the UI's current language for the voice."""
        super().__init__(top_bar)
        self._top_bar = top_bar
        self._speaker = speaker
        self._language = language
        self._says = 0
        self._repeat = QTimer(self)
        self._repeat.setInterval(repeat_ms)
        self._repeat.timeout.connect(self._say)
        self._blink = QTimer(self)
        self._blink.setInterval(BLINK_MS)
        self._blink.timeout.connect(top_bar.blink_call)

    @property
    def calling(self) -> bool:
        """Whether the flag is up."""
        return self._top_bar.calling

    def call(self) -> None:
        """A citizen asked for help: flag up, and say it (again, if already calling)."""
        self._top_bar.show_call(True)
        self._blink.start()
        self._says = 0
        self._say()
        self._repeat.start()

    def answer(self) -> None:
        """The volunteer came (or the visit ended): flag down, no more reminders."""
        self._repeat.stop()
        self._blink.stop()
        self._top_bar.show_call(False)

    def _say(self) -> None:
        if self._says >= MAX_SAYS:
            self._repeat.stop()
            return
        self._says += 1
        if self._speaker is None:
            return  # read aloud is off in the settings: the flag alone calls
        try:
            self._speaker.say(call_text(), self._language())
        except KioskError as exc:  # no espeak-ng, no sound card: the flag still calls
            log.warning("volunteer call not spoken: %s", exc.detail)
