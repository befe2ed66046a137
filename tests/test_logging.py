"""The log file: rotated at 2 MB, five old files kept, and never a reason to stop the kiosk
(a log folder that cannot be made, a disk that fills up)."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.logging_setup import LOG_FILE, configure_logging
from tests.filesystems import fill_up, small_filesystem

LINE = "print job 17 for Q01-20261123-0007 failed: lp: printer is offline " + "x" * 2000


@pytest.fixture(autouse=True)
def own_root_logger() -> Iterator[None]:
    """Give the root logger back as it was: configure_logging changes it for the process."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in [h for h in root.handlers if getattr(h, "_kiosk", False)]:
        root.removeHandler(handler)
        with contextlib.suppress(OSError):  # a full disk cannot take the last buffered lines
            handler.close()
    for handler in handlers:
        if handler not in root.handlers:
            root.addHandler(handler)
    root.setLevel(level)


def kiosk_handlers() -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if getattr(h, "_kiosk", False)]


def test_log_rotates_and_keeps_five_old_files(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    configure_logging(folder)
    log = logging.getLogger("kiosk.test")
    for _ in range(14 * 2_000_000 // len(LINE)):  # 14 MB: more than 6 files' worth
        log.info(LINE)

    names = sorted(p.name for p in folder.iterdir())
    assert names == [LOG_FILE] + [f"{LOG_FILE}.{n}" for n in range(1, 6)]
    assert all(p.stat().st_size <= 2_000_000 for p in folder.iterdir())
    assert LINE in (folder / f"{LOG_FILE}.5").read_text(encoding="utf-8")


def test_kiosk_runs_when_the_log_folder_cannot_be_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocked = tmp_path / "data"
    blocked.write_text("a file where the data folder should be", encoding="utf-8")
    configure_logging(blocked / "logs")
    assert [type(h) for h in kiosk_handlers()] == [logging.NullHandler]
    logging.getLogger("kiosk.test").error("nowhere to go")  # no exception, nothing printed

    monkeypatch.setenv("KIOSK_DATA_DIR", str(blocked))
    code = main(["config", "show"])
    out, err = capsys.readouterr()
    assert code == 0 and "counter_code = Q01" in out and err == ""


def test_kiosk_runs_when_the_log_disk_fills_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with small_filesystem(tmp_path / "small", "1m") as small:
        folder = small / "logs"
        configure_logging(folder)
        log = logging.getLogger("kiosk.test")
        log.info("before the disk is full")
        fill_up(small)
        for _ in range(3 * 2_000_000 // len(LINE)):  # through the rotation point, too
            log.info(LINE)
        assert (folder / LOG_FILE).exists()
    out, err = capsys.readouterr()
    assert out == "" and err == ""  # no traceback on the counter's screen
