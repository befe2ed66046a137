"""Reading aloud with the real espeak-ng: WAV output, non-blocking say/stop, failures that surface.

Playback tests pick the audio device through the environment of the espeak-ng process:
ALSA's ``null`` device (plays nothing, succeeds) or a sound card that does not exist (fails
like a PC without speakers). PulseAudio is pointed nowhere so a developer's desk stays quiet.
"""

from __future__ import annotations

import os
import shutil
import time
import unicodedata
import wave
from collections.abc import Callable
from pathlib import Path

import psutil
import pytest

from kiosk.app import build_speaker
from kiosk.cli import main
from kiosk.devices.speech import (
    SPEECH_FAILED,
    SPEECH_MISSING,
    SPEECH_NO_AUDIO,
    EspeakSpeaker,
    SpeechError,
    SpeechUnavailableError,
)
from kiosk.settings import Settings, load_settings

pytestmark = pytest.mark.skipif(
    shutil.which("espeak-ng") is None and not os.environ.get("CI"),
    reason="espeak-ng is not installed (scripts/setup.sh installs it)",
)

GREETING = "Xin chào bác, mời bác ngồi."
# Long enough that espeak-ng needs seconds even when its output device discards sound.
LONG_TEXT = "Bác hãy đưa mã QR trên thẻ căn cước vào giữa khung vàng và giữ yên. " * 400


def audio_env(tmp_path: Path, pcm: str) -> dict[str, str]:
    """An environment whose ALSA default device is ``pcm`` and whose PulseAudio is absent."""
    home = tmp_path / f"home-{pcm.replace(' ', '-')}"
    home.mkdir(exist_ok=True)
    (home / ".asoundrc").write_text(f"pcm.!default {{ {pcm} }}\n", encoding="utf-8")
    return {
        "PATH": os.environ.get("PATH", os.defpath),
        "HOME": str(home),
        "PULSE_SERVER": "unix:/nonexistent/pulse",
        "LANG": "C.UTF-8",
    }


@pytest.fixture
def silent_env(tmp_path: Path) -> dict[str, str]:
    """Playback succeeds into ALSA's null device."""
    return audio_env(tmp_path, "type null")


@pytest.fixture
def no_sound_card_env(tmp_path: Path) -> dict[str, str]:
    """Playback fails like on a PC without a sound card."""
    return audio_env(tmp_path, "type hw card 99")


def espeak_children() -> list[psutil.Process]:
    return [p for p in psutil.Process().children() if "espeak" in p.name()]


def wait_for(condition: Callable[[], bool], timeout: float = 5.0) -> bool:
    """Poll a process-level condition (no Qt event loop here to wait on)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def wav_facts(path: Path) -> tuple[bytes, int, float]:
    header = path.read_bytes()[:12]
    with wave.open(str(path), "rb") as wav:
        return header, wav.getframerate(), wav.getnframes() / wav.getframerate()


# --- synthesis -----------------------------------------------------------------------------


def test_synthesize_vietnamese_to_a_wav_that_grows_with_the_text(tmp_path: Path) -> None:
    speaker = EspeakSpeaker()
    short = speaker.synthesize("Xin chào", "vi", tmp_path / "short.wav")
    long = speaker.synthesize(GREETING + " " + GREETING, "vi", tmp_path / "long.wav")
    header, rate, short_seconds = wav_facts(short)
    assert header[:4] == b"RIFF" and header[8:12] == b"WAVE"
    assert rate == 22050
    _, _, long_seconds = wav_facts(long)
    assert 0.3 < short_seconds < long_seconds
    assert long_seconds > 2 * short_seconds


def test_rate_slows_the_voice_down(tmp_path: Path) -> None:
    slow = EspeakSpeaker(rate=80).synthesize(GREETING, "vi", tmp_path / "slow.wav")
    fast = EspeakSpeaker(rate=300).synthesize(GREETING, "vi", tmp_path / "fast.wav")
    assert wav_facts(slow)[2] > 2 * wav_facts(fast)[2]
    with pytest.raises(ValueError, match="rate"):
        EspeakSpeaker(rate=20)


def test_english_voice_and_text_that_looks_like_an_option(tmp_path: Path) -> None:
    speaker = EspeakSpeaker()
    english = speaker.synthesize("Welcome to the help desk.", "en", tmp_path / "en.wav")
    assert wav_facts(english)[2] > 0.5
    # Text goes through stdin, so "-v xx --help" is read aloud, never parsed as options.
    dashes = speaker.synthesize("-v xx --help", "vi", tmp_path / "dashes.wav")
    assert wav_facts(dashes)[2] > 0.3
    with pytest.raises(ValueError, match="language"):
        speaker.synthesize("Bonjour", "fr", tmp_path / "fr.wav")


def test_decomposed_text_is_read_like_precomposed(tmp_path: Path) -> None:
    text = "Nguyễn Thị Lệ Thủy"
    speaker = EspeakSpeaker()
    nfc = speaker.synthesize(text, "vi", tmp_path / "nfc.wav")
    nfd = speaker.synthesize(unicodedata.normalize("NFD", text), "vi", tmp_path / "nfd.wav")
    assert nfc.read_bytes() == nfd.read_bytes()


def test_unwritable_wav_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SpeechError) as error:
        EspeakSpeaker().synthesize("Xin chào", "vi", tmp_path / "no-such-dir" / "x.wav")
    assert "Không ghi được tệp âm thanh" in error.value.message
    assert error.value.params == {"path": str(tmp_path / "no-such-dir" / "x.wav")}


# --- playback ------------------------------------------------------------------------------


def test_say_returns_at_once_and_stop_kills_the_process(silent_env: dict[str, str]) -> None:
    speaker = EspeakSpeaker(env=silent_env)
    started = time.monotonic()
    speaker.say(LONG_TEXT, "vi")
    assert time.monotonic() - started < 0.5
    assert speaker.speaking
    [process] = espeak_children()
    speaker.stop()
    assert not speaker.speaking
    assert not process.is_running() or process.status() == psutil.STATUS_ZOMBIE
    assert speaker.poll() is None  # stopping is not a failure


def test_a_new_say_stops_the_previous_one(silent_env: dict[str, str]) -> None:
    speaker = EspeakSpeaker(env=silent_env)
    speaker.say(LONG_TEXT, "vi")
    [first] = espeak_children()
    speaker.say(LONG_TEXT, "en")
    assert wait_for(lambda: not first.is_running())
    assert [p.pid for p in espeak_children()] != [first.pid]
    assert speaker.speaking
    speaker.stop()
    assert wait_for(lambda: not espeak_children())


def test_a_short_utterance_plays_through(silent_env: dict[str, str]) -> None:
    speaker = EspeakSpeaker(env=silent_env)
    speaker.say(GREETING, "vi")
    assert speaker.wait(10)
    assert not speaker.speaking
    assert speaker.poll() is None
    speaker.say("   ", "vi")  # nothing to read: nothing started
    assert not speaker.speaking


def test_no_sound_card_surfaces_through_poll_and_callback(
    no_sound_card_env: dict[str, str],
) -> None:
    reported: list[SpeechError] = []
    speaker = EspeakSpeaker(env=no_sound_card_env, on_error=reported.append)
    speaker.say(GREETING, "vi")
    assert speaker.wait(10)
    failure = speaker.poll()
    assert isinstance(failure, SpeechError)
    assert failure.template == SPEECH_NO_AUDIO and failure.message == SPEECH_NO_AUDIO
    assert "error:" in failure.detail and GREETING not in failure.detail
    assert reported == [failure]
    assert speaker.poll() is None  # reported once


def test_a_missing_voice_is_a_failure(silent_env: dict[str, str]) -> None:
    speaker = EspeakSpeaker(env=silent_env, voices={"vi": "xx"})
    speaker.say(GREETING, "vi")
    assert speaker.wait(10)
    failure = speaker.poll()
    assert failure is not None and failure.message == SPEECH_FAILED
    assert "exit 1" in failure.detail


def test_a_missing_program_is_a_vietnamese_error(tmp_path: Path) -> None:
    speaker = EspeakSpeaker(command="no-such-espeak")
    with pytest.raises(SpeechUnavailableError) as error:
        speaker.say(GREETING, "vi")
    assert error.value.message == SPEECH_MISSING.format(command="no-such-espeak")
    assert error.value.message.startswith("Máy chưa cài chương trình đọc to (no-such-espeak)")
    assert error.value.translation_context == "speech"
    with pytest.raises(SpeechUnavailableError):
        speaker.synthesize(GREETING, "vi", tmp_path / "x.wav")
    with pytest.raises(SpeechUnavailableError):
        speaker.check()
    assert Path(EspeakSpeaker().check()).name == "espeak-ng"


# --- settings and CLI ----------------------------------------------------------------------


def test_build_speaker_follows_the_settings(isolated_dirs: Path) -> None:
    config = isolated_dirs / "config"
    config.mkdir(parents=True, exist_ok=True)
    path = config / "settings.toml"
    path.write_text('[speech]\nrate = 120\ncommand = "espeak-ng"\n', encoding="utf-8")
    speaker = build_speaker(load_settings())
    assert isinstance(speaker, EspeakSpeaker) and speaker.rate == 120
    path.write_text("[speech]\nenabled = false\n", encoding="utf-8")
    assert build_speaker(load_settings()) is None
    defaults = Settings(config_dir=config, data_dir=isolated_dirs)
    assert (defaults.speech_enabled, defaults.speech_rate) == (True, 150)


def test_speech_settings_are_validated(isolated_dirs: Path) -> None:
    from kiosk.errors import SettingsError

    config = isolated_dirs / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.toml").write_text("[speech]\nrate = 500\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"speech\.rate"):
        load_settings()
    (config / "settings.toml").write_text('[speech]\nenabled = "có"\n', encoding="utf-8")
    with pytest.raises(SettingsError, match=r"speech\.enabled"):
        load_settings()


def test_cli_say_writes_a_wav(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "loi-chao.wav"
    assert main(["say", "Xin", "chào", "bác", "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    assert wav_facts(out)[0][:4] == b"RIFF"
    assert main(["say", "Hello", "--lang", "en", "--out", str(tmp_path / "en.wav")]) == 0


def test_cli_say_reports_playback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in audio_env(tmp_path, "type hw card 99").items():
        monkeypatch.setenv(name, value)
    assert main(["say", "Xin chào"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: Không phát được tiếng đọc") and len(err.splitlines()) == 1
    for name, value in audio_env(tmp_path, "type null").items():
        monkeypatch.setenv(name, value)
    assert main(["say", "Xin chào"]) == 0
    assert "Đã đọc xong" in capsys.readouterr().out


def test_cli_say_without_the_program(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = isolated_dirs / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.toml").write_text('[speech]\ncommand = "no-such-espeak"\n', "utf-8")
    assert main(["say", "Xin chào"]) == 1
    assert "Máy chưa cài chương trình đọc to (no-such-espeak)" in capsys.readouterr().err
