"""An admin's powers: helper accounts and closing the day, each off the GUI thread.

Adding an account or resetting a PIN hashes it (argon2); closing the day writes a PDF, a CSV
and an XLSX. Each is one exclusive task: a second tap while it runs is refused, so a double
tap on "Chốt sổ" closes the day once. The texts keep the ``HelperMode`` translation context
they had before helper mode was split.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from kiosk.app import Kiosk
from kiosk.domain.clock import format_day
from kiosk.domain.values import HelperInfo
from kiosk.errors import KioskError
from kiosk.services.people.audit import Actor
from kiosk.services.reporting.reports import DayReport, close_day, reports_dir
from kiosk.ui.background import BackgroundTasks
from kiosk.ui.helper_mode.channel import Channel
from kiosk.ui.helper_mode.context import CitizenHooks, HelperScreens, Navigator
from kiosk.ui.i18n import translate_error

log = logging.getLogger(__name__)

ACCOUNTS_KEY = "helper-accounts"
CLOSE_DAY_KEY = "close-day"

Accounts = tuple[list[HelperInfo], datetime]  # every account, and when they were read


class AdminController:
    """Helper accounts and the day's closing, for the admin on duty."""

    def __init__(
        self,
        kiosk: Kiosk,
        tasks: BackgroundTasks,
        screens: HelperScreens,
        nav: Navigator,
        citizen: CitizenHooks,
    ) -> None:
        self._kiosk = kiosk
        self._tasks = tasks
        self._screens = screens
        self._nav = nav
        self._citizen = citizen
        self._list = Channel(tasks, "helper-account-list")
        admin = screens.admin
        admin.add_requested.connect(self.add_helper)
        admin.reset_pin_requested.connect(self.reset_pin)
        admin.active_requested.connect(self.set_active)
        # helpers_requested and close_day_requested reach manage() and close_day() through
        # helper mode, which asks for the admin's PIN first

    def drop(self) -> None:
        """Forget the accounts being read (helper mode was locked)."""
        self._list.drop()

    # -- accounts ----------------------------------------------------------------------------

    def manage(self) -> None:
        """The list of accounts, read off the GUI thread."""
        admin = self._nav.admin()
        if admin is None:
            return
        screen = self._screens.admin
        screen.show_loading()
        self._nav.show(screen)
        self._list.ask(
            self._read_accounts,
            lambda accounts: self._show_accounts(admin, accounts),
            on_error=self._nav.failed,
            wanted=lambda: self._nav.is_showing(screen),
        )

    def add_helper(self, username: str, name: str, pin: str, kind: str, role: str) -> None:
        """Add an account (its PIN hashed off the GUI thread)."""
        accounts = self._kiosk.helpers
        self._admin_action(
            lambda actor: accounts.add(username, name, pin, kind=kind, role=role, actor=actor),
            QCoreApplication.translate(
                "HelperMode", "Đã thêm {name} (tên đăng nhập {username})."
            ).format(name=name, username=username.strip().lower()),
        )

    def reset_pin(self, username: str, pin: str) -> None:
        """Give ``username`` a new PIN (and unlock the account)."""
        accounts = self._kiosk.helpers
        self._admin_action(
            lambda actor: accounts.reset_pin(username, pin, actor=actor),
            QCoreApplication.translate(
                "HelperMode", "Đã đặt lại mã PIN cho {username}; tài khoản đã được mở khóa."
            ).format(username=username),
        )

    def set_active(self, username: str, active: bool) -> None:
        """Stop an account, or let it work again."""
        accounts = self._kiosk.helpers
        done = (
            QCoreApplication.translate("HelperMode", "Đã cho {username} hoạt động lại.")
            if active
            else QCoreApplication.translate("HelperMode", "Đã ngừng tài khoản {username}.")
        )
        self._admin_action(
            lambda actor: accounts.set_active(username, active, actor=actor),
            done.format(username=username),
        )

    def _read_accounts(self) -> Accounts:
        return self._kiosk.helpers.list(include_inactive=True), self._kiosk.clock.now()

    def _show_accounts(self, admin: HelperInfo, accounts: Accounts) -> None:
        helpers, now = accounts
        self._screens.admin.show_helpers(helpers, me=admin.username, now=now)

    def _admin_action(self, action: Callable[[Actor], object], done: str) -> None:
        admin = self._nav.admin()
        screen = self._screens.admin
        if admin is None:
            screen.show_error(
                QCoreApplication.translate(
                    "HelperMode", "Chỉ quản trị viên được quản lý tài khoản."
                )
            )
            return
        actor = Actor(admin.username, admin.id)

        def work() -> Accounts:
            action(actor)
            return self._read_accounts()

        started = self._tasks.run(
            work,
            lambda accounts: self._action_done(admin, accounts, done),
            on_error=self._action_failed,
            key=ACCOUNTS_KEY,
        )
        if started:
            self._list.drop()  # a list read before the change would be stale
            screen.set_busy(True)

    def _action_done(self, admin: HelperInfo, accounts: Accounts, done: str) -> None:
        screen = self._screens.admin
        screen.set_busy(False)
        if self._nav.is_showing(screen):
            self._show_accounts(admin, accounts)
            screen.show_list(done)

    def _action_failed(self, exc: KioskError) -> None:
        screen = self._screens.admin
        screen.set_busy(False)
        log.info("helper accounts: %s", exc.detail)
        if self._nav.is_showing(screen):
            screen.show_error(translate_error(exc))

    # -- closing the day ---------------------------------------------------------------------

    @property
    def closing(self) -> bool:
        """Whether the day is being closed right now."""
        return self._tasks.is_running(CLOSE_DAY_KEY)

    def close_day(self) -> None:
        """Close today and write its reports, off the GUI thread ("Đang chốt sổ…")."""
        helper = self._nav.admin()
        home = self._screens.home
        if helper is None:
            home.show_close_error(
                QCoreApplication.translate("HelperMode", "Chỉ quản trị viên được chốt sổ.")
            )
            return
        if self._citizen.visit_started():
            home.show_close_error(
                QCoreApplication.translate(
                    "HelperMode",
                    "Máy đang có một lượt hỗ trợ chưa xong. Hãy làm xong lượt đó (hoặc về màn "
                    "hình chính) rồi mới chốt sổ.",
                )
            )
            return
        kiosk = self._kiosk
        day = self._nav.today()
        folder = reports_dir(kiosk.settings, day)
        actor = Actor(helper.username, helper.id)
        busy = QCoreApplication.translate("HelperMode", "Đang chốt sổ…")
        started = self._tasks.run(
            lambda: close_day(kiosk, day, out=folder, actor=actor),
            lambda report: self._closed(report, folder),
            on_error=self._close_failed,
            key=CLOSE_DAY_KEY,  # no busy=: helper home shows it at once, the shell need not
        )
        if started:
            home.show_closing(busy)

    def _closed(self, report: DayReport, folder: Path) -> None:
        home = self._screens.home
        home.show_closing("")
        closed = report.closed
        log.info("day %s closed", closed.day.isoformat())
        if not self._nav.is_showing(home):
            return
        lines = [
            QCoreApplication.translate(
                "HelperMode", "Đã chốt sổ ngày {day}: {n} lượt hỗ trợ, {left} lượt bỏ dở."
            ).format(
                day=format_day(closed.day), n=closed.totals["transactions"], left=closed.abandoned
            ),
            QCoreApplication.translate("HelperMode", "Đã ghi vào thư mục {folder}:").format(
                folder=folder
            ),
            *(f"• {path.name}" for path in report.files),
        ]
        home.show_close_result("\n".join(lines))

    def _close_failed(self, exc: KioskError) -> None:
        home = self._screens.home
        home.show_closing("")
        log.error("close day: %s", exc.detail)
        if self._nav.is_showing(home):
            home.show_close_error(translate_error(exc))
