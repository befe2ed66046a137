"""Doctor checks of where the kiosk writes: free disk space, the backup folder and the
newest backup, the log folder."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

from sqlalchemy.engine import make_url

from kiosk.domain.clock import Clock, SystemClock
from kiosk.services.upkeep.doctor.report import Check
from kiosk.settings import Settings

log = logging.getLogger(__name__)

DISK = "Dung lượng đĩa"
BACKUP = "Bản sao lưu"
BACKUP_DIR = "Thư mục sao lưu"
LOGS = "Tệp nhật ký"

BACKUP_WARN_HOURS = 26  # daily backups: a day and a little slack

MB = 1024 * 1024
DISK_FAIL_BYTES = 100 * MB
DISK_WARN_BYTES = 500 * MB


# -- disk -------------------------------------------------------------------------------------


def _size(free: int) -> str:
    if free >= 1024 * MB:
        return f"{free / (1024 * MB):.1f} GB".replace(".", ",")
    return f"{free // MB} MB"


def _existing(path: Path) -> Path:
    """``path`` or its nearest ancestor that exists (the data dir may not be made yet)."""
    path = path.absolute()
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def check_disk(settings: Settings) -> Check:
    """Free space where the kiosk writes: the data dir and a SQLite file kept elsewhere."""
    places = [settings.data_dir]
    parsed = make_url(settings.effective_database_url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        places.append(Path(str(parsed.database)).parent)
    free, where = min((shutil.disk_usage(_existing(p)).free, p) for p in places)
    return disk_verdict(free, where)


def disk_verdict(free: int, where: Path) -> Check:
    """Fail under 100 MB free, warn (a failure that is not required) under 500 MB."""
    left = f"Còn trống {_size(free)} tại {where}"
    fix = "Xóa tệp không cần thiết hoặc chuyển thư mục dữ liệu (KIOSK_DATA_DIR) sang ổ khác."
    if free < DISK_FAIL_BYTES:
        return Check(DISK, False, f"{left}: quá ít, sẽ không ghi được giao dịch.", fix)
    if free < DISK_WARN_BYTES:
        return Check(DISK, False, f"{left}: sắp đầy.", fix, required=False)
    return Check(DISK, True, f"{left}.")


# -- backups and logs -------------------------------------------------------------------------


def _age(delta: timedelta) -> str:
    hours = int(delta.total_seconds() // 3600)
    if hours < 1:
        return "chưa tới 1 giờ"
    if hours < 48:
        return f"{hours} giờ"
    return f"{hours // 24} ngày"


def check_backup_age(settings: Settings, clock: Clock | None = None) -> Check:
    """The newest backup of the embedded database: a warning when none or over 26 hours old."""
    from kiosk.services.upkeep.backup import embedded_database, newest_backup

    clock = clock or SystemClock()
    database = embedded_database(settings)
    if database is None:
        return Check(
            BACKUP,
            True,
            "Cơ sở dữ liệu trên máy chủ PostgreSQL: quản trị viên máy chủ sao lưu bằng pg_dump.",
            required=False,
        )
    newest = newest_backup(settings, clock)
    run = "Chạy: kiosk backup (kiosk đang mở tự sao lưu mỗi ngày); lỗi thì xem kiosk.log."
    if newest is None:
        if not database.exists():
            return Check(BACKUP, True, "Chưa có dữ liệu để sao lưu.", required=False)
        return Check(
            BACKUP, False, f"Chưa có bản sao lưu nào trong {settings.backup_dir}.", run, False
        )
    age = clock.now() - newest.created_at
    text = f"Bản mới nhất {newest.path.name}, cách đây {_age(age)}"
    if age > timedelta(hours=BACKUP_WARN_HOURS):
        return Check(BACKUP, False, f"{text}: đã quá {BACKUP_WARN_HOURS} giờ.", run, False)
    return Check(BACKUP, True, f"{text}.", required=False)


def _write_problem(folder: Path) -> str:
    """Why a file cannot be made in ``folder`` ("" when it can); leaves nothing behind."""
    try:
        with tempfile.TemporaryFile(dir=folder) as probe:
            probe.write(b"\0")
            probe.flush()
    except OSError as exc:
        return exc.strerror or str(exc)
    return ""


def check_backup_dir(settings: Settings) -> Check:
    """The backup folder: there (a configured one is never created), writable, room for one
    more backup (and 100 MB left for the counter when it is on the database's disk)."""
    from kiosk.services.upkeep.backup import embedded_database, format_size, space_needed

    database = embedded_database(settings)
    if database is None:
        return Check(BACKUP_DIR, True, "Không dùng (cơ sở dữ liệu PostgreSQL).", required=False)
    folder = settings.backup_dir
    move = "Đặt backup.dir (KIOSK_BACKUP_DIR) sang một thư mục ghi được, tốt nhất ở ổ khác."
    if settings.backup_location and not folder.is_dir():
        return Check(
            BACKUP_DIR,
            False,
            f"Không thấy thư mục sao lưu {folder} (ổ USB hoặc ổ sao lưu chưa cắm?).",
            "Cắm ổ sao lưu hoặc tạo thư mục đó; hoặc sửa backup.dir (KIOSK_BACKUP_DIR).",
            False,
        )
    place = _existing(folder)
    problem = _write_problem(place)
    if problem:
        return Check(BACKUP_DIR, False, f"Không ghi được vào {place}: {problem}.", move, False)
    free = shutil.disk_usage(place).free
    size = sum(p.stat().st_size for p in (database, Path(f"{database}-wal")) if p.exists())
    left = f"{folder}: ghi được, còn trống {_size(free)}"
    if size and free < space_needed(place, database, size):
        return Check(
            BACKUP_DIR,
            False,
            f"{left}: không đủ cho bản sao lưu tiếp theo (khoảng {format_size(size)}).",
            "Xóa bớt tệp, giảm backup.keep_days, hoặc " + move[0].lower() + move[1:],
            False,
        )
    return Check(BACKUP_DIR, True, f"{left}.", required=False)


def check_log_dir(settings: Settings) -> Check:
    """The log folder and kiosk.log are writable (the kiosk runs without them, blind)."""
    from kiosk.logging_setup import LOG_FILE

    folder = settings.log_dir
    log_file = folder / LOG_FILE
    fix = (
        "Cấp quyền ghi thư mục nhật ký cho tài khoản chạy kiosk (đừng chạy kiosk bằng sudo), "
        "hoặc chuyển thư mục dữ liệu (KIOSK_DATA_DIR)."
    )
    place = _existing(folder)
    problem = _write_problem(place)
    if not problem and log_file.exists() and not os.access(log_file, os.W_OK):
        problem = f"không có quyền ghi {log_file}"
    if problem:
        return Check(
            LOGS,
            False,
            f"Không ghi được nhật ký vào {place} ({problem}): kiosk vẫn chạy nhưng không ghi "
            "lại lỗi.",
            fix,
            False,
        )
    return Check(LOGS, True, f"{log_file}: ghi được (xoay vòng 5 tệp × 2 MB).", required=False)
