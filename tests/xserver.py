"""A real X server for tests that drive the kiosk window with real input: Xvfb, and XTEST.

:class:`XServer` starts Xvfb on a free display (``-displayfd``) at a counter screen's size.
:class:`XInput` sends input through the XTEST extension (python-xlib), so that it reaches
the kiosk exactly as a person's or a device's does: through the X server, Qt's xcb plugin
and the application's event filters.

* :meth:`XInput.tap` and :meth:`XInput.double_tap`: a finger on a touch screen that the X
  server sees as a mouse (the common USB touch panel): move, press, release.
* :meth:`XInput.type_as_scanner`: a keyboard-wedge scanner on a US layout. For every
  character it presses the key the layout has for it, Shift pressed first and released
  after when the character needs it (capitals, ``|``), a few milliseconds apart. A
  character the layout has no key for (``ữ``) cannot be typed by such a scanner: it sends
  nothing for it, which is how the Vietnamese letters of a card are lost on the way.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from types import TracebackType

from Xlib import XK, X, display
from Xlib.ext import xtest

from tests.processes import stop_process_group

# A US keyboard's keysyms for the characters of a card payload that are not letters/digits.
_SYMBOLS = {
    "|": "bar",
    " ": "space",
    "/": "slash",
    "-": "minus",
    ",": "comma",
    ".": "period",
    "?": "question",
    "\n": "Return",
    "\r": "Return",
}


class XServer:
    """Xvfb on a free display number, ``width``×``height``, 24-bit; stopped on exit."""

    def __init__(self, width: int = 1366, height: int = 768) -> None:
        self.size = (width, height)
        self.display = ""
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> XServer:
        if shutil.which("Xvfb") is None:
            raise RuntimeError("Xvfb is missing (scripts/setup.sh installs xvfb)")
        read, write = os.pipe()
        width, height = self.size
        self._process = subprocess.Popen(
            [
                "Xvfb",
                "-displayfd",
                str(write),
                "-screen",
                "0",
                f"{width}x{height}x24",
                "-nolisten",
                "tcp",
                "-noreset",
                "+extension",
                "XTEST",
            ],
            pass_fds=(write,),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        os.close(write)
        number = b""
        deadline = time.monotonic() + 20
        with os.fdopen(read, "rb") as pipe:
            while not number.endswith(b"\n") and time.monotonic() < deadline:
                chunk = pipe.read(1)
                if not chunk:
                    break
                number += chunk
        if not number.strip():
            self.stop()
            raise RuntimeError("Xvfb did not report its display number")
        self.display = f":{int(number)}"
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop the server (and anything in its process group)."""
        process, self._process = self._process, None
        if process is not None:
            stop_process_group(process)


class XInput:
    """Real input for the X server ``name`` through XTEST."""

    def __init__(self, name: str) -> None:
        self._display = display.Display(name)
        if not self._display.has_extension("XTEST"):
            raise RuntimeError(f"the X server {name} has no XTEST extension")
        self._shift = self._display.keysym_to_keycode(XK.string_to_keysym("Shift_L"))
        self._extra: dict[str, int] = {}  # characters given a key of their own (keys_for)

    def close(self) -> None:
        """Let go of the connection."""
        self._display.close()

    # -- a finger ---------------------------------------------------------------------------

    def tap(self, x: int, y: int, *, hold_s: float = 0.06) -> None:
        """Touch at (``x``, ``y``) of the screen and lift the finger ``hold_s`` later."""
        xtest.fake_input(self._display, X.MotionNotify, x=x, y=y)
        self._display.sync()
        time.sleep(0.02)
        xtest.fake_input(self._display, X.ButtonPress, 1)
        self._display.sync()
        time.sleep(hold_s)
        xtest.fake_input(self._display, X.ButtonRelease, 1)
        self._display.sync()

    def double_tap(self, x: int, y: int, *, apart_s: float = 0.18) -> None:
        """Two taps at the same place, ``apart_s`` from one press to the next (a hurried
        finger: 150–250 ms)."""
        hold = 0.05
        self.tap(x, y, hold_s=hold)
        time.sleep(max(0.0, apart_s - hold - 0.02))
        self.tap(x, y, hold_s=hold)

    def swipe(self, x: int, y: int, dy: int, *, duration_s: float = 0.35, steps: int = 12) -> None:
        """Put a finger down at (``x``, ``y``), move it ``dy`` pixels (negative: up, which
        scrolls the page down) over ``duration_s``, and lift it."""
        xtest.fake_input(self._display, X.MotionNotify, x=x, y=y)
        self._display.sync()
        time.sleep(0.02)
        xtest.fake_input(self._display, X.ButtonPress, 1)
        self._display.sync()
        for step in range(1, steps + 1):
            time.sleep(duration_s / steps)
            xtest.fake_input(self._display, X.MotionNotify, x=x, y=y + dy * step // steps)
            self._display.sync()
        time.sleep(0.03)
        xtest.fake_input(self._display, X.ButtonRelease, 1)
        self._display.sync()

    # -- a keyboard-wedge scanner -----------------------------------------------------------

    @contextlib.contextmanager
    def keys_for(self, chars: str) -> Iterator[None]:
        """Within: unused keycodes bound to the characters of ``chars`` the layout has no key
        for, as a layout that has them would (a scanner set to the counter's own layout), so
        that :meth:`type_as_scanner` types them too. The keymap is put back after."""
        missing = sorted({c for c in chars if self._key_for(c) is None})
        first = self._display.display.info.min_keycode
        count = self._display.display.info.max_keycode - first + 1
        mapping = self._display.get_keyboard_mapping(first, count)
        spare = [first + i for i, syms in enumerate(mapping) if not any(syms)]
        assert len(spare) >= len(missing), f"{len(missing)} characters, {len(spare)} free keys"
        bound = dict(zip(missing, spare, strict=False))
        for char, keycode in bound.items():
            keysym = 0x01000000 + ord(char)  # X's keysym for a Unicode character
            self._display.change_keyboard_mapping(keycode, [(keysym, keysym)])
        self._display.sync()
        time.sleep(0.3)  # the client (Qt's xkb state) reloads the keymap on MappingNotify
        self._extra = bound
        try:
            yield
        finally:
            self._extra = {}
            for keycode in bound.values():
                self._display.change_keyboard_mapping(keycode, [(X.NoSymbol, X.NoSymbol)])
            self._display.sync()
            time.sleep(0.3)

    def type_as_scanner(self, text: str, *, gap_s: float = 0.004, enter: bool = True) -> str:
        """Type ``text`` as a US-layout HID scanner does; returns what it could type.

        The keys are spaced by the X server (XTEST's delay before each key's first event), not
        by this process's sleeps: a scanner keeps its own time, and a test process that a busy
        CI machine left waiting 35 ms between two keys split the burst in two (the wedge's
        ``MAX_GAP_S``), which a scanner never does."""
        delay_ms = max(1, round(gap_s * 1000))
        typed = []
        for char in text:
            key = self._key_for(char)
            if key is None:
                continue  # no key on the layout: the scanner sends nothing
            keycode, shifted = key
            if shifted:
                xtest.fake_input(self._display, X.KeyPress, self._shift, time=delay_ms)
            xtest.fake_input(self._display, X.KeyPress, keycode, time=0 if shifted else delay_ms)
            xtest.fake_input(self._display, X.KeyRelease, keycode)
            if shifted:
                xtest.fake_input(self._display, X.KeyRelease, self._shift)
            typed.append(char)
        if enter:
            keycode, _ = self._key_for("\r") or (0, False)
            xtest.fake_input(self._display, X.KeyPress, keycode, time=delay_ms)
            xtest.fake_input(self._display, X.KeyRelease, keycode)
        self._display.sync()  # every key handled by the server
        return "".join(typed)

    def press(self, keysym_name: str) -> None:
        """Press and release one key by its keysym name (``"Return"``, ``"BackSpace"``)."""
        keycode = self._display.keysym_to_keycode(XK.string_to_keysym(keysym_name))
        xtest.fake_input(self._display, X.KeyPress, keycode)
        xtest.fake_input(self._display, X.KeyRelease, keycode)
        self._display.sync()

    def _key_for(self, char: str) -> tuple[int, bool] | None:
        """The keycode that types ``char`` on the server's layout, and whether with Shift."""
        if char in self._extra:
            return self._extra[char], False
        name = _SYMBOLS.get(char, char)
        keysym = XK.string_to_keysym(name)
        if keysym == X.NoSymbol:
            return None
        for keycode, index in self._display.keysym_to_keycodes(keysym):
            if index in (0, 1):  # 0: the key alone, 1: with Shift
                return keycode, index == 1
        return None
