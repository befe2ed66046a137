"""The on-screen Vietnamese keyboard, driven by clicks on its keys as on the touch screen.

``qtbot.keyClicks`` aborts Qt on non-ASCII text, and a kiosk has no physical keyboard
anyway: every test taps the keyboard's own buttons.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt, QTranslator
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.text.vietnamese_input import Method, type_keys
from kiosk.ui.screens.helpers_admin import HelpersAdminScreen
from kiosk.ui.screens.manual import ManualEntryScreen
from kiosk.ui.theme import Theme, base_font, style_sheet
from kiosk.ui.widgets.vietnamese_keyboard import (
    BACKSPACE,
    CAPS,
    DONE,
    METHOD,
    SHIFT,
    SPACE,
    VietnameseKeyboard,
)

LEFT = Qt.MouseButton.LeftButton


class Screen(QWidget):
    """A field above the keyboard, as a form shows them."""

    def __init__(self) -> None:
        super().__init__()
        self.field = QLineEdit(self)
        self.keyboard = VietnameseKeyboard(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.keyboard)
        self.keyboard.bind(self.field)
        self.setFont(base_font(None, Theme()))  # as the kiosk window styles it
        self.setStyleSheet(style_sheet(Theme()))


@pytest.fixture
def screen(qtbot: QtBot) -> Screen:
    widget = Screen()
    qtbot.addWidget(widget)
    widget.resize(1200, 520)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def tap(qtbot: QtBot, keyboard: VietnameseKeyboard, keys: str) -> None:
    """Tap the keys that type ``keys``: a space is the space bar, a capital is ⇧ + letter."""
    for char in keys:
        if char == " ":
            qtbot.mouseClick(keyboard.key(SPACE), LEFT)
            continue
        if char.isupper() and not keyboard.uppercase:
            qtbot.mouseClick(keyboard.key(SHIFT), LEFT)
        qtbot.mouseClick(keyboard.key(char.lower()), LEFT)


def test_telex_types_a_full_name(qtbot: QtBot, screen: Screen) -> None:
    tap(qtbot, screen.keyboard, "Nguyeenx Thij Hoongf Nhung")
    assert screen.field.text() == "Nguyễn Thị Hồng Nhung"
    assert screen.field.cursorPosition() == len("Nguyễn Thị Hồng Nhung")


def test_method_key_switches_to_vni_and_says_so(qtbot: QtBot, screen: Screen) -> None:
    keyboard = screen.keyboard
    assert keyboard.method == Method.TELEX
    assert "Telex" in keyboard.key(METHOD).text()
    with qtbot.waitSignal(keyboard.method_changed) as changed:
        qtbot.mouseClick(keyboard.key(METHOD), LEFT)
    assert changed.args == ["vni"]
    assert keyboard.method == Method.VNI
    assert "VNI" in keyboard.key(METHOD).text()
    tap(qtbot, keyboard, "Tra62n Va8n Bi2nh, so61 12")
    assert screen.field.text() == "Trần Văn Bình, số 12"
    with qtbot.waitSignal(keyboard.method_changed) as changed:
        qtbot.mouseClick(keyboard.key(METHOD), LEFT)
    assert changed.args == ["telex"]


def test_set_method_to_the_current_one_is_silent(qtbot: QtBot, screen: Screen) -> None:
    with qtbot.assertNotEmitted(screen.keyboard.method_changed):
        screen.keyboard.set_method(Method.TELEX)


def test_shift_capitalises_one_letter(qtbot: QtBot, screen: Screen) -> None:
    keyboard = screen.keyboard
    qtbot.mouseClick(keyboard.key(SHIFT), LEFT)
    assert keyboard.key(SHIFT).isChecked()
    assert keyboard.key("a").text() == "A"
    tap(qtbot, keyboard, "ddaij")
    assert screen.field.text() == "Đại"
    assert not keyboard.key(SHIFT).isChecked()
    assert keyboard.key("a").text() == "a"
    qtbot.mouseClick(keyboard.key(SHIFT), LEFT)
    qtbot.mouseClick(keyboard.key(SHIFT), LEFT)  # a second tap takes it back
    tap(qtbot, keyboard, " a")
    assert screen.field.text() == "Đại a"


def test_caps_capitalises_every_letter_until_released(qtbot: QtBot, screen: Screen) -> None:
    keyboard = screen.keyboard
    qtbot.mouseClick(keyboard.key(CAPS), LEFT)
    assert keyboard.key(CAPS).isChecked()
    tap(qtbot, keyboard, "nguyeenx vawn ddaij")
    assert screen.field.text() == "NGUYỄN VĂN ĐẠI"
    qtbot.mouseClick(keyboard.key(CAPS), LEFT)
    tap(qtbot, keyboard, " a")
    assert screen.field.text() == "NGUYỄN VĂN ĐẠI a"
    assert not keyboard.key(CAPS).isChecked()


def test_backspace_deletes_one_letter(qtbot: QtBot, screen: Screen) -> None:
    tap(qtbot, screen.keyboard, "Lee ")
    qtbot.mouseClick(screen.keyboard.key(BACKSPACE), LEFT)
    assert screen.field.text() == "Lê"
    qtbot.mouseClick(screen.keyboard.key(BACKSPACE), LEFT)
    assert screen.field.text() == "L"
    tap(qtbot, screen.keyboard, "ys")
    assert screen.field.text() == "Lý"


def test_a_word_in_the_middle_of_the_text_is_corrected(qtbot: QtBot, screen: Screen) -> None:
    screen.field.setText("Trần Van Bình")
    screen.field.setCursorPosition(len("Trần Van"))
    tap(qtbot, screen.keyboard, "w")
    assert screen.field.text() == "Trần Văn Bình"
    assert screen.field.cursorPosition() == len("Trần Văn")


def test_a_key_replaces_the_selection(qtbot: QtBot, screen: Screen) -> None:
    screen.field.setText("Nam")
    screen.field.selectAll()
    tap(qtbot, screen.keyboard, "H")
    assert screen.field.text() == "H"


def test_the_field_validator_still_applies(qtbot: QtBot, screen: Screen) -> None:
    letters_only = QRegularExpression(r"[^\d]*")
    screen.field.setValidator(QRegularExpressionValidator(letters_only, screen.field))
    tap(qtbot, screen.keyboard, "An7")
    assert screen.field.text() == "An"  # the digit is refused
    screen.keyboard.set_method(Method.VNI)
    tap(qtbot, screen.keyboard, "1")
    assert screen.field.text() == "Án"  # as a tone the same key is fine


def test_the_field_max_length_still_applies(qtbot: QtBot, screen: Screen) -> None:
    screen.field.setMaxLength(3)
    tap(qtbot, screen.keyboard, "Viee")
    assert screen.field.text() == "Viê"  # turning e into ê adds no letter
    tap(qtbot, screen.keyboard, "t")
    assert screen.field.text() == "Viê"
    tap(qtbot, screen.keyboard, "j")
    assert screen.field.text() == "Việ"


def test_typing_is_a_user_edit(qtbot: QtBot, screen: Screen) -> None:
    """Forms clear their error messages on textEdited: the keyboard must trigger it."""
    with qtbot.waitSignal(screen.field.textEdited) as edited:
        tap(qtbot, screen.keyboard, "a")
    assert edited.args == ["a"]


def test_done_emits_submitted(qtbot: QtBot, screen: Screen) -> None:
    tap(qtbot, screen.keyboard, "Hoaf")
    with qtbot.waitSignal(screen.keyboard.submitted):
        qtbot.mouseClick(screen.keyboard.key(DONE), LEFT)
    assert screen.field.text() == "Hòa"


def test_keys_never_take_the_focus(qtbot: QtBot, screen: Screen) -> None:
    screen.activateWindow()
    screen.field.setFocus()
    qtbot.waitUntil(screen.field.hasFocus)
    tap(qtbot, screen.keyboard, "Hoaf")
    qtbot.mouseClick(screen.keyboard.key(DONE), LEFT)
    assert screen.field.hasFocus()
    for key in ("a", "1", SHIFT, CAPS, SPACE, BACKSPACE, METHOD, DONE):
        assert screen.keyboard.key(key).focusPolicy() == Qt.FocusPolicy.NoFocus


def test_unbound_keyboard_types_nowhere(qtbot: QtBot, screen: Screen) -> None:
    keyboard = screen.keyboard
    with qtbot.waitSignal(keyboard.target_changed) as changed:
        keyboard.bind(None)
    assert changed.args == [None]
    assert keyboard.target is None
    assert not keyboard.key("a").isEnabled()
    assert not keyboard.key(DONE).isEnabled()
    assert keyboard.key(METHOD).isEnabled()  # the choice of method is kept for later
    keyboard.press("a")
    keyboard.press(SHIFT)
    assert screen.field.text() == ""
    other = QLineEdit(screen)
    keyboard.bind(other)
    tap(qtbot, keyboard, "aa")
    assert other.text() == "â"
    assert keyboard.key("a").isEnabled()


def test_keys_are_big_bold_and_named(screen: Screen) -> None:
    keyboard = screen.keyboard
    named = [*"qwertyuiopasdfghjklzxcvbnm1234567890", "-", "/", ",", ".", "'"]
    for key in (*named, SHIFT, CAPS, SPACE, BACKSPACE, METHOD, DONE):
        button = keyboard.key(key)
        assert button.objectName() == f"key_{key}"
        assert button.height() >= 72
        assert button.font().pointSize() >= 22
        assert button.font().bold()
        # no label is clipped
        assert button.fontMetrics().horizontalAdvance(button.text()) < button.width()
    assert keyboard.findChild(QWidget, "key_done") is keyboard.key(DONE)


def test_spare_height_is_shared_by_every_row(qtbot: QtBot, screen: Screen) -> None:
    """On a portrait kiosk the keyboard gets more height than it needs: the bottom row (its
    own layout, so that its long labels widen no letter key) grows like the others."""
    screen.resize(1200, 1400)
    qtbot.waitUntil(lambda: screen.keyboard.height() > 1000)
    heights = {screen.keyboard.key(key).height() for key in ("1", "q", "a", "z", SPACE)}
    assert max(heights) - min(heights) <= 1, heights


ENGLISH = {"⌫ Xóa": "⌫ Delete", "Xong": "Done", "Kiểu gõ: {method}": "Typing: {method}"}


class English(QTranslator):
    """A translator for the keyboard's own strings, without a .qm file."""

    def isEmpty(self) -> bool:
        return False

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return ENGLISH.get(source, "") if context == "VietnameseKeyboard" else ""


def test_labels_follow_a_language_change(qtbot: QtBot, screen: Screen) -> None:
    keyboard = screen.keyboard
    translator = English()
    QCoreApplication.installTranslator(translator)
    try:
        qtbot.waitUntil(lambda: keyboard.key(DONE).text() == "Done")
        assert keyboard.key(BACKSPACE).text() == "⌫ Delete"
        assert keyboard.key(METHOD).text() == "Typing: Telex"
        keyboard.set_method(Method.VNI)
        assert keyboard.key(METHOD).text() == "Typing: VNI"
    finally:
        QCoreApplication.removeTranslator(translator)
    qtbot.waitUntil(lambda: keyboard.key(DONE).text() == "Xong")
    assert keyboard.key(METHOD).text() == "Kiểu gõ: VNI"


TONE_NAMES = {"sắc": "á", "huyền": "à", "hỏi": "ả", "ngã": "ã", "nặng": "ạ"}


def described_rules(hint: str) -> tuple[dict[str, str], dict[str, str], str]:
    """What a hint says: keys → letter ("aa → â", "uw hoặc w → ư"), tone key → tone name,
    and the key that removes the tone."""
    letters = {}
    for keys, letter in re.findall(r"([a-z0-9]+(?: hoặc [a-z0-9]+)*)\s→\s(\w)", hint):
        for typed in keys.split(" hoặc "):
            letters[typed] = letter
    tones = dict(re.findall(r"\b([a-z0-9]) (sắc|huyền|hỏi|ngã|nặng)\b", hint))
    removes = re.findall(r"\b([a-z0-9]) xóa dấu\b", hint)
    assert len(removes) == 1, hint
    return letters, tones, removes[0]


@pytest.mark.parametrize("method", list(Method))
def test_the_hint_describes_exactly_what_the_method_types(method: Method) -> None:
    """Every rule the hint gives is one the engine applies, and it gives every one:
    every mark (â ă ê ô ơ ư đ), all five tones and the key that removes a tone."""
    keyboard = VietnameseKeyboard(method=method)
    hint = keyboard.hint()
    assert ("Telex" if method == Method.TELEX else "VNI") in hint
    letters, tones, remove = described_rules(hint)
    assert set(letters.values()) == set("âăêôơưđ"), hint
    for typed, letter in letters.items():
        assert type_keys(typed, method) == letter, (typed, letter)
    assert set(tones.values()) == set(TONE_NAMES), hint
    for key, name in tones.items():
        assert type_keys("a" + key, method) == TONE_NAMES[name], (key, name)
        assert type_keys("a" + key + remove, method) == "a"


def test_the_hint_follows_the_method(qtbot: QtBot, screen: Screen) -> None:
    keyboard = screen.keyboard
    telex = keyboard.hint()
    qtbot.mouseClick(keyboard.key(METHOD), LEFT)
    assert keyboard.method == Method.VNI and keyboard.hint() != telex and "VNI" in keyboard.hint()
    keyboard.set_method(Method.TELEX)
    assert keyboard.hint() == telex


def test_both_name_pages_show_the_hint_of_the_current_method(qtbot: QtBot) -> None:
    """The manual screen's and the accounts screen's name pages say how to type with the
    method the keyboard is on, and change when the method key is tapped."""
    manual = ManualEntryScreen(lambda: date(2026, 11, 23))
    accounts = HelpersAdminScreen()
    for page in (manual, accounts):
        qtbot.addWidget(page)
    accounts.open_keyboard(accounts.name_field)
    for keyboard, hint in (
        (manual.keyboard, manual.name_hint),
        (accounts.keyboard, accounts.typing_hint),
    ):
        assert hint.text().startswith(keyboard.hint()) and "Telex" in hint.text()
        keyboard.press(METHOD)
        assert keyboard.method == Method.VNI
        assert hint.text().startswith(keyboard.hint()) and "VNI" in hint.text()
    assert manual.name_hint.text().endswith("Gõ xong chạm Xong.")
