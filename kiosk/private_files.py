"""Private files on POSIX: the kiosk's folders 0700 and every file it writes 0600.

The database, its WAL, backups, exports and receipts hold citizens' names; nobody but the
kiosk's own account may read them. New files get it from the umask the entry point sets
(:func:`private_umask`); files and folders that already exist (a database made by an older
version, a receipt written over) are narrowed when the kiosk opens or writes them. Only
what belongs to the kiosk's account is changed, never a shared folder such as ``/tmp`` or a
home directory. On Windows the per-user profile folders already keep others out: nothing
here does anything there.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

log = logging.getLogger(__name__)

PRIVATE_UMASK = 0o077
FOLDER_MODE = 0o700
FILE_MODE = 0o600
SQLITE_SIDECARS = ("-wal", "-shm", "-journal")
ENABLED = os.name == "posix"


@contextlib.contextmanager
def private_umask() -> Iterator[None]:
    """Files and folders created inside are 0600/0700; the old umask comes back after (a
    test or a caller in the same process keeps its own)."""
    if not ENABLED:
        yield
        return
    previous = os.umask(PRIVATE_UMASK)
    try:
        yield
    finally:
        os.umask(previous)


def too_open(mode: int) -> bool:
    """Whether ``mode`` lets the group or others in."""
    return bool(stat.S_IMODE(mode) & 0o077)


def _ours(info: os.stat_result) -> bool:
    # Never a folder shared by design: sticky (/tmp) or someone else's (/, /home).
    return info.st_uid == os.geteuid() and not info.st_mode & stat.S_ISVTX


def make_private(path: Path) -> None:
    """Narrow ``path`` (a folder to 0700, a file to 0600) when it exists, is the kiosk's
    and is wider. A home folder is left alone; a failure (a FAT stick) is only logged."""
    if not ENABLED:
        return
    try:
        info = path.lstat()
    except OSError:
        return
    if stat.S_ISLNK(info.st_mode) or not too_open(info.st_mode) or not _ours(info):
        return
    if stat.S_ISDIR(info.st_mode):
        if path.resolve() == Path.home().resolve():
            return
        mode = FOLDER_MODE
    elif stat.S_ISREG(info.st_mode):
        mode = FILE_MODE
    else:
        return  # a device or a socket: not ours to change
    try:
        os.chmod(path, stat.S_IMODE(info.st_mode) & mode)
    except OSError as exc:
        log.warning("could not narrow the permissions of a kiosk file: %s", exc.strerror)


def make_all_private(paths: Iterable[Path]) -> None:
    """:func:`make_private` on each of ``paths``."""
    for path in paths:
        make_private(path)


def private_folder(path: Path) -> Path:
    """``path`` as a folder that exists and is 0700 (created so, or narrowed); returns it."""
    if ENABLED:
        path.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    else:
        path.mkdir(parents=True, exist_ok=True)
    make_private(path)
    return path


def sqlite_files(database: Path) -> tuple[Path, ...]:
    """A SQLite database file and the files SQLite keeps beside it."""
    return (database, *(Path(f"{database}{end}") for end in SQLITE_SIDECARS))


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` readable by the kiosk's account only, even when ``path``
    existed with a wider mode. Raises ``OSError`` like ``Path.write_bytes``."""
    if not ENABLED:
        path.write_bytes(data)
        return
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(descriptor, "wb") as handle:
        with contextlib.suppress(OSError):  # someone else's file we may write: leave its mode
            if too_open(os.fstat(descriptor).st_mode):
                os.fchmod(descriptor, FILE_MODE)
        handle.write(data)
