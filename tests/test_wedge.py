"""Keyboard-wedge scanners: bursts told from typing, swallowed before a field, garbling named."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from kiosk.services.identity import PayloadEncodingError
from kiosk.services.identity.wedge import (
    WedgeDetector,
    detect_burst,
    looks_garbled,
    refuse_if_garbled,
)
from kiosk.ui.wedge_filter import WedgeFilter
from tests.test_identity import DUC, HA, parse, payload

# What a wedge scanner types of HA's card on a layout that has no "ữ".
GARBLED = payload(gender="N?", full_name="Ph?m Th? Thu H?")
# A payload whose letters a wedge can type on any layout (no diacritics needed).
ASCII_NUMBERS = "036185000123|163000123|07031985|12052021"


def timed(text: str, step: float, start: float = 100.0) -> list[tuple[float, str]]:
    return [(start + i * step, char) for i, char in enumerate(text)]


# --- the decision, without Qt ----------------------------------------------------------


def test_fast_burst_ending_in_enter_is_a_scan() -> None:
    assert detect_burst(timed(payload() + "\r", 0.004)) == payload()


@pytest.mark.parametrize(
    "keys",
    [
        pytest.param(timed(payload() + "\r", 0.12), id="person typing"),
        pytest.param(timed("0361850001\r", 0.004), id="too short"),
        pytest.param(timed(payload(), 0.004), id="no Enter"),
        pytest.param([*timed(payload(), 0.004), (200.0, "\r")], id="Enter long after"),
    ],
)
def test_not_a_scan(keys: list[tuple[float, str]]) -> None:
    assert detect_burst(keys) is None


def test_detector_releases_a_persons_keys_in_order() -> None:
    detector: WedgeDetector[int] = WedgeDetector()
    assert detector.key(1, "a", 0.0) == []
    assert detector.key(2, "b", 0.01) == []  # could still be a scanner
    assert detector.key(3, "c", 0.5) == [1, 2]  # a pause: a person typed a and b
    assert detector.enter(0.51) is None
    assert detector.release() == [3]
    assert not detector.holding


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(GARBLED, id="? for letters"),
        pytest.param(payload(gender="Nu"), id="gender lost its diacritics"),
        pytest.param(payload(address="Ha\ufffd Noi"), id="replacement char"),
        pytest.param(payload(full_name="Nguyeenx Thij Hoongf Nhung"), id="telex remnants"),
        pytest.param(
            payload(DUC, full_name="Le Van Duc", address="To 7, Phuong Hoa Khanh Bac, Da Nang"),
            id="every diacritic dropped",
        ),
        pytest.param("036185000123|N?", id="short and damaged"),
    ],
)
def test_garbled_wedge_output_asks_for_usb_com_mode(text: str) -> None:
    assert looks_garbled(text)
    with pytest.raises(PayloadEncodingError) as caught:
        refuse_if_garbled(text)
    assert "chế độ cổng COM" in caught.value.message
    assert "bàn phím" in caught.value.message
    assert HA.full_name not in caught.value.detail


@pytest.mark.parametrize(
    "text",
    [
        payload(),
        payload(DUC),
        payload(full_name="H'Hen Niê"),
        payload(full_name="Y Bih Ayŭn"),
        payload(full_name="Hoàng Ngọc Đoan"),
        ASCII_NUMBERS,
    ],
)
def test_intact_output_is_not_garbled(text: str) -> None:
    assert not looks_garbled(text)
    refuse_if_garbled(text)


# --- the application-wide filter --------------------------------------------------------


class SteppingClock:
    """A clock that moves ``step`` seconds each time it is read: one read per key press."""

    def __init__(self, step: float) -> None:
        self.step = step
        self.now = 1000.0

    def __call__(self) -> float:
        self.now += self.step
        return self.now


@pytest.fixture
def field(qtbot: QtBot) -> QLineEdit:
    line_edit = QLineEdit()
    qtbot.addWidget(line_edit)
    line_edit.show()
    line_edit.setFocus()
    return line_edit


@pytest.fixture
def clock() -> SteppingClock:
    return SteppingClock(0.004)


@pytest.fixture
def wedge(qapp: QApplication, clock: SteppingClock) -> Iterator[WedgeFilter]:
    event_filter = WedgeFilter(clock=clock, hold_ms=20)
    qapp.installEventFilter(event_filter)
    yield event_filter
    qapp.removeEventFilter(event_filter)


def type_text(widget: QLineEdit, text: str) -> None:
    """Key presses and releases as a wedge sends them: text on each, any Unicode letter."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


def test_burst_is_emitted_and_the_focused_field_stays_empty(
    qtbot: QtBot, wedge: WedgeFilter, field: QLineEdit
) -> None:
    with qtbot.waitSignal(wedge.payload_scanned, timeout=1000) as scanned:
        type_text(field, payload())
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert scanned.args == [payload()]
    assert parse(scanned.args[0]) == HA
    qtbot.wait(40)  # past the hold time: nothing held comes out late
    assert field.text() == ""


def test_burst_typed_by_qtest_is_caught(qtbot: QtBot, wedge: WedgeFilter, field: QLineEdit) -> None:
    with qtbot.waitSignal(wedge.payload_scanned, timeout=1000) as scanned:
        qtbot.keyClicks(field, ASCII_NUMBERS)
        qtbot.keyClick(field, Qt.Key.Key_Enter)
    assert scanned.args == [ASCII_NUMBERS]
    assert field.text() == ""


def test_person_typing_passes_through(
    qtbot: QtBot, wedge: WedgeFilter, field: QLineEdit, clock: SteppingClock
) -> None:
    clock.step = 0.15
    typed = "Nguyen Thi Hong Nhung 001198012345"
    with qtbot.assertNotEmitted(wedge.payload_scanned), qtbot.waitSignal(field.returnPressed):
        qtbot.keyClicks(field, typed)
        qtbot.keyClick(field, Qt.Key.Key_Backspace)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == typed[:-1]


def test_a_persons_last_key_is_delivered_after_the_hold(
    qtbot: QtBot, wedge: WedgeFilter, field: QLineEdit, clock: SteppingClock
) -> None:
    clock.step = 0.2
    type_text(field, "Hà")
    assert field.text() == "H"  # "à" may still start a burst
    qtbot.waitUntil(lambda: field.text() == "Hà", timeout=1000)


def test_garbled_burst_is_refused_by_the_identity_layer(
    qtbot: QtBot, wedge: WedgeFilter, field: QLineEdit
) -> None:
    with qtbot.waitSignal(wedge.payload_scanned, timeout=1000) as scanned:
        type_text(field, GARBLED)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    text = scanned.args[0]
    assert field.text() == ""
    with pytest.raises(PayloadEncodingError) as caught:
        parse(text)
    assert "cổng COM" in caught.value.message
    assert looks_garbled(text)


def type_as_us_keyboard(widget: QLineEdit, text: str) -> None:
    """Keys as a US-layout HID scanner sends them: Shift pressed around every capital and
    "|" (a press of its own, with no text), the character's key inside it."""
    shift = Qt.KeyboardModifier.ShiftModifier
    for char in text:
        shifted = char.isupper() or char in '|~!@#$%^&*()_+{}:"<>?'
        if shifted:
            QCoreApplication.sendEvent(
                widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift, shift)
            )
        modifiers = shift if shifted else Qt.KeyboardModifier.NoModifier
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, modifiers, char))
        if shifted:
            QCoreApplication.sendEvent(
                widget,
                QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier),
            )


def test_a_burst_with_shift_presses_is_still_a_burst(
    qtbot: QtBot, wedge: WedgeFilter, field: QLineEdit
) -> None:
    """Every card payload has "|" and capitals: Shift comes with them, and does not end it."""
    with qtbot.waitSignal(wedge.payload_scanned, timeout=1000) as scanned:
        type_as_us_keyboard(field, GARBLED)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert scanned.args == [GARBLED]
    qtbot.wait(40)
    assert field.text() == ""
