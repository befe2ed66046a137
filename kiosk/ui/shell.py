"""The kiosk window: top bar, one screen at a time, the idle countdown, kiosk lockdown.

The shell knows nothing of visits: it shows screens, keeps the accessibility choices
(text size, contrast, language) and tells its owner when the citizen went idle or when
someone tries to leave kiosk mode. Controllers (the citizen flow, helper mode) drive it.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.idle import IdleWatcher
from kiosk.ui.screens.base import Screen, scrolled
from kiosk.ui.theme import LARGE_TEXT_STEP, Theme, base_font, set_role, style_sheet
from kiosk.ui.widgets.idle_overlay import IdleOverlay
from kiosk.ui.widgets.top_bar import TopBar

log = logging.getLogger(__name__)

ESCAPE_KEYS = ("Ctrl+Q", "Ctrl+W", "Alt+F4", "Ctrl+Alt+Q")


class KioskShell(QMainWindow):
    """Full-screen window holding every screen; see the module docstring."""

    idle_expired = Signal()  # the countdown ran out: wipe and go home
    exit_requested = Signal()  # Alt+F4, Ctrl+Q… in kiosk mode: needs an admin PIN
    read_aloud_requested = Signal()
    language_toggle_requested = Signal()
    helper_requested = Signal()
    screen_changed = Signal(object)
    content_changed = Signal()  # another screen, or another step or page of one

    def __init__(
        self,
        place: str,
        *,
        font_family: str | None,
        idle_timeout_s: int,
        idle_countdown_s: int,
        kiosk_mode: bool,
    ) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Quầy Số"))
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, kiosk_mode)
        self._font_family = font_family
        self.kiosk_mode = kiosk_mode
        self._may_close = not kiosk_mode
        self.theme = Theme()
        root = QWidget()
        root.setObjectName("kiosk_root")
        self.top_bar = TopBar(place)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        set_role(self.banner, "error")
        self.banner.setWordWrap(True)
        self.banner.setContentsMargins(24, 8, 24, 8)
        self.banner.hide()
        self.busy_note = QLabel()  # work off the GUI thread that takes a while
        self.busy_note.setObjectName("busy_note")
        set_role(self.busy_note, "notice")
        self.busy_note.setContentsMargins(24, 4, 24, 4)
        self.busy_note.hide()
        self.stack = QStackedWidget()
        self._pages: dict[Screen, QScrollArea] = {}
        layout = QVBoxLayout(root)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.top_bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.busy_note)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(root)

        self.idle_watcher = IdleWatcher(idle_timeout_s, self)
        self.idle_overlay = IdleOverlay(root, idle_countdown_s)
        self.idle_watcher.idle.connect(self._on_idle)
        self.idle_overlay.still_here.connect(self.idle_watcher.touch)
        self.idle_overlay.expired.connect(self.idle_expired)

        self.top_bar.read_aloud.connect(self.read_aloud_requested)
        self.top_bar.text_size.connect(self.next_text_size)
        self.top_bar.contrast_toggled.connect(self.set_high_contrast)
        self.top_bar.language_toggled.connect(self.language_toggle_requested)
        self.top_bar.helper_requested.connect(self.helper_requested)
        for keys in ESCAPE_KEYS:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
            shortcut.activated.connect(self._escape_attempt)
        self.apply_theme(self.theme)

    # -- screens -----------------------------------------------------------------------------

    def add_screen(self, screen: Screen) -> Screen:
        """Make ``screen`` one of the pages.

        Each page is a scroll area: a screen that needs more room than the counter's monitor
        has (the largest text on 1366x768, a portrait kiosk's width) scrolls, by a swipe,
        instead of growing the window past the monitor or squeezing its text.
        """
        page = scrolled(screen)
        page.setObjectName("screen_page")
        self._pages[screen] = page
        self.stack.addWidget(page)
        screen.content_changed.connect(self.content_changed)
        return screen

    def show_screen(self, screen: Screen) -> None:
        """Show ``screen``, from its top, and forget any previous error banner."""
        self.clear_error()
        page = self._pages[screen]
        page.verticalScrollBar().setValue(0)
        page.horizontalScrollBar().setValue(0)
        self.stack.setCurrentWidget(page)
        self.screen_changed.emit(screen)
        self.content_changed.emit()

    @property
    def current_screen(self) -> Screen:
        """The screen on display."""
        screen = self.current_page.widget()
        assert isinstance(screen, Screen)
        return screen

    @property
    def current_page(self) -> QScrollArea:
        """The scroll area that holds the screen on display."""
        page = self.stack.currentWidget()
        assert isinstance(page, QScrollArea)
        return page

    def show_error(self, text: str) -> None:
        """A clear message above the screen (never a modal dialog)."""
        self.banner.setText(text)
        self.banner.show()

    def clear_error(self) -> None:
        """Hide the message."""
        self.banner.clear()
        self.banner.hide()

    def show_busy(self, text: str) -> None:
        """Say that a tap was taken and its work is under way ("" hides the note)."""
        self.busy_note.setText(text)
        self.busy_note.setVisible(bool(text))

    # -- accessibility -----------------------------------------------------------------------

    def apply_theme(self, theme: Theme) -> None:
        """Restyle every screen for ``theme``."""
        self.theme = theme
        self.setFont(base_font(self._font_family, theme))
        self.setStyleSheet(style_sheet(theme))
        self.top_bar.set_contrast(theme.high_contrast)

    def next_text_size(self) -> None:
        """The text-size control: normal → large → larger → normal."""
        self.apply_theme(self.theme.next_text_step())

    def set_high_contrast(self, high: bool) -> None:
        """Turn the high-contrast theme on or off."""
        self.apply_theme(self.theme.with_contrast(high))

    def enable_large_text(self) -> None:
        """Large text for a citizen aged 60 or more (never makes text smaller)."""
        if self.theme.text_step < LARGE_TEXT_STEP:
            self.apply_theme(Theme(self.theme.high_contrast, LARGE_TEXT_STEP))

    def reset_accessibility(self) -> None:
        """Back to normal contrast and text size (the language is reset by its owner)."""
        if self.theme != Theme():  # restyling every widget costs ~0.1 s on the GUI thread
            self.apply_theme(Theme())

    # -- idle --------------------------------------------------------------------------------

    def arm_idle(self) -> None:
        """A visit began: watch for inactivity."""
        self.idle_watcher.arm()

    def disarm_idle(self) -> None:
        """Back home: nothing to protect."""
        self.idle_watcher.disarm()
        self.idle_overlay.cancel()

    def _on_idle(self) -> None:
        log.info("idle time-out on %s; counting down", type(self.current_screen).__name__)
        self.idle_overlay.start()

    # -- kiosk lockdown ----------------------------------------------------------------------

    def allow_close(self) -> None:
        """An admin unlocked the exit: the next close really closes."""
        self._may_close = True

    def _escape_attempt(self) -> None:
        if self._may_close:
            self.close()
        else:
            log.info("escape key blocked in kiosk mode")
            self.exit_requested.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_close:
            event.accept()
            return
        event.ignore()  # Alt+F4 through a window manager, or a stray close
        self.exit_requested.emit()
