"""``kiosk doctor``: whether this counter reaches the centre with least privilege.

A counter should connect as its own role (``kiosk centre add-counter``), which may write only
that counter's rows, over TLS; a counter holding the administrator's credentials can change
every counter's visits. Read only, with a short connect timeout.
"""

from __future__ import annotations

from sqlalchemy.engine import make_url

from kiosk.services.sync.roles import role_facts
from kiosk.services.upkeep.doctor.report import Check, database_place
from kiosk.services.upkeep.engines import EngineFactory
from kiosk.settings import Settings

CENTRE_ACCESS = "Quyền của quầy tại trung tâm"
CONNECT_TIMEOUT_S = 3
_LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", None, "")


def check_centre_access(settings: Settings, engines: EngineFactory) -> Check:
    """The centre's role this counter connects as, what it may write, and the link's TLS."""
    url = settings.central_database_url
    if not url:
        return Check(CENTRE_ACCESS, True, "không dùng (quầy làm việc độc lập)", required=False)
    where = database_place(url)
    code = settings.counter_code
    engine = engines(url, central=True, read_only=True, connect_timeout=CONNECT_TIMEOUT_S)
    try:
        with engine.connect() as connection:
            facts = role_facts(connection)
    except Exception as exc:
        first = (str(getattr(exc, "orig", exc)).strip().splitlines() or ["?"])[0]
        return Check(
            CENTRE_ACCESS,
            False,
            f"chưa kiểm tra được quyền trên {where} ({first})",
            "Xem dòng 'Cơ sở dữ liệu trung tâm'.",
            required=False,
        )
    finally:
        engine.dispose()
    add = f"'kiosk centre add-counter {code}' rồi đặt database.central_url mà lệnh in ra"
    if facts.administrator:
        return Check(
            CENTRE_ACCESS,
            False,
            f"{where}: quầy kết nối bằng tài khoản quản trị {facts.role}, ghi được dữ liệu "
            "của mọi quầy",
            f"Cán bộ quản trị chạy 'kiosk centre setup' (một lần), {add}.",
            required=False,
        )
    if facts.counter is None:
        return Check(
            CENTRE_ACCESS,
            False,
            f"{where}: tài khoản {facts.role} không gắn với quầy nào, máy chủ không nhận gì "
            "từ quầy này",
            f"Cán bộ quản trị chạy {add}.",
            required=False,
        )
    if facts.counter != code:
        return Check(
            CENTRE_ACCESS,
            False,
            f"{where}: tài khoản {facts.role} là của quầy {facts.counter}, máy này là quầy {code}",
            "Đặt đúng counter.code, hoặc database.central_url của quầy này.",
            required=False,
        )
    own = f"{where}: tài khoản {facts.role} chỉ ghi được dữ liệu của quầy {code}"
    host = make_url(url).host
    if not facts.tls and host not in _LOCAL_HOSTS:
        return Check(
            CENTRE_ACCESS,
            False,
            f"{own}; kết nối không mã hóa",
            'Đặt database.central_sslmode = "verify-full" và database.central_sslrootcert '
            "(chứng chỉ CA của máy chủ trung tâm); docs/OPERATIONS.md.",
            required=False,
        )
    return Check(
        CENTRE_ACCESS,
        True,
        f"{own}; {'mã hóa TLS' if facts.tls else 'kết nối trong máy này'}",
        required=False,
    )
