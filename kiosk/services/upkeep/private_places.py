"""The folders and files of a counter that hold personal data or the key, kept private.

The data, config, log, backup and report folders are 0700 and every file in them the kiosk
wrote is 0600 (POSIX; :mod:`kiosk.private_files` does the changing). New files are private
through the umask the entry point sets; :func:`narrow_kiosk_files` narrows what an older
version or another program left wider, each time a command or the window starts.
``kiosk doctor`` reports what is still wider (:mod:`.doctor.permissions`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kiosk.private_files import make_all_private, sqlite_files
from kiosk.settings import Settings

# Files in the backup and report folders at most this deep (reports/YYYY-MM-DD/file.pdf).
_DEPTH = 2


@dataclass(frozen=True)
class KioskPlaces:
    """The private folders and the files of a counter that exist now."""

    folders: tuple[Path, ...]
    files: tuple[Path, ...]


def _files_in(folder: Path, depth: int = _DEPTH) -> Iterator[Path]:
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for entry in sorted(entries):
        if entry.is_symlink():
            continue
        if entry.is_dir():
            if depth > 1:
                yield entry
                yield from _files_in(entry, depth - 1)
        elif entry.is_file():
            yield entry


def kiosk_places(settings: Settings) -> KioskPlaces:
    """The counter's private folders, and the files that are in them or belong to it (its
    SQLite database and WAL, the key, the settings, logs, backups, reports)."""
    folders = [
        settings.config_dir,
        settings.data_dir,
        settings.log_dir,
        settings.backup_dir,
        settings.reports_root,
    ]
    files = [settings.key_file, settings.settings_file]
    database = settings.sqlite_file
    if database is not None:
        files.extend(sqlite_files(database))
    for folder in (settings.log_dir, settings.backup_dir, settings.reports_root):
        for entry in _files_in(folder):
            (folders if entry.is_dir() else files).append(entry)
    unique_folders = tuple(dict.fromkeys(path for path in folders if path.is_dir()))
    unique_files = tuple(dict.fromkeys(path for path in files if path.is_file()))
    return KioskPlaces(unique_folders, unique_files)


def narrow_kiosk_files(settings: Settings) -> None:
    """Make the counter's folders 0700 and its files 0600 where they are wider (POSIX)."""
    places = kiosk_places(settings)
    make_all_private(places.folders)
    make_all_private(places.files)
