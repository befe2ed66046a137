"""What sending to the centre says when it refuses, marked for Qt's translation.

Formatted here in Vietnamese; a refusal kept in the counter's queue is shown later and
translated back through its template (:func:`kiosk.ui.i18n.translate_message`).
"""

from __future__ import annotations

from kiosk.errors import QT_TRANSLATE_NOOP

# -- what the centre refuses to apply (kiosk.services.sync.central) --------------------------
DAY_CLOSED_AT_CENTRE = QT_TRANSLATE_NOOP(
    "Errors",
    "Ngày {day} của quầy {counter} đã chốt sổ trên máy chủ lúc {closed_at}; lượt {visit} "
    "chưa được gửi lên. Cần cán bộ quản trị xem xét.",
)
RECEIPT_TAKEN = QT_TRANSLATE_NOOP(
    "Errors",
    "Số biên nhận {receipt} đã có trên máy chủ cho một lượt khác: có thể hai máy đang dùng "
    "chung mã quầy {counter}.",
)
CORRECTS_UNKNOWN_VISIT = QT_TRANSLATE_NOOP(
    "Errors",
    "Lượt {visit} điều chỉnh một lượt chưa có trên máy chủ; hãy giải quyết lượt gốc trước.",
)
DAY_CLOSED_ELSEWHERE = QT_TRANSLATE_NOOP(
    "Errors",
    "Ngày {day} của quầy {counter} đã được chốt ở nơi khác lúc {closed_at}; bản chốt của "
    "quầy này (lúc {own_closed_at}) chưa được gửi lên.",
)

# -- the centre's schema against this counter's (kiosk.services.sync.versions) ---------------
CENTRE_NEWER = QT_TRANSLATE_NOOP(
    "Errors",
    "Máy chủ trung tâm đã ở phiên bản lược đồ {revision}, mới hơn quầy này ({head}): "
    "hãy cập nhật quầy này lên phiên bản Quầy Số mới. Các lượt vẫn được giữ trên máy "
    "này và sẽ được gửi sau khi cập nhật.",
)
CENTRE_EMPTY = QT_TRANSLATE_NOOP(
    "Errors",
    "Máy chủ trung tâm chưa có lược đồ của Quầy Số: cần cán bộ quản trị tạo nó bằng "
    "lệnh 'kiosk centre upgrade'. Các lượt vẫn được giữ trên máy này và sẽ được gửi "
    "sau đó.",
)
CENTRE_OLDER = QT_TRANSLATE_NOOP(
    "Errors",
    "Máy chủ trung tâm ở phiên bản lược đồ {revision}, cũ hơn quầy này ({head}): cần cán "
    "bộ quản trị cập nhật máy chủ trung tâm bằng lệnh 'kiosk centre upgrade'. Các lượt "
    "vẫn được giữ trên máy này và sẽ được gửi sau khi cập nhật.",
)

# -- one role per counter at the centre (kiosk.services.sync.roles) --------------------------
CENTRE_NOT_SET_UP = QT_TRANSLATE_NOOP(
    "Errors",
    "Máy chủ trung tâm chưa được thiết lập phân quyền: hãy chạy 'kiosk centre setup' trước.",
)
BAD_ROLE_NAME = QT_TRANSLATE_NOOP(
    "Errors",
    "Tên vai trò '{role}' không hợp lệ: chỉ dùng chữ thường không dấu, chữ số "
    "và dấu gạch dưới, tối đa 63 ký tự.",
)
ANOTHER_COUNTERS_ROLE = QT_TRANSLATE_NOOP(
    "Errors",
    "Tài khoản kết nối máy chủ trung tâm là của quầy {owner}, còn máy này là quầy "
    "{code}: máy chủ chỉ cho mỗi quầy ghi dữ liệu của chính mình. Hãy đặt đúng "
    "counter.code hoặc database.central_url của quầy {code}. Các lượt vẫn được giữ "
    "trên máy này.",
)
ROLE_TOO_POWERFUL = QT_TRANSLATE_NOOP(
    "Errors",
    "Vai trò '{role}' đã có và có nhiều quyền hơn một quầy (quản trị, tạo vai trò "
    "hoặc sở hữu bảng): hãy chọn tên vai trò khác bằng --role.",
)
ROLES_NEED_POSTGRESQL = QT_TRANSLATE_NOOP(
    "Errors",
    "Phân quyền theo quầy chỉ dùng cho cơ sở dữ liệu PostgreSQL của trung tâm.",
)
NOT_THE_CENTRE_ADMIN = QT_TRANSLATE_NOOP(
    "Errors",
    "Tài khoản {url} không phải tài khoản quản trị của cơ sở dữ liệu trung tâm "
    "(chủ sở hữu các bảng, có quyền tạo vai trò), hoặc máy chủ chưa có lược đồ "
    "Quầy Số: hãy dùng địa chỉ kết nối của tài khoản quản trị.",
)

# -- what a person reads of a visit, closure or mark the centre refused (sync.refusals) ------
REFUSED_CONTENT = QT_TRANSLATE_NOOP(
    "Errors",
    "Máy chủ không nhận {what} vì dữ liệu không hợp lệ ({problem}). Mục này vẫn được giữ "
    "trên máy này; cần cán bộ quản trị xem xét.",
)
REFUSED_VISIT = QT_TRANSLATE_NOOP("Errors", "lượt {label}")
REFUSED_CLOSURE = QT_TRANSLATE_NOOP("Errors", "bản chốt sổ ngày {day}")
REFUSED_MARK = QT_TRANSLATE_NOOP("Errors", "đánh dấu bước đã cũ {label}")
REFUSED_ITEM = QT_TRANSLATE_NOOP("Errors", "một mục")
CENTRE_SAYS = QT_TRANSLATE_NOOP("Errors", "máy chủ báo: {detail}")
CONTROL_CHARACTER = QT_TRANSLATE_NOOP(
    "Errors", "{label} có ký tự điều khiển U+{code} ở vị trí {position}"
)
TOO_LONG = QT_TRANSLATE_NOOP("Errors", "{label} dài {length} ký tự, máy chủ chỉ nhận {limit}")
