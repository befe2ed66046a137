"""Reads whose newest answer alone counts: today's list, the dashboard, the sign-in names.

A helper taps faster than a slow database answers. A :class:`Channel` keeps one task of its
kind on the background pool at a time: a request made while one is in hand waits, replacing
any request already waiting, and the answer of the request it supersedes is dropped. An
answer is also dropped when ``wanted()`` says so when it arrives (the helper left the screen,
helper mode was locked). So a centre that never answers holds one pool thread, not one per
tap, and a late answer never puts personal data back on a screen that was wiped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from kiosk.errors import KioskError
from kiosk.ui.background import BackgroundTasks

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class _Request:
    serial: int
    work: Callable[[], Any]
    on_done: Callable[[Any], None]
    on_error: Callable[[KioskError], None]
    wanted: Callable[[], bool]


class Channel:
    """One kind of read, run through ``tasks`` under ``key``; see the module docstring."""

    def __init__(self, tasks: BackgroundTasks, key: str) -> None:
        self._tasks = tasks
        self._key = key
        self._serial = 0  # the newest request's
        self._running = False
        self._waiting: _Request | None = None

    @property
    def in_hand(self) -> bool:
        """Whether a request of this channel waits for its answer."""
        return self._running or self._waiting is not None

    def ask(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        *,
        on_error: Callable[[KioskError], None],
        wanted: Callable[[], bool] = lambda: True,
    ) -> None:
        """Run ``work`` off the GUI thread; ``on_done`` or ``on_error`` get its answer on the GUI
        thread unless a newer request came since or ``wanted()`` is false by then."""
        self._serial += 1
        request = _Request(self._serial, work, on_done, on_error, wanted)
        if self._running:
            self._waiting = request
        else:
            self._start(request)

    def drop(self) -> None:
        """Forget every request in hand: their answers will be dropped."""
        self._serial += 1
        self._waiting = None

    def _start(self, request: _Request) -> None:
        self._running = self._tasks.run(
            request.work,
            lambda result: self._answered(request, result, None),
            on_error=lambda error: self._answered(request, None, error),
            key=self._key,
        )
        if not self._running:
            log.info("%s: not asked (the kiosk is stopping)", self._key)

    def _answered(self, request: _Request, result: object, error: KioskError | None) -> None:
        self._running = False
        waiting, self._waiting = self._waiting, None
        if waiting is not None:  # a newer request: this answer is stale
            self._start(waiting)
            return
        if request.serial != self._serial or not request.wanted():
            log.debug("%s: answer dropped (superseded or no longer wanted)", self._key)
            return
        if error is not None:
            request.on_error(error)
        else:
            request.on_done(result)
