"""Backup and restore failures as one clear Vietnamese message each (and a log line)."""

from __future__ import annotations

import errno
import logging
import sqlite3
from pathlib import Path

from kiosk.errors import DatabaseCorruptError, KioskError, StorageFullError
from kiosk.services.upkeep.backup import messages
from kiosk.services.upkeep.backup.files import BackupError

log = logging.getLogger(__name__)


def sqlite_error(exc: BaseException) -> str:
    return str(getattr(exc, "sqlite_errorname", ""))


# The message for each reason the system gives (any other: WRITE_SYSTEM_ERROR).
WRITE_FAILURES = {
    errno.EACCES: messages.WRITE_NOT_PERMITTED,
    errno.EPERM: messages.WRITE_NOT_PERMITTED,
    errno.EROFS: messages.WRITE_READ_ONLY,
    errno.ENOENT: messages.WRITE_NO_FOLDER,
    errno.ENOTDIR: messages.WRITE_NOT_A_FOLDER,
    errno.EEXIST: messages.WRITE_NOT_A_FOLDER,
}


def write_error(folder: Path, exc: OSError) -> KioskError:
    """The error for a backup that could not be written into ``folder`` (logged here)."""
    detail = f"{type(exc).__name__}: {exc}"
    log.error("backup to %s failed: %s", folder, detail)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _full(folder, detail)
    template = WRITE_FAILURES.get(exc.errno or 0, messages.WRITE_SYSTEM_ERROR)
    return BackupError(template.format(folder=folder), detail=detail)


def _full(folder: Path, detail: str) -> StorageFullError:
    return StorageFullError(
        messages.DISK_FULL.format(folder=folder),
        detail=detail,
    )


def target_error(folder: Path, exc: sqlite3.Error) -> KioskError:
    detail = f"{type(exc).__name__}: {exc} ({sqlite_error(exc)})"
    log.error("backup to %s failed: %s", folder, detail)
    if sqlite_error(exc) == "SQLITE_FULL" or "disk is full" in str(exc):
        return _full(folder, detail)
    return BackupError(
        messages.TARGET_FAILED.format(folder=folder, reason=exc),
        detail=detail,
    )


def source_error(database: Path, exc: sqlite3.Error) -> KioskError:
    from kiosk.storage.database import translate_error

    return translate_error(exc, str(database))


def restore_error(database: Path, exc: sqlite3.Error) -> KioskError:
    from kiosk.storage.database import translate_error

    return translate_error(exc, messages.RESTORING_INTO.format(database=database))


class DamagedFileError(DatabaseCorruptError):
    """A database file failed ``PRAGMA quick_check`` (rather than not being ours)."""


def damaged(path: Path, detail: str) -> DatabaseCorruptError:
    log.error("database file %s failed its check: %s", path, detail)
    return DamagedFileError(
        messages.FILE_DAMAGED.format(name=path.name),
        detail=detail,
    )


def not_ours(path: Path, detail: str) -> DatabaseCorruptError:
    log.error("database file %s is not a Quầy Số database: %s", path, detail)
    return DatabaseCorruptError(
        messages.NOT_OURS.format(name=path.name),
        detail=detail,
    )
