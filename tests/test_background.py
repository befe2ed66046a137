"""BackgroundTasks: work off the GUI thread, result and errors back on it, one task per key."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from kiosk.errors import InputError, KioskError
from kiosk.ui.background import BackgroundTasks, UnexpectedError


def test_work_runs_off_the_gui_thread_and_the_result_comes_back_on_it(qtbot: QtBot) -> None:
    tasks = BackgroundTasks()
    gui_thread = QThread.currentThread()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["work_thread"] = QThread.currentThread()
        return 42

    def done(value: int) -> None:
        seen["done_thread"] = QThread.currentThread()
        seen["value"] = value

    assert tasks.run(work, done)
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen["value"] == 42
    assert seen["work_thread"] is not gui_thread
    assert seen["done_thread"] is gui_thread
    assert tasks.pending == 0


def test_a_kiosk_error_goes_to_on_error_or_else_to_the_banner_signal(qtbot: QtBot) -> None:
    tasks = BackgroundTasks()
    taken: list[KioskError] = []

    def refuse() -> None:
        raise InputError("Mã PIN không đúng.")

    tasks.run(refuse, on_error=taken.append)
    qtbot.waitUntil(lambda: bool(taken))
    assert taken[0].message == "Mã PIN không đúng."

    with qtbot.waitSignal(tasks.failed) as blocker:
        tasks.run(refuse)
    assert blocker.args[0].message == "Mã PIN không đúng."


def test_a_bug_in_the_work_is_logged_with_its_traceback_and_reported(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    tasks = BackgroundTasks()

    def crash() -> None:
        raise ZeroDivisionError("boom")

    with qtbot.waitSignal(tasks.failed) as blocker:
        tasks.run(crash)
    error = blocker.args[0]
    assert isinstance(error, UnexpectedError)
    assert "ZeroDivisionError" in error.detail
    assert "báo cán bộ CNTT" in error.message
    crashes = [r for r in caplog.records if r.exc_info and "boom" in str(r.exc_info[1])]
    assert crashes and "background task" in crashes[0].getMessage()


def test_a_second_task_with_the_same_key_is_refused_while_the_first_runs(qtbot: QtBot) -> None:
    tasks = BackgroundTasks()
    release = threading.Event()
    results: list[str] = []

    def first() -> str:
        assert release.wait(5)
        return "first"

    assert tasks.run(first, results.append, key="close-day")
    assert not tasks.run(lambda: "second", results.append, key="close-day")
    assert tasks.is_running("close-day")
    release.set()
    qtbot.waitUntil(lambda: results == ["first"])
    assert not tasks.is_running("close-day")
    assert tasks.run(lambda: "third", results.append, key="close-day")
    qtbot.waitUntil(lambda: results == ["first", "third"])


def test_long_work_shows_its_busy_text_and_clears_it(qtbot: QtBot) -> None:
    tasks = BackgroundTasks(busy_after_ms=50)
    release = threading.Event()
    texts: list[str] = []
    tasks.busy_changed.connect(texts.append)
    tasks.run(lambda: release.wait(5), busy="Đang chốt sổ…")
    qtbot.waitUntil(lambda: texts == ["Đang chốt sổ…"])
    release.set()
    qtbot.waitUntil(lambda: texts == ["Đang chốt sổ…", ""])


def test_short_work_shows_no_busy_text(qtbot: QtBot) -> None:
    tasks = BackgroundTasks(busy_after_ms=100)
    texts: list[str] = []
    done: list[object] = []
    tasks.busy_changed.connect(texts.append)
    tasks.run(lambda: 1, done.append, busy="Đang tải…")
    qtbot.waitUntil(lambda: bool(done))
    qtbot.wait(300)  # past the busy timer, which finds nothing long running
    assert texts == []


def test_after_stop_no_new_work_is_taken(qtbot: QtBot) -> None:
    tasks = BackgroundTasks()
    assert tasks.stop()
    assert not tasks.run(lambda: 1)
