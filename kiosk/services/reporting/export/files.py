"""The file an export writes: a hidden temporary beside it, and one clear message per failure.

Rows go to a hidden temporary file beside ``out`` (mode 0600), which replaces ``out`` only
once complete and audited, so a failure never leaves a half-written file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from kiosk.errors import InputError, KioskError, StorageFullError
from kiosk.services.reporting.export import messages

_OS_REASONS = {
    errno.EACCES: messages.NO_PERMISSION,
    errno.EPERM: messages.NO_PERMISSION,
    errno.EROFS: messages.READ_ONLY,
    errno.ENOENT: messages.NO_SUCH_FOLDER,
    errno.ENOTDIR: messages.NOT_A_FOLDER,
    errno.EEXIST: messages.NOT_A_FOLDER,  # mkdir over a file
    errno.EISDIR: messages.PATH_IS_A_FOLDER,
    errno.ENAMETOOLONG: messages.NAME_TOO_LONG,
}


def file_error(out: Path, exc: OSError) -> KioskError:
    """One clear message for a failed write of ``out``."""
    detail = f"{type(exc).__name__}: {exc}"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StorageFullError(messages.DISK_FULL.format(folder=out.parent), detail=detail)
    reason = _OS_REASONS.get(exc.errno or 0, messages.OS_ERROR)
    return InputError(messages.NOT_WRITTEN.format(path=out, reason=reason), detail=detail)


@contextlib.contextmanager
def file_errors(out: Path) -> Iterator[None]:
    """An :class:`OSError` inside becomes the :func:`file_error` of ``out``."""
    try:
        yield
    except OSError as exc:
        raise file_error(out, exc) from exc


def temporary_beside(out: Path) -> Path:
    """An empty hidden file in ``out``'s folder (mode 0600), to be renamed onto ``out``."""
    if out.is_dir():
        raise InputError(messages.IS_A_FOLDER.format(path=out, example=out / "xuat.csv"))
    with file_errors(out):
        out.parent.mkdir(parents=True, exist_ok=True)
        descriptor, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    os.close(descriptor)
    return Path(name)
