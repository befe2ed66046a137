"""One cupsd for every test process on this machine: started by the first that needs it,
stopped by the last one done with it.

The xdist workers of a run, and other sessions on the same machine, print through the one
cupsd there is. A process that stopped "its" cupsd when its own tests were done pulled it
from under another one still printing (lpadmin then failed in the other worker).
File locks in the temporary directory say who is using it; a marker says that a test
process started it, so a cupsd that was already running (a system service) is never stopped.
The spool is the machine's too: :func:`machine_wide` keeps a test that searches it from
running beside another process's copy of itself.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

LOCKS = Path(tempfile.gettempdir()) / "quay-so-tests-cupsd"
PID_FILE = Path("/run/cups/cupsd.pid")
C_LOCALE = {**os.environ, "LC_ALL": "C", "LANG": "C"}


def scheduler_running() -> bool:
    """Whether cupsd answers."""
    result = subprocess.run(
        ["lpstat", "-r"], capture_output=True, text=True, timeout=10, env=C_LOCALE, check=False
    )
    return result.stdout.strip() == "scheduler is running"


def _wait_for(what: str, condition: Callable[[], bool], seconds: float = 10.0) -> None:
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


def _stop_if_last(users: IO[str], started: Path) -> None:
    """Stop the cupsd a test process started, unless another process still uses it."""
    try:
        fcntl.flock(users, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return  # still in use: the last user stops it
    try:
        if started.exists() and PID_FILE.exists():
            os.kill(int(PID_FILE.read_text().strip()), 15)
            _wait_for("cupsd to stop", lambda: not scheduler_running())
        started.unlink(missing_ok=True)
    finally:
        fcntl.flock(users, fcntl.LOCK_UN)


@contextlib.contextmanager
def shared_cupsd() -> Iterator[None]:
    """A running cupsd while the block runs (started here if needed, stopped by the last)."""
    LOCKS.mkdir(exist_ok=True)
    started = LOCKS / "started"
    with (LOCKS / "mutex").open("a") as mutex, (LOCKS / "users").open("a") as users:
        with _exclusive(mutex):  # one process at a time decides to start or stop it
            fcntl.flock(users, fcntl.LOCK_SH)
            if not scheduler_running():
                subprocess.run(["/usr/sbin/cupsd"], check=True, timeout=10)
                _wait_for("cupsd to start", scheduler_running)
                started.touch()
        try:
            yield
        finally:
            with _exclusive(mutex):
                fcntl.flock(users, fcntl.LOCK_UN)
                _stop_if_last(users, started)


@contextlib.contextmanager
def machine_wide(name: str) -> Iterator[None]:
    """Hold the lock ``name`` against every test process on this machine while the block runs."""
    LOCKS.mkdir(exist_ok=True)
    with (LOCKS / f"{name}.lock").open("a") as handle, _exclusive(handle):
        yield
