"""Doctor check: is the counter's database whole (``PRAGMA quick_check``), and is it there?

The database line above says whose database it is and at which schema; this one reads every
page (:func:`kiosk.storage.integrity.quick_check`, about 3 s a GB, on a read-only engine so
a running kiosk is not held up) and says what to do about damage: restore a backup. It also
catches a database that held this counter's data and is now missing or a 0-byte file,
which the kiosk refuses to create anew (:mod:`kiosk.services.people.key_bindings`).
"""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy.engine import make_url

from kiosk.errors import KioskError
from kiosk.services.people.key_bindings import bound_fingerprint
from kiosk.services.upkeep.doctor.report import Check, database_place
from kiosk.services.upkeep.engines import EngineFactory
from kiosk.settings import Settings

INTEGRITY = "Toàn vẹn dữ liệu"
RESTORE = (
    "Tắt kiosk, xem các bản sao lưu bằng kiosk backup --list rồi khôi phục bản gần nhất: "
    "kiosk restore TÊN_TỆP. Nếu không có bản sao lưu, báo cán bộ CNTT và đừng ghi thêm."
)


def check_integrity(settings: Settings, engines: EngineFactory) -> Check:
    """``quick_check`` of the embedded database; a bound database gone missing is an error."""
    from kiosk.storage.integrity import database_is_empty, quick_check

    url = settings.effective_database_url
    where = database_place(url)
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return Check(INTEGRITY, True, f"{where}: máy chủ PostgreSQL tự kiểm tra các trang dữ liệu.")
    path = Path(parsed.database or "")
    fingerprint = bound_fingerprint(settings.key_file, url)
    if not path.is_file() or path.stat().st_size == 0:
        state = "không còn tệp" if not path.exists() else "tệp rỗng (0 byte)"
        if fingerprint is not None:
            return Check(
                INTEGRITY,
                False,
                f"{where}: {state}, dù máy này đã ghi dữ liệu vào đó (khóa mã {fingerprint}); "
                "kiosk sẽ không tạo cơ sở dữ liệu mới thay thế.",
                RESTORE,
            )
        return Check(INTEGRITY, True, f"{where}: {state}; chưa có dữ liệu để kiểm tra.")
    started = time.monotonic()
    engine = engines(url, read_only=True)
    try:
        if fingerprint is not None and database_is_empty(engine):
            return Check(
                INTEGRITY,
                False,
                f"{where}: không còn bảng dữ liệu nào, dù máy này đã ghi dữ liệu vào đó (khóa "
                f"mã {fingerprint}); kiosk sẽ không tạo cơ sở dữ liệu mới thay thế.",
                RESTORE,
            )
        problems = quick_check(engine)
    except KioskError as exc:  # too damaged to be read at all
        return Check(INTEGRITY, False, exc.message, RESTORE)
    finally:
        engine.dispose()
    if problems:
        shown = " ".join(problems[0].split())
        more = f" (và {len(problems) - 1} lỗi khác)" if len(problems) > 1 else ""
        return Check(
            INTEGRITY,
            False,
            f"{where} bị hỏng: quick_check báo “{shown}”{more}. Xuất báo cáo, sao lưu và chốt "
            "sổ sẽ bị từ chối để khỏi ghi ra dữ liệu thiếu.",
            RESTORE,
        )
    seconds = time.monotonic() - started
    return Check(INTEGRITY, True, f"{where}: quick_check không thấy hư hỏng ({seconds:.1f} s).")
