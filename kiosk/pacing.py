"""Long loops on a worker thread leave the GUI thread its turn at the interpreter.

CPython runs one thread's Python at a time. A worker thread that reads hundreds of rows
releases the interpreter lock at every SQLite step and takes it back a few microseconds
later, before the waiting GUI thread has woken up: the GUI thread can wait the whole loop
(measured: 80–130 ms of a 120–170 ms stall while the helper's list or close-day was read,
bench/FREEZE.md). A short sleep hands the lock over for certain.

A long loop creates a :class:`Pacer` and calls it once per item; off the main thread it
sleeps :data:`PAUSE_S` every :data:`EVERY_S` of work (about 6 % longer), on the main thread
(the CLI, where no window waits) it does nothing.

A loop that builds many small objects that hold no cycles (a list's records) also pauses
the cyclic garbage collector (:func:`collector_paused`): every 700 allocations it walked
the young objects, and now and then the whole heap, for nothing it could free: a fifth to
a third of reading a 5,374-visit day (bench/VISITS.md).
"""

from __future__ import annotations

import contextlib
import gc
import threading
import time
from collections.abc import Iterator

EVERY_S = 0.008  # the GUI thread waits at most about this long for its turn
PAUSE_S = 0.0005  # long enough for a waiting thread to wake and take the lock


class Pacer:
    """Call once per item of a long loop; every :data:`EVERY_S` it sleeps :data:`PAUSE_S`."""

    __slots__ = ("_active", "_last")

    def __init__(self) -> None:
        self._active = threading.current_thread() is not threading.main_thread()
        self._last = time.perf_counter()

    def __call__(self) -> None:
        if not self._active:
            return
        now = time.perf_counter()
        if now - self._last >= EVERY_S:
            time.sleep(PAUSE_S)
            self._last = time.perf_counter()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for the block (reference counting still frees
    everything that holds no cycle), back as it was after; safe to nest and across threads:
    the collector ends enabled if it was when the first block began."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
