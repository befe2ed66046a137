"""The screens of the citizen's path, and where an unfinished visit was left."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.text.address import FormOfAddress
from kiosk.ui.screens.confirm import ConfirmScreen
from kiosk.ui.screens.done import DoneScreen
from kiosk.ui.screens.guide import GuideScreen
from kiosk.ui.screens.manual import ManualEntryScreen
from kiosk.ui.screens.outcome import OutcomeScreen
from kiosk.ui.screens.rating import RatingScreen
from kiosk.ui.screens.scan import ScanScreen
from kiosk.ui.screens.services import ServicesScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.theme import Theme


@dataclass(frozen=True)
class LeftAt:
    """Where a visit left unfinished was, so that resuming it continues there: the guide's
    page and the citizen's text size and contrast. Kept in memory only (after a restart a
    resumed visit starts its guide at the first page; a senior's large text comes back from
    the stored birth year)."""

    service_code: str | None
    position: int
    theme: Theme


def left_at(guide: GuideScreen, pending: Sequence[str], theme: Theme) -> LeftAt:
    """Where a visit is left: the guide's page when its service is still to do, else the
    next guide's first page (``pending``: the services without an outcome)."""
    played = guide.guide
    if played is not None and played.service_code in pending:
        return LeftAt(played.service_code, guide.position, theme)
    return LeftAt(None, 0, theme)  # between guides: the next one starts at its first page


@dataclass(frozen=True)
class CitizenScreens:
    """The screens of the citizen path."""

    welcome: WelcomeScreen
    scan: ScanScreen
    manual: ManualEntryScreen
    confirm: ConfirmScreen
    services: ServicesScreen
    guide: GuideScreen
    outcome: OutcomeScreen
    rating: RatingScreen
    done: DoneScreen

    def all(
        self,
    ) -> tuple[
        WelcomeScreen,
        ScanScreen,
        ManualEntryScreen,
        ConfirmScreen,
        ServicesScreen,
        GuideScreen,
        OutcomeScreen,
        RatingScreen,
        DoneScreen,
    ]:
        """Every screen, in path order."""
        return (
            self.welcome,
            self.scan,
            self.manual,
            self.confirm,
            self.services,
            self.guide,
            self.outcome,
            self.rating,
            self.done,
        )

    def set_address(self, form: FormOfAddress) -> None:
        """Address the citizen with ``form`` on every screen of the path."""
        for screen in self.all():
            screen.set_address(form)
