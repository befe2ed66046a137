"""Helper mode: the volunteer on duty, their sign-in, their screens and the admin's powers.

Two things are kept apart. *On duty* (:class:`~kiosk.ui.on_duty.OnDuty`) is the helper the
counter's visits are attributed to, named in the top bar, until they sign out. *Unlocked* is
whether the helper screens open without a PIN: signing in unlocks them; "Về màn hình chính",
going back to a citizen's visit ("Quay lại lượt đang làm", resuming a visit), the end of a
visit, an idle time-out or a quiet kiosk lock them again, while the helper stays on duty. The
helper may step in during a citizen's visit; "Quay lại lượt đang làm" goes back to the
screen the visit was on. Leaving kiosk mode (Alt+F4, Ctrl+Q…) needs an admin's PIN.

This class keeps that state and the navigation between the helper screens; the controllers
beside it (sign-in, visits, dashboard, admin) run every service call off the GUI thread
through :class:`~kiosk.ui.background.BackgroundTasks` and drop answers that come too late.
Everything it uses is passed in by the composition root (``kiosk.ui.main_window``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Signal

from kiosk.app import Kiosk
from kiosk.domain.clock import local_day
from kiosk.domain.values import HelperInfo, TransactionRecord
from kiosk.errors import KioskError
from kiosk.services.guides import GuideLibrary
from kiosk.ui.background import BackgroundTasks
from kiosk.ui.helper_mode.admin import AdminController
from kiosk.ui.helper_mode.context import CitizenHooks, HelperScreens
from kiosk.ui.helper_mode.dashboard import DashboardController
from kiosk.ui.helper_mode.sign_in import SignInController
from kiosk.ui.helper_mode.visits import VisitsController
from kiosk.ui.i18n import LanguageManager, translate_error
from kiosk.ui.idle import IdleWatcher
from kiosk.ui.on_duty import OnDuty
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.dashboard import DAY, DashboardScreen
from kiosk.ui.screens.helper_home import HelperHomeScreen
from kiosk.ui.screens.helper_login import ADMIN, EXIT_KIOSK, SIGN_IN, HelperLoginScreen
from kiosk.ui.screens.helpers_admin import HelpersAdminScreen
from kiosk.ui.shell import KioskShell

log = logging.getLogger(__name__)

UNLOCK_GRACE_S = 5  # the helper screens' own countdown ends first; this lock comes after


class HelperMode(QObject):
    """Owns the helper screens and whether they are unlocked; see the module docstring.

    The composition root installs :attr:`unlock_watcher` on the application (and removes it
    at shutdown).
    """

    signed_in = Signal(object)  # HelperInfo now on duty
    signed_out = Signal()

    def __init__(
        self,
        kiosk: Kiosk,
        shell: KioskShell,
        tasks: BackgroundTasks,
        on_duty: OnDuty,
        citizen: CitizenHooks,
        *,
        guides: GuideLibrary,
        language: LanguageManager,
    ) -> None:
        super().__init__(shell)
        self.setObjectName("helper_mode")
        self._kiosk = kiosk
        self._shell = shell
        self._citizen = citizen
        self.on_duty = on_duty
        self.screens = HelperScreens(
            login=HelperLoginScreen(),
            home=HelperHomeScreen(kiosk.catalogue, language.language),
            admin=HelpersAdminScreen(),
            dashboard=DashboardScreen(kiosk.catalogue, language.language),
        )
        for screen in self.screens.all():
            shell.add_screen(screen)
            screen.ensurePolished()  # styled now, not on the first tap (~0.1 s a screen)
        self._unlocked = False
        self._return_to: Screen | None = None  # the visit's screen when the helper stepped in
        self._before_login: Screen | None = None
        self._after_admin_pin: tuple[Callable[[], None], Screen | None] | None = None
        settings = kiosk.settings
        self.unlock_watcher = IdleWatcher(
            settings.idle_timeout_seconds + settings.idle_countdown_seconds + UNLOCK_GRACE_S,
            self,
        )
        self.unlock_watcher.idle.connect(self.lock)
        s = self.screens
        self.login = SignInController(kiosk.helpers, kiosk.clock, tasks, s.login, self, self)
        self.visits = VisitsController(
            kiosk.transactions, settings, tasks, s.home, self, citizen, on_duty
        )
        self.figures = DashboardController(
            kiosk, guides, lambda: language.language, tasks, s.dashboard, self
        )
        self.admin_powers = AdminController(kiosk, tasks, s, self, citizen)
        language.language_changed.connect(self._set_language)
        self._connect()

    # -- public ------------------------------------------------------------------------------

    def helper_id(self) -> int | None:
        """The id of the helper on duty, for attributing visits (``None``: nobody)."""
        return self.on_duty.helper_id()

    @property
    def unlocked(self) -> bool:
        """Whether the helper screens open without a PIN."""
        return self._unlocked and self.on_duty.helper is not None

    def open(self) -> None:
        """The top bar's "Tình nguyện viên": helper home if unlocked, else the sign-in."""
        current = self._shell.current_screen
        if current is self.screens.login:
            return
        self._note_visit(current)
        if self.unlocked:
            self.show_home()
        else:
            self._ask_pin(SIGN_IN)

    def request_exit(self) -> None:
        """Someone tries to leave kiosk mode: only an admin's PIN lets the window close."""
        if self._shell.current_screen is self.screens.login and self.screens.login.admin_only:
            return
        self._note_visit(self._shell.current_screen)
        self._ask_pin(EXIT_KIOSK)

    def lock(self) -> None:
        """Forget the helper screens (PIN needed again); the helper stays on duty."""
        self._relock()  # a late answer must not bring wiped data back
        if self._shell.current_screen in self.screens.all():
            self._back_to_citizen()

    def sign_out(self) -> None:
        """The helper goes off duty: locked, and no longer named on visits."""
        if self.on_duty.helper is not None:
            log.info("helper %s signed out", self.on_duty.helper.username)
        self.on_duty.end()
        self._shell.top_bar.set_helper("")
        self.lock()
        self.signed_out.emit()

    def show_home(self) -> None:
        """Today's visits of this counter and the helper's menu (the list loads off the GUI
        thread)."""
        if self.on_duty.helper is not None:
            self.visits.show_home()

    def show_dashboard(self, period: str = DAY, centre: bool | None = None) -> None:
        """The figures of today or of this month, of this counter or of the whole centre."""
        self.figures.show(period, centre)

    # -- Navigator: what the controllers ask of helper mode ----------------------------------

    def show(self, screen: Screen) -> None:
        """Show a helper screen; the time-out wipes it (it holds personal data)."""
        self._shell.show_screen(screen)
        self._shell.arm_idle()

    def is_showing(self, screen: Screen) -> bool:
        """Whether ``screen`` is on show."""
        return self._shell.current_screen is screen

    def admin(self) -> HelperInfo | None:
        """The admin on duty while helper mode is unlocked."""
        helper = self.on_duty.helper
        return helper if helper is not None and helper.is_admin and self._unlocked else None

    def today(self) -> date:
        """The counter's business day."""
        return local_day(self._kiosk.clock.now())

    def failed(self, exc: KioskError) -> None:
        """A failure for the banner, and the log."""
        log.error("helper mode: %s", exc.detail)
        self._shell.show_error(translate_error(exc))

    # -- wiring ------------------------------------------------------------------------------

    def _connect(self) -> None:
        s = self.screens
        self._shell.helper_requested.connect(self.open)
        self._shell.exit_requested.connect(self.request_exit)
        self._shell.idle_expired.connect(self.lock)
        self._citizen.visit_ended.connect(self._visit_ended)
        self.login.passed.connect(self._passed)
        self.login.unavailable.connect(self._cancel_login)
        s.login.cancelled.connect(self._cancel_login)
        s.home.resume_requested.connect(self._resume)
        s.home.dashboard_requested.connect(self.show_dashboard)
        s.home.sign_out_requested.connect(self.sign_out)
        s.home.home_requested.connect(self._go_home)
        s.home.return_to_visit_requested.connect(self._return_to_visit)
        s.home.close_back.clicked.connect(self.show_home)  # the list again, closed or not
        s.home.helpers_requested.connect(lambda: self._with_admin_pin(self.admin_powers.manage))
        s.home.close_day_requested.connect(self._close_day_with_pin)
        s.dashboard.back_requested.connect(self.show_home)
        s.admin.back_requested.connect(self.show_home)

    def _set_language(self, language: str) -> None:
        self.screens.home.set_language(language)
        self.screens.dashboard.set_language(language)

    # -- navigation --------------------------------------------------------------------------

    def _note_visit(self, current: Screen) -> None:
        """Remember the visit's screen when stepping in from the citizen's path."""
        if current not in self.screens.all():
            self._return_to = current if self._citizen.visit_open() else None

    def _visit_screen(self) -> Screen | None:
        return self._return_to if self._citizen.visit_open() else None

    def _back_to_citizen(self) -> None:
        screen = self._visit_screen()
        if screen is not None:
            self._shell.show_screen(screen)  # the visit's idle watch is still armed
        else:
            self._return_to = None
            self._citizen.end_visit()

    def _return_to_visit(self) -> None:
        if self._visit_screen() is not None:
            self.lock()  # the citizen has the screen again: the next tap on "Tình nguyện
            # viên" asks for the PIN (lock() shows the visit's screen)
        else:
            self.show_home()

    def _go_home(self) -> None:
        """ "Về màn hình chính": leave helper mode locked; a visit in progress ends (kept open)."""
        self._return_to = None
        self.lock()  # leaves the helper screens: ends the visit and shows the welcome

    def _visit_ended(self, _left_open: bool) -> None:
        self._return_to = None
        if self._shell.current_screen not in self.screens.all():
            self._relock()  # the next citizen does not find helper mode open

    def _resume(self, record: TransactionRecord) -> None:
        if self._citizen.visit_open():
            self._citizen.end_visit()  # the visit in progress stays open, to resume later
        self._return_to = None
        self._relock()
        self._citizen.resume(record)

    def _relock(self) -> None:
        """Locked again without leaving the screen on show (a citizen's)."""
        if self._unlocked:
            log.info("helper mode locked: the citizen has the screen")
        self._unlocked = False
        self.unlock_watcher.disarm()
        for controller in (self.login, self.visits, self.figures, self.admin_powers):
            controller.drop()
        for screen in self.screens.all():
            screen.clear()

    # -- signing in --------------------------------------------------------------------------

    def _with_admin_pin(self, action: Callable[[], None], back_to: Screen | None = None) -> None:
        """An admin's power (accounts, closing the day): the admin's PIN again first, so
        that a helper screen left open is not enough; then ``action`` (on ``back_to``)."""
        if self.admin() is None:
            return
        self._after_admin_pin = (action, back_to)
        self._ask_pin(ADMIN)

    def _close_day_with_pin(self) -> None:
        if self.admin_powers.closing:
            return  # a second tap while the day closes: refused, no PIN asked
        self._with_admin_pin(self.admin_powers.close_day, back_to=self.screens.home)

    def _ask_pin(self, mode: str) -> None:
        current = self._shell.current_screen
        if current is not self.screens.login:
            self._before_login = current
        self.login.ask(mode)

    def _cancel_login(self) -> None:
        self.screens.login.clear()
        before = self._before_login
        self._before_login = None
        if before is not None and before in self.screens.all() and self.unlocked:
            self.show(before)
        else:
            self._back_to_citizen()

    def _passed(self, helper: HelperInfo, mode: str) -> None:
        if mode == EXIT_KIOSK:
            log.info("admin %s unlocked the exit from kiosk mode", helper.username)
            self._shell.allow_close()
            self._shell.close()
            return
        pending, self._after_admin_pin = self._after_admin_pin, None
        if mode == ADMIN and pending is not None:
            action, back_to = pending
            log.info("admin %s confirmed an admin action with the PIN", helper.username)
            if helper.id != self.on_duty.helper_id():
                self.on_duty.start(helper)
                self._shell.top_bar.set_helper(helper.full_name)
            if back_to is not None:
                self.show(back_to)
            action()
            return
        self.on_duty.start(helper)
        self._unlocked = True
        self.unlock_watcher.arm()
        self._shell.top_bar.set_helper(helper.full_name)
        log.info("helper %s on duty", helper.username)
        self.signed_in.emit(helper)
        self.show_home()
