"""Hurried taps: a double tap acts once, on the screen it was meant for; "In lại" tapped three
times prints one copy. (tests/test_real_input.py does the same with real X input.)"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.ui.main_window import KioskGui
from kiosk.ui.tap_guard import TapGuard
from tests.conftest import GuiFactory
from tests.fakes import FolderPrinter
from tests.test_wedge import SteppingClock


def press_and_release(widget: QWidget) -> None:
    """A finger down and up on ``widget``, through the application (its event filters)."""
    centre = QPointF(widget.rect().center())
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
        event = QMouseEvent(
            kind,
            centre,
            widget.mapToGlobal(centre),
            left,
            left if kind == QEvent.Type.MouseButtonPress else none,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(widget, event)


def test_taps_right_after_a_change_are_ignored_then_taken(qapp: QApplication) -> None:
    clock = SteppingClock(step=0.0)  # moved by hand below
    guard = TapGuard(guard_ms=450, clock=clock)
    button = QPushButton("Tiếp tục")
    button.show()
    clicks: list[bool] = []
    button.clicked.connect(lambda: clicks.append(True))
    qapp.installEventFilter(guard)
    try:
        press_and_release(button)
        assert clicks == [True]
        guard.changed()  # the first tap opened another screen
        clock.now += 0.18  # the second tap of a double tap
        press_and_release(button)
        assert clicks == [True]
        clock.now += 0.5  # a deliberate tap once the new screen was read
        press_and_release(button)
        assert clicks == [True, True]
    finally:
        qapp.removeEventFilter(guard)
        button.close()


@pytest.fixture
def guarded(kiosk: Kiosk, make_gui: GuiFactory) -> KioskGui:
    return make_gui(kiosk, tap_guard_ms=450)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_double_tap_on_tiep_tuc_opens_the_guide_at_what_to_bring(
    guarded: KioskGui, qtbot: QtBot
) -> None:
    s = guarded.screens
    guarded.flow.begin()
    qtbot.wait(500)
    press_and_release(s.scan.anonymous)
    qtbot.waitUntil(lambda: guarded.shell.current_screen is s.services)
    qtbot.wait(500)
    press_and_release(s.services.tiles["portal_account"])
    press_and_release(s.services.proceed)
    qtbot.waitUntil(lambda: guarded.shell.current_screen is s.guide)
    qtbot.wait(150)
    press_and_release(s.guide.next)  # the double tap's second press, where "Bắt đầu" now is
    qtbot.wait(50)
    assert s.guide.position == 0  # still "Cần chuẩn bị"
    qtbot.wait(500)
    press_and_release(s.guide.next)
    assert s.guide.position == 1


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_three_taps_on_in_lai_print_one_copy(
    kiosk: Kiosk, make_gui: GuiFactory, printer: FolderPrinter, qtbot: QtBot
) -> None:
    from tests.factories import finished_visit

    gui = make_gui(kiosk)
    record = finished_visit(kiosk)
    assert gui.receipts.print_receipt(record, reprint=True)
    assert not gui.receipts.print_receipt(record, reprint=True)
    qtbot.waitUntil(lambda: len(printer.printed()) == 1, timeout=10_000)
    assert not gui.receipts.print_receipt(record, reprint=True)  # moments later: a repeat tap
    qtbot.wait(300)
    assert len(printer.printed()) == 1
