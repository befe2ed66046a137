"""Helper mode: the volunteer on duty, their sign-in, their screens and the admin's powers.

Two things are kept apart. *On duty* is the helper the counter's visits are attributed to,
named in the top bar, until they sign out. *Unlocked* is whether the helper screens open
without a PIN: signing in unlocks them; "Về màn hình chính", an idle time-out or a quiet
kiosk locks them again, while the helper stays on duty. The helper may step in during a
citizen's visit; "Quay lại lượt đang làm" goes back to the screen the visit was on.
Leaving kiosk mode (Alt+F4, Ctrl+Q…) needs an admin's PIN.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

from kiosk.domain.clock import LOCAL_TZ, format_day, local_day
from kiosk.domain.values import HelperInfo, ServiceOutcome, TransactionRecord
from kiosk.errors import AuthenticationError, KioskError
from kiosk.services.people.audit import Actor
from kiosk.services.reporting.reports import (
    centre_figures,
    close_day,
    period_figures,
    reports_dir,
    target_progress,
)
from kiosk.ui.i18n import translate_error
from kiosk.ui.idle import IdleWatcher
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.dashboard import DAY, DashboardData, DashboardScreen, StuckStep
from kiosk.ui.screens.helper_home import HelperHomeScreen
from kiosk.ui.screens.helper_login import EXIT_KIOSK, SIGN_IN, HelperLoginScreen
from kiosk.ui.screens.helpers_admin import HelpersAdminScreen

if TYPE_CHECKING:
    from kiosk.ui.main_window import KioskGui

log = logging.getLogger(__name__)

UNLOCK_GRACE_S = 5  # the helper screens' own countdown ends first; this lock comes after


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


class HelperMode(QObject):
    """Owns the helper on duty and drives the helper screens; see the module docstring."""

    signed_in = Signal(object)  # HelperInfo now on duty
    signed_out = Signal()

    def __init__(self, gui: KioskGui) -> None:
        super().__init__(gui.shell)
        self.setObjectName("helper_mode")
        self._gui = gui
        self._kiosk = gui.kiosk
        self._shell = gui.shell
        self._flow = gui.flow
        language = gui.language.language
        catalogue = gui.kiosk.catalogue
        self.screens = HelperScreens(
            login=HelperLoginScreen(),
            home=HelperHomeScreen(catalogue, language),
            admin=HelpersAdminScreen(),
            dashboard=DashboardScreen(catalogue, language),
        )
        for screen in self.screens.all():
            self._shell.add_screen(screen)
        self.on_duty: HelperInfo | None = None
        self._unlocked = False
        self._return_to: Screen | None = None  # the visit's screen when the helper stepped in
        self._before_login: Screen | None = None
        settings = gui.kiosk.settings
        self.unlock_watcher = IdleWatcher(
            settings.idle_timeout_seconds + settings.idle_countdown_seconds + UNLOCK_GRACE_S,
            self,
        )
        self.unlock_watcher.idle.connect(self.lock)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self.unlock_watcher)
        self._connect()

    # -- public ------------------------------------------------------------------------------

    def helper_id(self) -> int | None:
        """The id of the helper on duty, for attributing visits (``None``: nobody)."""
        return self.on_duty.id if self.on_duty is not None else None

    @property
    def unlocked(self) -> bool:
        """Whether the helper screens open without a PIN."""
        return self._unlocked and self.on_duty is not None

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
        self._unlocked = False
        self.unlock_watcher.disarm()
        for screen in self.screens.all():
            screen.clear()
        if self._shell.current_screen in self.screens.all():
            self._back_to_citizen()

    def sign_out(self) -> None:
        """The helper goes off duty: locked, and no longer named on visits."""
        if self.on_duty is not None:
            log.info("helper %s signed out", self.on_duty.username)
        self.on_duty = None
        self._shell.top_bar.set_helper("")
        self.lock()
        self.signed_out.emit()

    def show_home(self) -> None:
        """Today's visits of this counter and the helper's menu."""
        helper = self.on_duty
        if helper is None:
            return
        try:
            records = self._kiosk.transactions.list_day()
        except KioskError as exc:
            self._failed(exc)
            records = []
        self.screens.home.show_day(
            records,
            day=format_day(self._today()),
            admin=helper.is_admin,
            visit_in_progress=self._visit_screen() is not None,
            reports_folder=str(reports_dir(self._kiosk.settings, self._today())),
        )
        self._show(self.screens.home)

    def show_dashboard(self, period: str = DAY, centre: bool | None = None) -> None:
        """The figures of today or of this month, of this counter or of the whole centre."""
        today = self._today()
        first = today if period == DAY else today.replace(day=1)
        previous = self.screens.dashboard.data
        if centre is None:
            centre = previous is not None and previous.centre
        stuck: tuple[StuckStep, ...] = ()
        try:
            if centre:  # from the centre's shared database: may fail while it is away
                figures = centre_figures(self._kiosk, first, today)
            else:
                figures = period_figures(self._kiosk, first, today)
                stuck = tuple(self._stuck_steps(first, today))
        except KioskError as exc:
            self.screens.dashboard.centre.setChecked(bool(previous and previous.centre))
            self._failed(exc)
            return
        targets = tuple(target_progress(figures, self._kiosk.settings.targets))
        self.screens.dashboard.show_data(
            DashboardData(period, first, today, figures, targets, stuck, centre)
        )
        self._show(self.screens.dashboard)

    def _show_scope(self, centre: bool) -> None:
        data = self.screens.dashboard.data
        self.show_dashboard(data.period if data else DAY, centre)

    # -- wiring ------------------------------------------------------------------------------

    def _connect(self) -> None:
        s = self.screens
        self._shell.helper_requested.connect(self.open)
        self._shell.exit_requested.connect(self.request_exit)
        self._shell.idle_expired.connect(self.lock)
        self._flow.visit_ended.connect(self._visit_ended)
        self._gui.language.language_changed.connect(self._set_language)
        s.login.sign_in_requested.connect(self._sign_in)
        s.login.cancelled.connect(self._cancel_login)
        s.home.resume_requested.connect(self._resume)
        s.home.correction_requested.connect(self._correct)
        s.home.reprint_requested.connect(self._reprint)
        s.home.close_day_requested.connect(self._close_day)
        s.home.dashboard_requested.connect(self.show_dashboard)
        s.home.helpers_requested.connect(self._manage)
        s.home.sign_out_requested.connect(self.sign_out)
        s.home.home_requested.connect(self._go_home)
        s.home.return_to_visit_requested.connect(self._return_to_visit)
        s.home.close_back.clicked.connect(self.show_home)  # the list again, closed or not
        s.dashboard.period_requested.connect(self.show_dashboard)
        s.dashboard.centre_toggled.connect(self._show_scope)
        s.dashboard.offer_centre(self._kiosk.sync is not None)
        s.dashboard.back_requested.connect(self.show_home)
        s.admin.add_requested.connect(self._add_helper)
        s.admin.reset_pin_requested.connect(self._reset_pin)
        s.admin.active_requested.connect(self._set_active)
        s.admin.back_requested.connect(self.show_home)

    def _set_language(self, language: str) -> None:
        self.screens.home.set_language(language)
        self.screens.dashboard.set_language(language)

    # -- navigation --------------------------------------------------------------------------

    def _show(self, screen: Screen) -> None:
        self._shell.show_screen(screen)
        self._shell.arm_idle()  # helper screens hold personal data: the time-out wipes them

    def _note_visit(self, current: Screen) -> None:
        """Remember the visit's screen when stepping in from the citizen's path."""
        if current not in self.screens.all():
            self._return_to = current if self._flow.session is not None else None

    def _visit_screen(self) -> Screen | None:
        return self._return_to if self._flow.session is not None else None

    def _back_to_citizen(self) -> None:
        screen = self._visit_screen()
        if screen is not None:
            self._shell.show_screen(screen)  # the visit's idle watch is still armed
        else:
            self._return_to = None
            self._flow.end_visit()

    def _return_to_visit(self) -> None:
        if self._visit_screen() is not None:
            self._back_to_citizen()
        else:
            self.show_home()

    def _go_home(self) -> None:
        """ "Về màn hình chính": leave helper mode locked; a visit in progress ends (kept open)."""
        self._return_to = None
        self.lock()  # leaves the helper screens: ends the visit and shows the welcome

    def _visit_ended(self, _left_open: bool) -> None:
        self._return_to = None

    # -- signing in --------------------------------------------------------------------------

    def _ask_pin(self, mode: str) -> None:
        try:
            helpers = self._kiosk.helpers.list()
        except KioskError as exc:
            self._failed(exc)
            return
        current = self._shell.current_screen
        if current is not self.screens.login:
            self._before_login = current
        self.screens.login.open(helpers, mode)
        self._show(self.screens.login)

    def _cancel_login(self) -> None:
        self.screens.login.clear()
        before = self._before_login
        self._before_login = None
        if before is not None and before in self.screens.all() and self.unlocked:
            self._show(before)
        else:
            self._back_to_citizen()

    def _sign_in(self, username: str, pin: str) -> None:
        login = self.screens.login
        accounts = self._kiosk.helpers
        try:
            if login.admin_only:
                helper = accounts.require_admin(username, pin)
            else:
                helper = accounts.authenticate(username, pin)
        except AuthenticationError as exc:
            log.info("helper sign-in refused for %s: %s", username, exc.detail)
            login.show_error(self._refusal(username, exc))
            return
        except KioskError as exc:
            log.error("helper sign-in: %s", exc.detail)
            login.show_error(translate_error(exc))
            return
        mode = login.mode
        login.clear()
        if mode == EXIT_KIOSK:
            log.info("admin %s unlocked the exit from kiosk mode", helper.username)
            self._shell.allow_close()
            self._shell.close()
            return
        self.on_duty = helper
        self._unlocked = True
        self.unlock_watcher.arm()
        self._shell.top_bar.set_helper(helper.full_name)
        log.info("helper %s on duty", helper.username)
        self.signed_in.emit(helper)
        self.show_home()

    def _refusal(self, username: str, exc: AuthenticationError) -> str:
        """The service's refusal; for a locked account, until when (local time)."""
        try:
            helper = self._kiosk.helpers.get(username)
        except KioskError:
            return translate_error(exc)
        until = helper.locked_until
        if until is not None and until > self._kiosk.clock.now():
            return self.tr(
                "Tài khoản tạm khoá đến {time} vì nhập sai mã PIN nhiều lần. Hãy chờ đến giờ "
                "đó, hoặc nhờ quản trị viên đặt lại mã PIN."
            ).format(time=until.astimezone(LOCAL_TZ).strftime("%H:%M"))
        return translate_error(exc)

    # -- helper home -------------------------------------------------------------------------

    def _resume(self, record: TransactionRecord) -> None:
        if self._flow.session is not None:
            self._flow.end_visit()  # the visit in progress stays open, to resume later
        self._return_to = None
        self._flow.resume(record)

    def _correct(self, record: TransactionRecord, outcome: ServiceOutcome, reason: str) -> None:
        home = self.screens.home
        try:
            fixed = self._kiosk.transactions.correct(
                record.id, helper_id=self.helper_id(), reason=reason, outcomes=[outcome]
            )
        except KioskError as exc:
            log.error("correction of %s: %s", record.receipt_no, exc.detail)
            self.show_home()
            home.show_message(translate_error(exc))
            return
        self.show_home()
        home.select(fixed.id)
        home.show_notice(
            self.tr("Đã ghi điều chỉnh cho biên nhận {original}: biên nhận mới {receipt}.").format(
                original=record.receipt_no, receipt=fixed.receipt_no
            )
        )

    def _reprint(self, record: TransactionRecord) -> None:
        # A failure reaches the screen through the receipts' ``failed`` signal.
        if self._gui.receipts.print_receipt(record, reprint=True):
            self.screens.home.show_notice(
                self.tr("Đã gửi biên nhận {receipt} tới máy in.").format(receipt=record.receipt_no)
            )

    def _close_day(self) -> None:
        helper = self._admin()
        home = self.screens.home
        if helper is None:
            home.show_close_error(self.tr("Chỉ quản trị viên được chốt sổ."))
            return
        session = self._flow.session
        if session is not None and session.started:
            home.show_close_error(
                self.tr(
                    "Máy đang có một lượt hỗ trợ chưa xong. Hãy làm xong lượt đó (hoặc về màn "
                    "hình chính) rồi mới chốt sổ."
                )
            )
            return
        day = self._today()
        folder = reports_dir(self._kiosk.settings, day)
        try:
            report = close_day(
                self._kiosk,
                day,
                out=folder,
                actor=Actor(helper.username, helper.id),
            )
        except KioskError as exc:
            log.error("close day: %s", exc.detail)
            home.show_close_error(translate_error(exc))
            return
        closed = report.closed
        lines = [
            self.tr("Đã chốt sổ ngày {day}: {n} lượt hỗ trợ, {left} lượt bỏ dở.").format(
                day=format_day(closed.day), n=closed.totals["transactions"], left=closed.abandoned
            ),
            self.tr("Đã ghi vào thư mục {folder}:").format(folder=folder),
            *(f"• {path.name}" for path in report.files),
        ]
        home.show_close_result("\n".join(lines))

    # -- admin -------------------------------------------------------------------------------

    def _admin(self) -> HelperInfo | None:
        helper = self.on_duty
        return helper if helper is not None and helper.is_admin and self._unlocked else None

    def _manage(self) -> None:
        if self._admin() is None:
            return
        self._refresh_accounts()
        self.screens.admin.show_list()
        self._show(self.screens.admin)

    def _refresh_accounts(self) -> None:
        admin = self._admin()
        if admin is None:
            return
        helpers = self._kiosk.helpers.list(include_inactive=True)
        now = self._kiosk.clock.now()
        self.screens.admin.show_helpers(helpers, me=admin.username, now=now)

    def _admin_action(self, action: Callable[[Actor], object], done: str) -> None:
        admin = self._admin()
        screen = self.screens.admin
        if admin is None:
            screen.show_error(self.tr("Chỉ quản trị viên được quản lý tài khoản."))
            return
        try:
            action(Actor(admin.username, admin.id))
            self._refresh_accounts()
        except KioskError as exc:
            log.info("helper accounts: %s", exc.detail)
            screen.show_error(translate_error(exc))
            return
        screen.show_list(done)

    def _add_helper(self, username: str, name: str, pin: str, kind: str, role: str) -> None:
        accounts = self._kiosk.helpers
        self._admin_action(
            lambda actor: accounts.add(username, name, pin, kind=kind, role=role, actor=actor),
            self.tr("Đã thêm {name} (tên đăng nhập {username}).").format(
                name=name, username=username.strip().lower()
            ),
        )

    def _reset_pin(self, username: str, pin: str) -> None:
        accounts = self._kiosk.helpers
        self._admin_action(
            lambda actor: accounts.reset_pin(username, pin, actor=actor),
            self.tr("Đã đặt lại mã PIN cho {username}; tài khoản đã được mở khoá.").format(
                username=username
            ),
        )

    def _set_active(self, username: str, active: bool) -> None:
        accounts = self._kiosk.helpers
        done = (
            self.tr("Đã cho {username} hoạt động lại.")
            if active
            else self.tr("Đã ngừng tài khoản {username}.")
        )
        self._admin_action(
            lambda actor: accounts.set_active(username, active, actor=actor),
            done.format(username=username),
        )

    # -- helpers -----------------------------------------------------------------------------

    def _today(self) -> date:
        return local_day(self._kiosk.clock.now())

    def _stuck_steps(self, first: date, last: date) -> list[StuckStep]:
        language = self._gui.language.language
        steps = []
        for point in self._kiosk.stuck_points.count(first, last):
            guide = self._gui.guides.get(point.service_code)
            title = point.step_id
            if guide is not None:
                with contextlib.suppress(KeyError):  # the guide changed since: keep the id
                    title = guide.step(point.step_id).title.get(language)
            steps.append(StuckStep(point.service_code, point.step_number, title, point.count))
        return steps

    def _failed(self, exc: KioskError) -> None:
        log.error("helper mode: %s", exc.detail)
        self._shell.show_error(translate_error(exc))


def install_helper_mode(gui: KioskGui) -> HelperMode:
    """Add helper mode to ``gui``'s shell: its screens, the top bar button, the exit lock."""
    return HelperMode(gui)


def helper_mode_of(gui: KioskGui) -> HelperMode:
    """The helper mode installed on ``gui`` (tests reach it this way)."""
    mode = gui.shell.findChild(HelperMode, "helper_mode")
    assert isinstance(mode, HelperMode)
    return mode
