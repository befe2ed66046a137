"""One thread-owner for the kiosk's long-lived workers (camera, serial scanner, printing,
sending to the centre, the daily backup).

A :class:`LoopWorker` runs :meth:`LoopWorker.step` in a loop on its own QThread: a step
returns how long to wait before the next one (``None``: until woken), :meth:`wake` cuts a
wait short, :meth:`stop` ends the loop after the step in hand. A bug in a step is logged
with its traceback and :meth:`LoopWorker.crashed` reports it; the loop ends, the thread
quits. Workers talk by signal only and never touch a widget.

A :class:`WorkerOwner` lives on the GUI thread: it creates the QThread, moves the worker
there, starts it, wakes it and stops it — and :meth:`WorkerOwner.stop` waits, because
destroying a running QThread aborts the process. Subclasses re-emit the worker's signals,
so slots connected to the owner run on the GUI thread (queued across the boundary).

One-shot service calls (a commit, a report) go through
:class:`~kiosk.ui.background.BackgroundTasks` instead.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)


class LoopWorker(QObject):
    """A loop of :meth:`step` calls with stop and wake events; lives on its own QThread."""

    finished = Signal()

    def __init__(self, *, first_delay_s: float = 0.0) -> None:
        super().__init__()
        self._first_delay_s = first_delay_s
        self._stop = threading.Event()
        self._wake = threading.Event()

    # -- thread-safe controls ----------------------------------------------------------------

    def wake(self) -> None:
        """Run the next step now rather than after the wait (thread-safe; returns at once)."""
        self._wake.set()

    def stop(self) -> None:
        """Ask the loop to end after the step in hand (thread-safe)."""
        self._stop.set()
        self._wake.set()

    @property
    def stopping(self) -> bool:
        """Whether :meth:`stop` was asked for; long steps look at it."""
        return self._stop.is_set()

    def pause(self, seconds: float) -> bool:
        """Wait ``seconds`` inside a step unless stopped; ``False`` once stopping."""
        return not self._stop.wait(seconds)

    # -- the loop, on the worker's thread ----------------------------------------------------

    @Slot()
    def run(self) -> None:
        """Step, wait, step… until stopped; a bug is logged and reported, never silent."""
        try:
            if self._first_delay_s > 0:
                self._wake.wait(self._first_delay_s)  # a wake cuts the first delay short
            while not self._stop.is_set():
                self._wake.clear()  # a wake from now on triggers another round
                delay = self.step()
                if self._stop.is_set():
                    break
                self._wake.wait(delay)
        except Exception:
            log.exception("%s crashed", type(self).__name__)
            self.crashed()
        finally:
            try:
                self.cleanup()
            finally:
                self.finished.emit()

    def step(self) -> float | None:
        """One round of work; return the seconds to wait before the next (``None``: until
        woken)."""
        raise NotImplementedError

    def crashed(self) -> None:
        """A step raised (already logged with its traceback): tell the GUI by signal."""

    def cleanup(self) -> None:
        """Release what the loop holds, on the worker's thread (always called)."""


class WorkerOwner(QObject):
    """Owns one :class:`LoopWorker`'s QThread: start, wake, stop and wait."""

    def __init__(
        self,
        worker: LoopWorker,
        *,
        name: str,
        stop_timeout_ms: int = 5_000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.worker = worker
        self._stop_timeout_ms = stop_timeout_ms
        self._thread = QThread()
        self._thread.setObjectName(name)
        worker.moveToThread(self._thread)
        self._thread.started.connect(worker.run)
        worker.finished.connect(self._thread.quit)
        self._started = False

    @property
    def running(self) -> bool:
        """Whether the worker's thread runs."""
        return bool(self._thread.isRunning())

    def start(self) -> None:
        """Start the worker's loop (once: a stopped worker is not restarted)."""
        if not self._started:
            self._started = True
            self._thread.start()

    def wake(self) -> None:
        """Let the worker run its next step now."""
        self.worker.wake()

    def stop(self, timeout_ms: int | None = None) -> bool:
        """Stop the worker and wait for its thread; ``False`` if it did not end in time."""
        self.worker.stop()
        if not self._thread.isRunning():
            return True
        # quit() here, not only through ``finished``: that connection is queued to this
        # (GUI) thread, whose loop does not run while we wait.
        self._thread.quit()
        ended = bool(self._thread.wait(self._stop_timeout_ms if timeout_ms is None else timeout_ms))
        if not ended:
            log.error("worker thread %s did not stop in time", self._thread.objectName())
        return ended
