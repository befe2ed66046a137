"""The thread-owner base of the long-lived workers: steps on their own thread, wake, stop
that waits, a crash reported and logged."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QThread, Signal
from pytestqt.qtbot import QtBot

from kiosk.ui.worker_thread import LoopWorker, WorkerOwner


class Counting(LoopWorker):
    """Counts its steps; waits ``delay`` seconds between them (None: until woken)."""

    stepped = Signal(int)
    broke = Signal()

    def __init__(self, delay: float | None, *, fail_at: int = 0, first_delay_s: float = 0.0):
        super().__init__(first_delay_s=first_delay_s)
        self.delay = delay
        self.fail_at = fail_at
        self.steps = 0
        self.threads: set[QThread] = set()
        self.cleaned = threading.Event()

    def step(self) -> float | None:
        self.steps += 1
        self.threads.add(QThread.currentThread())
        if self.steps == self.fail_at:
            raise RuntimeError("a bug in a step")
        self.stepped.emit(self.steps)
        return self.delay

    def crashed(self) -> None:
        self.broke.emit()

    def cleanup(self) -> None:
        self.cleaned.set()


class Owner(WorkerOwner):
    """Re-emits the worker's signals on the GUI thread, as every owner of the kiosk does."""

    stepped = Signal(int)
    broke = Signal()

    worker: Counting

    def __init__(self, worker: Counting) -> None:
        super().__init__(worker, name="test-worker")
        worker.stepped.connect(self.stepped)
        worker.broke.connect(self.broke)


def test_steps_run_on_the_workers_thread_and_a_wake_cuts_the_wait_short(qtbot: QtBot) -> None:
    worker = Counting(delay=None)
    owner = Owner(worker)
    with qtbot.waitSignal(owner.stepped, timeout=5_000):
        owner.start()
    assert owner.running and QThread.currentThread() not in worker.threads
    with qtbot.waitSignal(owner.stepped, timeout=5_000) as second:
        owner.wake()  # no delay: the loop waits for this
    assert second.args == [2]
    assert owner.stop(timeout_ms=2_000)
    assert not owner.running and worker.cleaned.is_set()


def test_stop_waits_for_the_step_in_hand_and_ends_a_long_wait_at_once(qtbot: QtBot) -> None:
    worker = Counting(delay=3_600.0, first_delay_s=0.0)
    owner = Owner(worker)
    with qtbot.waitSignal(owner.stepped, timeout=5_000):
        owner.start()
    started = time.monotonic()
    assert owner.stop()  # an hour's wait ends now
    assert time.monotonic() - started < 1.0
    assert worker.steps == 1 and worker.cleaned.is_set()
    owner.start()  # a stopped worker is not restarted
    assert not owner.running


def test_a_crash_is_logged_reported_and_ends_the_thread(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    worker = Counting(delay=0.01, fail_at=3)
    owner = Owner(worker)
    with qtbot.waitSignal(owner.broke, timeout=5_000):
        owner.start()
    qtbot.waitUntil(lambda: not owner.running, timeout=5_000)
    assert worker.steps == 3 and worker.cleaned.is_set()
    (record,) = [r for r in caplog.records if "crashed" in r.getMessage()]
    assert record.exc_info is not None and "a bug in a step" in str(record.exc_info[1])
    assert owner.stop()


def test_a_first_delay_is_cut_short_by_a_wake(qtbot: QtBot) -> None:
    worker = Counting(delay=None, first_delay_s=3_600.0)
    owner = Owner(worker)
    owner.start()
    qtbot.wait(50)
    assert worker.steps == 0
    with qtbot.waitSignal(owner.stepped, timeout=5_000):
        owner.wake()
    assert owner.stop()
