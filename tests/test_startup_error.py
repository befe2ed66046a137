"""``kiosk`` (the window) with settings or a start it cannot use: the message on screen,
not a black kiosk session."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.cli import main
from kiosk.ui.startup_error import StartupErrorWindow


def _run_window_and_read_it(qapp: QApplication) -> tuple[int, list[str]]:
    """``kiosk`` with no command; once its event loop runs, read the error window and close it."""
    seen: list[str] = []

    def read_and_close() -> None:
        for widget in qapp.topLevelWidgets():
            if isinstance(widget, StartupErrorWindow) and widget.isVisible():
                seen.append(widget.message.text())
                assert widget.isFullScreen()
                widget.close()

    # A 1 ms timer, not a queued call (singleShot(0)): it waits for the event loop, which
    # runs once the kiosk is built; the welcome's first frame, painted before, runs none.
    QTimer.singleShot(1, read_and_close)
    return main([]), seen


def test_bad_settings_are_shown_on_screen(
    qapp: QApplication,
    isolated_dirs: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (isolated_dirs / "config").mkdir()
    (isolated_dirs / "config" / "settings.toml").write_text(
        "[ui]\nidle_timeout_seconds = inf\n", encoding="utf-8"
    )
    code, seen = _run_window_and_read_it(qapp)
    assert code == 2
    assert len(seen) == 1 and "'ui.idle_timeout_seconds'" in seen[0] and "hữu hạn" in seen[0]
    assert capsys.readouterr().err.count("ui.idle_timeout_seconds") == 1


def test_a_start_failure_after_the_settings_is_shown_on_screen(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # ESC/POS chosen without its device: build_printer refuses while the window is built.
    monkeypatch.setenv("KIOSK_PRINT_BACKEND", "escpos")
    code, seen = _run_window_and_read_it(qapp)
    assert code == 2
    assert len(seen) == 1 and "'printing.device'" in seen[0]
    assert "printing.device" in capsys.readouterr().err
