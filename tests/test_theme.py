"""The touch theme: AAA contrast in both palettes, sizes that scale, large text for seniors."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from datetime import date

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.services.identity import IdentityField as F
from kiosk.ui.theme import (
    BODY_PT,
    HIGH_CONTRAST,
    NORMAL,
    TEXT_PAIRS,
    TEXT_SCALES,
    Palette,
    Theme,
    base_font,
    contrast_ratio,
    style_sheet,
)
from kiosk.ui.widgets.manual_entry import ManualEntryForm
from kiosk.ui.widgets.numeric_keypad import BACKSPACE as KEYPAD_BACKSPACE
from kiosk.ui.widgets.numeric_keypad import KEY_SIZE
from kiosk.ui.widgets.vietnamese_keyboard import (
    BACKSPACE,
    CAPS,
    DONE,
    KEY_HEIGHT,
    METHOD,
    SHIFT,
    SPACE,
    VietnameseKeyboard,
)


@pytest.mark.parametrize("palette", [NORMAL, HIGH_CONTRAST], ids=lambda p: p.name)
def test_every_text_pair_reaches_wcag_aaa(palette: Palette) -> None:
    ratios = {
        (fg, bg): contrast_ratio(getattr(palette, fg), getattr(palette, bg))
        for fg, bg in TEXT_PAIRS
    }
    assert min(ratios.values()) >= 7.0, ratios


def test_contrast_ratio_matches_the_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_text_size_steps_scale_the_style_sheet_and_wrap_around() -> None:
    theme = Theme()
    assert f"font-size: {BODY_PT}pt" in style_sheet(theme)
    bigger = theme.next_text_step()
    assert bigger.pt(BODY_PT) > BODY_PT
    assert f"font-size: {bigger.pt(BODY_PT)}pt" in style_sheet(bigger)
    assert bigger.next_text_step().next_text_step() == theme


def test_high_contrast_changes_colours_only() -> None:
    normal = style_sheet(Theme(text_step=1))
    high = style_sheet(Theme(high_contrast=True, text_step=1))
    window_rule = "background: {window}; color: {text};"
    assert window_rule.format(window=NORMAL.window, text=NORMAL.text) in normal
    assert window_rule.format(window=HIGH_CONTRAST.window, text=HIGH_CONTRAST.text) in high
    assert normal.replace(NORMAL.window, "") != high.replace(HIGH_CONTRAST.window, "")


@pytest.mark.parametrize("step", range(len(TEXT_SCALES)))
def test_high_contrast_lays_out_exactly_as_the_normal_theme(step: int) -> None:
    """Only colours differ (no border, font or padding): so tests/test_layouts.py, which
    checks every screen at every size, need not walk the screens twice for contrast."""
    colour = re.compile(r"#[0-9A-Fa-f]{6}\b|rgba?\([^)]*\)")
    normal = colour.sub("<colour>", style_sheet(Theme(False, step)))
    high = colour.sub("<colour>", style_sheet(Theme(True, step)))
    assert normal == high


# -- the touch widgets as Qt draws them under each theme -------------------------------------

THEMES = [Theme(high, step) for high in (False, True) for step in range(len(TEXT_SCALES))]


def theme_id(theme: Theme) -> str:
    return f"{theme.palette.name}-{theme.text_step}"


class Window(QWidget):
    """The manual form above the Vietnamese keyboard, styled as the kiosk window styles them."""

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self.theme = theme
        self.setObjectName("kiosk_root")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.form = ManualEntryForm(lambda: date(2026, 11, 23))
        self.keyboard = VietnameseKeyboard()
        self.field = QLineEdit()
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.field)
        layout.addWidget(self.keyboard)
        self.setFont(base_font(None, theme))
        self.setStyleSheet(style_sheet(theme))


@pytest.fixture(params=THEMES, ids=theme_id)
def window(request: pytest.FixtureRequest, qtbot: QtBot) -> Window:
    widget = Window(request.param)
    qtbot.addWidget(widget)
    widget.resize(1366, widget.sizeHint().height())
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def drawn_colours(window: QWidget, widget: QWidget, inset: int) -> tuple[str, float]:
    """The background Qt painted behind ``widget``'s text, and the contrast of its text.

    The background is the commonest colour inside the widget (``inset`` px in from its
    edges, clear of borders and rounded corners); the text is the pixel that stands out
    most from it, so anti-aliased edges do not lower the figure.
    """
    image = window.grab().toImage()
    origin = widget.mapTo(window, QPoint(0, 0))
    rect = QRect(origin, widget.size()).adjusted(inset, inset, -inset, -inset)
    colours = Counter(
        image.pixelColor(x, y).name().upper()
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    )
    background = colours.most_common(1)[0][0]
    return background, max(contrast_ratio(colour, background) for colour in colours)


def test_the_touch_widgets_are_drawn_in_the_theme_at_aaa_contrast(window: Window) -> None:
    """What the citizen actually sees: every text, placeholder and disabled key, on the
    background the theme gives it, reaches 7:1 in both palettes and at every text size."""
    p = window.theme.palette
    form, keyboard = window.form, window.keyboard
    form.female_button.setChecked(True)
    form.confirm()  # an empty form: the ID number's error shows
    keyboard.bind(None)  # every key but the method key disabled
    seen: dict[str, tuple[str, float]] = {}
    expected: dict[str, str] = {}

    def look(name: str, widget: QWidget, background: str, inset: int = 16) -> None:
        seen[name] = drawn_colours(window, widget, inset)
        expected[name] = background

    look("placeholder", form.name_field, p.secondary)
    look("heading", form._heading, p.window, inset=2)
    look("caption", form._captions[F.FULL_NAME], p.window, inset=2)
    look("error", form._errors[F.ID_NUMBER][1], p.window, inset=2)
    look("gender", form.male_button, p.secondary)
    look("gender checked", form.female_button, p.choice_checked)
    look("confirm", form.confirm_button, p.success)
    look("cancel", form.cancel_button, p.secondary)
    look("keypad digit", form.keypad.key("7"), p.panel)
    look("keypad disabled", form.keypad.key("/"), p.window)
    look("keyboard disabled", keyboard.key("q"), p.window)
    look("method", keyboard.key(METHOD), p.secondary)
    keyboard.bind(window.field)
    keyboard.press(SHIFT)
    look("letter", keyboard.key("w"), p.panel)
    look("shift checked", keyboard.key(SHIFT), p.choice_checked)
    look("done", keyboard.key(DONE), p.success)
    low = {name: round(ratio, 2) for name, (_, ratio) in seen.items() if ratio < 7.0}
    assert not low, low
    assert {name: bg for name, (bg, _) in seen.items()} == expected


def test_the_touch_widgets_grow_with_the_text_size(qtbot: QtBot) -> None:
    """Each step makes the form's and the keys' text bigger; keys keep a finger's size and
    word keys stay wide enough for their labels."""
    sizes = []
    for step in range(len(TEXT_SCALES)):
        window = Window(Theme(False, step))
        qtbot.addWidget(window)
        window.resize(1366, window.sizeHint().height())
        window.show()
        qtbot.waitExposed(window)
        form, keyboard = window.form, window.keyboard
        sizes.append(
            (
                form._heading.font().pointSize(),
                form.name_field.font().pointSize(),
                form.confirm_button.font().pointSize(),
                form.keypad.key("1").font().pointSize(),
                keyboard.key("a").font().pointSize(),
                keyboard.key(DONE).font().pointSize(),
            )
        )
        for key in (*"0123456789/", KEYPAD_BACKSPACE):
            button = form.keypad.key(key)
            assert min(button.width(), button.height()) >= KEY_SIZE
        for key in (*"qwertyuiopasdfghjklzxcvbnm", SHIFT, CAPS, SPACE, BACKSPACE, METHOD, DONE):
            button = keyboard.key(key)
            assert button.height() >= KEY_HEIGHT
            assert button.fontMetrics().horizontalAdvance(button.text()) < button.width(), key
        widths = {keyboard.key(key).width() for key in "1234567890qwertyuiopasdfghjklzxcvbnm"}
        assert max(widths) <= 1.1 * min(widths), widths  # the letter keys stay even
    for smaller, larger in itertools.pairwise(sizes):
        assert all(a < b for a, b in zip(smaller, larger, strict=True)), sizes
