"""Citizen flows played again and again through a real kiosk window, and what stays behind.

One flow: "Bắt đầu" on the welcome, the card read (a wedge scanner's burst, or typed on the
manual-entry form every ``manual_every``-th flow), consent, one service, its guide to the
last step, the outcome, a rating, the receipt printed, "Về trang chủ". After each flow the
deferred deletions run and the collector collects; :func:`count` then says how many Python
objects the collector tracks (dead weak references aside), how many QObjects hang under the
application's windows and the process's resident memory. Used by tests/test_leaks.py
(30 flows) and bench/bench_leaks.py (300 flows).
"""

from __future__ import annotations

import gc
import os
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.main_window import KioskGui

QR = Path(__file__).parent / "data" / "qr"
SERVICE = "vssid"

WaitUntil = Callable[[Callable[[], bool]], None]


@dataclass(frozen=True)
class Counts:
    """What is alive after a flow."""

    python_objects: int
    qobjects: int
    rss_kib: int


def count(app: QApplication) -> Counts:
    """Delete what was deleted later, collect, and count."""
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
    gc.collect()
    # Not counted: dead weak references. Each sqlite3 connection keeps a list of weak
    # references to its cursors and prunes the dead ones only every 200 cursors (CPython's
    # Modules/_sqlite/connection.c): bounded, but a few hundred that come and go.
    alive = sum(
        1 for thing in gc.get_objects() if not (type(thing) is weakref.ref and thing() is None)
    )
    qobjects = len(app.children()) + sum(
        1 + len(widget.findChildren(QObject)) for widget in app.topLevelWidgets()
    )
    with open(f"/proc/{os.getpid()}/statm", encoding="ascii") as statm:
        rss_pages = int(statm.read().split()[1])
    return Counts(alive, qobjects, rss_pages * os.sysconf("SC_PAGE_SIZE") // 1024)


def tap(widget: QWidget) -> None:
    """A finger on the middle of ``widget``."""
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def _type_identity(gui: KioskGui) -> None:
    """The ID number, a name on the Telex keyboard, the birth date, by touch."""
    manual = gui.screens.manual
    form = manual.form
    for digit in "001198012345":
        tap(form.keypad.key(digit))
    QTest.mouseClick(form.name_field, Qt.MouseButton.LeftButton)
    for name in ("key_shift", "key_a", "key_n", "key_done"):
        key = manual.keyboard.findChild(QWidget, name)
        assert key is not None, name
        tap(key)
    QTest.mouseClick(form.birth_field, Qt.MouseButton.LeftButton)
    for char in "15/08/1998":
        tap(form.keypad.key(char))
    tap(form.female_button)
    tap(form.confirm_button)


def play_flow(gui: KioskGui, wait_until: WaitUntil, *, manual: bool = False) -> None:
    """One citizen from the welcome screen back to it."""
    s = gui.screens
    shell = gui.shell
    tap(s.welcome.start)
    wait_until(lambda: shell.current_screen is s.scan)
    if manual:
        tap(s.scan.manual)
        wait_until(lambda: shell.current_screen is s.manual)
        _type_identity(gui)
    else:
        gui.scan_hub.take_wedge_payload((QR / "card-ok.txt").read_text(encoding="utf-8").strip())
    wait_until(lambda: shell.current_screen is s.confirm)
    tap(s.confirm.agree)
    wait_until(lambda: shell.current_screen is s.services)
    tap(s.services.tiles[SERVICE])
    tap(s.services.proceed)
    wait_until(lambda: shell.current_screen is s.guide)
    while shell.current_screen is s.guide:
        tap(s.guide.next)
    wait_until(lambda: shell.current_screen is s.outcome)
    tap(s.outcome.outcomes["done"])
    tap(s.outcome.save)
    wait_until(lambda: shell.current_screen is s.rating)
    tap(s.rating.faces[4])
    wait_until(lambda: shell.current_screen is s.done)
    wait_until(lambda: "in xong" in s.done.print_status.text())  # the receipt printed
    tap(s.done.home)
    wait_until(lambda: shell.current_screen is s.welcome and gui.tasks.pending == 0)


def play(
    gui: KioskGui,
    app: QApplication,
    wait_until: WaitUntil,
    flows: int,
    *,
    every: int = 10,
    manual_every: int = 3,
    after_flow: Callable[[int], None] | None = None,
) -> list[tuple[int, Counts]]:
    """Play ``flows`` flows; the counts after every ``every``-th (and before the first)."""
    seen = [(0, count(app))]
    for number in range(1, flows + 1):
        play_flow(gui, wait_until, manual=number % manual_every == 0)
        if after_flow is not None:
            after_flow(number)
        if number % every == 0:
            seen.append((number, count(app)))
    return seen
