"""The touch theme: palettes (normal and high contrast), text sizes and the style sheet.

Screens never pick colours or sizes themselves: they tag widgets with a ``role`` (labels)
or ``kind`` (buttons) property, or ``key`` (the keys of the on-screen keypad and keyboard),
and the window's style sheet does the rest, so changing the contrast or the text size
restyles every screen at once. Every text/background pair of both palettes, placeholders
and disabled keys included, reaches WCAG AAA (7:1); ``tests/test_theme.py`` checks the
pairs and the colours Qt actually draws.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

BODY_PT = 20  # at least 20 pt body text at 1080p
TEXT_SCALES = (1.0, 1.25, 1.5)  # the text-size control steps through these
LARGE_TEXT_STEP = 1  # what a citizen aged 60 or more gets automatically
TOUCH_MIN_PX = 96  # 15 mm is ~90 px on a 21.5" 1080p panel
BAR_PT = 17  # the top bar keeps its size, so its text-size control is always where it was
KEY_PT = 26  # a key of the on-screen keypad or keyboard: a letter or digit
WORD_KEY_PT = 22  # a key labelled with a word ("⌫ Xóa", "Xong")


@dataclass(frozen=True)
class Palette:
    """Colours of one theme; each ``*_text`` colour is read on the background it pairs with."""

    name: str
    window: str
    text: str
    muted_text: str
    panel: str
    border: str
    bar: str
    bar_text: str
    primary: str
    primary_text: str
    secondary: str
    secondary_text: str
    choice_checked: str
    choice_checked_text: str
    success: str
    success_text: str
    danger: str
    danger_text: str
    error_text: str
    notice: str
    notice_text: str


NORMAL = Palette(
    name="normal",
    window="#FFFFFF",
    text="#111111",
    muted_text="#3A3A3A",
    panel="#F3F5F9",
    border="#4A4A4A",
    bar="#0A3A8C",
    bar_text="#FFFFFF",
    primary="#0A3A8C",
    primary_text="#FFFFFF",
    secondary="#FFFFFF",
    secondary_text="#111111",
    choice_checked="#0A3A8C",
    choice_checked_text="#FFFFFF",
    success="#0B4F1F",
    success_text="#FFFFFF",
    danger="#8A0010",
    danger_text="#FFFFFF",
    error_text="#8A0010",
    notice="#FFF4C2",
    notice_text="#111111",
)

HIGH_CONTRAST = Palette(
    name="high_contrast",
    window="#000000",
    text="#FFFFFF",
    muted_text="#E6E6E6",
    panel="#111111",
    border="#FFFFFF",
    bar="#000000",
    bar_text="#FFE14D",
    primary="#FFE14D",
    primary_text="#000000",
    secondary="#000000",
    secondary_text="#FFFFFF",
    choice_checked="#FFE14D",
    choice_checked_text="#000000",
    success="#7CFC9A",
    success_text="#000000",
    danger="#FF9E9E",
    danger_text="#000000",
    error_text="#FF9E9E",
    notice="#FFE14D",
    notice_text="#000000",
)

# (foreground, background) attribute pairs that must reach 7:1.
TEXT_PAIRS = (
    ("text", "window"),
    ("muted_text", "window"),
    ("text", "panel"),  # on-screen keys
    ("muted_text", "secondary"),  # a field's placeholder
    ("bar_text", "bar"),
    ("primary_text", "primary"),
    ("secondary_text", "secondary"),
    ("choice_checked_text", "choice_checked"),
    ("success_text", "success"),
    ("danger_text", "danger"),
    ("error_text", "window"),
    ("notice_text", "notice"),
)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two ``#RRGGBB`` colours (1 to 21)."""
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@dataclass(frozen=True)
class Theme:
    """What the citizen chose on screen: contrast and text size (reset after each visit)."""

    high_contrast: bool = False
    text_step: int = 0

    @property
    def palette(self) -> Palette:
        """The colours in use."""
        return HIGH_CONTRAST if self.high_contrast else NORMAL

    @property
    def scale(self) -> float:
        """Text scale factor of the current step."""
        return TEXT_SCALES[self.text_step]

    def pt(self, base: float) -> int:
        """A point size scaled to the chosen text size."""
        return round(base * self.scale)

    def button_pt(self, base: float) -> int:
        """A button label's point size: grows half as fast as text, so rows still fit."""
        return round(base * (1 + (self.scale - 1) / 2))

    def next_text_step(self) -> Theme:
        """The theme with the next text size (wrapping back to normal)."""
        return Theme(self.high_contrast, (self.text_step + 1) % len(TEXT_SCALES))

    def with_contrast(self, high: bool) -> Theme:
        """The theme with high contrast on or off."""
        return Theme(high, self.text_step)


def style_sheet(theme: Theme) -> str:
    """The window-wide style sheet for ``theme``."""
    p = theme.palette
    pt = theme.pt
    return f"""
QWidget#kiosk_root, QStackedWidget, QWidget[screen="true"] {{
    background: {p.window}; color: {p.text};
}}
QLabel {{ color: {p.text}; background: transparent; }}
QLabel[role="title"] {{ font-size: {pt(34)}pt; font-weight: bold; }}
QLabel[role="heading"] {{ font-size: {pt(26)}pt; font-weight: bold; }}
QLabel[role="body"] {{ font-size: {pt(BODY_PT)}pt; }}
QLabel[role="muted"] {{ font-size: {pt(BODY_PT)}pt; color: {p.muted_text}; }}
QLabel[role="error"] {{ font-size: {pt(BODY_PT)}pt; color: {p.error_text}; font-weight: bold; }}
QLabel[role="notice"] {{
    font-size: {pt(BODY_PT)}pt; background: {p.notice}; color: {p.notice_text};
    border-radius: 12px; padding: 12px 18px;
}}
QLabel[role="big_number"] {{ font-size: {pt(44)}pt; font-weight: bold; }}
QLabel[role="caption"] {{ font-size: {pt(22)}pt; font-weight: bold; }}
QFrame[role="panel"] {{
    background: {p.panel}; border: 2px solid {p.border}; border-radius: 16px;
}}
QFrame[role="panel"] QLabel {{ background: transparent; }}
QWidget#top_bar {{ background: {p.bar}; }}
QWidget#top_bar QLabel {{ color: {p.bar_text}; font-size: {BAR_PT}pt; }}
QWidget#top_bar QPushButton {{
    background: {p.bar}; color: {p.bar_text}; border: 2px solid {p.bar_text};
    border-radius: 12px; padding: 6px 14px; font-size: {BAR_PT}pt; font-weight: bold;
    min-height: 64px; min-width: 64px;
}}
QWidget#top_bar QPushButton:checked {{ background: {p.bar_text}; color: {p.bar}; }}
QWidget#top_bar QPushButton[calling="true"] {{
    background: {p.notice}; color: {p.notice_text}; border: 4px solid {p.notice_text};
}}
QWidget#top_bar QPushButton[calling="true"][blink="true"] {{
    background: {p.notice_text}; color: {p.notice}; border: 4px solid {p.notice};
}}
QPushButton[kind] {{
    min-height: {TOUCH_MIN_PX}px; border-radius: 14px; padding: 8px 16px;
    font-size: {theme.button_pt(22)}pt; font-weight: bold;
    background: {p.secondary}; color: {p.secondary_text}; border: 3px solid {p.border};
}}
QPushButton[kind="primary"] {{
    background: {p.primary}; color: {p.primary_text}; border: 3px solid {p.primary};
}}
QPushButton[kind="success"] {{
    background: {p.success}; color: {p.success_text}; border: 3px solid {p.success};
}}
QPushButton[kind="danger"] {{
    background: {p.danger}; color: {p.danger_text}; border: 3px solid {p.danger};
}}
QPushButton[kind="choice"] {{ text-align: left; padding: 12px 24px; }}
QPushButton[kind="choice"]:checked {{
    background: {p.choice_checked}; color: {p.choice_checked_text};
    border: 3px solid {p.choice_checked};
}}
QLabel#choice_caption {{
    font-size: {theme.button_pt(21)}pt; font-weight: bold; color: {p.secondary_text};
}}
QLabel#choice_caption[checked="true"] {{ color: {p.choice_checked_text}; }}
QPushButton[kind="toggle"]:checked {{
    background: {p.choice_checked}; color: {p.choice_checked_text};
    border: 3px solid {p.choice_checked};
}}
QPushButton[key] {{
    background: {p.panel}; color: {p.text}; border: 3px solid {p.border};
    border-radius: 12px; padding: 0px 6px;
    font-size: {theme.button_pt(KEY_PT)}pt; font-weight: bold;
}}
QPushButton[key="word"] {{ font-size: {theme.button_pt(WORD_KEY_PT)}pt; }}
QPushButton[key]:pressed, QPushButton[key]:checked {{
    background: {p.choice_checked}; color: {p.choice_checked_text};
    border: 3px solid {p.choice_checked};
}}
QPushButton#key_method {{
    background: {p.secondary}; color: {p.secondary_text}; border: 3px solid {p.primary};
}}
QPushButton#key_done {{
    background: {p.success}; color: {p.success_text}; border: 3px solid {p.success};
}}
QPushButton#key_method:pressed, QPushButton#key_done:pressed {{
    background: {p.choice_checked}; color: {p.choice_checked_text};
    border: 3px solid {p.choice_checked};
}}
QPushButton:disabled, QPushButton[kind]:disabled, QPushButton[key]:disabled,
QPushButton#key_done:disabled {{
    background: {p.window}; color: {p.muted_text}; border: 3px dashed {p.muted_text};
}}
QLineEdit {{
    font-size: {pt(26)}pt; padding: 8px 14px; min-height: 72px;
    background: {p.secondary}; color: {p.secondary_text};
    placeholder-text-color: {p.muted_text};
    border: 3px solid {p.border}; border-radius: 12px;
}}
QLineEdit[active="true"] {{ border: 5px solid {p.primary}; }}
QLineEdit[error="true"] {{ border: 5px solid {p.error_text}; }}
QFrame[role="choice_box"] {{
    background: transparent; border: 5px solid transparent; border-radius: 14px;
}}
QFrame[role="choice_box"][error="true"] {{ border: 5px solid {p.error_text}; }}
QScrollArea, QScrollArea > QWidget > QWidget {{ background: {p.window}; border: none; }}
QScrollBar:vertical {{ width: 32px; background: {p.panel}; border: none; }}
QScrollBar::handle:vertical {{ background: {p.border}; border-radius: 10px; min-height: 80px; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0px; }}
QListWidget {{
    font-size: {pt(BODY_PT)}pt; background: {p.window}; color: {p.text};
    border: 2px solid {p.border}; border-radius: 12px;
}}
QListWidget::item {{ min-height: 72px; padding: 6px 12px; border-bottom: 1px solid {p.border}; }}
QListWidget::item:selected {{ background: {p.choice_checked}; color: {p.choice_checked_text}; }}
QWidget#idle_overlay {{ background: rgba(0, 0, 0, 200); }}
QFrame#idle_card {{ background: {p.window}; border: 4px solid {p.border}; border-radius: 24px; }}
"""


def set_role(widget: QWidget, role: str) -> QWidget:
    """Tag a label or frame with its style role (title, heading, body, muted, error…)."""
    widget.setProperty("role", role)
    return widget


def set_kind(widget: QWidget, kind: str) -> QWidget:
    """Tag a button with its style kind (plain, primary, success, danger, choice, toggle).

    Only tagged buttons take the theme's button style. The keys of the on-screen keypad and
    keyboard are tagged with :func:`set_key` instead: they keep their own sizes.
    """
    widget.setProperty("kind", kind)
    return widget


def set_key(widget: QWidget, *, word: bool = False) -> QWidget:
    """Tag a key of an on-screen keypad or keyboard (``word``: labelled with a word)."""
    widget.setProperty("key", "word" if word else "char")
    return widget


def restyle(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property changed (Qt does not on its own)."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def base_font(family: str | None, theme: Theme) -> QFont:
    """The window's default font at the theme's text size."""
    font = QFont(family) if family else QFont()
    font.setPointSize(theme.pt(BODY_PT))
    return font
