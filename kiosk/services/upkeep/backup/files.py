"""Where backups live and what they are: names, manifests, listing. No Qt.

A backup is ``kiosk-YYYYMMDD-HHMMSS.sqlite3`` (local time) in the backup folder, with a
manifest ``kiosk-YYYYMMDD-HHMMSS.json`` beside it (SHA-256, schema revision, key
fingerprint, visits) that makes ``kiosk backup --list`` cheap.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import make_url

from kiosk.domain.clock import LOCAL_TZ, Clock, format_local
from kiosk.errors import KioskError
from kiosk.services.upkeep.backup import messages
from kiosk.settings import Settings

log = logging.getLogger(__name__)

MB = 1024 * 1024
_NAME = re.compile(r"^kiosk-(\d{8})-(\d{6})(?:-(\d+))?\.sqlite3$")
MANIFEST_FORMAT = "quay-so-backup/1"


class BackupError(KioskError):
    """A backup or restore could not be made (target folder missing, not writable…)."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup file and what is known about it (the manifest's facts when it has one)."""

    path: Path
    created_at: datetime  # UTC; from the file name
    size: int
    schema_revision: str | None = None
    key_fingerprint: str | None = None
    visits: int | None = None
    sha256: str | None = None


@dataclass(frozen=True)
class DatabaseFacts:
    """What a checked SQLite file holds."""

    schema_revision: str
    key_fingerprint: str | None
    visits: int


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did."""

    source: Path
    facts: DatabaseFacts
    safety_backup: Path | None  # the database as it was before, or None when there was none
    schema_revision: str  # after the upgrade
    erasures_reapplied: int = 0  # citizens of the erasure ledger erased again


# -- where ------------------------------------------------------------------------------------


def embedded_database(settings: Settings) -> Path | None:
    """The SQLite file of the settings, or ``None`` when the database is on PostgreSQL."""
    url = make_url(settings.effective_database_url)
    if url.get_backend_name() != "sqlite":
        return None
    if not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def require_embedded_database(settings: Settings) -> Path:
    """The SQLite file to back up or restore; a clear refusal for a shared PostgreSQL one."""
    path = embedded_database(settings)
    if path is None:
        raise BackupError(
            messages.SHARED_DATABASE,
            detail="backup/restore asked for a PostgreSQL database",
        )
    return path


def backup_name(moment: datetime, attempt: int = 1) -> str:
    """``kiosk-YYYYMMDD-HHMMSS.sqlite3`` in Vietnam time (``-2``… when that second is taken)."""
    stamp = moment.astimezone(LOCAL_TZ).strftime("%Y%m%d-%H%M%S")
    return f"kiosk-{stamp}.sqlite3" if attempt == 1 else f"kiosk-{stamp}-{attempt}.sqlite3"


def parse_backup_name(name: str) -> datetime | None:
    """The UTC moment a backup file name records, or ``None`` for any other file."""
    match = _NAME.match(name)
    if not match:
        return None
    try:
        local = datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S")
    except ValueError:
        return None
    return local.replace(tzinfo=LOCAL_TZ).astimezone(UTC)


def manifest_path(backup: Path) -> Path:
    """The manifest beside ``backup``."""
    return backup.with_suffix(".json")


def format_size(size: int) -> str:
    """``12,3 MB`` (Vietnamese decimal comma)."""
    if size >= MB:
        return f"{size / MB:.1f} MB".replace(".", ",")
    return f"{max(size // 1024, 1)} KB"


# -- listing ---------------------------------------------------------------------------------


def list_backups(settings: Settings) -> list[BackupInfo]:
    """The backups in the backup folder, newest first (none when the folder is missing)."""
    folder = settings.backup_dir
    try:
        entries = list(folder.iterdir())
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise BackupError(
            messages.FOLDER_UNREADABLE.format(folder=folder, reason=exc.strerror or exc),
            detail=f"{type(exc).__name__}: {exc}",
        ) from exc
    found = []
    for path in entries:
        created = parse_backup_name(path.name)
        if created is None or not path.is_file():
            continue
        found.append(_with_manifest(path, created))
    return sorted(found, key=lambda b: (b.created_at, _attempt(b.path.name)), reverse=True)


def _attempt(name: str) -> int:
    match = _NAME.match(name)
    return int(match.group(3)) if match and match.group(3) else 1


def read_manifest(backup: Path) -> dict[str, object] | None:
    try:
        facts = json.loads(manifest_path(backup).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(facts, dict) or facts.get("format") != MANIFEST_FORMAT:
        return None
    return facts


def _with_manifest(path: Path, created: datetime) -> BackupInfo:
    size = path.stat().st_size
    facts = read_manifest(path)
    if facts is None:
        return BackupInfo(path, created, size)
    visits = facts.get("visits")
    return BackupInfo(
        path,
        created,
        size,
        schema_revision=text_or_none(facts.get("schema_revision")),
        key_fingerprint=text_or_none(facts.get("key_fingerprint")),
        visits=visits if isinstance(visits, int) else None,
        sha256=text_or_none(facts.get("sha256")),
    )


def text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def newest_backup(settings: Settings, clock: Clock) -> BackupInfo | None:
    """The newest backup not dated in the future (a clock that was wrong is not trusted)."""
    now = clock.now()
    for backup in list_backups(settings):
        if backup.created_at <= now + timedelta(minutes=5):
            return backup
        log.warning("backup %s is dated in the future; ignored", backup.path.name)
    return None


def describe_backup(info: BackupInfo) -> str:
    """One line for people: name, local time, size, schema and visits when known."""
    parts = [info.path.name, format_local(info.created_at), format_size(info.size)]
    if info.schema_revision:
        parts.append(f"lược đồ {info.schema_revision}")
    if info.visits is not None:
        parts.append(f"{info.visits} lượt hỗ trợ")
    return "  ".join(parts)
