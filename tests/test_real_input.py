"""The real kiosk window on a real X server (Xvfb at 1366x768, the commonest counter screen),
driven only by real X input through XTEST: a finger's taps and a keyboard-wedge scanner's
keys, Shift presses included, exactly as a US-layout HID scanner sends them.

Each test starts the kiosk as ``kiosk`` would (tests/workers/x_kiosk.py) with its own data;
what the test knows of the window it asks the window (where a button is, which screen is
up); what it does goes through the X server, Qt's xcb plugin and the app's event filters.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_identity import HA, payload
from tests.xkiosk import XKiosk
from tests.xserver import XServer

pytestmark = pytest.mark.skipif(
    shutil.which("Xvfb") is None, reason="Xvfb is missing (scripts/setup.sh installs xvfb)"
)

CARD = payload()  # Phạm Thị Thu Hà's card: capitals, "|", Vietnamese letters


@pytest.fixture(scope="module")
def x_server() -> Iterator[XServer]:
    with XServer(1366, 768) as server:
        yield server


@pytest.fixture
def window(x_server: XServer, tmp_path: Path) -> Iterator[XKiosk]:
    env = {
        "KIOSK_CONFIG_DIR": str(tmp_path / "config"),
        "KIOSK_DATA_DIR": str(tmp_path / "data"),
        "KIOSK_PIN_HASH_TIME_COST": "1",
        "KIOSK_PIN_HASH_MEMORY_KIB": "1024",
    }
    with XKiosk(x_server, env, tmp_path) as kiosk:
        yield kiosk


def to_scan_screen(window: XKiosk) -> None:
    window.wait_screen("WelcomeScreen")
    window.tap("screens.welcome.start")
    window.wait_screen("ScanScreen")


def test_a_wedge_scanner_that_presses_shift_reads_the_card(window: XKiosk) -> None:
    """Every card payload has "|" and capitals, for which the scanner presses Shift; a
    scanner whose layout has every letter of the card (the counter's own) reads it whole."""
    to_scan_screen(window)
    keys = window.input
    assert keys is not None
    with keys.keys_for(CARD):
        assert keys.type_as_scanner(CARD) == CARD
        window.wait_screen("ConfirmScreen")
    assert window.where("screens.confirm.values.0")["text"] == HA.full_name


def test_a_us_layout_scanner_that_loses_the_vietnamese_letters_says_to_switch_it(
    window: XKiosk,
) -> None:
    """A US-layout scanner has no key for "ạ" or "ị": it sends nothing for them. The burst
    is still caught (not typed into the screen) and the volunteer is told what to do."""
    to_scan_screen(window)
    keys = window.input
    assert keys is not None
    typed = keys.type_as_scanner(CARD)
    assert typed != CARD and "|" in typed  # the letters with diacritics were lost
    window.wait_for("the USB-COM hint", lambda: "COM" in window.state()["scan_message"])
    assert window.state()["screen"] == "ScanScreen"


@pytest.mark.parametrize("apart_s", [0.15, 0.25])
def test_a_double_tap_acts_once_on_the_screen_it_was_meant_for(
    window: XKiosk, apart_s: float
) -> None:
    """Two quick taps on the guide's "Bắt đầu": the first opens step 1, whose "Tiếp theo"
    is where "Bắt đầu" was; the second tap must not skip step 1 unread. A tap once the step
    was read goes on to step 2."""
    to_scan_screen(window)
    window.tap("screens.scan.anonymous")
    window.wait_screen("ServicesScreen")
    window.tap("screens.services.tiles.portal_account")
    window.wait_for(
        "the service ticked", lambda: window.where("screens.services.proceed")["enabled"]
    )
    time.sleep(0.3)
    window.tap("screens.services.proceed")
    window.wait_screen("GuideScreen")
    assert window.where("screens.guide.step_title")["text"] == "Cần chuẩn bị"
    window.double_tap("screens.guide.next", apart_s=apart_s)
    time.sleep(0.3)
    window.shot("guide-after-double-tap")
    assert window.where("screens.guide.progress_text")["text"].startswith("Bước 1/")
    time.sleep(0.6)  # reading step 1
    window.tap("screens.guide.next")
    window.wait_for(
        "step 2",
        lambda: window.where("screens.guide.progress_text")["text"].startswith("Bước 2/"),
    )


def test_a_swipe_scrolls_a_screen_that_does_not_fit_and_presses_nothing(window: XKiosk) -> None:
    """At the largest text the welcome screen is taller than a 1366x768 monitor: its page
    scrolls. A swipe that starts on "Bắt đầu" scrolls and does not start a visit; a tap
    on it still does."""
    window.wait_screen("WelcomeScreen")
    for step in (1, 2):
        window.tap("shell.top_bar.text_size_button")

        def bigger(step: int = step) -> bool:
            return bool(window.state()["text_step"] == step)

        window.wait_for(f"text size {step}", bigger)
    window.wait_for("the page to scroll", lambda: window.state()["scroll_max"] > 0)
    x, y = window.centre("screens.welcome.start")
    assert window.input is not None
    window.input.swipe(x, y, -300)
    window.wait_for("the swipe to scroll", lambda: window.state()["scroll"] > 0)
    time.sleep(0.6)  # a click would have been delivered by now
    state = window.state()
    assert state["screen"] == "WelcomeScreen", state
    assert state["scroll"] == state["scroll_max"], state
    window.tap("screens.welcome.start")
    window.wait_screen("ScanScreen")
