"""Backups of the embedded SQLite database: make, list, prune, restore. No Qt.

One module a job: :mod:`.files` (names, manifests, listing), :mod:`.making` (a verified
backup and its manifest), :mod:`.verify` (proving a file is a whole Quầy Số database),
:mod:`.retention` (when to back up, what to delete), :mod:`.restore`, and
:mod:`.failures` (their Vietnamese messages).

A backup is taken with SQLite's online backup API (``Connection.backup``) in one step: it
reads one consistent snapshot while the kiosk keeps writing (WAL mode lets writers go on
beside a reader). The copy is written under a hidden temporary name in the backup folder,
switched out of WAL (one self-contained file), checked (``PRAGMA quick_check``, the
Alembic revision present), flushed to disk, and only then renamed to
``kiosk-YYYYMMDD-HHMMSS.sqlite3`` (local time). So a file with that name is always a whole,
checked backup; a full disk or a crash leaves at most a hidden ``.part`` file, removed later.

Beside each backup a small manifest ``kiosk-YYYYMMDD-HHMMSS.json`` records its SHA-256,
schema revision, privacy-key fingerprint and number of visits. The backup itself carries
the revision and fingerprint too (``alembic_version``, ``kiosk_meta``); the manifest makes
``kiosk backup --list`` cheap and lets a restore notice a file damaged on a USB stick.

A restore refuses a file that is damaged, not a Quầy Số database, made by a newer version,
or bound to another privacy key; it first backs up the current database, then writes the
backup *into* the live database through the backup API (safe with the WAL and other open
connections, unlike a file copy), then upgrades the schema, so a backup from an older
version works.

A PostgreSQL database shared by the counters is not backed up here: it lives on the
centre's server, whose administrator backs it up with ``pg_dump`` (see docs/OPERATIONS.md).
"""

from __future__ import annotations

from kiosk.services.upkeep.backup.files import (
    BackupError,
    BackupInfo,
    DatabaseFacts,
    RestoreResult,
    backup_name,
    describe_backup,
    embedded_database,
    format_size,
    list_backups,
    manifest_path,
    newest_backup,
    parse_backup_name,
    require_embedded_database,
)
from kiosk.services.upkeep.backup.making import create_backup, same_disk, space_needed
from kiosk.services.upkeep.backup.restore import (
    check_restorable,
    current_key_fingerprint,
    restore_backup,
)
from kiosk.services.upkeep.backup.retention import backup_if_due, prune_backups
from kiosk.services.upkeep.backup.verify import check_database_file, verify_backup

__all__ = [
    "BackupError",
    "BackupInfo",
    "DatabaseFacts",
    "RestoreResult",
    "backup_if_due",
    "backup_name",
    "check_database_file",
    "check_restorable",
    "create_backup",
    "current_key_fingerprint",
    "describe_backup",
    "embedded_database",
    "format_size",
    "list_backups",
    "manifest_path",
    "newest_backup",
    "parse_backup_name",
    "prune_backups",
    "require_embedded_database",
    "restore_backup",
    "same_disk",
    "space_needed",
    "verify_backup",
]
