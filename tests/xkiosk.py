"""The test's side of the kiosk on a real X server: start it, ask it, tap and scan into it.

:class:`XKiosk` runs tests/workers/x_kiosk.py (the real window, built as ``kiosk`` builds
it) on an :class:`~tests.xserver.XServer` and sends it input through XTEST only
(:class:`~tests.xserver.XInput`). Questions to the window (where a button is, which screen
is up) go over its standard input and output, one JSON line each; waiting is ``select``
on its output by a deadline, so a window that hangs fails the test with its log.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from tests.xserver import XInput, XServer

REPO = Path(__file__).resolve().parent.parent
WORKER = REPO / "tests" / "workers" / "x_kiosk.py"
START_TIMEOUT_S = 60.0
ANSWER_TIMEOUT_S = 20.0
READ_S = 0.6  # how long a person looks at a new screen before tapping it, at the least


class XKiosk:
    """The kiosk window on ``server``, with the settings of ``env`` (KIOSK_* variables)."""

    def __init__(self, server: XServer, env: dict[str, str], scratch: Path) -> None:
        self.server = server
        self.scratch = scratch
        self.printed = scratch / "printed"
        self._env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")},
            **env,
            "DISPLAY": server.display,
            "QT_QPA_PLATFORM": "xcb",
            "XKIOSK_PRINTED": str(self.printed),
        }
        self._env.pop("WAYLAND_DISPLAY", None)
        self._process: subprocess.Popen[str] | None = None
        self._stderr = scratch / "x_kiosk.err"
        self.input: XInput | None = None

    def __enter__(self) -> XKiosk:
        self._process = subprocess.Popen(
            [sys.executable, str(WORKER)],
            env=self._env,
            cwd=self.scratch,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr.open("w"),
            text=True,
            bufsize=1,
        )
        self._read(START_TIMEOUT_S)  # {"ready": true}
        self.input = XInput(self.server.display)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.input is not None:
            self.input.close()
        process = self._process
        if process is None:
            return
        if process.poll() is None:
            try:
                self.ask("quit")
                process.wait(timeout=15)
            except (OSError, AssertionError, subprocess.TimeoutExpired):
                process.kill()
                process.wait()

    # -- asking the window ------------------------------------------------------------------

    def ask(self, op: str, **args: Any) -> dict[str, Any]:
        """One question to the window; its answer (an ``error`` key fails the test)."""
        process = self._running()
        assert process.stdin is not None
        process.stdin.write(json.dumps({"op": op, **args}) + "\n")
        process.stdin.flush()
        reply = self._read(ANSWER_TIMEOUT_S)
        assert "error" not in reply, f"{op} {args}: {reply['error']}\n{self.log()}"
        return reply

    def state(self) -> dict[str, Any]:
        """The screen shown, the banner, the background work pending."""
        return self.ask("state")

    def where(self, path: str) -> dict[str, Any]:
        """Geometry, visibility and text of the widget at ``path`` of the window."""
        return self.ask("where", path=path)

    def wait_for(self, what: str, condition: Callable[[], bool], timeout: float = 10.0) -> None:
        """Ask until ``condition`` holds; fail with ``what`` and the window's state if not."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}: {self.state()}\n{self.log()}")
            time.sleep(0.05)

    def wait_screen(self, name: str, timeout: float = 10.0, *, read_s: float = READ_S) -> None:
        """Wait until the screen named ``name`` is shown and its background work is done,
        then ``read_s`` more: a person reads a new screen before tapping it (a tap sooner
        is a hurried one, which the kiosk ignores for a moment: kiosk/ui/tap_guard.py)."""

        def there() -> bool:
            now = self.state()
            return bool(now["screen"] == name and now["pending"] == 0)

        self.wait_for(f"screen {name}", there, timeout)
        time.sleep(read_s)

    def shot(self, name: str) -> Path:
        """The window as a PNG in the scratch folder."""
        path = self.scratch / f"{name}.png"
        self.ask("shot", file=str(path))
        return path

    def log(self) -> str:
        """The end of the window's log file and what it wrote to its standard error."""
        data = Path(self._env.get("KIOSK_DATA_DIR", self.scratch / "data"))
        log_file = data / "logs" / "kiosk.log"
        logged = log_file.read_text(encoding="utf-8", errors="replace") if log_file.exists() else ""
        errors = self._stderr.read_text(encoding="utf-8", errors="replace")
        return f"{logged[-4000:]}\n--- stderr:\n{errors[-3000:]}"

    # -- input ------------------------------------------------------------------------------

    def tap(self, path: str) -> None:
        """Tap the centre of the widget at ``path`` (it must be visible and enabled)."""
        x, y = self.centre(path)
        self._input().tap(x, y)

    def double_tap(self, path: str, apart_s: float = 0.18) -> None:
        """Two quick taps on the centre of the widget at ``path``."""
        x, y = self.centre(path)
        self._input().double_tap(x, y, apart_s=apart_s)

    def centre(self, path: str) -> tuple[int, int]:
        """Where on the screen the centre of the widget at ``path`` is, once it stays put
        (a screen just shown may still be laid out: a finger aims at what it sees)."""
        spot = self.where(path)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            time.sleep(0.1)
            again = self.where(path)
            if again == spot:
                break
            spot = again
        assert spot["visible"] and spot["enabled"], f"{path}: {spot}\n{self.log()}"
        return spot["x"] + spot["w"] // 2, spot["y"] + spot["h"] // 2

    def _input(self) -> XInput:
        assert self.input is not None, "use XKiosk as a context manager"
        return self.input

    def _running(self) -> subprocess.Popen[str]:
        process = self._process
        assert process is not None, "use XKiosk as a context manager"
        assert process.poll() is None, f"the kiosk exited ({process.returncode}):\n{self.log()}"
        return process

    def _read(self, timeout: float) -> dict[str, Any]:
        process = self._running()
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], timeout)
        assert ready, f"no answer from the kiosk within {timeout:.0f} s:\n{self.log()}"
        line = process.stdout.readline()
        assert line, f"the kiosk closed its output ({process.poll()}):\n{self.log()}"
        reply: dict[str, Any] = json.loads(line)
        return reply
