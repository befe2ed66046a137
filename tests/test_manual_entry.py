"""The manual-entry form and its numeric keypad, driven by clicks as on the touch screen."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.services.identity import CitizenIdentity, IdentityField
from kiosk.ui.screens.manual import ManualEntryScreen
from kiosk.ui.theme import Theme, base_font, style_sheet
from kiosk.ui.widgets.manual_entry import ManualEntryForm
from kiosk.ui.widgets.numeric_keypad import BACKSPACE, KEY_SIZE, NumericKeypad
from tests.factories import NHUNG_CARD

TODAY = date(2026, 11, 23)
# Synthetic and consistent (DOMAIN.md §3): Hà Nội 001, G=1 (1900s, female), YY=98.
ID, NAME, BIRTH = NHUNG_CARD.id_number, NHUNG_CARD.full_name, f"{NHUNG_CARD.birth_date:%d/%m/%Y}"
F = IdentityField
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def form(qtbot: QtBot) -> ManualEntryForm:
    widget = ManualEntryForm(lambda: TODAY)
    qtbot.addWidget(widget)
    widget.setFont(base_font(None, Theme()))  # as the kiosk window styles it
    widget.setStyleSheet(style_sheet(Theme()))
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def tap_keys(qtbot: QtBot, keypad: NumericKeypad, keys: str) -> None:
    for key in keys:
        qtbot.mouseClick(keypad.key(key), LEFT)


def type_text(widget: QWidget, text: str) -> None:
    """Key presses carrying Vietnamese letters, as a keyboard layout or IME delivers them.

    ``qtbot.keyClicks`` maps each character to an ASCII key code and aborts the process
    (a Qt assertion in qasciikey.cpp) on "ễ", so the events are built here.
    """
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def fill(qtbot: QtBot, form: ManualEntryForm, *, id_number: str, birth: str, female: bool) -> None:
    qtbot.mouseClick(form.id_field, LEFT)
    tap_keys(qtbot, form.keypad, id_number)
    qtbot.mouseClick(form.name_field, LEFT)
    type_text(form.name_field, NAME)
    qtbot.mouseClick(form.birth_field, LEFT)
    tap_keys(qtbot, form.keypad, birth)
    qtbot.mouseClick(form.female_button if female else form.male_button, LEFT)


def test_a_valid_citizen_typed_on_the_keypad_is_entered(
    qtbot: QtBot, form: ManualEntryForm
) -> None:
    fill(qtbot, form, id_number=ID, birth=BIRTH, female=True)
    assert (form.id_field.text(), form.birth_field.text()) == (ID, BIRTH)
    with qtbot.waitSignal(form.identity_entered, timeout=1000) as blocker:
        qtbot.mouseClick(form.confirm_button, LEFT)
    identity = blocker.args[0]
    assert isinstance(identity, CitizenIdentity)
    assert identity.id_number == ID
    assert identity.full_name == NAME
    assert identity.birth_date == date(1998, 8, 15)
    assert identity.gender == "Nữ"


def test_gender_that_disagrees_with_the_id_is_shown_inline(
    qtbot: QtBot, form: ManualEntryForm
) -> None:
    fill(qtbot, form, id_number=ID, birth=BIRTH, female=False)
    with qtbot.assertNotEmitted(form.identity_entered):
        qtbot.mouseClick(form.confirm_button, LEFT)
    assert form.has_error(F.GENDER) and form.has_error(F.ID_NUMBER)
    assert not form.has_error(F.BIRTH_DATE)
    assert "giới tính" in form.error_text(F.GENDER)
    qtbot.mouseClick(form.female_button, LEFT)  # correcting the choice removes the red
    assert not form.has_error(F.GENDER) and form.error_text(F.GENDER) == ""


def test_a_date_that_does_not_exist_is_shown_under_the_date(
    qtbot: QtBot, form: ManualEntryForm
) -> None:
    fill(qtbot, form, id_number=ID, birth="31/02/1998", female=True)
    with qtbot.assertNotEmitted(form.identity_entered):
        qtbot.mouseClick(form.confirm_button, LEFT)
    assert form.has_error(F.BIRTH_DATE) and not form.has_error(F.ID_NUMBER)
    assert "Ngày sinh" in form.error_text(F.BIRTH_DATE)


def test_an_empty_form_points_at_the_id_number(qtbot: QtBot, form: ManualEntryForm) -> None:
    with qtbot.assertNotEmitted(form.identity_entered):
        qtbot.mouseClick(form.confirm_button, LEFT)
    assert form.has_error(F.ID_NUMBER) and "12 chữ số" in form.error_text(F.ID_NUMBER)


def test_keypad_follows_the_field_and_respects_its_limits(
    qtbot: QtBot, form: ManualEntryForm
) -> None:
    keypad = form.keypad
    assert keypad.target is form.id_field and not keypad.key("/").isEnabled()
    tap_keys(qtbot, keypad, "0011980123456")  # a 13th digit is refused by the field
    assert form.id_field.text() == ID
    qtbot.mouseClick(keypad.key(BACKSPACE), LEFT)
    assert form.id_field.text() == ID[:-1]
    qtbot.mouseClick(form.birth_field, LEFT)
    assert keypad.target is form.birth_field and keypad.key("/").isEnabled()
    assert form.birth_field.property("active") and not form.id_field.property("active")
    qtbot.keyClicks(form.birth_field, "1a5")  # letters are refused there too
    assert form.birth_field.text() == "15"


def test_keys_are_big_enough_for_a_finger(form: ManualEntryForm) -> None:
    for key in (*"0123456789/", BACKSPACE):
        button = form.keypad.key(key)
        assert min(button.width(), button.height()) >= KEY_SIZE
        assert button.font().pointSize() >= 24
    assert min(form.confirm_button.height(), form.female_button.height()) >= KEY_SIZE - 20


def test_clear_wipes_every_field_and_message(qtbot: QtBot, form: ManualEntryForm) -> None:
    fill(qtbot, form, id_number=ID, birth="31/02/1998", female=True)
    qtbot.mouseClick(form.confirm_button, LEFT)
    assert form.has_error(F.BIRTH_DATE)
    form.clear()
    assert [form.id_field.text(), form.name_field.text(), form.birth_field.text()] == [""] * 3
    assert form.gender == ""
    shown = (F.ID_NUMBER, F.FULL_NAME, F.BIRTH_DATE, F.GENDER)
    assert not any(form.has_error(field) or form.error_text(field) for field in shown)
    assert form.keypad.target is form.id_field


def test_cancel_emits_cancelled(qtbot: QtBot, form: ManualEntryForm) -> None:
    with qtbot.waitSignal(form.cancelled, timeout=1000):
        qtbot.mouseClick(form.cancel_button, LEFT)


def test_the_name_page_is_as_tall_as_itself_not_as_the_form(qtbot: QtBot) -> None:
    """The keyboard page of the manual screen does not stretch to the long form's height,
    so that on a 768-pixel-high monitor the whole keyboard is on screen at normal text."""
    screen = ManualEntryScreen(lambda: TODAY)
    qtbot.addWidget(screen)
    screen.setFont(base_font(None, Theme()))
    screen.setStyleSheet(style_sheet(Theme()))
    screen.show()
    form_height = screen.heightForWidth(1300)
    screen.open_name_page()
    assert screen.pages.currentWidget() is screen.name_page
    name_height = screen.heightForWidth(1300)
    assert name_height < form_height
    assert name_height <= 768 - 96  # a 1366x768 monitor under the top bar
