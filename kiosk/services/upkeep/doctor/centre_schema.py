"""``kiosk doctor``: whether the centre's schema is this counter's, so that it takes its visits.

A centre older than the counter waits for ``kiosk centre upgrade``; a centre newer than it
(another counter's administrator upgraded it) waits for this counter to be updated. Either
way the counter only queues: the centre "answers" but takes nothing. Read without writing
or migrating, with a short connect timeout.
"""

from __future__ import annotations

from kiosk.services.upkeep.doctor.report import Check, database_place
from kiosk.services.upkeep.engines import EngineFactory
from kiosk.settings import Settings
from kiosk.storage.schema_versions import CURRENT, NEWER, read_revision

CENTRE_SCHEMA = "Lược đồ của máy chủ trung tâm"
CONNECT_TIMEOUT_S = 3


def check_centre_schema(settings: Settings, engines: EngineFactory) -> Check:
    """The centre's schema revision next to this counter's (a counter without one is fine)."""
    from kiosk.storage.schema_versions import compare, head

    if not settings.central_database_url:
        return Check(CENTRE_SCHEMA, True, "không dùng (quầy làm việc độc lập)", required=False)
    where = database_place(settings.central_database_url)
    engine = engines(
        settings.central_database_url,
        central=True,
        read_only=True,
        connect_timeout=CONNECT_TIMEOUT_S,
    )
    try:
        with engine.connect() as connection:
            revision = read_revision(connection)
    except Exception as exc:
        first = (str(getattr(exc, "orig", exc)).strip().splitlines() or ["?"])[0]
        return Check(
            CENTRE_SCHEMA,
            False,
            f"chưa đọc được phiên bản lược đồ của {where} ({first})",
            "Xem dòng 'Cơ sở dữ liệu trung tâm'.",
            required=False,
        )
    finally:
        engine.dispose()
    verdict = compare(revision)
    if verdict == CURRENT:
        return Check(
            CENTRE_SCHEMA, True, f"{where}: lược đồ {revision}, như quầy này", required=False
        )
    if verdict == NEWER:
        return Check(
            CENTRE_SCHEMA,
            False,
            f"{where} ở lược đồ {revision}, mới hơn quầy này ({head()}): quầy chỉ giữ các lượt, "
            "không gửi được",
            "Cập nhật quầy này lên phiên bản Quầy Số mà máy chủ trung tâm đang dùng.",
            required=False,
        )
    return Check(
        CENTRE_SCHEMA,
        False,
        f"{where} ở lược đồ {revision or 'trống (chưa có lược đồ)'}, cũ hơn quầy này ({head()}): "
        "quầy chỉ giữ các lượt, không gửi được",
        "Cán bộ quản trị cập nhật máy chủ trung tâm: 'kiosk centre upgrade --admin TÊN'.",
        required=False,
    )
