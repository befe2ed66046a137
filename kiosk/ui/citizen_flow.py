"""The citizen's path through the screens, from "Bắt đầu" to the receipt and back home.

Screens emit intents; this controller turns them into calls on a :class:`VisitSession` and
decides which screen comes next. Every failure a service raises becomes a message on screen
and a log line; nothing recorded is lost, since each step is committed as it happens.

Each commit (consent, services, stuck point, outcome, rating and finish) runs off the GUI
thread through :class:`~kiosk.ui.background.BackgroundTasks`; the next screen comes when it
is done. The session holds no ORM session (every call opens its own unit of work), so it may
be called from a pool thread; one step of a visit runs at a time (``key``), so a second tap
on "Đồng ý" while the first commits is refused, and a step that ends after the visit did
(idle wipe, "Về trang chủ") changes nothing on screen.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from kiosk.app import Kiosk
from kiosk.domain.clock import local_day
from kiosk.domain.values import ServiceOutcome, TransactionRecord
from kiosk.errors import KioskError
from kiosk.services.guides import GuideLibrary
from kiosk.services.identity import CitizenIdentity
from kiosk.services.visits.session import VisitSession
from kiosk.services.visits.transactions import ReceiptStep
from kiosk.text.address import NEUTRAL
from kiosk.ui.background import BackgroundTasks
from kiosk.ui.chip_flow import ChipFlow
from kiosk.ui.citizen_screens import CitizenScreens, LeftAt, left_at
from kiosk.ui.i18n import translate_error, translate_message
from kiosk.ui.scan_hub import ScanHub
from kiosk.ui.shell import KioskShell

log = logging.getLogger(__name__)

T = TypeVar("T")

VISIT_STEP = "visit-step"  # one commit of the visit's path at a time
STUCK_STEP = "visit-stuck"  # "stuck here" changes nothing the path waits for
DAY_CHECK = "day-closed-check"  # whether today is closed, for the welcome screen
LEFT_AT_KEPT = 200  # unfinished visits whose place is remembered for resuming


class CitizenFlow(QObject):
    """Drives one visit at a time through :class:`CitizenScreens`."""

    visit_ended = Signal(bool)  # True when an unfinished transaction was left to resume
    receipt_ready = Signal(object, int)  # TransactionRecord, its print job (0: none queued)
    reprint_requested = Signal(object)  # TransactionRecord to print again

    def __init__(
        self,
        kiosk: Kiosk,
        guides: GuideLibrary,
        shell: KioskShell,
        screens: CitizenScreens,
        scan_hub: ScanHub,
        helper_id: Callable[[], int | None],
        tasks: BackgroundTasks,
    ) -> None:
        super().__init__()
        self._kiosk = kiosk
        self._tasks = tasks
        self._guides = guides
        self._shell = shell
        self.screens = screens
        self._scan_hub = scan_hub
        self._helper_id = helper_id
        self.session: VisitSession | None = None
        self._left_at: dict[uuid.UUID, LeftAt] = {}
        # stores the receipt's print job in the finish's unit of work (set by build_gui)
        self.queue_receipt: ReceiptStep | None = None
        self._connect()
        self.chip = ChipFlow(kiosk.settings, kiosk.clock, shell, screens, scan_hub,
                             take_identity=self.take_identity,
                             identity=lambda: getattr(self.session, "identity", None))  # fmt: skip
        self.visit_ended.connect(lambda _left_open: self.chip.forget())

    def _connect(self) -> None:
        s = self.screens
        s.welcome.start_requested.connect(self.begin)
        self._scan_hub.frame_ready.connect(s.scan.show_frame)
        self._scan_hub.camera_status.connect(
            lambda working, message: s.scan.set_camera_status(working, translate_message(message))
        )
        self._scan_hub.scan_rejected.connect(s.scan.show_rejection)
        self._scan_hub.identity_read.connect(self.take_identity)
        s.scan.manual_requested.connect(self._to_manual)
        s.scan.anonymous_requested.connect(self._decline)
        s.scan.back_requested.connect(self.end_visit)
        s.manual.identity_entered.connect(self.take_identity)
        s.manual.cancelled.connect(self._to_scan)
        s.confirm.consent_given.connect(self._consent)
        s.confirm.consent_declined.connect(self._decline)
        s.confirm.rescan_requested.connect(self._rescan)
        s.services.services_chosen.connect(self._choose)
        s.services.back_requested.connect(self._back_from_services)
        s.guide.stuck.connect(self._stuck)
        s.guide.finished.connect(self._ask_outcome)
        s.guide.left.connect(self._to_services)
        s.outcome.outcome_recorded.connect(self._outcome)
        s.outcome.back_requested.connect(self._back_from_outcome)
        s.rating.rated.connect(self._rated)
        s.done.home_requested.connect(self.end_visit)
        s.done.reprint_requested.connect(self._reprint)
        self._shell.idle_expired.connect(self.end_visit)

    # -- navigation helpers ------------------------------------------------------------------

    def _show(self, screen: object) -> None:
        self._shell.show_screen(screen)  # type: ignore[arg-type]

    def _commit(
        self,
        work: Callable[[VisitSession], T],
        then: Callable[[T], None],
        *,
        key: str = VISIT_STEP,
        or_else: Callable[[], None] | None = None,
    ) -> bool:
        """Run ``work`` on the session off the GUI thread; ``then`` gets its result on the
        GUI thread, if the visit is still the same (else ``or_else`` after the message).
        ``False`` when refused (a step of the visit is still committing: a double tap)."""
        session = self.session
        if session is None:  # a stray signal after the visit ended
            return False

        def done(result: T) -> None:
            if self.session is session:
                then(result)
            else:  # the visit ended while this step ran: wipe it now that nothing uses it
                session.wipe()

        def failed(exc: KioskError) -> None:
            log.error("citizen flow: %s", exc.detail)
            if self.session is session:
                self._shell.show_error(translate_error(exc))
                if or_else is not None:
                    or_else()
            else:
                session.wipe()

        busy = self.tr("Xin chờ một chút…") if key == VISIT_STEP else ""  # if it takes a while
        return self._tasks.run(lambda: work(session), done, on_error=failed, busy=busy, key=key)

    # -- the path ----------------------------------------------------------------------------

    def check_day(self) -> None:
        """Read off the GUI thread whether today is closed; the welcome screen says so."""
        days, welcome = self._kiosk.days, self.screens.welcome
        self._tasks.run(
            days.is_closed,
            welcome.set_closed,
            on_error=lambda exc: log.error("whether today is closed: %s", exc.detail),
            key=DAY_CHECK,
        )

    def begin(self) -> None:
        """A citizen starts: a fresh session, then the scan screen (not on a closed day:
        the welcome screen says so; whether a new day has begun is read again first)."""
        if self.screens.welcome.closed:
            self.check_day()
            return
        self._begin()

    def _begin(self) -> None:
        self.session = VisitSession(
            self._kiosk.transactions,
            self._kiosk.stuck_points,
            today=lambda: local_day(self._kiosk.clock.now()),
            helper_id=self._helper_id(),
        )
        self._shell.arm_idle()
        self._to_scan()

    def resume(self, record: TransactionRecord) -> None:
        """Continue an unfinished transaction (chosen in helper mode); it is read off the GUI
        thread."""
        self._begin()
        self._scan_hub.stop()

        def resumed(_record: TransactionRecord) -> None:
            session = self.session
            if session is None:
                return
            self._address_citizen()
            left = self._left_at.pop(record.id, None)
            if left is not None:
                self._shell.apply_theme(left.theme)
            elif session.is_senior():
                self._shell.enable_large_text()
            if session.services:
                self._next_service(left)
            else:
                self._to_services()

        self._commit(lambda s: s.resume(record.id), resumed, or_else=self.end_visit)

    def _to_scan(self) -> None:
        self.screens.scan.clear()
        self._show(self.screens.scan)
        self._scan_hub.start()

    def _to_manual(self) -> None:
        self._scan_hub.stop()
        self._show(self.screens.manual)

    def _address_citizen(self) -> None:
        """Screens, speech and the idle question say ông, bà, anh, chị or quý khách as the
        visit's card (or its stored details) says."""
        form = self.session.form_of_address() if self.session is not None else NEUTRAL
        self.screens.set_address(form)
        self._shell.idle_overlay.set_address(form)

    def _showing(self, *screens: object) -> bool:
        """Whether one of ``screens`` is on screen: an intent from a screen that has gone
        (a second tap that landed after the first changed the screen) is ignored."""
        return any(self._shell.current_screen is screen for screen in screens)

    def _rescan(self) -> None:
        if not self._showing(self.screens.confirm):
            return  # "Đồng ý" was tapped first: the citizen's first answer stands
        self.screens.confirm.clear()
        self._to_scan()

    def take_identity(self, identity: CitizenIdentity) -> None:
        """A card was read or typed: show it for confirmation and consent."""
        session = self.session
        if session is None or session.started:
            return  # a late read after the visit moved on
        if not self._showing(self.screens.scan, self.screens.manual):
            return  # a read that was on its way when the scan stopped: "Quét lại" asks again
        self._scan_hub.stop()
        self.screens.scan.preview.confirm()
        session.set_identity(identity)
        self._address_citizen()
        self.screens.manual.clear()
        if session.is_senior():
            self._shell.enable_large_text()
        self.screens.confirm.show_identity(identity)
        self._show(self.screens.confirm)

    def _consent(self) -> None:
        """Agreed: on to the services (stored with the first choice, not before)."""
        session = self.session
        if session is None or session.started or not self._showing(self.screens.confirm):
            return
        try:
            session.give_consent()
        except KioskError as exc:
            log.error("citizen flow: %s", exc.detail)
            self._shell.show_error(translate_error(exc))
            return
        self.screens.confirm.clear()
        self._to_services()

    def _decline(self) -> None:
        session = self.session
        if session is None or session.started:  # a stray signal after the visit moved on
            return
        if not self._showing(self.screens.confirm, self.screens.scan):
            return  # "Đồng ý" was tapped first: the citizen's first answer stands
        self._scan_hub.stop()
        session.decline_consent()
        self._address_citizen()
        self.screens.confirm.clear()
        self.screens.manual.clear()
        self._to_services()

    def _to_services(self) -> None:
        """The services screen, ticked as the visit stands (those done cannot be un-ticked)."""
        session = self.session
        if session is None:
            return
        self.screens.services.show_chosen(session.services, tuple(session.outcomes))
        self._show(self.screens.services)

    def _back_from_services(self) -> None:
        """The services screen's "Quay lại": before anything is recorded, back to the details
        (or to the scan, for a visit without a card); once the visit is recorded, back to
        where it was (what was ticked or un-ticked on the screen is not kept)."""
        session = self.session
        if session is None or self._tasks.is_running(VISIT_STEP):
            return
        if session.started:
            self._next_service()
        elif session.identity is not None:
            self.screens.confirm.show_identity(session.identity)
            self._show(self.screens.confirm)
        else:
            self._to_scan()

    def _choose(self, codes: list[str]) -> None:
        chosen = list(codes)
        self._commit(lambda s: s.choose_services(chosen), lambda _none: self._next_service())

    def _next_service(self, left: LeftAt | None = None) -> None:
        """The first service without an outcome (its guide, at the page ``left`` names
        when it is that service's), or the rating when all are done."""
        session = self.session
        if session is None:  # a stray signal after the visit ended
            return
        pending = session.pending_services()
        if not pending:
            self._show(self.screens.rating)
            return
        code = pending[0]
        guide = self._guides.get(code)
        if guide is None or not guide.steps:
            self._ask_outcome(code)
            return
        self.screens.guide.play(guide)
        if left is not None and left.service_code == code:
            self.screens.guide.show_position(min(left.position, len(guide.steps)))
        self._show(self.screens.guide)

    def _stuck(self, service_code: str, step_id: str, step_number: int) -> None:
        self._commit(
            lambda s: s.record_stuck(service_code, step_id, step_number),
            lambda _none: None,
            key=STUCK_STEP,
        )

    def _ask_outcome(self, service_code: str) -> None:
        session = self.session
        if session is None:  # a stray signal after the visit ended
            return
        self.screens.outcome.ask(service_code, session.outcomes.get(service_code))
        self._show(self.screens.outcome)

    def _back_from_outcome(self) -> None:
        """The outcome screen's "Quay lại": the guide's last step again, or the services
        when the service has no guide (nothing is recorded by going back)."""
        guide = self._guides.get(self.screens.outcome.service_code)
        if guide is not None and guide.steps:
            self.screens.guide.play(guide)
            self.screens.guide.show_position(len(guide.steps))
            self._show(self.screens.guide)
        else:
            self._show(self.screens.services)

    def _outcome(self, outcome: ServiceOutcome) -> None:
        self._commit(lambda s: s.record_outcome(outcome), lambda _none: self._next_service())

    def _rated(self, satisfaction: int | None) -> None:
        def rate_and_finish(session: VisitSession) -> TransactionRecord:
            session.rate(satisfaction)
            # the receipt number (one upsert, locked until commit) and the receipt's print
            # job are committed together: a finished visit always has its print job
            return session.finish(self.queue_receipt)

        self._commit(rate_and_finish, self._show_receipt)

    def _show_receipt(self, record: TransactionRecord) -> None:
        assert record.receipt_no is not None
        self.screens.done.show_receipt(record.receipt_no)
        self._show(self.screens.done)
        session = self.session
        job_id = session.print_job_id if session is not None else None
        self.receipt_ready.emit(record, job_id or 0)

    def _reprint(self) -> None:
        session = self.session
        if session is not None and session.receipt is not None:
            self.reprint_requested.emit(session.receipt)

    def _remember_where(self, session: VisitSession) -> None:
        """Keep where an unfinished visit was, for :meth:`resume`."""
        if session.transaction_id is not None and not session.finished:
            left = left_at(self.screens.guide, session.pending_services(), self._shell.theme)
            if len(self._left_at) >= LEFT_AT_KEPT:  # the oldest first: a day has few
                del self._left_at[next(iter(self._left_at))]
            self._left_at[session.transaction_id] = left

    def end_visit(self) -> None:
        """Wipe every personal field from screens and memory; back to welcome."""
        self._scan_hub.stop()
        session, self.session = self.session, None
        if session is None:
            left_open = False
        else:
            self._remember_where(session)
            if self._tasks.is_running(VISIT_STEP) or self._tasks.is_running(STUCK_STEP):
                left_open = True  # a step still runs on the session: it is wiped when it ends
            else:
                left_open = session.wipe()
        for screen in self.screens.all():
            screen.clear()
        self._address_citizen()  # nobody: neutral again
        self._shell.disarm_idle()
        self._shell.reset_accessibility()
        self._show(self.screens.welcome)
        self.check_day()  # closed meanwhile (close-day), or a new day
        self.visit_ended.emit(left_open)
