"""The dashboard's figures, read off the GUI thread: this counter's, or the whole centre's.

The centre's shared database may be slow or away; its read holds a pool thread, never the
window. The newest request alone is shown (a tap on "Tháng này" while "Toàn trung tâm" is
still loading replaces it).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from datetime import date

from kiosk.app import Kiosk
from kiosk.errors import KioskError
from kiosk.services.guides import GuideLibrary
from kiosk.services.guides.marks import StepMark
from kiosk.services.reporting.reports import centre_figures, period_figures, target_progress
from kiosk.ui.background import BackgroundTasks
from kiosk.ui.helper_mode.channel import Channel
from kiosk.ui.helper_mode.context import Navigator
from kiosk.ui.screens.dashboard import DAY, DashboardData, DashboardScreen, StuckStep
from kiosk.ui.screens.dashboard_marks import MARKS_SHOWN

log = logging.getLogger(__name__)


def read_dashboard(
    kiosk: Kiosk, guides: GuideLibrary, language: str, period: str, today: date, centre: bool
) -> DashboardData:
    """Everything the dashboard shows (runs off the GUI thread)."""
    first = today if period == DAY else today.replace(day=1)
    stuck: tuple[StuckStep, ...] = ()
    marks: tuple[StepMark, ...] = ()
    if centre:  # from the centre's shared database: may fail while it is away
        figures = centre_figures(kiosk, first, today)
    else:
        figures = period_figures(kiosk, first, today)
        stuck = tuple(stuck_steps(kiosk, guides, language, first, today))
        marks = tuple(kiosk.guide_marks.recent(MARKS_SHOWN))
    targets = tuple(target_progress(figures, kiosk.settings.targets))
    return DashboardData(period, first, today, figures, targets, stuck, centre, marks)


def stuck_steps(
    kiosk: Kiosk, guides: GuideLibrary, language: str, first: date, last: date
) -> list[StuckStep]:
    """The guide steps where citizens got stuck, with their titles in ``language``."""
    steps = []
    for point in kiosk.stuck_points.count(first, last):
        guide = guides.get(point.service_code)
        title = point.step_id
        if guide is not None:
            with contextlib.suppress(KeyError):  # the guide changed since: keep the id
                title = guide.step(point.step_id).title.get(language)
        steps.append(StuckStep(point.service_code, point.step_number, title, point.count))
    return steps


class DashboardController:
    """Shows the dashboard at once, loading; the figures replace the loading state."""

    def __init__(
        self,
        kiosk: Kiosk,
        guides: GuideLibrary,
        language: Callable[[], str],
        tasks: BackgroundTasks,
        screen: DashboardScreen,
        nav: Navigator,
    ) -> None:
        self._kiosk = kiosk
        self._guides = guides
        self._language = language
        self._screen = screen
        self._nav = nav
        self._reads = Channel(tasks, "helper-dashboard")
        screen.period_requested.connect(self.show)
        screen.centre_toggled.connect(self._show_scope)
        screen.offer_centre(kiosk.sync is not None)

    def show(self, period: str = DAY, centre: bool | None = None) -> None:
        """The figures of today or of this month, of this counter or of the whole centre
        (``None``: the scope asked for last)."""
        screen = self._screen
        if centre is None:
            centre = screen.asked is not None and screen.asked[1]
        previous = screen.data
        kiosk, guides, language = self._kiosk, self._guides, self._language()
        today = self._nav.today()
        screen.show_loading(period, centre)
        self._nav.show(screen)
        self._reads.ask(
            lambda: read_dashboard(kiosk, guides, language, period, today, centre),
            screen.show_data,
            on_error=lambda exc: self._failed(exc, previous),
            wanted=lambda: self._nav.is_showing(screen),
        )

    def drop(self) -> None:
        """Forget the figures being read (helper mode was locked)."""
        self._reads.drop()

    def _show_scope(self, centre: bool) -> None:
        asked = self._screen.asked
        self.show(asked[0] if asked is not None else DAY, centre)

    def _failed(self, exc: KioskError, previous: DashboardData | None) -> None:
        """The figures could not be read: the banner says why, the last figures stay."""
        self._nav.failed(exc)
        if previous is not None:
            self._screen.show_data(previous)
        else:  # nothing to show: back to where the helper came from
            self._screen.clear()
            self._nav.show_home()
