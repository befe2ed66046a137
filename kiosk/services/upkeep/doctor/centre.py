"""``kiosk doctor``: the link to the centre's shared database and this counter's queue.

Reads the counter's outbox on a read-only engine (no migration, no key) and tries the
centre once with a short connect timeout, so the check never changes either database. Both
engines come from the factory the caller hands over, the one that builds the kiosk's own.
A centre bound to another privacy key than this counter's key file is reported as such: it
answers, but refuses everything this counter sends.
"""

from __future__ import annotations

import base64
import binascii
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, inspect, select
from sqlalchemy.engine import make_url

from kiosk.domain.clock import format_local
from kiosk.services.upkeep.doctor.report import Check, database_place
from kiosk.services.upkeep.engines import EngineFactory
from kiosk.settings import Settings
from kiosk.storage.change_capture import PENDING, queue_depth
from kiosk.storage.models import FINGERPRINT_KEY, Meta, SyncOutboxEntry

CENTRE = "Cơ sở dữ liệu trung tâm"
STALE_QUEUE = timedelta(minutes=30)  # a queue older than this means the link is really down
CONNECT_TIMEOUT_S = 3


def read_queue(local_url: str, engines: EngineFactory) -> tuple[int, int, datetime | None]:
    """Visits waiting, conflicts, and when the oldest waiting change was made."""
    parsed = make_url(local_url)
    if parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").is_file():
        return 0, 0, None  # the counter never ran: nothing queued, and nothing is created
    engine = engines(local_url, read_only=True)
    try:
        with engine.connect() as connection:
            if "sync_outbox" not in inspect(connection).get_table_names():
                return 0, 0, None
            pending, conflicts = queue_depth(connection)
            oldest = connection.execute(
                select(func.min(SyncOutboxEntry.created_at)).where(SyncOutboxEntry.state == PENDING)
            ).scalar()
    finally:
        engine.dispose()
    return pending, conflicts, oldest


def _reach(central_url: str, engines: EngineFactory) -> tuple[str, str | None]:
    """``""`` when the centre answers, else the first line of the error; and the privacy
    key fingerprint the centre is bound to (``None`` when it holds none yet)."""
    engine = engines(central_url, central=True, connect_timeout=CONNECT_TIMEOUT_S)
    try:
        with engine.connect() as connection:
            if "kiosk_meta" not in inspect(connection).get_table_names():
                return "", None
            bound = connection.execute(
                select(Meta.value).where(Meta.key == FINGERPRINT_KEY)
            ).scalar()
        return "", bound
    except Exception as exc:
        return (str(getattr(exc, "orig", exc)).strip().splitlines() or ["?"])[0], None
    finally:
        engine.dispose()


def _key_fingerprint(path: Path) -> str | None:
    """The fingerprint of the counter's key file (``None`` when missing or damaged: the
    key check says so)."""
    from kiosk.services.people.privacy import PrivacyVault

    try:
        raw = base64.b64decode(path.read_text(encoding="ascii").strip(), validate=True)
    except (OSError, UnicodeDecodeError, binascii.Error, ValueError):
        return None
    return PrivacyVault(raw).fingerprint if len(raw) == 32 else None


def check_centre(settings: Settings, engines: EngineFactory, now: datetime | None = None) -> Check:
    """The link to the centre and this counter's queue; a counter without a centre is fine."""
    verdict = _judge(settings, engines, now or datetime.now(UTC))
    return Check(CENTRE, verdict[0], verdict[1], verdict[2], required=False)


def _judge(settings: Settings, engines: EngineFactory, now: datetime) -> tuple[bool, str, str]:
    if not settings.central_database_url:
        return True, "không dùng (quầy làm việc độc lập)", ""
    where = database_place(settings.central_database_url)
    pending, conflicts, oldest = read_queue(settings.effective_database_url, engines)
    error, bound = _reach(settings.central_database_url, engines)
    own = _key_fingerprint(settings.key_file)
    queue = f"{pending} mục chờ gửi"
    if oldest is not None:
        queue += f" (cũ nhất lúc {format_local(oldest)})"
    if bound and own and bound != own:
        return (
            False,
            f"{where} kết nối được nhưng dùng khóa bảo mật khác (mã {bound}; tệp khóa của quầy: "
            f"mã {own}), nên không nhận gì từ quầy này; {queue}",
            f"Chép đúng tệp khóa của trung tâm vào {settings.key_file} rồi mở lại kiosk.",
        )
    if conflicts:
        return (
            False,
            f"{where}: {conflicts} mục bị máy chủ từ chối; {queue}",
            "Xem lý do bằng 'kiosk sync conflicts', xử lý rồi chạy 'kiosk sync retry'.",
        )
    if error:
        return (
            False,
            f"không kết nối được {where} ({error}); {queue}. Quầy vẫn làm việc và sẽ tự gửi",
            "Kiểm tra mạng tới máy chủ của trung tâm và database.central_url.",
        )
    if oldest is not None and now - oldest > STALE_QUEUE:
        return (
            False,
            f"{where} kết nối được nhưng {queue}",
            "Kiosk có đang chạy không? Chạy 'kiosk sync send' để gửi ngay.",
        )
    return True, f"{where}: kết nối được; {queue}", ""
