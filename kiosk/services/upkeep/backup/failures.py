"""Backup and restore failures as one clear Vietnamese message each (and a log line)."""

from __future__ import annotations

import errno
import logging
import sqlite3
from pathlib import Path

from kiosk.errors import DatabaseCorruptError, KioskError, StorageFullError
from kiosk.services.upkeep.backup.files import BackupError

log = logging.getLogger(__name__)


def sqlite_error(exc: BaseException) -> str:
    return str(getattr(exc, "sqlite_errorname", ""))


_OS_REASONS = {
    errno.EACCES: "không có quyền ghi",
    errno.EPERM: "không có quyền ghi",
    errno.EROFS: "ổ đĩa chỉ cho phép đọc",
    errno.ENOENT: "thư mục không tồn tại",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.EEXIST: "một phần của đường dẫn không phải thư mục",
}


def write_error(folder: Path, exc: OSError) -> KioskError:
    detail = f"{type(exc).__name__}: {exc}"
    log.error("backup to %s failed: %s", folder, detail)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _full(folder, detail)
    reason = _OS_REASONS.get(exc.errno or 0, "lỗi hệ điều hành khi ghi tệp")
    return BackupError(
        f"Không ghi được bản sao lưu vào {folder}: {reason}. Kiểm tra ổ đĩa và quyền ghi, "
        "hoặc đặt backup.dir sang thư mục khác.",
        detail=detail,
    )


def _full(folder: Path, detail: str) -> StorageFullError:
    return StorageFullError(
        f"Ổ đĩa chứa thư mục sao lưu {folder} đã đầy nên chưa sao lưu được; không có bản sao "
        "lưu dở dang nào được để lại. Hãy xóa bớt tệp, giảm backup.keep_days hoặc đặt "
        "backup.dir sang ổ khác.",
        detail=detail,
    )


def target_error(folder: Path, exc: sqlite3.Error) -> KioskError:
    detail = f"{type(exc).__name__}: {exc} ({sqlite_error(exc)})"
    log.error("backup to %s failed: %s", folder, detail)
    if sqlite_error(exc) == "SQLITE_FULL" or "disk is full" in str(exc):
        return _full(folder, detail)
    return BackupError(
        f"Không ghi được bản sao lưu vào {folder} ({exc}). Kiểm tra ổ đĩa và quyền ghi, "
        "hoặc đặt backup.dir sang thư mục khác.",
        detail=detail,
    )


def source_error(database: Path, exc: sqlite3.Error) -> KioskError:
    from kiosk.storage.database import translate_error

    return translate_error(exc, str(database))


def restore_error(database: Path, exc: sqlite3.Error) -> KioskError:
    from kiosk.storage.database import translate_error

    return translate_error(exc, f"khôi phục vào {database}")


class DamagedFileError(DatabaseCorruptError):
    """A database file failed ``PRAGMA quick_check`` (rather than not being ours)."""


def damaged(path: Path, detail: str) -> DatabaseCorruptError:
    log.error("database file %s failed its check: %s", path, detail)
    return DamagedFileError(
        f"Tệp {path.name} bị hỏng (kiểm tra toàn vẹn không đạt), nên không dùng được. "
        "Hãy chọn một bản sao lưu khác.",
        detail=detail,
    )


def not_ours(path: Path, detail: str) -> DatabaseCorruptError:
    log.error("database file %s is not a Quầy Số database: %s", path, detail)
    return DatabaseCorruptError(
        f"Tệp {path.name} không phải cơ sở dữ liệu của Quầy Số (hoặc bị hỏng nặng).",
        detail=detail,
    )
