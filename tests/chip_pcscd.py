"""One pcscd with the virtual reader for every test process: started by the first that needs
it, stopped by the last one done with it (like tests/cupsd.py does for CUPS).

Debian's vsmartcard-vpcd makes pcscd list "Virtual PCD 00 00"; a card is a program that
connects to 127.0.0.1:35963 (tests/chip_card.py). There is one virtual reader, so a test
holds :func:`virtual_reader` while its card is in it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from kiosk.devices.chip_reader import ChipReaderError, list_readers, wait_for_card_state

LOCKS = Path(tempfile.gettempdir()) / "quay-so-tests-pcscd"
PID_FILE = Path("/run/pcscd/pcscd.pid")
VIRTUAL_READER = "Virtual PCD 00 00"
VPCD_PORT = 35963
POLL_SECONDS = 0.4  # how often pcscd asks a driver without hotplug events about its card


def available() -> str | None:
    """Why the chip tests cannot run here, or None when pcscd and vpcd are installed."""
    if shutil.which("pcscd") is None and not Path("/usr/sbin/pcscd").exists():
        return "pcscd is not installed (make setup installs it)"
    if not Path("/etc/reader.conf.d/vpcd").exists():
        return "vsmartcard-vpcd is not installed (make setup installs it)"
    return None


def reader_listed() -> bool:
    """Whether pcscd answers and lists the virtual reader."""
    try:
        return VIRTUAL_READER in list_readers()
    except ChipReaderError:
        return False


def _port_free() -> bool:
    """Whether a server could listen on vpcd's port now (no SO_REUSEADDR, as vpcd)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("0.0.0.0", VPCD_PORT))  # as vpcd listens
        except OSError:
            return False
    return True


def _wait_for(what: str, condition: Callable[[], bool], seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(0.05)


@contextlib.contextmanager
def _exclusive(handle: IO[str]) -> Iterator[None]:
    fcntl.flock(handle, fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)


def pcscd_pid(pid_file: Path = PID_FILE) -> int | None:
    """The pid in pcscd's pid file (which ends in a NUL), or None."""
    try:
        return int(pid_file.read_text().strip(" \n\x00"))
    except (OSError, ValueError):
        return None


def _stop(pid: int) -> None:
    """Stop the pcscd of ``pid`` and wait until it has exited."""
    os.kill(pid, 15)
    _wait_for("pcscd to stop", lambda: _gone(pid))


def _gone(pid: int) -> bool:
    """Whether the process has exited (a zombie left for its parent to reap counts)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return True


def _stop_if_last(users: IO[str], started: Path) -> None:
    try:
        fcntl.flock(users, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return  # still in use: the last user stops it
    try:
        pid = pcscd_pid()
        if started.exists() and pid is not None:
            _stop(pid)
        started.unlink(missing_ok=True)
    finally:
        fcntl.flock(users, fcntl.LOCK_UN)


def _start_pcscd(attempts: int = 3) -> None:
    """Start pcscd until it lists the virtual reader. Once in a clean-clone run a pcscd came
    up without it (vpcd could not listen; the port of one stopped a moment before may still
    be held): wait for the port, and start it again if the reader does not come."""
    for attempt in range(1, attempts + 1):
        _wait_for("the virtual reader's port to be free", _port_free, 120.0)
        subprocess.run(["pcscd"], check=True, timeout=15, stdin=subprocess.DEVNULL)
        try:
            _wait_for("pcscd to list the virtual reader", reader_listed, 10.0)
            return
        except TimeoutError:
            pid = pcscd_pid()
            if attempt == attempts or pid is None:
                raise
            _stop(pid)


@contextlib.contextmanager
def shared_pcscd() -> Iterator[None]:
    """pcscd listing the virtual reader while the block runs (started here if needed)."""
    LOCKS.mkdir(exist_ok=True)
    started = LOCKS / "started"
    with (LOCKS / "mutex").open("a") as mutex, (LOCKS / "users").open("a") as users:
        with _exclusive(mutex):
            fcntl.flock(users, fcntl.LOCK_SH)
            if not reader_listed():
                _start_pcscd()
                started.touch()
        try:
            yield
        finally:
            with _exclusive(mutex):
                fcntl.flock(users, fcntl.LOCK_UN)
                _stop_if_last(users, started)


@contextlib.contextmanager
def virtual_reader() -> Iterator[None]:
    """The one virtual reader, for this process alone while the block runs."""
    LOCKS.mkdir(exist_ok=True)
    with (LOCKS / "reader").open("a") as handle, _exclusive(handle):
        yield


def wait_for_card_gone(seconds: float = 10.0, *, pulled: bool = False) -> None:
    """Wait until pcscd reports the virtual reader empty (before the next card goes in).

    A card pulled out mid-command is reported empty at once by the failed transmit, but
    pcscd's reader thread sees it gone only at its next poll of the driver (every 0.4 s,
    pcsc-lite's PCSCLITE_STATUS_POLL_RATE); a new card connecting before that poll is
    taken for the old one and never powered on. So after a pull, wait out two polls.
    """
    if not wait_for_card_state(VIRTUAL_READER, "empty", seconds):
        raise TimeoutError("timed out waiting for the card to leave the virtual reader")
    if pulled:
        time.sleep(2 * POLL_SECONDS)
