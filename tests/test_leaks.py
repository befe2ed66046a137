"""Nothing leaks: 30 citizen flows through the real window leave the counts where they were.

After a warm-up (the first flows fill caches: the guide's pages, the receipt's fonts, the
translations), 30 further flows may leave at most a few dozen Python objects (no growth
with the flows) and no QObject behind. The check is shown to fail when a flow keeps
something (a QObject under the window and a list a flow appends to). bench/bench_leaks.py
plays 300 flows.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.ui.main_window import KioskGui
from tests.conftest import GuiFactory
from tests.leak_flows import Counts, play

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

WARM_UP = 12
FLOWS = 30
# The count wobbles by a few dozen (timers pending, a thread's lock); the leak that
# BackgroundTasks had (a weak reference kept by each busy timer) left 3 a flow.
PYTHON_OBJECTS_TOLERANCE = 45
QOBJECTS_TOLERANCE = 0


def growth(
    gui: KioskGui, app: QApplication, qtbot: QtBot, keep: Callable[[int], None] | None
) -> tuple[Counts, Counts]:
    """Counts after the warm-up and after :data:`FLOWS` more flows."""

    def wait(predicate: Callable[[], bool]) -> None:
        qtbot.waitUntil(predicate, timeout=10_000)

    play(gui, app, wait, WARM_UP, every=WARM_UP)
    seen = play(gui, app, wait, FLOWS, every=FLOWS, after_flow=keep)
    (_, before), (_, after) = seen
    print(f"after the warm-up {before}, after {FLOWS} more flows {after}")
    return before, after


def leaked(before: Counts, after: Counts) -> list[str]:
    """What grew beyond the tolerance."""
    found = []
    if after.python_objects - before.python_objects > PYTHON_OBJECTS_TOLERANCE:
        found.append(f"python objects {before.python_objects} -> {after.python_objects}")
    if after.qobjects - before.qobjects > QOBJECTS_TOLERANCE:
        found.append(f"QObjects {before.qobjects} -> {after.qobjects}")
    return found


@pytest.mark.slow
def test_thirty_flows_leave_nothing_behind(
    kiosk: Kiosk, make_gui: GuiFactory, qapp: QApplication, qtbot: QtBot
) -> None:
    gui = make_gui(kiosk, print_retry_seconds=0.2)
    before, after = growth(gui, qapp, qtbot, None)
    assert leaked(before, after) == [], (before, after)


@pytest.mark.slow
def test_the_check_sees_a_flow_that_keeps_something(
    kiosk: Kiosk, make_gui: GuiFactory, qapp: QApplication, qtbot: QtBot
) -> None:
    gui = make_gui(kiosk, print_retry_seconds=0.2)
    kept: list[object] = []

    def keep(number: int) -> None:  # what a forgotten connection or cache would hold
        kept.append(QObject(gui.shell))
        kept.append({"flow": number, "screen": [gui.shell.current_screen]})

    before, after = growth(gui, qapp, qtbot, keep)
    assert len(leaked(before, after)) == 2, (before, after)
