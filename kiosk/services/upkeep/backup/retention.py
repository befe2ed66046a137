"""Which backups to keep: one a day when due, ``backup.keep_days`` of them, never the newest."""

from __future__ import annotations

import contextlib
import logging
import re
import time
from datetime import timedelta
from pathlib import Path

from kiosk.domain.clock import Clock
from kiosk.services.upkeep.backup.files import (
    BackupInfo,
    embedded_database,
    list_backups,
    manifest_path,
    newest_backup,
    parse_backup_name,
)
from kiosk.services.upkeep.backup.making import create_backup
from kiosk.settings import Settings

log = logging.getLogger(__name__)

DUE_AFTER = timedelta(hours=24)
STALE_PART_SECONDS = 3600  # a temporary file this old belongs to a backup that died
_PART = re.compile(r"^\.kiosk-\d{8}-\d{6}.*\.part(?:-wal|-shm|-journal)?$")


def backup_if_due(settings: Settings, clock: Clock) -> BackupInfo | None:
    """Back up when the newest backup is 24 h old or more (or there is none), then prune.

    ``None`` when nothing was due, the database is on PostgreSQL, or it does not exist yet.
    """
    database = embedded_database(settings)
    if database is None or not database.exists():
        return None
    newest = newest_backup(settings, clock)
    if newest is not None and clock.now() - newest.created_at < DUE_AFTER:
        return None
    backup = create_backup(settings, clock)
    prune_backups(settings, clock)
    return backup


def prune_backups(settings: Settings, clock: Clock) -> list[Path]:
    """Delete backups older than ``backup.keep_days`` (never the newest one), their manifests,
    orphan manifests and temporary files left by a backup that died. Returns what went."""
    folder = settings.backup_dir
    backups = list_backups(settings)
    newest = newest_backup(settings, clock)
    limit = clock.now() - timedelta(days=settings.backup_keep_days)
    removed: list[Path] = []
    for backup in backups:
        if backup.created_at < limit and backup != newest:
            for path in (backup.path, manifest_path(backup.path)):
                if _remove(path):
                    removed.append(path)
    with contextlib.suppress(OSError):
        removed += [path for path in folder.iterdir() if _leftover(path) and _remove(path)]
    if removed:
        log.info("pruned %d old backup files from %s", len(removed), folder)
    return removed


def _leftover(path: Path) -> bool:
    """A manifest whose backup is gone, or a temporary file of a backup that died."""
    if path.suffix == ".json" and parse_backup_name(path.stem + ".sqlite3"):
        return not path.with_suffix(".sqlite3").exists()
    return bool(_PART.match(path.name)) and _older_than(path, STALE_PART_SECONDS)


def _remove(path: Path) -> bool:
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except OSError as exc:
        log.warning("could not delete old backup file %s: %s", path, exc)
        return False
    return True


def _older_than(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.stat().st_mtime > seconds
    except OSError:
        return False
