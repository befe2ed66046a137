"""Reading text aloud ("Đọc to"), offline, with Debian's ``espeak-ng``; no Qt here.

The UI holds a :class:`Speaker` and calls ``say``; it never waits for the voice. Each
utterance runs in its own ``espeak-ng`` process; a small watcher thread feeds it the text on
stdin (never a shell, never an argument the program could mistake for an option) and reads
its exit status and stderr. The program, its rate and the voices are plain constructor
values: :func:`kiosk.app.build_speaker` reads them from the ``[speech]`` settings.

How a failure shows up: ``espeak-ng`` exits 0 even when it could not open the audio device
(no sound card, as on a headless PC: it prints ``error: No such file or directory`` after
ALSA's complaints) or could not write a WAV (``Can't write to: …``); it exits 1 for a
missing voice. So an utterance failed when the exit status is not 0 *or* stderr has an
``error:`` line. The failure becomes a :class:`SpeechError` that a screen picks up with
:meth:`EspeakSpeaker.poll` (from a ``QTimer``) or receives through ``on_error`` (called on
the watcher thread: emit a Qt signal from it, never touch a widget).

The text is never logged: it may hold a citizen's name.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import threading
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from kiosk.errors import QT_TRANSLATE_NOOP, KioskError

log = logging.getLogger(__name__)

DEFAULT_COMMAND = "espeak-ng"
DEFAULT_RATE = 150  # words per minute: calm enough for elderly listeners
MIN_RATE, MAX_RATE = 80, 300
VOICES: Mapping[str, str] = {"vi": "vi", "en": "en"}
SYNTHESIS_TIMEOUT_SECONDS = 60.0
STOP_TIMEOUT_SECONDS = 2.0

SPEECH_MISSING = QT_TRANSLATE_NOOP(
    "speech",
    "Máy chưa cài chương trình đọc to ({command}). Hãy báo cán bộ CNTT cài gói espeak-ng.",
)
SPEECH_NO_AUDIO = QT_TRANSLATE_NOOP(
    "speech",
    "Không phát được tiếng đọc: máy chưa có loa hoặc thiết bị âm thanh chưa sẵn sàng. "
    "Hãy kiểm tra loa, dây cắm và âm lượng, hoặc báo cán bộ CNTT.",
)
SPEECH_FAILED = QT_TRANSLATE_NOOP("speech", "Không đọc to được nội dung này. Hãy báo cán bộ CNTT.")
SPEECH_FILE_FAILED = QT_TRANSLATE_NOOP("speech", "Không ghi được tệp âm thanh {path}.")


class SpeechError(KioskError):
    """Reading aloud failed; ``template``/``params`` let the UI translate the message."""

    translation_context = "speech"

    def __init__(self, template: str, *, detail: str, **params: str) -> None:
        super().__init__(template.format(**params), detail=detail)
        self.template = template
        self.params = params


class SpeechUnavailableError(SpeechError):
    """The speech program is not installed (or not executable)."""


class Speaker(Protocol):
    """Something that reads text aloud without blocking its caller."""

    def say(self, text: str, language: str) -> None:
        """Start reading ``text`` in ``language`` (``vi``/``en``), stopping any earlier one.

        Returns at once. Raises :class:`SpeechUnavailableError` when it cannot start at all;
        a failure while speaking is reported by :meth:`poll`.
        """
        ...

    def stop(self) -> None:
        """Stop the current utterance, if any."""
        ...

    @property
    def speaking(self) -> bool:
        """Whether an utterance is still being read."""
        ...

    def poll(self) -> SpeechError | None:
        """The failure of the last utterance that failed, once; ``None`` when there is none."""
        ...


@dataclass(eq=False)
class _Utterance:
    process: subprocess.Popen[bytes]
    cancelled: bool = False
    done: threading.Event = field(default_factory=threading.Event)


def _normalized(text: str) -> bytes:
    # espeak-ng reads precomposed letters best; a decomposed "ệ" from a form or a file would
    # otherwise be read differently (longer, with stray sounds: measured with espeak-ng 1.51).
    return unicodedata.normalize("NFC", text).encode("utf-8")


def _error_lines(stderr: bytes) -> list[str]:
    lines = stderr.decode("utf-8", "replace").splitlines()
    return [line.strip() for line in lines if line.strip().lower().startswith("error")]


def _last_line(stderr: bytes) -> str:
    lines = [line for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1].strip() if lines else ""


class EspeakSpeaker:
    """:class:`Speaker` over the ``espeak-ng`` program: one process per utterance.

    ``command`` is a name looked up on ``PATH`` or a path; ``rate`` is in words per minute;
    ``voices`` maps a UI language to an espeak-ng voice; ``env`` replaces the environment of
    the process (tests point ALSA at a null device with it); ``on_error`` is called on the
    watcher thread with each failure, in addition to :meth:`poll`.
    """

    def __init__(
        self,
        *,
        command: str = DEFAULT_COMMAND,
        rate: int = DEFAULT_RATE,
        voices: Mapping[str, str] = VOICES,
        env: Mapping[str, str] | None = None,
        on_error: Callable[[SpeechError], None] | None = None,
    ) -> None:
        if not MIN_RATE <= rate <= MAX_RATE:
            raise ValueError(f"rate must be {MIN_RATE}–{MAX_RATE} words per minute, not {rate}")
        self.command = command
        self.rate = rate
        self.voices = dict(voices)
        self._env = dict(env) if env is not None else None
        self._on_error = on_error
        self._lock = threading.Lock()
        self._current: _Utterance | None = None
        self._failure: SpeechError | None = None

    # -- Speaker ------------------------------------------------------------------------------

    def say(self, text: str, language: str) -> None:
        """Start reading ``text`` aloud and return at once (see :class:`Speaker`)."""
        arguments = self._arguments(language)
        self.stop()
        if not text.strip():
            return
        try:
            process = subprocess.Popen(
                arguments,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                env=self._env,
                start_new_session=True,  # a Ctrl+C on the kiosk's terminal is not ours to get
            )
        except OSError as exc:
            raise self._unavailable(f"cannot start {arguments[0]}: {exc}") from exc
        utterance = _Utterance(process)
        self._current = utterance
        threading.Thread(
            target=self._watch,
            args=(utterance, _normalized(text), language),
            name="speech-watcher",
            daemon=True,
        ).start()

    def stop(self) -> None:
        """Stop the current utterance (its process is terminated, then killed if need be)."""
        utterance, self._current = self._current, None
        if utterance is None:
            return
        utterance.cancelled = True
        process = utterance.process
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        utterance.done.wait(STOP_TIMEOUT_SECONDS)

    @property
    def speaking(self) -> bool:
        """Whether the current utterance's process is still running."""
        utterance = self._current
        return utterance is not None and not utterance.done.is_set()

    def poll(self) -> SpeechError | None:
        """The last failure not yet reported, then ``None`` until the next one."""
        with self._lock:
            failure, self._failure = self._failure, None
        return failure

    # -- for the CLI, tests and a technician --------------------------------------------------

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the current utterance ends; ``False`` if it is still going at ``timeout``."""
        utterance = self._current
        return utterance is None or utterance.done.wait(timeout)

    def check(self) -> str:
        """The full path of the speech program; :class:`SpeechUnavailableError` when missing."""
        return self._resolve()

    def synthesize(self, text: str, language: str, path: Path) -> Path:
        """Write ``text`` read in ``language`` to ``path`` as a WAV file (blocking)."""
        arguments = [*self._arguments(language), "-w", str(path)]
        try:
            result = subprocess.run(
                arguments,
                input=_normalized(text),
                capture_output=True,
                env=self._env,
                timeout=SYNTHESIS_TIMEOUT_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise SpeechError(
                SPEECH_FAILED, detail=f"espeak-ng took over {SYNTHESIS_TIMEOUT_SECONDS:.0f} s"
            ) from exc
        except OSError as exc:
            raise self._unavailable(f"cannot start {arguments[0]}: {exc}") from exc
        if result.returncode != 0:
            raise SpeechError(
                SPEECH_FAILED,
                detail=f"espeak-ng -w exit {result.returncode}: {_last_line(result.stderr)}",
            )
        if b"can't write" in result.stderr.lower() or not _is_wav(path):
            raise SpeechError(
                SPEECH_FILE_FAILED,
                detail=f"espeak-ng -w {path}: {_last_line(result.stderr) or 'no WAV written'}",
                path=str(path),
            )
        return path

    # -- inside -------------------------------------------------------------------------------

    def _resolve(self) -> str:
        search = (os.environ if self._env is None else self._env).get("PATH", os.defpath)
        found = shutil.which(self.command, path=search)
        if found is None:
            raise self._unavailable(f"{self.command!r} not found on PATH")
        return found

    def _unavailable(self, detail: str) -> SpeechUnavailableError:
        return SpeechUnavailableError(SPEECH_MISSING, detail=detail, command=self.command)

    def _arguments(self, language: str) -> list[str]:
        voice = self.voices.get(language)
        if voice is None:
            raise ValueError(f"no voice for language {language!r}; known: {sorted(self.voices)}")
        # -b 1: the text is UTF-8, whatever the process's locale says.
        return [self._resolve(), "-v", voice, "-s", str(self.rate), "-b", "1"]

    def _watch(self, utterance: _Utterance, text: bytes, language: str) -> None:
        try:
            try:
                _out, stderr = utterance.process.communicate(text)
            except (OSError, ValueError) as exc:  # the process vanished under us
                stderr = f"error: {exc}".encode()
            if not utterance.cancelled:
                self._report(self._failure_of(utterance.process.returncode, stderr, language))
        finally:
            # set last, so that whoever waited for the end finds the failure in poll()
            utterance.done.set()

    def _report(self, failure: SpeechError | None) -> None:
        if failure is None:
            return
        log.warning("speech failed: %s", failure.detail)
        with self._lock:
            self._failure = failure
        if self._on_error is not None:
            try:
                self._on_error(failure)
            except Exception:
                log.exception("speech on_error callback failed")

    @staticmethod
    def _failure_of(returncode: int, stderr: bytes, language: str) -> SpeechError | None:
        if returncode != 0:
            return SpeechError(
                SPEECH_FAILED,
                detail=f"espeak-ng ({language}) exit {returncode}: {_last_line(stderr)}",
            )
        errors = _error_lines(stderr)
        if errors:
            return SpeechError(
                SPEECH_NO_AUDIO, detail=f"espeak-ng ({language}) could not play: {errors[-1]}"
            )
        return None


def _is_wav(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            header = handle.read(12)
    except OSError:
        return False
    return header[:4] == b"RIFF" and header[8:12] == b"WAVE"
