"""Service calls off the GUI thread, their result or error handed back on it (as Anki does).

A screen or controller never waits for a database, the network, a printer, argon2 or an
image encoder on the GUI thread. It asks :class:`BackgroundTasks` instead::

    tasks.run(lambda: reports.close_day(actor), on_done=self._show_closed,
              busy=self.tr("Đang chốt sổ…"), key="close-day")

``work`` runs on a thread pool; ``on_done(result)`` runs later on the GUI thread. A
:class:`~kiosk.errors.KioskError` goes to ``on_error`` when given, else its translated
message is emitted as :attr:`BackgroundTasks.failed` for the banner; any other exception is
logged with its traceback and reported the same way, and the kiosk keeps running. While a
task that has a ``busy`` text runs longer than ``busy_after_ms``, :attr:`busy_changed`
carries that text so the shell can show it (and "" once nothing long is running).

A ``key`` makes a task exclusive: a second request with the same key while the first runs
is refused (a double tap on "Chốt sổ" closes the day once).

``work`` must not touch widgets: it gets only values captured when the task was asked
for, opens its own unit of work, and returns a value.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal, Slot

from kiosk.errors import QT_TRANSLATE_NOOP, KioskError

log = logging.getLogger(__name__)

T = TypeVar("T")

UNEXPECTED = QT_TRANSLATE_NOOP(
    "Errors",
    "Đã xảy ra lỗi ngoài dự kiến; việc vừa làm chưa xong. Hãy thử lại hoặc báo cán bộ CNTT.",
)
BUSY_AFTER_MS = 400  # a task that ends sooner shows no busy text (no flicker)


class UnexpectedError(KioskError):
    """A bug surfaced as an exception that is not a KioskError; the traceback is in the log."""


class _Relay(QObject):
    """Lives on the GUI thread; the pooled job emits on it, so the slots run there."""

    succeeded = Signal(object)
    errored = Signal(object)  # KioskError


class _Job:
    """One task for the pool: a plain callable, not a QRunnable subclass, whose Python
    object PySide kept alive (with its relay) after some runs: tests/test_leaks.py."""

    def __init__(self, work: Callable[[], Any], relay: _Relay, label: str) -> None:
        self._work = work
        self._relay = relay
        self._label = label

    def __call__(self) -> None:
        try:
            result = self._work()
        except KioskError as exc:
            log.warning("background task %s refused: %s", self._label, exc.detail)
            self._relay.errored.emit(exc)
        except Exception as exc:  # a bug: log it whole, tell the person, keep running
            log.exception("background task %s crashed", self._label)
            self._relay.errored.emit(
                UnexpectedError(UNEXPECTED, detail=f"{type(exc).__name__}: {exc}")
            )
        else:
            self._relay.succeeded.emit(result)


class BackgroundTasks(QObject):
    """Runs service calls on a thread pool and calls back on the GUI thread."""

    failed = Signal(object)  # KioskError that no on_error took: for the banner
    busy_changed = Signal(str)  # the text of the oldest long task running, "" when none

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        pool: QThreadPool | None = None,
        busy_after_ms: int = BUSY_AFTER_MS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("background_tasks")
        self._pool = pool or QThreadPool(self)
        if pool is None:
            # mostly waiting on disks and networks: a centre read held 15 s by a lock must not
            # leave a citizen's next step queued behind it and a close-day
            self._pool.setMaxThreadCount(4)
        self._busy_after_ms = busy_after_ms
        self._running: dict[int, tuple[str, str, float]] = {}  # id -> (key, busy, started)
        self._keys: set[str] = set()
        self._relays: dict[int, _Relay] = {}  # kept alive until their callbacks ran
        self._next_id = 0
        self._shown_busy = ""
        self._stopped = False

    # -- asking for work ---------------------------------------------------------------------

    def run(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        *,
        on_error: Callable[[KioskError], None] | None = None,
        busy: str = "",
        key: str = "",
    ) -> bool:
        """Start ``work`` off the GUI thread; ``False`` when refused (same key running, or
        stopped)."""
        if self._stopped or (key and key in self._keys):
            why = "stopped" if self._stopped else "already running"
            log.info("background task %s refused: %s", key or "?", why)
            return False
        task_id = self._next_id
        self._next_id += 1
        relay = _Relay()
        relay.succeeded.connect(lambda result: self._finish(task_id, on_done, result))
        relay.errored.connect(lambda error: self._fail(task_id, on_error, error))
        self._relays[task_id] = relay
        self._running[task_id] = (key, busy, time.monotonic())
        if key:
            self._keys.add(key)
        if busy:
            # A lambda, not the bound method: PySide 6 keeps a weak reference for each
            # singleShot(ms, receiver, bound_method) for good (three a citizen flow).
            QTimer.singleShot(self._busy_after_ms, self, lambda: self._refresh_busy())
        self._pool.start(_Job(work, relay, key or getattr(work, "__name__", "task")))
        return True

    # -- state -------------------------------------------------------------------------------

    def is_running(self, key: str) -> bool:
        """Whether a task with ``key`` is in hand."""
        return key in self._keys

    @property
    def pending(self) -> int:
        """Tasks asked for whose callbacks have not run yet."""
        return len(self._running)

    def wait_idle(self, timeout_ms: int = 30_000) -> bool:
        """Wait for the pool's threads (not the callbacks); ``False`` on time-out."""
        return self._pool.waitForDone(timeout_ms)

    def stop(self, timeout_ms: int = 30_000) -> bool:
        """Refuse new work and wait for work in hand (at shutdown)."""
        self._stopped = True
        return self.wait_idle(timeout_ms)

    # -- callbacks, on the GUI thread --------------------------------------------------------

    def _finish(self, task_id: int, on_done: Callable[[Any], None] | None, result: Any) -> None:
        self._forget(task_id)
        if self._stopped:  # the window is going away: its screens want no more answers
            return
        if on_done is not None:
            self._call(on_done, result)

    def _fail(
        self, task_id: int, on_error: Callable[[KioskError], None] | None, error: KioskError
    ) -> None:
        self._forget(task_id)
        if self._stopped:
            return
        if on_error is not None:
            self._call(on_error, error)
        else:
            self.failed.emit(error)

    def _call(self, callback: Callable[[Any], None], value: Any) -> None:
        try:
            callback(value)
        except KioskError as exc:
            log.warning("background callback refused: %s", exc.detail)
            self.failed.emit(exc)
        except Exception as exc:
            log.exception("background callback crashed")
            self.failed.emit(UnexpectedError(UNEXPECTED, detail=f"{type(exc).__name__}: {exc}"))

    def _forget(self, task_id: int) -> None:
        key, _busy, _started = self._running.pop(task_id, ("", "", 0.0))
        self._keys.discard(key)
        relay = self._relays.pop(task_id, None)
        if relay is not None:
            relay.deleteLater()
        self._refresh_busy()

    @Slot()
    def _refresh_busy(self) -> None:
        shown_from = time.monotonic() - 0.9 * self._busy_after_ms / 1000  # timers fire early
        texts = [
            busy for _key, busy, started in self._running.values() if busy and started <= shown_from
        ]
        text = texts[0] if texts else ""
        if text != self._shown_busy:
            self._shown_busy = text
            self.busy_changed.emit(text)
