"""An admin's PIN checked against the helpers of a SQLite file that is not the live database.

``kiosk restore`` is the way out when the live database is damaged or gone, when no admin
can be looked up in it: the admin of the backup being restored then vouches for the restore.
The file is opened read-only (nothing is written to a backup, not even a
count of wrong PINs: whoever can run the command can read the file anyway).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from kiosk.errors import QT_TRANSLATE_NOOP, AuthenticationError


def require_admin_in_file(path: Path, username: str, pin: str) -> str:
    """The admin ``username`` of the SQLite file ``path`` whose PIN is ``pin``; refused with
    the same message whatever is wrong (unknown name, wrong PIN, not an admin, unreadable)."""
    refused = AuthenticationError(
        QT_TRANSLATE_NOOP(
            "Errors",
            "Cơ sở dữ liệu hiện tại không mở được, nên quản trị viên được kiểm tra trong bản "
            "sao lưu: tên đăng nhập hoặc mã PIN quản trị không đúng với bản sao lưu này.",
        ),
        detail="admin check against the backup failed",
    )
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise refused from exc
    try:
        row = connection.execute(
            "SELECT pin_hash FROM helpers WHERE username = ? AND role = 'admin' AND active",
            (username.strip().lower(),),
        ).fetchone()
    except sqlite3.Error as exc:
        raise refused from exc
    finally:
        connection.close()
    try:
        if row is None or not PasswordHasher().verify(str(row[0]), pin):
            raise refused
    except (VerificationError, InvalidHashError) as exc:
        raise refused from exc
    return username.strip().lower()
