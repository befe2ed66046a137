"""Whether a database is whole: SQLite's ``PRAGMA quick_check``, and a database that vanished.

A damaged page does not always raise an error: with one index b-tree damaged, queries that
read through that index silently return fewer rows (an export wrote 7 of 15 visits). So
whatever reads a database into something people rely on (an export, a backup, a day's
closure) asks :func:`require_intact` first. ``quick_check`` reads every page and checks
each b-tree's structure in about 3 s a GB (``integrity_check`` also matches every index to
its table: ten times slower, 32 s a GB). PostgreSQL checks its own pages (checksums, WAL),
so there is nothing to run there.

A database that was bound to this counter's privacy key and is now missing, a 0-byte file
or without tables is not a new database: :class:`DatabaseVanishedError` refuses it, so that
receipt numbers never start again at 0001 on a counter that had data
(:func:`database_is_empty`).
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Engine, inspect

from kiosk.errors import QT_TRANSLATE_NOOP, DatabaseCorruptError
from kiosk.storage.database import database_errors, describe

log = logging.getLogger(__name__)

QUICK_CHECK_LIMIT = 20  # problems reported at most (the first ones say enough)

DAMAGED = QT_TRANSLATE_NOOP(
    "Errors",
    "Cơ sở dữ liệu {where} bị hỏng (kiểm tra toàn vẹn phát hiện lỗi): dữ liệu đọc từ đó có "
    "thể bị thiếu mà không báo, nên Quầy Số không xuất báo cáo, không sao lưu và không chốt sổ "
    "từ nó. Hãy tắt kiosk rồi khôi phục bản sao lưu gần nhất: xem danh sách bằng "
    "kiosk backup --list, rồi chạy kiosk restore TÊN_TỆP. Nếu không có bản sao lưu, báo cán bộ "
    "CNTT và đừng ghi thêm vào máy này.",
)
VANISHED = QT_TRANSLATE_NOOP(
    "Errors",
    "Cơ sở dữ liệu {where} đã mất hoặc trống, dù máy này đã ghi dữ liệu vào đó (gắn với khóa "
    "bảo vệ dữ liệu mã {fingerprint}). Quầy Số không tạo cơ sở dữ liệu mới thay thế, vì số "
    "biên nhận sẽ bắt đầu lại từ 0001. Hãy khôi phục bản sao lưu gần nhất: xem danh sách bằng "
    "kiosk backup --list, rồi chạy kiosk restore TÊN_TỆP. Nếu không có bản sao lưu, báo cán bộ "
    "CNTT.",
)


class DatabaseDamagedError(DatabaseCorruptError):
    """``PRAGMA quick_check`` found damage; ``template``/``params`` for translation."""

    translation_context = "Errors"

    def __init__(self, where: str, *, detail: str) -> None:
        self.template = DAMAGED
        self.params = {"where": where}
        super().__init__(DAMAGED.format(**self.params), detail=detail)


class DatabaseVanishedError(DatabaseCorruptError):
    """The database bound to the key is missing or empty; ``template``/``params`` as above."""

    translation_context = "Errors"

    def __init__(self, where: str, fingerprint: str, *, detail: str) -> None:
        self.template = VANISHED
        self.params = {"where": where, "fingerprint": fingerprint}
        super().__init__(VANISHED.format(**self.params), detail=detail)


def quick_check(engine: Engine) -> list[str]:
    """What ``PRAGMA quick_check`` finds wrong in the SQLite database of ``engine`` (at most
    :data:`QUICK_CHECK_LIMIT` lines; ``[]`` when it is whole, and always on PostgreSQL).

    Runs in a deferred (read) transaction: writers of a WAL database go on meanwhile.
    """
    if engine.dialect.name != "sqlite":
        return []
    with database_errors(engine), engine.connect() as connection:
        reading = connection.execution_options(sqlite_begin="DEFERRED")
        rows = reading.exec_driver_sql(f"PRAGMA quick_check({QUICK_CHECK_LIMIT})").all()
    verdict = [str(row[0]) for row in rows]
    return [] if verdict == ["ok"] else verdict


def require_intact(engine: Engine) -> None:
    """Raise :class:`DatabaseDamagedError` when :func:`quick_check` finds damage."""
    problems = quick_check(engine)
    if problems:
        detail = "quick_check: " + "; ".join(" ".join(p.split()) for p in problems[:3])
        log.error("database %s is damaged: %s", describe(engine), detail)
        raise DatabaseDamagedError(describe(engine), detail=detail)


def database_is_empty(engine: Engine) -> bool:
    """Whether the database holds nothing: an SQLite file that is missing or 0 bytes (looked
    at without connecting, which would create it), or any database without a table."""
    if engine.dialect.name == "sqlite":
        name = engine.url.database
        if not name or name == ":memory:":
            return True
        path = Path(name)
        if not path.exists() or (path.is_file() and path.stat().st_size == 0):
            return True
    with database_errors(engine), engine.connect() as connection:
        return not inspect(connection).get_table_names()
