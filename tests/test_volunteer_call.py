"""Calling the volunteer: "Tôi gặp khó ở bước này" is heard (espeak-ng, through ALSA's null
device) and seen (the top bar's flag blinks) until the volunteer taps the flag."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.devices.speech import EspeakSpeaker
from kiosk.ui.main_window import KioskGui
from kiosk.ui.volunteer_call import MAX_SAYS, VolunteerCall, call_text
from kiosk.ui.widgets.top_bar import TopBar
from tests.conftest import GuiFactory
from tests.test_gui import agreed, shown, tap
from tests.test_speech import audio_env

SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def _to_first_step(qtbot: QtBot, gui: KioskGui) -> None:
    s = gui.screens
    agreed(qtbot, gui)
    tap(qtbot, s.services.tiles["vssid"])
    tap(qtbot, s.services.proceed)
    shown(qtbot, gui, s.guide)
    tap(qtbot, s.guide.next)  # "Cần chuẩn bị" → step 1
    assert s.guide.position == 1


@SQLITE
def test_a_stuck_citizen_calls_the_volunteer_aloud_and_with_a_flag(
    kiosk: Kiosk, make_gui: GuiFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    speaker = EspeakSpeaker(env=audio_env(tmp_path, "type null"))
    gui = make_gui(kiosk, speaker=speaker)
    bar = gui.shell.top_bar
    _to_first_step(qtbot, gui)
    assert not bar.calling and bar.helper_button.text() == "Tình nguyện viên"

    tap(qtbot, gui.screens.guide.stuck_button)
    assert bar.calling and bar.helper_button.text() == "Mời tình nguyện viên!"
    assert speaker.speaking  # espeak-ng is saying the call
    background = bar.helper_button.palette().button().color().name()
    qtbot.waitUntil(lambda: bar.helper_button.property("blink") is True, timeout=3_000)
    assert bar.helper_button.palette().button().color().name() != background  # it blinks

    tap(qtbot, bar.helper_button)  # the volunteer came: the flag opens helper mode
    assert not bar.calling and bar.helper_button.text() == "Tình nguyện viên"
    speaker.stop()


@SQLITE
def test_the_end_of_the_visit_lowers_the_flag(
    kiosk: Kiosk, make_gui: GuiFactory, qtbot: QtBot
) -> None:
    gui = make_gui(kiosk)  # read aloud off in the settings: the flag alone calls
    _to_first_step(qtbot, gui)
    tap(qtbot, gui.screens.guide.stuck_button)
    assert gui.shell.top_bar.calling
    gui.flow.end_visit()
    assert not gui.shell.top_bar.calling


class _Voice:
    """The speaker's edge: what would have come out of the loudspeaker."""

    def __init__(self) -> None:
        self.said: list[tuple[str, str]] = []

    def say(self, text: str, language: str) -> None:
        self.said.append((text, language))

    def stop(self) -> None:
        pass

    @property
    def speaking(self) -> bool:
        return False


def test_the_call_is_repeated_a_few_times_then_the_flag_alone_waits(qtbot: QtBot) -> None:
    bar = TopBar("Trung tâm · Q01")
    qtbot.addWidget(bar)
    voice = _Voice()
    call = VolunteerCall(bar, voice, lambda: "vi", repeat_ms=20)  # type: ignore[arg-type]
    call.call()
    qtbot.waitUntil(lambda: len(voice.said) == MAX_SAYS, timeout=2_000)
    qtbot.wait(100)
    assert voice.said == [(call_text(), "vi")] * MAX_SAYS and call.calling
    call.answer()
    assert not call.calling
