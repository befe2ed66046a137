"""The touch theme: AAA contrast in both palettes, sizes that scale, large text for seniors."""

from __future__ import annotations

import re

import pytest

from kiosk.ui.theme import (
    BODY_PT,
    HIGH_CONTRAST,
    NORMAL,
    TEXT_PAIRS,
    TEXT_SCALES,
    Palette,
    Theme,
    contrast_ratio,
    style_sheet,
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
