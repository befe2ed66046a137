"""Doctor check that the counter's folders and files are private (POSIX): folders 0700,
files 0600. The names, the key and the receipts in them are nobody else's business on a PC
that other accounts use. Only reads: the kiosk narrows them itself when it next starts."""

from __future__ import annotations

import shlex
import stat
from pathlib import Path

from kiosk.private_files import ENABLED, too_open
from kiosk.services.upkeep.doctor.report import Check
from kiosk.services.upkeep.private_places import kiosk_places
from kiosk.settings import Settings

PERMISSIONS = "Quyền riêng tư của tệp"
_NAMED = 3  # paths named on the line; the rest are counted


def _wide(paths: tuple[Path, ...]) -> list[Path]:
    wide = []
    for path in paths:
        try:
            if too_open(path.stat().st_mode):
                wide.append(path)
        except OSError:
            continue
    return wide


def _mode(path: Path) -> str:
    try:
        return f"{stat.S_IMODE(path.stat().st_mode):o}"
    except OSError:
        return "?"


def _listed(paths: list[Path]) -> str:
    named = ", ".join(f"{path} ({_mode(path)})" for path in paths[:_NAMED])
    rest = len(paths) - _NAMED
    return named + (f" và {rest} mục khác" if rest > 0 else "")


def _command(mode: str, paths: list[Path]) -> str:
    return f"chmod {mode} " + " ".join(shlex.quote(str(path)) for path in paths)


def check_permissions(settings: Settings) -> Check:
    """A warning naming the counter's folders wider than 0700 and files wider than 0600."""
    if not ENABLED:
        return Check(
            PERMISSIONS,
            True,
            "Windows: thư mục hồ sơ người dùng chỉ tài khoản chạy kiosk đọc được.",
            required=False,
        )
    places = kiosk_places(settings)
    folders, files = _wide(places.folders), _wide(places.files)
    if not folders and not files:
        return Check(
            PERMISSIONS,
            True,
            "Thư mục dữ liệu, cấu hình, nhật ký, sao lưu, báo cáo chỉ tài khoản chạy kiosk "
            f"đọc được (thư mục 700, tệp 600; {len(places.files)} tệp).",
            required=False,
        )
    problems = []
    if folders:
        problems.append(f"thư mục {_listed(folders)}")
    if files:
        problems.append(f"tệp {_listed(files)}")
    commands = [_command("700", folders)] if folders else []
    commands += [_command("600", files)] if files else []
    return Check(
        PERMISSIONS,
        False,
        "Người dùng khác trên máy này đọc được dữ liệu của quầy (có họ tên người dân): "
        + "; ".join(problems)
        + ".",
        "Chạy một lệnh kiosk bất kỳ hoặc khởi động lại kiosk (kiosk tự thu hẹp quyền khi mở), "
        "hoặc chạy bằng tài khoản của kiosk: " + " && ".join(commands),
        False,
    )
