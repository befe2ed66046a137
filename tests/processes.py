"""Stopping a child process the tests started in a process group of its own."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from typing import Any


def stop_process_group(process: subprocess.Popen[Any], *, grace_s: float = 10.0) -> None:
    """SIGTERM to ``process``'s group (``start_new_session=True``), SIGKILL after
    ``grace_s``; waits until it is gone."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
