"""The packaged kiosk's window starts on a PC without Python: offscreen and under Xvfb.

A file of its own (beside tests/test_packaging.py) so that another test process runs these
two while that one runs the rest: each keeps the window up for a few seconds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from kiosk.storage.database import head_revision
from tests.package_build import app_dir, clean_env, home
from tests.processes import stop_process_group

__all__ = ["app_dir", "home"]  # fixtures, used by name

GUI_SECONDS = 4.0

slow = pytest.mark.slow


@pytest.fixture
def kiosk_app(app_dir: Path) -> Path:
    return app_dir / "kiosk"


def run_gui_for_a_while(command: list[str], home: Path, **extra: str) -> str:
    """Start the kiosk window, check it is still up after GUI_SECONDS, stop it; its log."""
    data = home / "kiosk-data"
    env = clean_env(
        home,
        KIOSK_CONFIG_DIR=str(home / "kiosk-config"),
        KIOSK_DATA_DIR=str(data),
        KIOSK_DATABASE_URL=f"sqlite:///{data / 'kiosk.sqlite3'}",
        **extra,
    )
    with (home / "gui.out").open("w+", encoding="utf-8") as output:
        process = subprocess.Popen(
            command,
            env=env,
            cwd=home,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped with all it started
        )
        try:
            deadline = time.monotonic() + GUI_SECONDS
            while time.monotonic() < deadline and process.poll() is None:
                time.sleep(0.2)
            alive = process.poll() is None
        finally:
            stop_process_group(process)
        output.seek(0)
        printed = output.read()
    log_file = data / "logs" / "kiosk.log"
    log = log_file.read_text(encoding="utf-8") if log_file.exists() else "(no log file)"
    assert alive, f"the kiosk exited with {process.returncode}:\n{printed}\n{log}"
    assert "Traceback" not in printed and "Traceback" not in log, printed + log
    assert "command gui" in log
    # the migrations ran from the files shipped in the bundle
    assert f"at schema revision {head_revision()}" in log, log
    assert (data / "kiosk.sqlite3").is_file()
    return log


@slow
def test_gui_starts_offscreen(kiosk_app: Path, home: Path) -> None:
    run_gui_for_a_while([str(kiosk_app)], home)


@slow
def test_gui_starts_on_x11(kiosk_app: Path, home: Path) -> None:
    """Qt's xcb plugin and the X libraries it needs made it into the bundle (Xvfb)."""
    if shutil.which("xvfb-run") is None:
        if os.environ.get("CI"):
            pytest.fail("xvfb-run is missing (scripts/setup.sh installs xvfb)")
        pytest.skip("xvfb-run is not installed (scripts/setup.sh installs xvfb)")
    screen = ["-s", "-screen 0 1280x800x24"]
    command = ["xvfb-run", "-a", *screen, str(kiosk_app)]
    run_gui_for_a_while(command, home, QT_QPA_PLATFORM="xcb")
