"""Records the guide screen's "this step is out of date" notes off the GUI thread."""

from __future__ import annotations

import logging

from kiosk.app import Kiosk
from kiosk.errors import KioskError
from kiosk.ui.background import BackgroundTasks
from kiosk.ui.i18n import translate_error
from kiosk.ui.screens.guide import GuideScreen

log = logging.getLogger(__name__)


class GuideMarkRecorder:
    """Hands each note of ``screen`` to :class:`~kiosk.services.guides.marks.GuideMarks`
    with the version of the guide pack in use, and tells the screen how it went."""

    def __init__(self, kiosk: Kiosk, tasks: BackgroundTasks, screen: GuideScreen) -> None:
        self._marks = kiosk.guide_marks
        self._pack = kiosk.guide_source.version
        self._tasks = tasks
        self._screen = screen
        screen.outdated.connect(self.record)

    def record(
        self, service_code: str, step_id: str, step_number: int, note: str, checked: str
    ) -> None:
        """Store one note (a mark on a step, never on a citizen)."""
        marks, pack = self._marks, self._pack
        started = self._tasks.run(
            lambda: marks.record(
                service_code=service_code,
                step_id=step_id,
                step_number=step_number,
                note=note,
                guide_checked=checked,
                guide_pack=pack,
            ),
            lambda _mark: self._screen.mark_saved(),
            on_error=self._refused,
            key="guide-mark",
        )
        if not started:
            self._screen.mark_refused("")

    def _refused(self, exc: KioskError) -> None:
        log.info("guide mark not recorded: %s", exc.detail)
        self._screen.mark_refused(translate_error(exc))
