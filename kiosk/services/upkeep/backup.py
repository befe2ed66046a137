"""Backups of the embedded SQLite database: make, list, prune, restore. No Qt.

A backup is taken with SQLite's online backup API (``Connection.backup``) in one step: it
reads one consistent snapshot while the kiosk keeps writing (WAL mode lets writers go on
beside a reader). The copy is written under a hidden temporary name in the backup folder,
switched out of WAL (one self-contained file), checked (``PRAGMA integrity_check``, the
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

import base64
import binascii
import contextlib
import errno
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import make_url

from kiosk import __version__
from kiosk.domain.clock import LOCAL_TZ, Clock, format_local
from kiosk.errors import (
    DatabaseCorruptError,
    InputError,
    KeyMismatchError,
    KioskError,
    StorageFullError,
)
from kiosk.settings import Settings
from kiosk.storage.models import FINGERPRINT_KEY

log = logging.getLogger(__name__)

MB = 1024 * 1024
DUE_AFTER = timedelta(hours=24)
# Room left on the database's own disk after a backup, so the counter can still log visits.
SAME_DISK_RESERVE = 100 * MB
OTHER_DISK_RESERVE = 1 * MB
STALE_PART_SECONDS = 3600  # a temporary file this old belongs to a backup that died
BUSY_TIMEOUT_SECONDS = 30
_NAME = re.compile(r"^kiosk-(\d{8})-(\d{6})(?:-(\d+))?\.sqlite3$")
_PART = re.compile(r"^\.kiosk-\d{8}-\d{6}.*\.part(?:-wal|-shm|-journal)?$")
_MANIFEST_FORMAT = "quay-so-backup/1"


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
            "Cơ sở dữ liệu của quầy nằm trên máy chủ PostgreSQL của trung tâm (dùng chung cho "
            "các quầy), nên kiosk không tự sao lưu hay khôi phục nó: quản trị viên máy chủ sao "
            "lưu bằng pg_dump và khôi phục bằng pg_restore (xem docs/OPERATIONS.md).",
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


# -- listing and pruning ----------------------------------------------------------------------


def list_backups(settings: Settings) -> list[BackupInfo]:
    """The backups in the backup folder, newest first (none when the folder is missing)."""
    folder = settings.backup_dir
    try:
        entries = list(folder.iterdir())
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise BackupError(
            f"Không đọc được thư mục sao lưu {folder} ({exc.strerror or exc}).",
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


def _read_manifest(backup: Path) -> dict[str, object] | None:
    try:
        facts = json.loads(manifest_path(backup).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(facts, dict) or facts.get("format") != _MANIFEST_FORMAT:
        return None
    return facts


def _with_manifest(path: Path, created: datetime) -> BackupInfo:
    size = path.stat().st_size
    facts = _read_manifest(path)
    if facts is None:
        return BackupInfo(path, created, size)
    visits = facts.get("visits")
    return BackupInfo(
        path,
        created,
        size,
        schema_revision=_text_or_none(facts.get("schema_revision")),
        key_fingerprint=_text_or_none(facts.get("key_fingerprint")),
        visits=visits if isinstance(visits, int) else None,
        sha256=_text_or_none(facts.get("sha256")),
    )


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def newest_backup(settings: Settings, clock: Clock) -> BackupInfo | None:
    """The newest backup not dated in the future (a clock that was wrong is not trusted)."""
    now = clock.now()
    for backup in list_backups(settings):
        if backup.created_at <= now + timedelta(minutes=5):
            return backup
        log.warning("backup %s is dated in the future; ignored", backup.path.name)
    return None


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


# -- making a backup --------------------------------------------------------------------------


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


def create_backup(settings: Settings, clock: Clock) -> BackupInfo:
    """Back up the embedded database now into the backup folder; return the checked backup."""
    database = require_embedded_database(settings)
    if not database.is_file():
        raise BackupError(
            f"Chưa có cơ sở dữ liệu {database} để sao lưu (kiosk chưa chạy lần nào?).",
            detail=f"no database file at {database}",
        )
    folder = _prepare_folder(settings)
    started = time.monotonic()
    with _source(database) as source:
        needed = _database_bytes(source)
        _check_space(folder, database, needed)
        final = _free_name(folder, clock.now())
        temporary = _temporary(folder, final)
        try:
            _copy(source, temporary, folder)
            facts = _check_copy(temporary, database)
            digest = _sha256_and_sync(temporary)
            os.replace(temporary, final)
            _sync_folder(folder)
        except OSError as exc:
            raise _write_error(folder, exc) from exc
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
    _write_manifest(info, settings)
    log.info(
        "backup %s written: %d bytes, revision %s, %.1f s",
        final,
        info.size,
        info.schema_revision,
        time.monotonic() - started,
    )
    return info


def _prepare_folder(settings: Settings) -> Path:
    folder = settings.backup_dir
    if settings.backup_location and not folder.is_dir():
        # A configured folder (another disk, a USB stick) is never created: an unplugged
        # stick would otherwise get its backups silently written to the internal disk.
        raise BackupError(
            f"Không thấy thư mục sao lưu {folder} (đã cắm ổ USB / ổ đĩa sao lưu chưa?). "
            "Hãy cắm ổ, tạo thư mục đó, hoặc sửa backup.dir trong tệp cấu hình.",
            detail=f"backup.dir {folder} does not exist",
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _write_error(folder, exc) from exc
    return folder


@contextlib.contextmanager
def _source(database: Path) -> Iterator[sqlite3.Connection]:
    try:
        connection = sqlite3.connect(
            database.absolute().as_uri() + "?mode=rw", uri=True, timeout=BUSY_TIMEOUT_SECONDS
        )
    except sqlite3.Error as exc:
        raise _source_error(database, exc) from exc
    try:
        yield connection
    except sqlite3.Error as exc:
        raise _source_error(database, exc) from exc
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
        raise StorageFullError(
            f"Không đủ chỗ trống để sao lưu vào {folder}: cần khoảng {format_size(needed)}"
            + (" (và chừa 100 MB cho quầy ghi tiếp)" if same_disk(folder, database) else "")
            + f", còn {format_size(free)}. Hãy xóa bớt tệp, giảm backup.keep_days "
            "hoặc đặt backup.dir sang ổ khác.",
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
        raise _write_error(folder, exc) from exc
    os.close(descriptor)
    return Path(name)


def _copy(source: sqlite3.Connection, temporary: Path, folder: Path) -> None:
    """The whole database in one backup step: one consistent snapshot of it."""
    try:
        target = sqlite3.connect(temporary)
    except sqlite3.Error as exc:
        raise _target_error(folder, exc) from exc
    try:
        try:
            source.backup(target)
        except sqlite3.DatabaseError as exc:
            if _sqlite_error(exc) in ("SQLITE_CORRUPT", "SQLITE_NOTADB"):
                raise  # the live database: _source turns it into DatabaseCorruptError
            raise _target_error(folder, exc) from exc
        try:
            # The copy carries the live file's WAL flag; one self-contained file is better.
            target.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.Error as exc:
            raise _target_error(folder, exc) from exc
    finally:
        target.close()


def _check_copy(temporary: Path, database: Path) -> DatabaseFacts:
    try:
        return check_database_file(temporary)
    except DatabaseCorruptError as exc:  # the copy is the live database as it is
        raise DatabaseCorruptError(
            f"Cơ sở dữ liệu {database} không qua được kiểm tra khi sao lưu (bị hỏng hoặc không "
            "phải của Quầy Số), nên không tạo bản sao lưu mới; các bản sao lưu cũ vẫn còn. "
            "Hãy chạy kiosk doctor và báo cán bộ CNTT.",
            detail=exc.detail,
        ) from exc


def _sha256_and_sync(path: Path) -> str:
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


def _write_manifest(info: BackupInfo, settings: Settings) -> None:
    manifest = {
        "format": _MANIFEST_FORMAT,
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


# -- checking a database file -----------------------------------------------------------------


def check_database_file(path: Path) -> DatabaseFacts:
    """Open ``path`` read-only and prove it is a whole Quầy Số database; say what it holds."""
    known = _known_revisions()
    try:
        connection = sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise _not_ours(path, f"cannot open: {exc}") from exc
    try:
        verdict = [row[0] for row in connection.execute("PRAGMA integrity_check(20)")]
        if verdict != ["ok"]:
            raise _damaged(path, "integrity_check: " + "; ".join(map(str, verdict[:3])))
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        if not {"alembic_version", "kiosk_meta", "transactions"} <= tables:
            raise _not_ours(path, f"tables: {sorted(tables)[:6]}")
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        fingerprint = connection.execute(
            "SELECT value FROM kiosk_meta WHERE key = ?", (FINGERPRINT_KEY,)
        ).fetchone()
        visits = connection.execute(
            "SELECT count(*) FROM transactions WHERE corrects_id IS NULL"
        ).fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, f"{type(exc).__name__}: {exc}") from exc
    finally:
        connection.close()
    if revision is None:
        raise _not_ours(path, "alembic_version is empty")
    if revision[0] not in known:
        raise DatabaseCorruptError(
            f"Tệp {path.name} có lược đồ {revision[0]}, do một phiên bản Quầy Số mới hơn tạo ra; "
            "phiên bản này không dùng được nó. Hãy cập nhật Quầy Số trước.",
            detail=f"unknown schema revision {revision[0]} in {path}",
        )
    return DatabaseFacts(str(revision[0]), fingerprint[0] if fingerprint else None, int(visits))


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    from kiosk.storage.database import MIGRATIONS_DIR

    return {s.revision for s in ScriptDirectory(str(MIGRATIONS_DIR)).walk_revisions()}


def verify_backup(path: Path) -> DatabaseFacts:
    """:func:`check_database_file`, plus the manifest's SHA-256 when there is one."""
    if not path.is_file():
        raise InputError(f"Không có tệp sao lưu {path}.")
    manifest = _read_manifest(path)
    expected = _text_or_none(manifest.get("sha256")) if manifest else None
    if expected:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1024 * 1024), b""):
                digest.update(block)
        if digest.hexdigest() != expected:
            raise _damaged(path, "sha256 differs from the manifest")
    return check_database_file(path)


# -- restoring --------------------------------------------------------------------------------


def current_key_fingerprint(settings: Settings) -> str | None:
    """The fingerprint of the privacy key file, ``None`` when there is none (never creates one)."""
    from kiosk.services.people.privacy import PrivacyKeyError, PrivacyVault

    path = settings.key_file
    if not path.exists():
        return None
    try:
        raw = base64.b64decode(path.read_text(encoding="ascii").strip(), validate=True)
    except (OSError, UnicodeDecodeError, binascii.Error, ValueError) as exc:
        raise PrivacyKeyError(f"Tệp khóa {path} bị hỏng hoặc không đọc được.") from exc
    if len(raw) != 32:
        raise PrivacyKeyError(f"Tệp khóa {path} bị hỏng (độ dài sai).")
    return PrivacyVault(raw).fingerprint


def check_restorable(settings: Settings, source: Path) -> DatabaseFacts:
    """Everything a restore refuses, checked before anything is touched."""
    database = require_embedded_database(settings)
    if source.exists() and database.exists() and source.resolve() == database.resolve():
        raise InputError("Tệp cần khôi phục chính là cơ sở dữ liệu đang dùng.")
    facts = verify_backup(source)
    key = current_key_fingerprint(settings)
    if facts.key_fingerprint and key != facts.key_fingerprint:
        where = settings.key_file
        problem = "chưa có tệp khóa" if key is None else f"tệp khóa hiện tại (mã {key}) khác"
        raise KeyMismatchError(
            f"Bản sao lưu {source.name} được tạo với khóa bảo vệ dữ liệu mã "
            f"{facts.key_fingerprint}, mà {problem}: họ tên đã mã hóa sẽ không đọc được. "
            f"Hãy chép đúng tệp khóa của trung tâm vào {where} rồi thử lại.",
            detail=f"backup key {facts.key_fingerprint} != current {key}",
        )
    return facts


def restore_backup(settings: Settings, clock: Clock, source: Path) -> RestoreResult:
    """Replace the embedded database with ``source`` (checked first), keeping a safety backup
    of what was there, then upgrade the schema. Stop the kiosk on this machine first."""
    from kiosk.storage.database import create_kiosk_engine, upgrade_schema

    database = require_embedded_database(settings)
    facts = check_restorable(settings, source)
    safety = _safety_backup(settings, clock, database)
    started = time.monotonic()
    _write_into(source, database)
    engine = create_kiosk_engine(settings.effective_database_url)
    try:
        revision = upgrade_schema(engine)
    finally:
        engine.dispose()
    log.info(
        "restored %s into %s (revision %s -> %s) in %.1f s; safety backup %s",
        source,
        database,
        facts.schema_revision,
        revision,
        time.monotonic() - started,
        safety,
    )
    return RestoreResult(source, facts, safety, revision)


def _safety_backup(settings: Settings, clock: Clock, database: Path) -> Path | None:
    """A backup of the live database; a damaged one is kept byte for byte instead."""
    if not database.exists():
        return None
    try:
        return create_backup(settings, clock).path
    except DatabaseCorruptError as exc:
        folder = _prepare_folder(settings)
        stamp = clock.now().astimezone(LOCAL_TZ).strftime("%Y%m%d-%H%M%S")
        kept = folder / f"damaged-{stamp}.sqlite3"
        log.warning("live database is damaged (%s); keeping a raw copy %s", exc.detail, kept)
        try:
            for end in ("", "-wal"):
                if Path(f"{database}{end}").exists():
                    shutil.copyfile(f"{database}{end}", f"{kept}{end}")
        except OSError as copy_error:
            raise _write_error(folder, copy_error) from copy_error
        return kept


def _write_into(source: Path, database: Path) -> None:
    """Copy ``source`` into the live database with the backup API (it takes the write lock,
    goes through the WAL and other connections see the result); a live file too damaged to
    be written into is moved aside and a fresh one made."""
    try:
        _backup_into(source, database)
    except sqlite3.DatabaseError as exc:
        if _sqlite_error(exc) not in ("SQLITE_NOTADB", "SQLITE_CORRUPT"):
            raise _restore_error(database, exc) from exc
        log.warning("live database %s unusable (%s); replacing the file", database, exc)
        for end in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.replace(f"{database}{end}", f"{database}.damaged{end}")
        try:
            _backup_into(source, database)
        except sqlite3.DatabaseError as again:
            raise _restore_error(database, again) from again


def _backup_into(source: Path, database: Path) -> None:
    reader = sqlite3.connect(source.absolute().as_uri() + "?mode=ro", uri=True)
    try:
        database.parent.mkdir(parents=True, exist_ok=True)
        writer = sqlite3.connect(database, timeout=BUSY_TIMEOUT_SECONDS)
        try:
            reader.backup(writer)
            verdict = writer.execute("PRAGMA quick_check").fetchone()
            if verdict is None or verdict[0] != "ok":
                raise sqlite3.DatabaseError(f"quick_check after restore: {verdict}")
        finally:
            writer.close()
    finally:
        reader.close()


# -- errors -----------------------------------------------------------------------------------


def _sqlite_error(exc: BaseException) -> str:
    return str(getattr(exc, "sqlite_errorname", ""))


_OS_REASONS = {
    errno.EACCES: "không có quyền ghi",
    errno.EPERM: "không có quyền ghi",
    errno.EROFS: "ổ đĩa chỉ cho phép đọc",
    errno.ENOENT: "thư mục không tồn tại",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.EEXIST: "một phần của đường dẫn không phải thư mục",
}


def _write_error(folder: Path, exc: OSError) -> KioskError:
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


def _target_error(folder: Path, exc: sqlite3.Error) -> KioskError:
    detail = f"{type(exc).__name__}: {exc} ({_sqlite_error(exc)})"
    log.error("backup to %s failed: %s", folder, detail)
    if _sqlite_error(exc) == "SQLITE_FULL" or "disk is full" in str(exc):
        return _full(folder, detail)
    return BackupError(
        f"Không ghi được bản sao lưu vào {folder} ({exc}). Kiểm tra ổ đĩa và quyền ghi, "
        "hoặc đặt backup.dir sang thư mục khác.",
        detail=detail,
    )


def _source_error(database: Path, exc: sqlite3.Error) -> KioskError:
    from kiosk.storage.database import translate_error

    return translate_error(exc, str(database))


def _restore_error(database: Path, exc: sqlite3.Error) -> KioskError:
    from kiosk.storage.database import translate_error

    return translate_error(exc, f"khôi phục vào {database}")


def _damaged(path: Path, detail: str) -> DatabaseCorruptError:
    log.error("database file %s failed its check: %s", path, detail)
    return DatabaseCorruptError(
        f"Tệp {path.name} bị hỏng (kiểm tra toàn vẹn không đạt), nên không dùng được. "
        "Hãy chọn một bản sao lưu khác.",
        detail=detail,
    )


def _not_ours(path: Path, detail: str) -> DatabaseCorruptError:
    log.error("database file %s is not a Quầy Số database: %s", path, detail)
    return DatabaseCorruptError(
        f"Tệp {path.name} không phải cơ sở dữ liệu của Quầy Số (hoặc bị hỏng nặng).",
        detail=detail,
    )


def describe_backup(info: BackupInfo) -> str:
    """One line for people: name, local time, size, schema and visits when known."""
    parts = [info.path.name, format_local(info.created_at), format_size(info.size)]
    if info.schema_revision:
        parts.append(f"lược đồ {info.schema_revision}")
    if info.visits is not None:
        parts.append(f"{info.visits} lượt hỗ trợ")
    return "  ".join(parts)
