"""Asking for a PIN: the names to tap, then the PIN checked off the GUI thread (argon2).

The texts keep the ``HelperMode`` translation context they had before helper mode was split.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject, Signal

from kiosk.domain.clock import LOCAL_TZ, Clock
from kiosk.domain.values import HelperInfo
from kiosk.errors import AuthenticationError, KioskError
from kiosk.services.people.helpers import HelperAccounts
from kiosk.services.people.lockout import SCREEN
from kiosk.ui.background import BackgroundTasks
from kiosk.ui.helper_mode.channel import Channel
from kiosk.ui.helper_mode.context import Navigator
from kiosk.ui.i18n import translate_error
from kiosk.ui.screens.helper_login import HelperLoginScreen

log = logging.getLogger(__name__)

SIGN_IN_KEY = "helper-sign-in"  # one PIN check at a time: a second tap is refused


@dataclass(frozen=True)
class Refusal:
    """A PIN refused, and until when the account is locked (``None``: it is not)."""

    error: AuthenticationError
    locked_until: datetime | None


class SignInController(QObject):
    """Drives the sign-in screen; :attr:`passed` carries who passed and why they were asked."""

    passed = Signal(object, str)  # HelperInfo, the screen's mode (SIGN_IN, ADMIN, EXIT_KIOSK)
    unavailable = Signal()  # the names could not be read: the sign-in screen is left

    def __init__(
        self,
        accounts: HelperAccounts,
        clock: Clock,
        tasks: BackgroundTasks,
        screen: HelperLoginScreen,
        nav: Navigator,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self._clock = clock
        self._tasks = tasks
        self._screen = screen
        self._nav = nav
        self._names = Channel(tasks, "helper-names")
        screen.sign_in_requested.connect(self.check)

    def ask(self, mode: str) -> None:
        """Show the sign-in screen for ``mode``; the names follow once read."""
        screen = self._screen
        screen.show_loading(mode)
        self._nav.show(screen)
        self._names.ask(
            self._accounts.list,
            screen.show_helpers,
            on_error=self._names_failed,
            wanted=lambda: self._wanted(mode),
        )

    def drop(self) -> None:
        """Forget the names being read (helper mode was locked)."""
        self._names.drop()

    def check(self, username: str, pin: str) -> None:
        """Check ``pin`` off the GUI thread; the screen says it is checking meanwhile."""
        screen = self._screen
        mode, admin_only = screen.mode, screen.admin_only
        accounts = self._accounts

        def work() -> HelperInfo | Refusal:
            try:
                if admin_only:
                    return accounts.require_admin(username, pin)
                return accounts.authenticate(username, pin)
            except AuthenticationError as exc:
                return Refusal(exc, self._locked_until(username))

        started = self._tasks.run(
            work,
            lambda answer: self._answered(username, mode, answer),
            on_error=lambda exc: self._failed(mode, exc),
            key=SIGN_IN_KEY,
        )
        if started:
            screen.set_checking(True)

    # -- answers, on the GUI thread ----------------------------------------------------------

    def _wanted(self, mode: str) -> bool:
        return self._nav.is_showing(self._screen) and self._screen.mode == mode

    def _answered(self, username: str, mode: str, answer: HelperInfo | Refusal) -> None:
        screen = self._screen
        screen.set_checking(False)
        if not self._wanted(mode):
            log.info("helper sign-in answer for %s dropped: the screen was left", username)
            return
        if isinstance(answer, Refusal):
            log.info("helper sign-in refused for %s: %s", username, answer.error.detail)
            screen.show_error(self._refusal(answer))
            return
        screen.clear()
        self.passed.emit(answer, mode)

    def _failed(self, mode: str, exc: KioskError) -> None:
        self._screen.set_checking(False)
        log.error("helper sign-in: %s", exc.detail)
        if self._wanted(mode):
            self._screen.show_error(translate_error(exc))

    def _names_failed(self, exc: KioskError) -> None:
        self._nav.failed(exc)
        self.unavailable.emit()

    def _locked_until(self, username: str) -> datetime | None:
        """Until when ``username`` is locked out at the screen (runs off the GUI thread)."""
        try:
            return self._accounts.locked_until(username, SCREEN)
        except KioskError:
            return None

    def _refusal(self, refusal: Refusal) -> str:
        """The service's refusal; for a locked account, the time to try again (local time,
        with the date when it is not today)."""
        if refusal.locked_until is None:
            return translate_error(refusal.error)
        until = refusal.locked_until.astimezone(LOCAL_TZ)
        when = until.strftime("%H:%M")
        if until.date() != self._clock.now().astimezone(LOCAL_TZ).date():
            when += until.strftime(" %d/%m")
        return QCoreApplication.translate(
            "HelperMode",
            "Tài khoản tạm khóa vì nhập sai mã PIN nhiều lần; thử lại sau {time}, hoặc nhờ "
            "quản trị viên mở khóa.",
        ).format(time=when)
