"""The GUI's composition root: builds the shell, the screens and their controllers.

``build_gui`` takes an already-built :class:`~kiosk.app.Kiosk` and the scan-worker
factories, so tests drive the real window with a fake camera playing image files.
:func:`kiosk.ui.start.run_gui` (what ``kiosk`` with no sub-command runs) puts the
shell and its welcome screen on the display first and hands them to ``build_gui``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QApplication

from kiosk.app import Kiosk, build_printer
from kiosk.devices.printers import Printer
from kiosk.devices.speech import EspeakSpeaker, SpeechError
from kiosk.domain.clock import format_day, local_day
from kiosk.errors import KioskError
from kiosk.services.guides import GuideLibrary
from kiosk.text.speakable import speakable
from kiosk.ui.background import BackgroundTasks
from kiosk.ui.citizen_flow import CitizenFlow
from kiosk.ui.citizen_screens import CitizenScreens
from kiosk.ui.error_hooks import ErrorHooks
from kiosk.ui.first_frame import make_shell, make_welcome
from kiosk.ui.helper_mode import CitizenHooks, HelperMode
from kiosk.ui.helper_mode.guide_marks import GuideMarkRecorder
from kiosk.ui.i18n import LanguageManager, translate_error
from kiosk.ui.maintenance import BackupScheduler, install_maintenance
from kiosk.ui.on_duty import OnDuty
from kiosk.ui.receipt_printing import ReceiptPrinting
from kiosk.ui.scan_hub import ScanHub, WorkerFactory
from kiosk.ui.screens.confirm import ConfirmScreen
from kiosk.ui.screens.done import DoneScreen
from kiosk.ui.screens.guide import GuideScreen
from kiosk.ui.screens.manual import ManualEntryScreen
from kiosk.ui.screens.outcome import OutcomeScreen
from kiosk.ui.screens.rating import RatingScreen
from kiosk.ui.screens.scan import ScanScreen
from kiosk.ui.screens.services import ServicesScreen
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.shell import KioskShell
from kiosk.ui.sync_link import SyncLink
from kiosk.ui.tap_guard import GUARD_MS as TAP_GUARD_MS
from kiosk.ui.tap_guard import TapGuard
from kiosk.ui.volunteer_call import VolunteerCall
from kiosk.ui.warm_up import AFTER_MS as WARM_UP_AFTER_MS
from kiosk.ui.warm_up import warm_up
from kiosk.ui.wedge_filter import WedgeFilter

if TYPE_CHECKING:
    from kiosk.ui.scan_worker import ScanWorker
    from kiosk.ui.serial_worker import SerialScanWorker

log = logging.getLogger(__name__)


class SpeechBridge(QObject):
    """Carries a speech failure from espeak's watcher thread to the GUI thread."""

    failed = Signal(object)  # SpeechError


@dataclass
class KioskGui:
    """Everything the GUI wired together; tests reach any part through it."""

    kiosk: Kiosk
    shell: KioskShell
    screens: CitizenScreens
    flow: CitizenFlow
    scan_hub: ScanHub
    language: LanguageManager
    guides: GuideLibrary
    speaker: EspeakSpeaker | None
    wedge: WedgeFilter
    receipts: ReceiptPrinting
    tasks: BackgroundTasks  # service calls off the GUI thread; failures reach the banner
    sync_link: SyncLink | None = None  # sends to the centre's database when one is set
    backup: BackupScheduler | None = None  # the automatic daily backup
    error_hooks: ErrorHooks | None = None  # uncaught exceptions and Qt warnings → log, banner
    volunteer_call: VolunteerCall | None = None  # "Tôi gặp khó": voice and a flag in the bar
    guide_marks: GuideMarkRecorder | None = None  # the helper's "Bước này đã cũ" notes
    # Event filters put on the QApplication for this window; shutdown removes them.
    event_filters: list[QObject] = field(default_factory=list)
    helper_mode: HelperMode = field(init=False)  # sign-in, today's visits, dashboard, accounts

    def read_aloud(self) -> None:
        """Speak the current screen in the current language."""
        if self.speaker is None:
            self.shell.show_error(
                QCoreApplication.translate("KioskGui", "Chức năng đọc to đang tắt trong cài đặt.")
            )
            return
        text = self.shell.current_screen.speech_text()
        if not text:
            return
        try:
            language = self.language.language
            self.speaker.say(speakable(text, language), language)
        except KioskError as exc:
            log.error("read aloud: %s", exc.detail)
            self.shell.show_error(translate_error(exc))

    def toggle_language(self) -> None:
        """Vietnamese ⇄ English on every screen."""
        self.set_language("en" if self.language.language == "vi" else "vi")

    def set_language(self, language: str) -> None:
        """Switch the language of Qt's texts and of the data (catalogue, guides)."""
        try:
            self.language.set_language(language)
        except KioskError as exc:
            log.error("language: %s", exc.detail)
            self.shell.show_error(translate_error(exc))
            return
        for screen in (self.screens.services, self.screens.guide, self.screens.outcome):
            screen.set_language(self.language.language)

    def show_print_result(self, receipt_no: str, printed: bool, message: str = "") -> None:
        """A receipt came out, or not. The citizen whose receipt it is reads plain words on
        the done screen; the cause is for the volunteer, in the top bar (never a banner on
        the screens of the citizens after: the receipt is not theirs)."""
        done = self.screens.done
        if receipt_no and receipt_no == done.receipt.text():
            done.show_print_result(printed)
        self.shell.top_bar.show_printer_problem("" if printed else message)
        if not printed:
            log.warning("receipt %s waits for the printer: %s", receipt_no or "?", message)

    def install_filter(self, app: QCoreApplication, watcher: QObject) -> None:
        """Put ``watcher`` on the application until :meth:`shutdown` takes it off."""
        app.installEventFilter(watcher)
        self.event_filters.append(watcher)

    def show_error(self, error: KioskError) -> None:
        """``error`` in the banner, in the current language."""
        self.shell.show_error(translate_error(error))

    def shutdown(self) -> None:
        """Stop devices, printing, sending, backups and speech before the window goes away;
        take the window's event filters and error hooks off the application."""
        self.tasks.stop()
        self.scan_hub.stop()
        self.receipts.stop()
        if self.sync_link is not None:
            self.sync_link.stop()
        if self.backup is not None:
            self.backup.stop()
        if self.speaker is not None:
            self.speaker.stop()
        app = QCoreApplication.instance()
        filters, self.event_filters = self.event_filters, []
        if app is not None:
            for watcher in filters:
                app.removeEventFilter(watcher)
        if self.error_hooks is not None:
            self.error_hooks.uninstall()


def build_screens(kiosk: Kiosk, welcome: WelcomeScreen | None = None) -> CitizenScreens:
    """One instance of every citizen screen (``welcome``: the one already on screen)."""
    settings = kiosk.settings
    language = settings.language
    return CitizenScreens(
        welcome=welcome or make_welcome(settings),
        scan=ScanScreen(),
        manual=ManualEntryScreen(lambda: local_day(kiosk.clock.now())),
        confirm=ConfirmScreen(settings.retention_days),
        services=ServicesScreen(kiosk.catalogue, language),
        guide=GuideScreen(language),
        outcome=OutcomeScreen(kiosk.catalogue, language),
        rating=RatingScreen(),
        done=DoneScreen(),
    )


def build_gui(
    kiosk: Kiosk,
    worker_factories: Sequence[WorkerFactory],
    *,
    app: QApplication,
    guides: GuideLibrary | None = None,
    font_family: str | None = None,
    speaker: EspeakSpeaker | None = None,
    printer: Printer | None = None,
    print_retry_seconds: float = 30.0,
    warm_up_after_ms: int | None = WARM_UP_AFTER_MS,
    tap_guard_ms: int = TAP_GUARD_MS,
    shell: KioskShell | None = None,
    welcome: WelcomeScreen | None = None,
    language: LanguageManager | None = None,
) -> KioskGui:
    """Wire the window for ``kiosk``; ``worker_factories`` open the ID sources and
    ``printer`` (default: the one the settings name) prints receipts. ``warm_up_after_ms``
    (``None``: never) is when :func:`~kiosk.ui.warm_up.warm_up` runs; taps are ignored for
    ``tap_guard_ms`` after the screen changes (:mod:`kiosk.ui.tap_guard`). ``shell``,
    ``welcome`` (already one of its screens) and ``language``: those that
    :func:`kiosk.ui.start.run_gui` put on the display before the database was opened."""
    settings = kiosk.settings
    guides = guides or kiosk.guide_source.guides(kiosk.catalogue)  # the imported pack, if any
    shell = shell or make_shell(settings, font_family)
    screens = build_screens(kiosk, welcome)
    screens.guide.use_guides(guides)  # what a tip's "see also" opens
    for screen in screens.all():
        if screen is not welcome:
            shell.add_screen(screen)
    scan_hub = ScanHub(worker_factories, kiosk.clock)
    wedge = WedgeFilter(shell)
    wedge.payload_scanned.connect(scan_hub.take_wedge_payload)
    scan_hub.scanned_mid_visit.connect(lambda: shell.show_error(scanned_mid_visit_text()))
    on_duty = OnDuty(shell)  # the volunteer visits are attributed to; helper mode sets it
    tasks = BackgroundTasks(shell)  # service calls off the GUI thread
    flow = CitizenFlow(
        kiosk,
        guides,
        shell,
        screens,
        scan_hub,
        helper_id=on_duty.helper_id,
        tasks=tasks,
    )
    language = language or LanguageManager(app, parent=shell)
    gui = KioskGui(
        kiosk=kiosk,
        shell=shell,
        screens=screens,
        flow=flow,
        scan_hub=scan_hub,
        language=language,
        guides=guides,
        speaker=speaker,
        wedge=wedge,
        receipts=ReceiptPrinting(
            kiosk,
            printer or build_printer(settings),
            tasks,
            retry_seconds=print_retry_seconds,
            language=lambda: language.language,  # the citizen's receipt in their language
        ),
        tasks=tasks,
    )
    gui.install_filter(app, wedge)
    gui.install_filter(app, shell.idle_watcher)
    gui.tasks.failed.connect(gui.show_error)
    gui.tasks.busy_changed.connect(shell.show_busy)
    flow.queue_receipt = gui.receipts.receipt_step()
    flow.receipt_ready.connect(gui.receipts.print_finished)
    flow.reprint_requested.connect(lambda record: gui.receipts.print_receipt(record, reprint=True))
    gui.receipts.printed.connect(lambda receipt_no: gui.show_print_result(receipt_no, True))
    gui.receipts.failed.connect(
        lambda receipt_no, message: gui.show_print_result(receipt_no, False, message)
    )
    shell.read_aloud_requested.connect(gui.read_aloud)
    shell.language_toggle_requested.connect(gui.toggle_language)
    flow.visit_ended.connect(lambda _left_open: gui.set_language(settings.language))
    if kiosk.sync is not None:
        gui.sync_link = SyncLink(kiosk.sync, interval_s=settings.sync_interval_seconds)
        gui.sync_link.status_changed.connect(shell.top_bar.show_sync)
        link = gui.sync_link
        flow.receipt_ready.connect(lambda _record, _job_id: link.nudge())
        gui.sync_link.start()
    gui.helper_mode = HelperMode(
        kiosk,
        shell,
        tasks,
        on_duty,
        CitizenHooks(
            visit_open=lambda: flow.session is not None,
            visit_started=lambda: flow.session is not None and flow.session.started,
            end_visit=flow.end_visit,
            resume=flow.resume,
            reprint=lambda record: gui.receipts.print_receipt(record, reprint=True),
            visit_ended=flow.visit_ended,
        ),
        guides=guides,
        language=gui.language,
    )
    gui.install_filter(app, gui.helper_mode.unlock_watcher)
    call = gui.volunteer_call = VolunteerCall(shell.top_bar, speaker, lambda: gui.language.language)
    screens.guide.help_called.connect(call.call)
    gui.guide_marks = GuideMarkRecorder(kiosk, tasks, screens.guide)
    shell.helper_requested.connect(call.answer)  # the volunteer came and tapped the flag
    flow.visit_ended.connect(lambda _left_open: call.answer())
    # a double tap does not act on the screen that its first tap opened
    tap_guard = TapGuard(shell, guard_ms=tap_guard_ms)
    shell.content_changed.connect(tap_guard.changed)
    gui.install_filter(app, tap_guard)
    gui.backup = install_maintenance(settings, kiosk.clock, parent=shell)
    screens.welcome.set_day(format_day(local_day(kiosk.clock.now())))
    gui.set_language(settings.language)
    shell.show_screen(screens.welcome)
    flow.check_day()  # a day closed before a restart: the welcome says so
    if warm_up_after_ms is not None:  # what the first receipt and close-day need, meanwhile
        warm_up(tasks, warm_up_after_ms)
    gui.error_hooks = ErrorHooks(shell)
    gui.error_hooks.unexpected.connect(gui.show_error)
    gui.error_hooks.install()  # last: a window that failed to build leaves no hooks behind
    return gui


def scanned_mid_visit_text() -> str:
    """What the banner says when a card is scanned while no scan was asked for."""
    return QCoreApplication.translate(
        "KioskGui",
        "Máy vừa đọc một thẻ căn cước, nhưng lúc này không cần quét thẻ. Lượt đang làm vẫn "
        "tiếp tục như cũ; muốn giúp người khác, hãy làm xong lượt này rồi quét thẻ của họ.",
    )


def camera_factories(kiosk: Kiosk) -> list[WorkerFactory]:
    """The ID sources of the settings: the webcam, plus a COM-port scanner when set.

    Each source's modules (OpenCV, numpy, the decoders) load when it is first opened, on
    the scan screen, not at start.
    """
    settings = kiosk.settings

    def camera() -> ScanWorker:
        from kiosk.devices.camera import OpenCvCamera
        from kiosk.services.identity.scanning import build_scanner
        from kiosk.ui.scan_worker import ScanWorker

        return ScanWorker(OpenCvCamera(settings.camera), build_scanner(clock=kiosk.clock))

    factories: list[WorkerFactory] = [camera]
    if settings.scanner_port:

        def serial() -> SerialScanWorker:
            from kiosk.devices.serial_scanner import SerialScanner
            from kiosk.ui.serial_worker import SerialScanWorker

            scanner = SerialScanner(settings.scanner_port, baudrate=settings.scanner_baudrate)
            return SerialScanWorker(scanner, kiosk.clock)

        factories.append(serial)
    return factories


def speech_failed(gui: KioskGui, error: SpeechError) -> None:
    """espeak failed: the log, and the banner."""
    log.error("speech: %s", error.detail)
    gui.shell.show_error(translate_error(error))
