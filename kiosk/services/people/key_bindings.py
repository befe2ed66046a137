"""Which databases this counter's privacy key has been bound to: the proof that data existed.

The database records the key's fingerprint (``kiosk_meta``); this file, beside the key in the
config dir, records the other half: each database the key was bound to, by location. With
it the kiosk tells "first start" from "the data is gone": a database listed here that is now
missing or a 0-byte file is refused rather than created anew (receipt numbers would start
again at 0001), and a missing key that was bound to a database is reported as missing rather
than replaced by a new one (every stored name would become unreadable). The file holds
locations and fingerprints only, never personal data or passwords.

A new counter that was given the centre's key file (README: copy it before the first start)
has no such file yet, so its first database is created as before.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from kiosk.storage.database import describe
from kiosk.storage.integrity import DatabaseVanishedError, database_is_empty

log = logging.getLogger(__name__)

BINDINGS_FILE = "bound-databases.json"


def bindings_path(key_file: Path) -> Path:
    """The bindings file beside ``key_file``."""
    return key_file.with_name(BINDINGS_FILE)


def database_location(url: str) -> str:
    """How a database is named in the bindings: an SQLite file's absolute path, or the URL
    without its password (options such as a schema's ``search_path`` kept)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return str(Path(parsed.database or ":memory:").expanduser().absolute())
    return parsed.render_as_string(hide_password=True)


def read_bindings(key_file: Path) -> dict[str, str]:
    """Location → key fingerprint of every database the key was bound to (``{}``: none, or
    an unreadable file, which is logged: it must never stop a counter)."""
    path = bindings_path(key_file)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("key bindings file %s unreadable: %s", path, type(exc).__name__)
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items() if isinstance(v, str)}


def bound_fingerprint(key_file: Path, url: str) -> str | None:
    """The fingerprint the database at ``url`` was bound to, or ``None`` if it never was."""
    return read_bindings(key_file).get(database_location(url))


def record_binding(key_file: Path, url: str, fingerprint: str) -> None:
    """Remember that the database at ``url`` is bound to the key ``fingerprint`` (written
    whole, mode 0600, only when it is new)."""
    bindings = read_bindings(key_file)
    location = database_location(url)
    if bindings.get(location) == fingerprint:
        return
    bindings[location] = fingerprint
    path = bindings_path(key_file)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(bindings, handle, indent=1, sort_keys=True)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as exc:  # the kiosk works on; only the proof of its data is not kept
        log.error("key bindings file %s not written: %s", path, type(exc).__name__)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def refuse_vanished_database(engine: Engine, key_file: Path, url: str) -> None:
    """Raise :class:`~kiosk.storage.integrity.DatabaseVanishedError` when the database at
    ``url`` was bound to the key and is now missing, a 0-byte file or without tables; call
    it before migrating, which would create a new, empty one."""
    fingerprint = bound_fingerprint(key_file, url)
    if fingerprint is not None and database_is_empty(engine):
        log.error("database %s was bound to key %s and is now empty", describe(engine), fingerprint)
        raise DatabaseVanishedError(
            describe(engine),
            fingerprint,
            detail=f"bound database missing or empty (key {fingerprint})",
        )
