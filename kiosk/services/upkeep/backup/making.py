"""Making a backup of the embedded SQLite database: one snapshot, checked, then renamed.

A backup is taken with SQLite's online backup API (``Connection.backup``) in one step: it
reads one consistent snapshot while the kiosk keeps writing (WAL mode lets writers go on
beside a reader). The copy is written under a hidden temporary name in the backup folder,
switched out of WAL (one self-contained file), checked (``PRAGMA quick_check``, the
Alembic revision present), flushed to disk, and only then renamed to
``kiosk-YYYYMMDD-HHMMSS.sqlite3`` (local time). So a file with that name is always a whole,
checked backup; a full disk or a crash leaves at most a hidden ``.part`` file, removed later.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from kiosk import __version__
from kiosk.domain.clock import Clock
from kiosk.errors import DatabaseCorruptError, StorageFullError
from kiosk.services.upkeep.backup import messages
from kiosk.services.upkeep.backup.failures import (
    DamagedFileError,
    source_error,
    sqlite_error,
    target_error,
    write_error,
)
from kiosk.services.upkeep.backup.files import (
    MANIFEST_FORMAT,
    MB,
    BackupError,
    BackupInfo,
    DatabaseFacts,
    backup_name,
    format_size,
    manifest_path,
    parse_backup_name,
    require_embedded_database,
)
from kiosk.services.upkeep.backup.verify import check_database_file
from kiosk.settings import Settings
from kiosk.storage.integrity import DatabaseDamagedError

log = logging.getLogger(__name__)

# Room left on the database's own disk after a backup, so the counter can still log visits.
SAME_DISK_RESERVE = 100 * MB
OTHER_DISK_RESERVE = 1 * MB
BUSY_TIMEOUT_SECONDS = 30


def create_backup(settings: Settings, clock: Clock) -> BackupInfo:
    """Back up the embedded database now into the backup folder; return the checked backup."""
    database = require_embedded_database(settings)
    if not database.is_file():
        raise BackupError(
            messages.NO_DATABASE_YET.format(database=database),
            detail=f"no database file at {database}",
        )
    folder = prepare_folder(settings)
    started = time.monotonic()
    with _source(database) as source:
        needed = _database_bytes(source)
        _check_space(folder, database, needed)
        final = _free_name(folder, clock.now())
        temporary = _temporary(folder, final)
        try:
            _copy(source, temporary, folder)
            facts = _check_copy(temporary, database)
            digest = sha256_and_sync(temporary)
            os.replace(temporary, final)
            _sync_folder(folder)
        except OSError as exc:
            raise write_error(folder, exc) from exc
        finally:
            _discard(temporary)
    info = BackupInfo(
        final,
        parse_backup_name(final.name) or clock.now(),
        final.stat().st_size,
        facts.schema_revision,
        facts.key_fingerprint,
        facts.visits,
        digest,
    )
    write_manifest(info, settings)
    log.info(
        "backup %s written: %d bytes, revision %s, %.1f s",
        final,
        info.size,
        info.schema_revision,
        time.monotonic() - started,
    )
    return info


def prepare_folder(settings: Settings) -> Path:
    folder = settings.backup_dir
    if settings.backup_location and not folder.is_dir():
        # A configured folder (another disk, a USB stick) is never created: an unplugged
        # stick would otherwise get its backups silently written to the internal disk.
        raise BackupError(
            messages.FOLDER_MISSING.format(folder=folder),
            detail=f"backup.dir {folder} does not exist",
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(folder, exc) from exc
    return folder


@contextlib.contextmanager
def _source(database: Path) -> Iterator[sqlite3.Connection]:
    try:
        connection = sqlite3.connect(
            database.absolute().as_uri() + "?mode=rw", uri=True, timeout=BUSY_TIMEOUT_SECONDS
        )
    except sqlite3.Error as exc:
        raise source_error(database, exc) from exc
    try:
        yield connection
    except sqlite3.Error as exc:
        raise source_error(database, exc) from exc
    finally:
        connection.close()


def _database_bytes(source: sqlite3.Connection) -> int:
    pages = source.execute("PRAGMA page_count").fetchone()[0]
    page_size = source.execute("PRAGMA page_size").fetchone()[0]
    return int(pages) * int(page_size)


def same_disk(folder: Path, database: Path) -> bool:
    """Whether ``folder`` (which exists) is on the disk that holds ``database``."""
    return os.stat(folder).st_dev == os.stat(database).st_dev


def space_needed(folder: Path, database: Path, size: int) -> int:
    """Free bytes a backup of ``size`` needs in ``folder``: its size, plus 100 MB left for
    the counter to keep logging visits when the folder is on the database's own disk."""
    reserve = SAME_DISK_RESERVE if same_disk(folder, database) else OTHER_DISK_RESERVE
    return size + reserve


def _check_space(folder: Path, database: Path, needed: int) -> None:
    free = shutil.disk_usage(folder).free
    if free < space_needed(folder, database, needed):
        reserve = space_needed(folder, database, 0)
        log.error(
            "backup to %s refused: needs %d + %d bytes, %d free", folder, needed, reserve, free
        )
        template = messages.NO_SPACE_SAME_DISK if same_disk(folder, database) else messages.NO_SPACE
        raise StorageFullError(
            template.format(folder=folder, needed=format_size(needed), free=format_size(free)),
            detail=f"backup needs {needed} + {reserve} bytes, {free} free in {folder}",
        )


def _free_name(folder: Path, moment: datetime) -> Path:
    attempt = 1
    while (folder / backup_name(moment, attempt)).exists():
        attempt += 1
    return folder / backup_name(moment, attempt)


def _temporary(folder: Path, final: Path) -> Path:
    try:
        descriptor, name = tempfile.mkstemp(prefix=f".{final.stem}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise write_error(folder, exc) from exc
    os.close(descriptor)
    return Path(name)


def _copy(source: sqlite3.Connection, temporary: Path, folder: Path) -> None:
    """The whole database in one backup step: one consistent snapshot of it."""
    try:
        target = sqlite3.connect(temporary)
    except sqlite3.Error as exc:
        raise target_error(folder, exc) from exc
    try:
        try:
            source.backup(target)
        except sqlite3.DatabaseError as exc:
            if sqlite_error(exc) in ("SQLITE_CORRUPT", "SQLITE_NOTADB"):
                raise  # the live database: _source turns it into DatabaseCorruptError
            raise target_error(folder, exc) from exc
        try:
            # The copy carries the live file's WAL flag; one self-contained file is better.
            target.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.Error as exc:
            raise target_error(folder, exc) from exc
    finally:
        target.close()


def _check_copy(temporary: Path, database: Path) -> DatabaseFacts:
    try:
        return check_database_file(temporary)
    except DamagedFileError as exc:  # the copy is the live database page for page: damaged
        raise DatabaseDamagedError(str(database), detail=exc.detail) from exc
    except DatabaseCorruptError as exc:  # the copy is the live database as it is
        raise DatabaseCorruptError(
            messages.LIVE_DATABASE_FAILS_CHECK.format(database=database),
            detail=exc.detail,
        ) from exc


def sha256_and_sync(path: Path) -> str:
    """The SHA-256 of ``path`` (hex), after flushing it to disk."""
    digest = hashlib.sha256()
    with path.open("r+b") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
        os.fsync(handle.fileno())
    return digest.hexdigest()


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _discard(temporary: Path) -> None:
    for path in (temporary, *(Path(f"{temporary}{end}") for end in ("-wal", "-shm", "-journal"))):
        with contextlib.suppress(OSError):
            path.unlink()


def write_manifest(info: BackupInfo, settings: Settings) -> None:
    """Write (or replace) the manifest beside the backup ``info`` describes."""
    manifest = {
        "format": MANIFEST_FORMAT,
        "file": info.path.name,
        "created_at": info.created_at.isoformat(),
        "kiosk_version": __version__,
        "counter_code": settings.counter_code,
        "schema_revision": info.schema_revision,
        "key_fingerprint": info.key_fingerprint,
        "visits": info.visits,
        "size": info.size,
        "sha256": info.sha256,
    }
    target = manifest_path(info.path)
    temporary = target.with_name(f".{target.name}.part")
    try:
        temporary.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        os.replace(temporary, target)
    except OSError as exc:  # the backup itself is whole and checked; only the summary is lost
        log.warning("backup manifest %s not written: %s", target, exc)
        with contextlib.suppress(OSError):
            temporary.unlink()
