"""Helper home: today's visits read off the GUI thread, corrections, reprints.

The texts keep the ``HelperMode`` translation context they had before helper mode was split.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication

from kiosk.domain.clock import format_day
from kiosk.domain.values import ServiceOutcome, TransactionRecord
from kiosk.errors import KioskError
from kiosk.services.reporting.reports import reports_dir
from kiosk.services.visits.transactions import TransactionLog
from kiosk.settings import Settings
from kiosk.ui.background import BackgroundTasks
from kiosk.ui.helper_mode.channel import Channel
from kiosk.ui.helper_mode.context import CitizenHooks, Navigator
from kiosk.ui.i18n import translate_error
from kiosk.ui.on_duty import OnDuty
from kiosk.ui.screens.helper_home import HelperHomeScreen

log = logging.getLogger(__name__)

CORRECTION_KEY = "helper-correction"  # one correction at a time: a second tap is refused

AfterList = Callable[[HelperHomeScreen], None]


class VisitsController:
    """Fills helper home and records what the helper does with a visit."""

    def __init__(
        self,
        transactions: TransactionLog,
        settings: Settings,
        tasks: BackgroundTasks,
        screen: HelperHomeScreen,
        nav: Navigator,
        citizen: CitizenHooks,
        on_duty: OnDuty,
    ) -> None:
        self._transactions = transactions
        self._settings = settings
        self._tasks = tasks
        self._screen = screen
        self._nav = nav
        self._citizen = citizen
        self._on_duty = on_duty
        self._today = Channel(tasks, "helper-today")
        screen.correction_requested.connect(self.correct)
        screen.reprint_requested.connect(self.reprint)

    def show_home(self, *, after: AfterList | None = None) -> None:
        """Show helper home at once, loading; today's visits replace the loading state.
        ``after`` runs once they are shown (or could not be read)."""
        day = self._loading()
        self._today.ask(
            lambda: self._transactions.list_day(day),
            lambda records: self._fill(records, after),
            on_error=lambda exc: self._list_failed(exc, after),
            wanted=self._showing,
        )

    def drop(self) -> None:
        """Forget the list being read (helper mode was locked)."""
        self._today.drop()

    def correct(self, record: TransactionRecord, outcome: ServiceOutcome, reason: str) -> None:
        """Record a correction of ``record``; the list shows it, selected, once recorded."""
        transactions = self._transactions
        helper_id = self._on_duty.helper_id()
        day = self._nav.today()

        def work() -> tuple[TransactionRecord, list[TransactionRecord]]:
            fixed = transactions.correct(
                record.id, helper_id=helper_id, reason=reason, outcomes=[outcome]
            )
            return fixed, transactions.list_day(day)

        started = self._tasks.run(
            work,
            lambda answer: self._corrected(record, *answer),
            on_error=lambda exc: self._correction_failed(record, exc),
            key=CORRECTION_KEY,
        )
        if started:
            self._today.drop()  # a list read before the correction would be stale
            self._loading()

    def reprint(self, record: TransactionRecord) -> None:
        """Send ``record``'s receipt to the printer again."""
        # A failure reaches the screen through the receipts' ``failed`` signal.
        if self._citizen.reprint(record):
            self._screen.show_notice(
                QCoreApplication.translate(
                    "HelperMode", "Đã gửi biên nhận {receipt} tới máy in."
                ).format(receipt=record.receipt_no)
            )

    # -- on the GUI thread -------------------------------------------------------------------

    def _showing(self) -> bool:
        return self._nav.is_showing(self._screen)

    def _loading(self) -> date:
        """Helper home with its menu, the list loading; returns the day it lists."""
        day = self._nav.today()
        self._screen.show_loading(
            day=format_day(day),
            admin=self._nav.admin() is not None,
            visit_in_progress=self._citizen.visit_open(),
            reports_folder=str(reports_dir(self._settings, day)),
        )
        self._nav.show(self._screen)
        return day

    def _fill(self, records: list[TransactionRecord], after: AfterList | None) -> None:
        self._screen.show_records(records)
        if after is not None:
            after(self._screen)

    def _list_failed(self, exc: KioskError, after: AfterList | None) -> None:
        self._nav.failed(exc)
        self._fill([], after)

    def _corrected(
        self, record: TransactionRecord, fixed: TransactionRecord, records: list[TransactionRecord]
    ) -> None:
        if not self._showing():
            log.info("correction %s recorded; helper home was left meanwhile", fixed.receipt_no)
            return
        self._screen.show_records(records)
        self._screen.select(fixed.id)
        self._screen.show_notice(
            QCoreApplication.translate(
                "HelperMode",
                "Đã ghi điều chỉnh cho biên nhận {original}: biên nhận mới {receipt}.",
            ).format(original=record.receipt_no, receipt=fixed.receipt_no)
        )

    def _correction_failed(self, record: TransactionRecord, exc: KioskError) -> None:
        log.error("correction of %s: %s", record.receipt_no, exc.detail)
        if self._showing():
            message = translate_error(exc)
            self.show_home(after=lambda home: home.show_message(message))
