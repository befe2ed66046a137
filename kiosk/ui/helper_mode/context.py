"""What helper mode's controllers share: its screens, the citizen path's hooks, navigation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from PySide6.QtCore import SignalInstance

from kiosk.domain.values import HelperInfo, TransactionRecord
from kiosk.errors import KioskError
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.dashboard import DashboardScreen
from kiosk.ui.screens.helper_home import HelperHomeScreen
from kiosk.ui.screens.helper_login import HelperLoginScreen
from kiosk.ui.screens.helpers_admin import HelpersAdminScreen


@dataclass(frozen=True)
class HelperScreens:
    """The screens of helper mode."""

    login: HelperLoginScreen
    home: HelperHomeScreen
    admin: HelpersAdminScreen
    dashboard: DashboardScreen

    def all(self) -> tuple[Screen, ...]:
        """Every helper screen."""
        return (self.login, self.home, self.admin, self.dashboard)


@dataclass(frozen=True)
class CitizenHooks:
    """What helper mode needs of the citizen's path (the composition root wires them)."""

    visit_open: Callable[[], bool]  # a visit is in hand: its screen can be gone back to
    visit_started: Callable[[], bool]  # ... and has recorded something (no closing the day)
    end_visit: Callable[[], None]  # leave it (an unfinished visit stays open, to resume)
    resume: Callable[[TransactionRecord], None]  # continue an unfinished visit
    reprint: Callable[[TransactionRecord], bool]  # print a receipt again (False: refused)
    visit_ended: SignalInstance  # (bool) the visit in hand ended


class Navigator(Protocol):
    """Helper mode as its controllers see it."""

    def show(self, screen: Screen) -> None:
        """Show a helper screen (its idle time-out armed: it holds personal data)."""

    def is_showing(self, screen: Screen) -> bool:
        """Whether ``screen`` is the one on show."""

    def admin(self) -> HelperInfo | None:
        """The admin on duty, when helper mode is unlocked."""

    def show_home(self) -> None:
        """Today's visits and the helper's menu."""

    def today(self) -> date:
        """The counter's business day."""

    def failed(self, exc: KioskError) -> None:
        """A failure for the banner (and the log)."""
