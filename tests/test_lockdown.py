"""Lockdown: no key on the kiosk session starts a program or leaves the kiosk (issue 14, item 10).

On Xvfb the test runs the real installer/linux/kiosk-session (its keymap settings and its
matchbox-window-manager command line) beside the real kiosk window (tests/xkiosk.py), then
presses through XTEST every binding of Debian's default /etc/matchbox/kbdconfig and the
usual escapes (Alt+Tab, Alt+F2, Ctrl+Alt+T, Super, Ctrl+Esc, Ctrl+Alt+Backspace,
Ctrl+Alt+F1..F12…). Every program those bindings name is put first on the session's PATH
as a probe that opens a window and notes its name, so a binding that starts one is seen
whether or not the program is installed. Before and after, the test lists the X server's
mapped top-level windows and the session's processes: nothing new may appear, and the
kiosk's window and the X server must still be there. A second test runs matchbox with
Debian's default kbdconfig to show that the same check catches Ctrl+Alt+X starting xterm.

The session's loop runs a placeholder (``sleep``) as its KIOSK_COMMAND: the kiosk window
is started beside it by the test, which needs to talk to it over a pipe.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from Xlib import XK, X, display
from Xlib.ext import xtest

from tests.processes import stop_process_group
from tests.xkiosk import XKiosk
from tests.xserver import XServer

pytestmark = pytest.mark.skipif(
    not all(shutil.which(p) for p in ("Xvfb", "matchbox-window-manager", "setxkbmap")),
    reason="Xvfb, matchbox-window-manager or setxkbmap missing (scripts/setup.sh installs them)",
)

ROOT = Path(__file__).resolve().parent.parent
SESSION = ROOT / "installer" / "linux" / "kiosk-session"
DEBIAN_KBDCONFIG = Path("/etc/matchbox/kbdconfig")
# Programs a binding may start: those Debian's kbdconfig names, and the usual terminals.
PROBED = ("xterm", "rxvt", "gpe-calender", "matchbox-remote", "nautilus", "x-terminal-emulator")
ESCAPES = (
    ("Alt_L", "Tab"),
    ("Alt_L", "Shift_L", "Tab"),
    ("Alt_L", "F2"),
    ("Alt_L", "F4"),
    ("Control_L", "Alt_L", "t"),
    ("Control_L", "Alt_L", "x"),
    ("Control_L", "Alt_L", "r"),
    ("Control_L", "Alt_L", "Delete"),
    ("Control_L", "Escape"),
    ("Super_L",),
    ("Super_L", "r"),
    ("Super_L", "e"),
    ("Super_L", "d"),
    ("Menu",),
    ("Control_L", "Alt_L", "KP_Divide"),  # XF86Ungrab
    ("Control_L", "Alt_L", "KP_Multiply"),  # XF86ClearGrab: kills the grabbing client
    *((("Control_L", "Alt_L", f"F{n}")) for n in range(1, 13)),
    ("Control_L", "Alt_L", "BackSpace"),  # last: it would end the X server
)
MODIFIERS = {"ctrl": "Control_L", "alt": "Alt_L", "shift": "Shift_L", "super": "Super_L"}
VT_SWITCH_1 = 0x1008FE01  # XF86XK_Switch_VT_1 (X11/XF86keysym.h); _2.._12 follow


def keysym(name: str) -> int:
    """The keysym of a kbdconfig key name (``f4``, ``escape``, ``Tab``, ``x``); 0 if none."""
    for candidate in (name, name.capitalize(), name.upper()):
        found = XK.string_to_keysym(candidate)
        if found:
            return int(found)
    return 0


def kbdconfig_bindings(path: Path) -> list[tuple[str, ...]]:
    """Every binding of a matchbox kbdconfig, the commented-out examples too, as key names."""
    combos = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"#?\s*((?:<\w+>)*)(\w+)\s*=.*", line.strip())
        if match is None:
            continue
        mods = [MODIFIERS[m.lower()] for m in re.findall(r"<(\w+)>", match[1])]
        if keysym(match[2]):
            combos.append((*mods, match[2]))
    return combos


@dataclass
class Observed:
    """What the X server and the process table held at one moment."""

    windows: set[int]  # mapped top-level windows
    processes: set[tuple[int, str]]  # (pid, command name) under the watched process


def descendants(pid: int) -> set[tuple[int, str]]:
    """``pid`` and every process under it, from /proc."""
    parents: dict[int, list[tuple[int, str]]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        parents.setdefault(ppid, []).append((int(entry.name), name))
    found, todo = set(), [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.add(child)
            todo.append(child[0])
    return found


class Keyboard:
    """Key combinations through XTEST, and what the server shows."""

    def __init__(self, name: str) -> None:
        self.display = display.Display(name)

    def close(self) -> None:
        self.display.close()

    def combo(self, names: tuple[str, ...]) -> None:
        """Press ``names`` in order, release them in reverse (a person's chord)."""
        codes = [self.display.keysym_to_keycode(keysym(n)) for n in names]
        for code in codes:
            xtest.fake_input(self.display, X.KeyPress, code)
        self.display.sync()
        time.sleep(0.05)
        for code in reversed(codes):
            xtest.fake_input(self.display, X.KeyRelease, code)
        self.display.sync()

    def mapped_windows(self) -> set[int]:
        root = self.display.screen().root
        return {
            w.id for w in root.query_tree().children if w.get_attributes().map_state == X.IsViewable
        }

    def has_wm(self) -> bool:
        atom = self.display.intern_atom("_NET_SUPPORTING_WM_CHECK")
        return self.display.screen().root.get_full_property(atom, X.AnyPropertyType) is not None

    def vt_switch_keys(self) -> list[str]:
        """The F keys whose Ctrl+Alt level switches to a console (in the server's keymap
        now: python-xlib reads the keymap once per connection)."""
        fresh = display.Display(self.display.get_display_name())
        try:
            found = []
            for n in range(1, 13):
                code = fresh.keysym_to_keycode(XK.string_to_keysym(f"F{n}"))
                syms = [fresh.keycode_to_keysym(code, i) for i in range(8)]
                if any(VT_SWITCH_1 <= s < VT_SWITCH_1 + 12 for s in syms):
                    found.append(f"F{n}")
            return found
        finally:
            fresh.close()


def probes(folder: Path, record: Path) -> Path:
    """A folder of executables named as the programs of :data:`PROBED`: each notes its name
    in ``record`` and maps a window, as the real program would."""
    folder.mkdir()
    for name in PROBED:
        probe = folder / name
        probe.write_text(
            f"#!{sys.executable}\n"
            "import os, sys, time\n"
            "from Xlib import X, display\n"
            f"open({str(record)!r}, 'a').write(os.path.basename(sys.argv[0]) + '\\n')\n"
            "d = display.Display()\n"
            "root = d.screen().root\n"
            "w = root.create_window(0, 0, 400, 300, 0, d.screen().root_depth)\n"
            "w.map()\n"
            "d.sync()\n"
            "time.sleep(60)\n"
        )
        probe.chmod(0o755)
    return folder


@pytest.fixture
def server() -> Iterator[XServer]:
    with XServer(1366, 768) as x:
        # A PC whose keyboard configuration lets Ctrl+Alt+Backspace kill X (XKBOPTIONS).
        subprocess.run(
            ["setxkbmap", "-option", "terminate:ctrl_alt_bksp"],
            env={**os.environ, "DISPLAY": x.display},
            check=True,
            timeout=30,
        )
        yield x


def kiosk_env(tmp_path: Path) -> dict[str, str]:
    return {
        "KIOSK_CONFIG_DIR": str(tmp_path / "config"),
        "KIOSK_DATA_DIR": str(tmp_path / "data"),
        "KIOSK_PIN_HASH_TIME_COST": "1",
        "KIOSK_PIN_HASH_MEMORY_KIB": "1024",
    }


def session_env(server: XServer, tmp_path: Path, record: Path) -> dict[str, str]:
    placeholder = tmp_path / "kiosk-placeholder"
    placeholder.write_text("#!/bin/sh\nexec sleep 3600\n")
    placeholder.chmod(0o755)
    return {
        "PATH": f"{probes(tmp_path / 'probes', record)}:{os.environ.get('PATH', '/usr/bin:/bin')}",
        "HOME": str(tmp_path / "home"),
        "DISPLAY": server.display,
        "KIOSK_COMMAND": str(placeholder),
        "KIOSK_DATA_DIR": str(tmp_path / "session-data"),
    }


def try_every_escape(
    keys: Keyboard, watched: int, combos: Sequence[tuple[str, ...]]
) -> tuple[Observed, Observed]:
    """Observe, press every combination, observe again (the processes seen at any moment)."""
    before = Observed(keys.mapped_windows(), descendants(watched))
    seen: set[tuple[int, str]] = set()
    for combo in combos:
        keys.combo(combo)
        time.sleep(0.25)
        seen |= descendants(watched)
    time.sleep(2.0)  # a program started late still shows its window
    seen |= descendants(watched)
    return before, Observed(keys.mapped_windows(), seen)


def wait_for_wm(keys: Keyboard) -> None:
    deadline = time.monotonic() + 20
    while not keys.has_wm():
        assert time.monotonic() < deadline, "the window manager did not start"
        time.sleep(0.1)


def test_no_key_of_the_kiosk_session_starts_a_program_or_leaves_it(
    server: XServer, tmp_path: Path
) -> None:
    record = tmp_path / "started"
    env = session_env(server, tmp_path, record)
    # The account's own ~/.matchbox/kbdconfig, which matchbox reads by default, binds too.
    own = Path(env["HOME"]) / ".matchbox" / "kbdconfig"
    own.parent.mkdir(parents=True)
    own.write_text("<ctrl><alt>x=!xterm\n<alt>Tab=next\n", encoding="utf-8")
    session = subprocess.Popen(
        ["sh", str(SESSION)],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    keys = Keyboard(server.display)
    try:
        wait_for_wm(keys)
        with XKiosk(server, kiosk_env(tmp_path), tmp_path) as kiosk:
            kiosk.wait_screen("WelcomeScreen")
            assert keys.vt_switch_keys() == [], "Ctrl+Alt+F1..F12 still switch to a console"
            combos = [*kbdconfig_bindings(DEBIAN_KBDCONFIG), *ESCAPES]
            before, after = try_every_escape(keys, session.pid, combos)
            assert not record.exists(), f"a key started {record.read_text().split()}"
            assert after.processes == before.processes, "a key started a process"
            assert after.windows == before.windows, "a key brought up a window"
            assert kiosk.state()["screen"]  # the kiosk still answers
        assert session.poll() is None
    finally:
        keys.close()
        stop_process_group(session)


@pytest.mark.skipif(not DEBIAN_KBDCONFIG.exists(), reason="no Debian default kbdconfig")
def test_the_check_sees_debians_default_bindings_start_a_terminal(
    server: XServer, tmp_path: Path
) -> None:
    """matchbox with Debian's default key bindings, as kiosk-session started it before:
    Ctrl+Alt+X starts xterm, which the same check sees as a new process and window."""
    record = tmp_path / "started"
    env = session_env(server, tmp_path, record)
    wm = subprocess.Popen(
        ["matchbox-window-manager", "-use_titlebar", "no", "-kbdconfig", str(DEBIAN_KBDCONFIG)],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    keys = Keyboard(server.display)
    try:
        wait_for_wm(keys)
        with XKiosk(server, kiosk_env(tmp_path), tmp_path) as kiosk:
            kiosk.wait_screen("WelcomeScreen")
            combos = [("Control_L", "Alt_L", "x")]
            before, after = try_every_escape(keys, wm.pid, combos)
            assert "xterm" in record.read_text().split()
            assert "xterm" in {name for _, name in after.processes - before.processes}
            assert after.windows - before.windows
    finally:
        keys.close()
        stop_process_group(wm)


@pytest.mark.parametrize(("args", "vt_switch"), [((), "true"), (("--allow-vt-switch",), "false")])
def test_set_up_turns_the_x_servers_escapes_off(
    tmp_path: Path, args: tuple[str, ...], vt_switch: str
) -> None:
    """Xorg reads DontZap/DontVTSwitch before any client: setup-kiosk-session writes them
    (Xvfb has no xorg.conf, so this part is checked in the files it writes)."""
    script = ROOT / "installer" / "linux" / "setup-kiosk-session.sh"
    result = subprocess.run(
        ["bash", str(script), "--root", str(tmp_path), "--no-install", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    conf = (tmp_path / "etc/X11/xorg.conf.d/50-quay-so-kiosk.conf").read_text(encoding="utf-8")
    flags = dict(re.findall(r'Option "(\w+)" "(\w+)"', conf))
    assert flags == {"DontZap": "true", "DontVTSwitch": vt_switch, "DontZoom": "true"}
    assert 'Section "ServerFlags"' in conf
    session = (tmp_path / "usr/share/xsessions/quay-so-kiosk.desktop").read_text(encoding="utf-8")
    exec_line = "/usr/lib/quay-so/kiosk-session" + (" --allow-vt-switch" if args else "")
    assert f"Exec={exec_line}\n" in session


def test_the_session_keeps_the_layout_and_other_options_and_may_keep_consoles(
    server: XServer, tmp_path: Path
) -> None:
    """A Vietnamese layout and a compose key stay; Ctrl+Alt+Backspace goes; with
    --allow-vt-switch (setup-kiosk-session --allow-vt-switch) Ctrl+Alt+F1..F12 stay."""
    env = session_env(server, tmp_path, tmp_path / "started")
    subprocess.run(
        ["setxkbmap", "-layout", "vn", "-option", "compose:ralt"], env=env, check=True, timeout=30
    )
    session = subprocess.Popen(
        ["sh", str(SESSION), "--allow-vt-switch"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    keys = Keyboard(server.display)
    try:
        wait_for_wm(keys)
        query = subprocess.run(
            ["setxkbmap", "-query"], env=env, capture_output=True, text=True, check=True
        ).stdout
        assert re.search(r"^layout:\s+vn$", query, re.M), query
        assert re.search(r"^options:\s+compose:ralt$", query, re.M), query  # no terminate:
        assert keys.vt_switch_keys() == [f"F{n}" for n in range(1, 13)]
    finally:
        keys.close()
        stop_process_group(session)
