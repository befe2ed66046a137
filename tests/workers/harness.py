"""The parent's side of a worker: start it with explicit settings, read its lines by a deadline.

Waiting is ``select`` on the worker's stdout with the time left until a deadline: the
test wakes up as soon as a line arrives and fails with the worker's stderr when none
does. POSIX only (pipes in ``select``, SIGKILL).
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import IO

REPO = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("counter_worker.py")


@dataclass(frozen=True)
class Ack:
    """A visit the worker reported as finished (committed)."""

    counter: str
    day: date
    receipt_no: str
    transaction_id: uuid.UUID

    @property
    def seq(self) -> int:
        """The number at the end of ``Q01-20261123-0007``."""
        return int(self.receipt_no.rsplit("-", 1)[1])


def parse_ack(line: str) -> Ack:
    """Read an ``ack`` line of the worker protocol."""
    word, counter, day, receipt_no, transaction_id = line.split()
    assert word == "ack", line
    return Ack(counter, date.fromisoformat(day), receipt_no, uuid.UUID(transaction_id))


def worker_env(
    database_url: str, config_dir: Path, data_dir: Path, counter_code: str = "Q01"
) -> dict[str, str]:
    """The environment of a worker: this one minus KIOSK_*, plus the given settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(
        KIOSK_DATABASE_URL=database_url,
        KIOSK_CONFIG_DIR=str(config_dir),
        KIOSK_DATA_DIR=str(data_dir),
        KIOSK_COUNTER_CODE=counter_code,
    )
    return env


class Worker:
    """One ``counter_worker.py`` process; use as a context manager so it never outlives a test."""

    def __init__(self, env: dict[str, str], *args: str, stderr_path: Path) -> None:
        self._stderr_path = stderr_path
        self._stderr: IO[bytes] = stderr_path.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, str(WORKER), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env=env,
            cwd=REPO,
        )
        self._buffer = b""

    def __enter__(self) -> Worker:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=30)
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None:
                pipe.close()
        self._stderr.close()

    def stderr(self) -> str:
        """What the worker wrote to stderr so far (its traceback, if it died)."""
        self._stderr.flush()
        return self._stderr_path.read_text(encoding="utf-8", errors="replace")

    def read_line(self, deadline: float) -> str | None:
        """The next line, or ``None`` at end of output; ``TimeoutError`` at the deadline."""
        assert self.proc.stdout is not None
        descriptor = self.proc.stdout.fileno()
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"worker {self.proc.pid} silent; stderr:\n{self.stderr()}")
            readable, _, _ = select.select([descriptor], [], [], left)
            if not readable:
                continue
            chunk = os.read(descriptor, 65536)
            if not chunk:
                line, self._buffer = self._buffer, b""
                return line.decode() if line else None
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.decode()

    def expect(self, word: str, deadline: float) -> None:
        """Read one line and insist that it is ``word``."""
        line = self.read_line(deadline)
        if line != word:
            raise AssertionError(
                f"worker said {line!r}, expected {word!r}; stderr:\n{self.stderr()}"
            )

    def read_until(self, moment: float) -> list[str]:
        """Every line that arrives before ``moment`` (a ``time.monotonic()`` value)."""
        lines = []
        try:
            while (line := self.read_line(moment)) is not None:
                lines.append(line)
        except TimeoutError:
            pass
        return lines

    def rest(self, deadline: float) -> list[str]:
        """Every remaining line, up to the end of output."""
        lines = []
        while (line := self.read_line(deadline)) is not None:
            lines.append(line)
        return lines

    def release(self) -> None:
        """Let a worker waiting at a barrier go on."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"go\n")
        self.proc.stdin.flush()

    def kill(self) -> int:
        """SIGKILL: no atexit, no finally, no flush; return the exit status."""
        self.proc.send_signal(signal.SIGKILL)
        return self.proc.wait(timeout=30)
