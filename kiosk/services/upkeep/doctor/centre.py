"""``kiosk doctor``: the link to the centre's shared database and this counter's queue.

Reads the counter's outbox on a read-only engine (no migration, no key) and tries the
centre once with a short connect timeout, so the check never changes either database. Both
engines come from the factory the caller hands over, the one that builds the kiosk's own.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import make_url

from kiosk.domain.clock import format_local
from kiosk.services.upkeep.doctor.report import Check, database_place
from kiosk.services.upkeep.engines import EngineFactory
from kiosk.settings import Settings
from kiosk.storage.change_capture import PENDING, queue_depth
from kiosk.storage.models import SyncOutboxEntry

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


def _reach(central_url: str, engines: EngineFactory) -> str:
    """``""`` when the centre answers, else the first line of the error."""
    engine = engines(central_url, central=True, connect_timeout=CONNECT_TIMEOUT_S)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return ""
    except Exception as exc:
        return (str(getattr(exc, "orig", exc)).strip().splitlines() or ["?"])[0]
    finally:
        engine.dispose()


def check_centre(settings: Settings, engines: EngineFactory, now: datetime | None = None) -> Check:
    """The link to the centre and this counter's queue; a counter without a centre is fine."""
    verdict = _judge(settings, engines, now or datetime.now(UTC))
    return Check(CENTRE, verdict[0], verdict[1], verdict[2], required=False)


def _judge(settings: Settings, engines: EngineFactory, now: datetime) -> tuple[bool, str, str]:
    if not settings.central_database_url:
        return True, "không dùng (quầy làm việc độc lập)", ""
    where = database_place(settings.central_database_url)
    pending, conflicts, oldest = read_queue(settings.effective_database_url, engines)
    error = _reach(settings.central_database_url, engines)
    queue = f"{pending} mục chờ gửi"
    if oldest is not None:
        queue += f" (cũ nhất lúc {format_local(oldest)})"
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
