"""What the database layer says when a database cannot be used, marked for Qt's translation.

``{where}`` is the database (its path or URL without the password); the UI translates a
formatted message back through its template (:func:`kiosk.ui.i18n.translate_message`).
"""

from __future__ import annotations

from kiosk.errors import QT_TRANSLATE_NOOP

# -- driver errors (kiosk.storage.database.translate_error) ----------------------------------
DISK_FULL = QT_TRANSLATE_NOOP(
    "Errors",
    "Ổ đĩa chứa cơ sở dữ liệu đã đầy ({where}). Hãy giải phóng dung lượng rồi thử lại; "
    "các giao dịch đã lưu trước đó vẫn còn nguyên.",
)
DAMAGED = QT_TRANSLATE_NOOP(
    "Errors",
    "Tệp cơ sở dữ liệu bị hỏng hoặc không phải của Quầy Số ({where}). "
    "Hãy khôi phục từ bản sao lưu hoặc báo cán bộ CNTT.",
)
LOCKED = QT_TRANSLATE_NOOP(
    "Errors",
    "Cơ sở dữ liệu đang bận vì một chương trình khác đang ghi ({where}). Hãy thử lại sau ít phút.",
)
TIMED_OUT = QT_TRANSLATE_NOOP(
    "Errors",
    "Cơ sở dữ liệu không trả lời kịp ({where}): dữ liệu đang bị một việc khác giữ "
    "hoặc máy chủ quá tải. Hãy thử lại sau ít phút; nếu vẫn vậy, báo cán bộ CNTT.",
)
PERMISSION_REFUSED = QT_TRANSLATE_NOOP(
    "Errors",
    "Máy chủ cơ sở dữ liệu không cho tài khoản kết nối làm việc này ({where}). Các "
    "lượt vẫn được giữ trên máy này; cán bộ quản trị cần kiểm tra tài khoản của quầy "
    "(kiosk centre counters, kiosk centre setup).",
)
UNREACHABLE = QT_TRANSLATE_NOOP(
    "Errors",
    "Không kết nối được cơ sở dữ liệu ({where}). Kiểm tra máy chủ, mạng "
    "hoặc quyền truy cập rồi thử lại.",
)
FAILED = QT_TRANSLATE_NOOP("Errors", "Lỗi cơ sở dữ liệu ({where}).")

# -- a database that is not (or no longer) this kiosk's ------------------------------------
FOREIGN_TABLES = QT_TRANSLATE_NOOP(
    "Errors",
    "Cơ sở dữ liệu {database} đã chứa dữ liệu của một chương trình khác; "
    "Quầy Số không ghi vào đó. Hãy chọn một tệp hoặc cơ sở dữ liệu trống.",
)
# kiosk.storage.schema_versions.too_new
SCHEMA_TOO_NEW = QT_TRANSLATE_NOOP(
    "Errors",
    "Cơ sở dữ liệu {where} ở phiên bản lược đồ {revision}, mới hơn phiên bản Quầy Số "
    "này (lược đồ mới nhất: {head}): một phiên bản Quầy Số mới hơn đã dùng nó. Hãy cập "
    "nhật Quầy Số trên máy này lên phiên bản đó; dữ liệu vẫn còn nguyên, chưa có gì bị "
    "thay đổi.",
)
