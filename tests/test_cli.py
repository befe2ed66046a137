"""The command line: exit codes, one-line messages, no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import __version__
from kiosk.cli import main
from kiosk.settings import Settings
from kiosk.storage.database import head_revision
from tests.conftest import AdminCommand


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version_through_the_console_script() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == f"kiosk {__version__}"


def test_version_and_help_load_no_database_or_gui_code() -> None:
    code = (
        "import sys\n"
        "from kiosk.cli import main\n"
        "for argv in (['--version'], ['--help'], ['sync', '--help']):\n"
        "    try:\n"
        "        main(argv)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = ('sqlalchemy', 'PySide6', 'kiosk.app', 'kiosk.services', 'kiosk.storage')\n"
        "print(sorted(n for n in sys.modules if n.startswith(heavy)), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stderr.strip() == "[]"


def test_db_upgrade_and_current(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "db", "current")
    assert code == 0 and "chưa có lược đồ" in out
    code, out, _ = run(capsys, "db", "upgrade")
    assert code == 0 and head_revision() in out
    code, out, _ = run(capsys, "db", "current")
    assert out.strip() == head_revision()


def test_helper_commands(
    settings: Settings, capsys: pytest.CaptureFixture[str], as_admin: AdminCommand
) -> None:
    add = as_admin("helper", "add", "lan", "--name", "Nguyễn Thị Lan", "--pin", "482916")
    code, out, _ = run(capsys, *add)
    assert code == 0 and "Nguyễn Thị Lan" in out
    add = as_admin("helper", "add", "lan", "--name", "Lê Lan", "--pin", "482916")
    code, _, err = run(capsys, *add)
    assert code == 2 and err.startswith("Lỗi: ") and "đã tồn tại" in err and "Traceback" not in err
    code, _, err = run(
        capsys, *as_admin("helper", "add", "minh", "--name", "Minh", "--pin", "1111")
    )
    assert code == 2 and "dễ đoán" in err
    code, out, _ = run(capsys, *as_admin("helper", "reset-pin", "lan", more="730518\n"))
    assert code == 0
    code, out, _ = run(capsys, "helper", "list")
    assert "lan" in out and "Nguyễn Thị Lan" in out and "hoạt động" in out
    code, _, err = run(capsys, *as_admin("helper", "reset-pin", "ghost", "--pin", "730518"))
    assert code == 1 and "ghost" in err


def test_close_day_twice_is_refused(
    settings: Settings, capsys: pytest.CaptureFixture[str], as_admin: AdminCommand
) -> None:
    code, out, _ = run(capsys, *as_admin("close-day"))
    assert code == 0 and "Đã chốt sổ" in out
    code, _, err = run(capsys, *as_admin("close-day"))
    assert code == 1 and "đã được chốt sổ" in err and len(err.strip().splitlines()) == 1


def test_bad_input_is_one_line(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["close-day", "--date", "31/02/2026"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "không hợp lệ" in err and len(err.strip().splitlines()) == 1


def test_bad_settings_exit_2(
    settings: Settings, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_PAPER", "A4")
    code, _, err = run(capsys, "helper", "list")
    assert code == 2 and "printing.paper" in err


def test_purge_commands(
    settings: Settings, capsys: pytest.CaptureFixture[str], as_admin: AdminCommand
) -> None:
    code, out, _ = run(capsys, *as_admin("purge", "--retention-days", "30"))
    assert code == 0 and "quá 30 ngày" in out
    code, _, err = run(capsys, *as_admin("purge", "--citizen", "001198012345"))
    assert code == 1 and "Không có dữ liệu" in err
    code, _, err = run(capsys, *as_admin("purge", "--citizen", "12"))
    assert code == 2 and "12 chữ số" in err


def test_config_init_and_show(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "config", "init")
    assert code == 0 and (settings.config_dir / "settings.toml").exists()
    code, _, err = run(capsys, "config", "init")
    assert code == 2 and "không ghi đè" in err
    code, out, _ = run(capsys, "config", "show")
    assert code == 0 and "counter_code = Q01" in out


def test_no_personal_data_in_the_log_file(
    settings: Settings, capsys: pytest.CaptureFixture[str], as_admin: AdminCommand
) -> None:
    from kiosk.app import build_kiosk
    from tests.factories import NHUNG, finished_visit

    kiosk = build_kiosk(settings)
    finished_visit(kiosk, citizen=NHUNG)
    kiosk.close()
    run(capsys, *as_admin("purge", "--citizen", NHUNG.id_number))
    run(capsys, *as_admin("purge", "--citizen", NHUNG.id_number))  # not found now, logged
    log_text = (settings.log_dir / "kiosk.log").read_text(encoding="utf-8")
    assert "purge" in log_text
    for secret in (NHUNG.id_number, "Nhung", "Nguyễn"):
        assert secret not in log_text


def test_output_cut_short_by_the_reader_is_not_an_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`kiosk config show | head -1`: the reader stops early; no "Lỗi không mong đợi"."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader (head) is gone
    with capsys.disabled(), os.fdopen(write_end, "w", buffering=1) as gone:
        monkeypatch.setattr(sys, "stdout", gone)
        assert main(["config", "show"]) == 0
        monkeypatch.undo()
    assert "không mong đợi" not in capsys.readouterr().err


def _kiosk_process(
    tmp_path: Path,
    *argv: str,
    env: dict[str, str] | None = None,
    unset: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[str]:
    """``python -m kiosk ARGV`` as a console runs it: nothing set up logging beforehand."""
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("KIOSK_") and k not in unset},
        "KIOSK_CONFIG_DIR": str(tmp_path / "config"),
        "KIOSK_DATA_DIR": str(tmp_path / "data"),
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *argv],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("settings_file", "env", "expected"),
    [
        ("[ui]\nidle_timeout_seconds = inf\n", {}, "'ui.idle_timeout_seconds'"),
        (None, {}, "là một thư mục"),  # settings.toml is a folder
        ("", {"KIOSK_DATABASE_URL": "sqlite:relative.db"}, "'database.url'"),
        ("[ui]\nidle_timeout_seconds = 5\n", {}, "'ui.idle_timeout_seconds'"),
    ],
)
def test_a_settings_error_is_one_vietnamese_line_without_traceback(
    tmp_path: Path, settings_file: str | None, env: dict[str, str], expected: str
) -> None:
    settings_path = tmp_path / "config" / "settings.toml"
    settings_path.parent.mkdir()
    if settings_file is None:
        settings_path.mkdir()
    else:
        settings_path.write_text(settings_file, encoding="utf-8")
    result = _kiosk_process(tmp_path, "helper", "list", env=env)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Lỗi: ") and expected in lines[0], lines
    log_text = (tmp_path / "data" / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "WARNING kiosk.cli: command helper failed" in log_text


@pytest.mark.parametrize("typed", ["Q01-20261123-000\udcff", "Q01-20261123-0007\x00", "phiếu 7"])
def test_a_receipt_number_that_cannot_be_one_is_refused_in_vietnamese(
    settings: Settings, capsys: pytest.CaptureFixture[str], tmp_path: Path, typed: str
) -> None:
    # A lone surrogate (an undecodable byte of the command line) reached SQLite: exit 70.
    with pytest.raises(SystemExit) as exit_info:
        main(["receipt", typed, "--out", str(tmp_path / "r.pdf")])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "không đúng dạng" in err and len(err.strip().splitlines()) == 1
    err.encode("utf-8")  # printable as it is: the surrogate is shown escaped


def test_a_well_formed_receipt_number_is_looked_up_in_any_case(
    settings: Settings, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "receipt", " q01-20261123-0007 ", "--out", str(tmp_path / "r.pdf"))
    assert code == 1 and "Không tìm thấy biên nhận số Q01-20261123-0007" in err


def test_the_window_with_bad_settings_and_no_display_says_it_once(tmp_path: Path) -> None:
    """``kiosk`` at a console without a display: the line, not Qt aborting (exit 134)."""
    env = {"KIOSK_IDLE_TIMEOUT": "inf"}
    result = _kiosk_process(
        tmp_path, env=env, unset=("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == [
        "Lỗi: Khóa cấu hình 'ui.idle_timeout_seconds' phải là một số nguyên hữu hạn, "
        "không phải inf hay nan (giá trị: 'inf')."
    ]
