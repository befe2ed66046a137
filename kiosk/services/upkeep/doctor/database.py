"""Doctor checks of the counter's database and of the privacy key bound to it."""

from __future__ import annotations

import base64
import binascii
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import make_url

from kiosk.errors import (
    DatabaseCorruptError,
    DatabaseUnavailableError,
    KioskError,
    StorageFullError,
)
from kiosk.services.upkeep.doctor.integrity import RESTORE
from kiosk.services.upkeep.doctor.report import Check, crashed, database_place
from kiosk.services.upkeep.engines import EngineFactory
from kiosk.settings import Settings
from kiosk.storage.models import FINGERPRINT_KEY

log = logging.getLogger(__name__)

DATABASE = "Cơ sở dữ liệu"
KEY = "Khóa bảo vệ dữ liệu"


@dataclass(frozen=True)
class DatabaseFacts:
    """What the database check learnt that the key check needs."""

    check: Check
    readable: bool  # the database could be read (or does not exist yet)
    fingerprint: str | None  # the key fingerprint stored in kiosk_meta, if any


# -- database ---------------------------------------------------------------------------------


def inspect_database(settings: Settings, engines: EngineFactory) -> DatabaseFacts:
    """Backend, schema revision and owner of the configured database, read without writing
    (on a read-only engine from ``engines``)."""
    from kiosk.services.people.key_bindings import bound_fingerprint

    url = settings.effective_database_url
    try:
        return _read_database(url, engines, bound_fingerprint(settings.key_file, url))
    except Exception as exc:  # reported like any other check that crashed
        return DatabaseFacts(crashed(DATABASE, True, exc), False, None)


def _read_database(url: str, engines: EngineFactory, bound: str | None) -> DatabaseFacts:
    """``bound``: the key fingerprint this database was bound to (it held data), if any."""
    from kiosk.storage.database import check_is_ours

    where = database_place(url)
    parsed = make_url(url)
    sqlite = parsed.get_backend_name() == "sqlite"
    if sqlite and parsed.database and parsed.database != ":memory:":
        path = Path(parsed.database)
        empty = path.is_file() and path.stat().st_size == 0  # opening it would write a header
        if not path.exists() or empty:
            state = "tệp rỗng (0 byte)" if empty else "chưa có tệp"
            if bound is not None:  # the integrity line says what to do
                message = f"{where}: {state}, dù đã từng có dữ liệu; kiosk sẽ không tạo lại."
                return DatabaseFacts(Check(DATABASE, False, message, RESTORE), False, bound)
            message = f"{where}: {state}; sẽ được tạo khi khởi động lần đầu."
            return DatabaseFacts(Check(DATABASE, True, message), True, None)
        if not path.is_file():
            return DatabaseFacts(
                Check(
                    DATABASE,
                    False,
                    f"{where} không phải là một tệp.",
                    "Sửa database.url (hoặc KIOSK_DATABASE_URL) cho trỏ tới một tệp.",
                ),
                False,
                None,
            )
    # Reads take no write lock, so a running kiosk is never held up by the doctor.
    engine = engines(url, read_only=True)
    try:
        check_is_ours(engine)
        revision, fingerprint = _revision_and_fingerprint(engine)
    except KioskError as exc:
        return DatabaseFacts(
            Check(DATABASE, False, exc.message, _database_fix(exc, sqlite)),
            False,
            None,
        )
    finally:
        engine.dispose()
    return DatabaseFacts(_judge_revision(where, revision), True, fingerprint)


def _revision_and_fingerprint(engine: Engine) -> tuple[str | None, str | None]:
    from kiosk.storage.database import database_errors

    with database_errors(engine), engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        revision = None
        if "alembic_version" in tables:
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        fingerprint = None
        if "kiosk_meta" in tables:
            fingerprint = connection.execute(
                text("SELECT value FROM kiosk_meta WHERE key = :key"), {"key": FINGERPRINT_KEY}
            ).scalar()
    return revision, fingerprint


def _judge_revision(where: str, revision: str | None) -> Check:
    from alembic.script import ScriptDirectory

    from kiosk.storage.database import MIGRATIONS_DIR, head_revision

    head = head_revision()
    if revision is None:
        return Check(DATABASE, True, f"{where}: trống; lược đồ sẽ được tạo khi khởi động.")
    if revision == head:
        return Check(DATABASE, True, f"{where}: của Quầy Số, lược đồ {revision} (mới nhất).")
    known = {script.revision for script in ScriptDirectory(str(MIGRATIONS_DIR)).walk_revisions()}
    if revision in known:
        return Check(
            DATABASE,
            True,
            f"{where}: của Quầy Số, lược đồ {revision}; sẽ tự nâng cấp lên {head} khi khởi động.",
        )
    return Check(
        DATABASE,
        False,
        f"{where}: lược đồ {revision} không có trong phiên bản Quầy Số này (mới nhất: {head}); "
        "có lẽ nó do một phiên bản mới hơn tạo ra.",
        "Cập nhật Quầy Số lên phiên bản mà các quầy khác đang dùng.",
    )


def _database_fix(error: KioskError, sqlite: bool) -> str:
    if isinstance(error, StorageFullError):
        return "Giải phóng dung lượng ổ đĩa chứa cơ sở dữ liệu."
    if isinstance(error, DatabaseCorruptError):
        return (
            "Khôi phục tệp từ bản sao lưu, hoặc đặt database.url (KIOSK_DATABASE_URL) "
            "sang một tệp hay cơ sở dữ liệu trống."
        )
    if isinstance(error, DatabaseUnavailableError) and not sqlite:
        return (
            "Kiểm tra máy chủ PostgreSQL đang chạy, mạng tới máy chủ, và địa chỉ, tên người "
            "dùng trong database.url (KIOSK_DATABASE_URL)."
        )
    return "Kiểm tra quyền đọc ghi tệp cơ sở dữ liệu và thư mục chứa nó."


# -- privacy key ------------------------------------------------------------------------------


def check_key(settings: Settings, database: DatabaseFacts) -> Check:
    """The key file: present, readable, private (0600) and the one the database was bound to."""
    from kiosk.services.people.privacy import PrivacyVault

    path = settings.key_file
    stored = database.fingerprint
    restore = f"Chép đúng tệp khóa của trung tâm (mã {stored}) vào {path}; đừng tạo khóa mới."
    if not path.exists():
        if stored:
            return Check(
                KEY,
                False,
                f"Không có tệp khóa {path}, mà cơ sở dữ liệu đã gắn với khóa mã {stored}: "
                "họ tên và ghi chú đã mã hóa sẽ không đọc được.",
                restore,
            )
        return Check(KEY, True, f"Chưa có tệp {path}; sẽ được tạo (quyền 600) khi khởi động.")
    try:
        raw = base64.b64decode(path.read_text(encoding="ascii").strip(), validate=True)
    except (OSError, UnicodeDecodeError, binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        fix = (
            restore
            if stored
            else f"Chép lại tệp khóa từ bản sao lưu, hoặc xóa {path} nếu máy chưa có dữ liệu."
        )
        return Check(KEY, False, f"Tệp khóa {path} bị hỏng hoặc không đọc được.", fix)
    fingerprint = PrivacyVault(raw).fingerprint
    if stored and stored != fingerprint:
        return Check(
            KEY,
            False,
            f"Tệp khóa {path} (mã {fingerprint}) không khớp với cơ sở dữ liệu (mã {stored}).",
            restore,
        )
    mode = path.stat().st_mode & 0o777
    if os.name == "posix" and mode & 0o077:
        return Check(
            KEY,
            False,
            f"Tệp khóa {path} có quyền {mode:o}: người dùng khác trên máy đọc được.",
            f"chmod 600 {path}",
        )
    if stored:
        return Check(KEY, True, f"{path} hợp lệ, quyền 600, khớp với cơ sở dữ liệu (mã {stored}).")
    if database.readable:
        return Check(KEY, True, f"{path} hợp lệ (mã {fingerprint}); cơ sở dữ liệu chưa gắn khóa.")
    return Check(
        KEY,
        True,
        f"{path} hợp lệ (mã {fingerprint}); chưa so được với cơ sở dữ liệu (xem dòng trên).",
    )
