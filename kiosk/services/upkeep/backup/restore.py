"""Restoring a backup into the embedded database, after checking everything it refuses.

A restore refuses a file that is damaged, not a Quầy Số database, made by a newer version,
or bound to another privacy key; it first backs up the current database, then writes the
backup *into* the live database through the backup API (safe with the WAL and other open
connections, unlike a file copy), then upgrades the schema, so a backup from an older
version works. Last, every erasure of the erasure ledger is carried out again
(:mod:`.erasure`): a backup taken before an erasure does not bring the person back.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import logging
import os
import shutil
import sqlite3
import time
from pathlib import Path

from kiosk.domain.clock import LOCAL_TZ, Clock
from kiosk.errors import DatabaseCorruptError, InputError, KeyMismatchError
from kiosk.services.upkeep.backup import messages
from kiosk.services.upkeep.backup.erasure import ledger_of, reapply_erasures
from kiosk.services.upkeep.backup.failures import restore_error, sqlite_error, write_error
from kiosk.services.upkeep.backup.files import (
    DatabaseFacts,
    RestoreResult,
    require_embedded_database,
)
from kiosk.services.upkeep.backup.making import BUSY_TIMEOUT_SECONDS, create_backup, prepare_folder
from kiosk.services.upkeep.backup.verify import verify_backup
from kiosk.services.upkeep.engines import EngineFactory
from kiosk.settings import Settings
from kiosk.storage.unit_of_work import Database

log = logging.getLogger(__name__)


def current_key_fingerprint(settings: Settings) -> str | None:
    """The fingerprint of the privacy key file, ``None`` when there is none (never creates one)."""
    from kiosk.services.people.privacy import (
        KEY_FILE_UNREADABLE,
        KEY_FILE_WRONG_LENGTH,
        PrivacyKeyError,
        PrivacyVault,
    )

    path = settings.key_file
    if not path.exists():
        return None
    try:
        raw = base64.b64decode(path.read_text(encoding="ascii").strip(), validate=True)
    except (OSError, UnicodeDecodeError, binascii.Error, ValueError) as exc:
        raise PrivacyKeyError(KEY_FILE_UNREADABLE.format(path=path)) from exc
    if len(raw) != 32:
        raise PrivacyKeyError(KEY_FILE_WRONG_LENGTH.format(path=path))
    return PrivacyVault(raw).fingerprint


def check_restorable(settings: Settings, source: Path) -> DatabaseFacts:
    """Everything a restore refuses, checked before anything is touched."""
    database = require_embedded_database(settings)
    if source.exists() and database.exists() and source.resolve() == database.resolve():
        raise InputError(messages.RESTORE_ONTO_ITSELF)
    facts = verify_backup(source)
    key = current_key_fingerprint(settings)
    if facts.key_fingerprint and key != facts.key_fingerprint:
        template = messages.RESTORE_NO_KEY if key is None else messages.RESTORE_OTHER_KEY
        raise KeyMismatchError(
            template.format(
                backup=source.name,
                fingerprint=facts.key_fingerprint,
                current=key,
                key_file=settings.key_file,
            ),
            detail=f"backup key {facts.key_fingerprint} != current {key}",
        )
    return facts


def restore_backup(
    settings: Settings, clock: Clock, source: Path, engines: EngineFactory
) -> RestoreResult:
    """Replace the embedded database with ``source`` (checked first), keeping a safety backup
    of what was there, then upgrade the schema (on an engine from ``engines``). Stop the
    kiosk on this machine first."""
    from kiosk.storage.database import upgrade_schema

    database = require_embedded_database(settings)
    facts = check_restorable(settings, source)
    safety = _safety_backup(settings, clock, database)
    started = time.monotonic()
    _write_into(source, database)
    engine = engines(settings.effective_database_url)
    try:
        revision = upgrade_schema(engine)
        reapplied = reapply_erasures(Database(engine), ledger_of(settings).entries(), clock)
    finally:
        engine.dispose()
    log.info(
        "restored %s into %s (revision %s -> %s) in %.1f s; %d erasure(s) re-applied; "
        "safety backup %s",
        source,
        database,
        facts.schema_revision,
        revision,
        time.monotonic() - started,
        reapplied,
        safety,
    )
    return RestoreResult(source, facts, safety, revision, reapplied)


def _safety_backup(settings: Settings, clock: Clock, database: Path) -> Path | None:
    """A backup of the live database; a damaged one is kept byte for byte instead."""
    if not database.exists():
        return None
    try:
        return create_backup(settings, clock).path
    except DatabaseCorruptError as exc:
        folder = prepare_folder(settings)
        stamp = clock.now().astimezone(LOCAL_TZ).strftime("%Y%m%d-%H%M%S")
        kept = folder / f"damaged-{stamp}.sqlite3"
        log.warning("live database is damaged (%s); keeping a raw copy %s", exc.detail, kept)
        try:
            for end in ("", "-wal"):
                if Path(f"{database}{end}").exists():
                    shutil.copyfile(f"{database}{end}", f"{kept}{end}")
        except OSError as copy_error:
            raise write_error(folder, copy_error) from copy_error
        return kept


def _write_into(source: Path, database: Path) -> None:
    """Copy ``source`` into the live database with the backup API (it takes the write lock,
    goes through the WAL and other connections see the result); a live file too damaged to
    be written into is moved aside and a fresh one made."""
    try:
        _backup_into(source, database)
    except sqlite3.DatabaseError as exc:
        if sqlite_error(exc) not in ("SQLITE_NOTADB", "SQLITE_CORRUPT"):
            raise restore_error(database, exc) from exc
        log.warning("live database %s unusable (%s); replacing the file", database, exc)
        for end in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.replace(f"{database}{end}", f"{database}.damaged{end}")
        try:
            _backup_into(source, database)
        except sqlite3.DatabaseError as again:
            raise restore_error(database, again) from again


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
