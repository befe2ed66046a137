"""What backup and restore say when they refuse or fail, marked for Qt's translation.

Formatted here in Vietnamese; the UI translates a formatted message back through its template
(:func:`kiosk.ui.i18n.translate_message`). The command line shows the Vietnamese.
"""

from __future__ import annotations

from kiosk.errors import QT_TRANSLATE_NOOP

SHARED_DATABASE = QT_TRANSLATE_NOOP(
    "backup",
    "Cơ sở dữ liệu của quầy nằm trên máy chủ PostgreSQL của trung tâm (dùng chung cho "
    "các quầy), nên kiosk không tự sao lưu hay khôi phục nó: quản trị viên máy chủ sao "
    "lưu bằng pg_dump và khôi phục bằng pg_restore (xem docs/OPERATIONS.md).",
)
FOLDER_UNREADABLE = QT_TRANSLATE_NOOP(
    "backup", "Không đọc được thư mục sao lưu {folder} ({reason})."
)
NO_DATABASE_YET = QT_TRANSLATE_NOOP(
    "backup", "Chưa có cơ sở dữ liệu {database} để sao lưu (kiosk chưa chạy lần nào?)."
)
FOLDER_MISSING = QT_TRANSLATE_NOOP(
    "backup",
    "Không thấy thư mục sao lưu {folder} (đã cắm ổ USB / ổ đĩa sao lưu chưa?). "
    "Hãy cắm ổ, tạo thư mục đó, hoặc sửa backup.dir trong tệp cấu hình.",
)
NO_SPACE = QT_TRANSLATE_NOOP(
    "backup",
    "Không đủ chỗ trống để sao lưu vào {folder}: cần khoảng {needed}, còn {free}. "
    "Hãy xóa bớt tệp, giảm backup.keep_days hoặc đặt backup.dir sang ổ khác.",
)
# The backup folder on the database's own disk: 100 MB are kept free for the counter.
NO_SPACE_SAME_DISK = QT_TRANSLATE_NOOP(
    "backup",
    "Không đủ chỗ trống để sao lưu vào {folder}: cần khoảng {needed} (và chừa 100 MB cho "
    "quầy ghi tiếp), còn {free}. Hãy xóa bớt tệp, giảm backup.keep_days hoặc đặt "
    "backup.dir sang ổ khác.",
)
LIVE_DATABASE_FAILS_CHECK = QT_TRANSLATE_NOOP(
    "backup",
    "Cơ sở dữ liệu {database} không qua được kiểm tra khi sao lưu (bị hỏng hoặc không "
    "phải của Quầy Số), nên không tạo bản sao lưu mới; các bản sao lưu cũ vẫn còn. "
    "Hãy chạy kiosk doctor và báo cán bộ CNTT.",
)
RESTORE_ONTO_ITSELF = QT_TRANSLATE_NOOP(
    "backup", "Tệp cần khôi phục chính là cơ sở dữ liệu đang dùng."
)
RESTORE_NO_KEY = QT_TRANSLATE_NOOP(
    "backup",
    "Bản sao lưu {backup} được tạo với khóa bảo vệ dữ liệu mã {fingerprint}, mà chưa có tệp "
    "khóa: họ tên đã mã hóa sẽ không đọc được. Hãy chép đúng tệp khóa của trung tâm vào "
    "{key_file} rồi thử lại.",
)
RESTORE_OTHER_KEY = QT_TRANSLATE_NOOP(
    "backup",
    "Bản sao lưu {backup} được tạo với khóa bảo vệ dữ liệu mã {fingerprint}, mà tệp khóa "
    "hiện tại (mã {current}) khác: họ tên đã mã hóa sẽ không đọc được. Hãy chép đúng tệp "
    "khóa của trung tâm vào {key_file} rồi thử lại.",
)
NEWER_SCHEMA = QT_TRANSLATE_NOOP(
    "backup",
    "Tệp {name} có lược đồ {revision}, do một phiên bản Quầy Số mới hơn tạo ra; "
    "phiên bản này không dùng được nó. Hãy cập nhật Quầy Số trước.",
)
NO_SUCH_BACKUP = QT_TRANSLATE_NOOP("backup", "Không có tệp sao lưu {path}.")
# Writing the backup failed: one message for each reason the system gives, so that the
# reason is translated with the rest (a "{reason}" filled in Vietnamese would stay Vietnamese
# inside the English message).
WRITE_NOT_PERMITTED = QT_TRANSLATE_NOOP(
    "backup",
    "Không ghi được bản sao lưu vào {folder}: không có quyền ghi. Kiểm tra ổ đĩa và quyền "
    "ghi, hoặc đặt backup.dir sang thư mục khác.",
)
WRITE_READ_ONLY = QT_TRANSLATE_NOOP(
    "backup",
    "Không ghi được bản sao lưu vào {folder}: ổ đĩa chỉ cho phép đọc. Kiểm tra ổ đĩa và "
    "quyền ghi, hoặc đặt backup.dir sang thư mục khác.",
)
WRITE_NO_FOLDER = QT_TRANSLATE_NOOP(
    "backup",
    "Không ghi được bản sao lưu vào {folder}: thư mục không tồn tại. Kiểm tra ổ đĩa và "
    "quyền ghi, hoặc đặt backup.dir sang thư mục khác.",
)
WRITE_NOT_A_FOLDER = QT_TRANSLATE_NOOP(
    "backup",
    "Không ghi được bản sao lưu vào {folder}: một phần của đường dẫn không phải thư mục. "
    "Kiểm tra ổ đĩa và quyền ghi, hoặc đặt backup.dir sang thư mục khác.",
)
WRITE_SYSTEM_ERROR = QT_TRANSLATE_NOOP(
    "backup",
    "Không ghi được bản sao lưu vào {folder}: lỗi hệ điều hành khi ghi tệp. Kiểm tra ổ đĩa "
    "và quyền ghi, hoặc đặt backup.dir sang thư mục khác.",
)
DISK_FULL = QT_TRANSLATE_NOOP(
    "backup",
    "Ổ đĩa chứa thư mục sao lưu {folder} đã đầy nên chưa sao lưu được; không có bản sao "
    "lưu dở dang nào được để lại. Hãy xóa bớt tệp, giảm backup.keep_days hoặc đặt "
    "backup.dir sang ổ khác.",
)
TARGET_FAILED = QT_TRANSLATE_NOOP(
    "backup",
    "Không ghi được bản sao lưu vào {folder} ({reason}). Kiểm tra ổ đĩa và quyền ghi, "
    "hoặc đặt backup.dir sang thư mục khác.",
)
# Where a database error met while restoring happened (kiosk.storage.database.translate_error).
RESTORING_INTO = QT_TRANSLATE_NOOP("backup", "khôi phục vào {database}")
FILE_DAMAGED = QT_TRANSLATE_NOOP(
    "backup",
    "Tệp {name} bị hỏng (kiểm tra toàn vẹn không đạt), nên không dùng được. "
    "Hãy chọn một bản sao lưu khác.",
)
NOT_OURS = QT_TRANSLATE_NOOP(
    "backup", "Tệp {name} không phải cơ sở dữ liệu của Quầy Số (hoặc bị hỏng nặng)."
)
