"""``kiosk`` (no command): the welcome screen on the display first, then everything else.

The first frame needs Qt, the settings and two widgets: the shell and its welcome screen.
Only once that frame is painted does :func:`run_gui` import the database layer, open and
check the database, and wire the other screens, the devices and helper mode
(:func:`kiosk.ui.main_window.build_gui`); taps made meanwhile wait in Qt's queue and reach
the welcome's button once it is connected. A start that fails after the first frame
replaces the welcome with :class:`~kiosk.ui.startup_error.StartupErrorWindow`, exactly as
a start that fails before it.

This module imports nothing heavy (no SQLAlchemy, no numpy): bench/bench_startup.py
measures the first frame against a bare PySide6 window.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from kiosk.domain.clock import SystemClock, format_day, local_day
from kiosk.errors import KioskError
from kiosk.settings import Settings
from kiosk.ui.first_frame import make_shell, make_welcome, show_first_frame, show_full_screen
from kiosk.ui.fonts import install_app_font
from kiosk.ui.i18n import LanguageManager
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.shell import KioskShell
from kiosk.ui.startup_error import StartupErrorWindow

if TYPE_CHECKING:
    from kiosk.app import Kiosk
    from kiosk.ui.main_window import KioskGui

log = logging.getLogger(__name__)


def run_gui(settings: Settings) -> int:
    """Start Qt, show the welcome full screen, then build the kiosk and run the event loop."""
    started = time.perf_counter()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    family = install_app_font(app)
    shell = make_shell(settings, family)
    language = LanguageManager(app, parent=shell)
    try:
        language.set_language(settings.language)
    except KioskError as exc:  # build_gui tries again and shows it in the banner
        log.error("language: %s", exc.detail)
    welcome = make_welcome(settings)
    welcome.set_day(format_day(local_day(SystemClock().now())))
    shell.add_screen(welcome)
    shell.show_screen(welcome)
    painted = show_first_frame(app, shell, welcome)
    log.info(
        "welcome %s after %.0f ms",
        "painted" if painted else "not painted (no display?)",
        (time.perf_counter() - started) * 1000,
    )
    gui: KioskGui | None = None
    refused = 0  # the exit code of the error that kept the kiosk from starting
    from kiosk.app import build_kiosk  # the database layer: after the first frame

    try:
        kiosk = build_kiosk(settings)
    except KioskError as exc:
        log.error("kiosk could not start: %s", exc.detail)
        _retire(shell)
        error_window = StartupErrorWindow(exc.message)
        show_full_screen(error_window)
        refused = exc.exit_code
    except BaseException:
        _retire(shell)
        raise
    else:
        try:  # a failure here reaches the command line, which shows it (report_failure)
            gui = _build_gui(app, kiosk, shell, welcome, language, family)
        except BaseException:
            kiosk.close()  # a window that failed to build leaves no database open
            _retire(shell)
            raise
        log.info("kiosk ready after %.0f ms", (time.perf_counter() - started) * 1000)
    try:
        code = int(app.exec())
        return refused or code  # the error window closed: still a failed start (exit 7, 3…)
    finally:
        if gui is not None:
            gui.shutdown()
            gui.kiosk.close()


def _build_gui(
    app: QApplication,
    kiosk: Kiosk,
    shell: KioskShell,
    welcome: WelcomeScreen,
    language: LanguageManager,
    family: str | None,
) -> KioskGui:
    """The rest of the GUI around the first frame's window: screens, devices, helper mode."""
    from kiosk.app import build_speaker
    from kiosk.ui.main_window import SpeechBridge, build_gui, camera_factories, speech_failed

    bridge = SpeechBridge(shell)
    speaker = build_speaker(kiosk.settings, on_error=lambda error: bridge.failed.emit(error))
    gui = build_gui(
        kiosk,
        camera_factories(kiosk),
        app=app,
        font_family=family,
        speaker=speaker,
        shell=shell,
        welcome=welcome,
        language=language,
    )
    bridge.failed.connect(lambda error: speech_failed(gui, error))
    return gui


def _retire(shell: KioskShell) -> None:
    """Take the half-built kiosk window off the screen for good."""
    shell.allow_close()
    shell.close()
    shell.deleteLater()
