"""What an export says when it cannot run or cannot write its file, marked for Qt's translation.

Formatted here in Vietnamese; the screen translates a message through its template
(:func:`kiosk.ui.i18n.translate_message`), the reason inside it too.
"""

from __future__ import annotations

from kiosk.errors import QT_TRANSLATE_NOOP

BAD_FORMAT = QT_TRANSLATE_NOOP("Errors", "Định dạng xuất '{fmt}' không hỗ trợ; chọn csv hoặc xlsx.")
END_BEFORE_START = QT_TRANSLATE_NOOP("Errors", "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.")
DISK_FULL = QT_TRANSLATE_NOOP(
    "Errors",
    "Ổ đĩa chứa {folder} đã đầy nên chưa xuất được dữ liệu; không có tệp dở dang nào được để "
    "lại. Hãy giải phóng dung lượng hoặc chọn ổ đĩa khác rồi thử lại.",
)
NOT_WRITTEN = QT_TRANSLATE_NOOP(
    "Errors",
    "Không ghi được tệp {path}: {reason}. Hãy chọn thư mục khác (ví dụ thư mục Tài liệu) rồi "
    "thử lại.",
)
IS_A_FOLDER = QT_TRANSLATE_NOOP(
    "Errors", "{path} là một thư mục; hãy ghi cả tên tệp, ví dụ {example}."
)

# the reason in NOT_WRITTEN
NO_PERMISSION = QT_TRANSLATE_NOOP(
    "Errors", "không có quyền ghi vào đó, hoặc tệp đang mở trong chương trình khác (Excel)"
)
READ_ONLY = QT_TRANSLATE_NOOP("Errors", "ổ đĩa chỉ cho phép đọc")
NO_SUCH_FOLDER = QT_TRANSLATE_NOOP("Errors", "thư mục không tồn tại")
NOT_A_FOLDER = QT_TRANSLATE_NOOP("Errors", "một phần của đường dẫn không phải thư mục")
PATH_IS_A_FOLDER = QT_TRANSLATE_NOOP("Errors", "đường dẫn là một thư mục")
NAME_TOO_LONG = QT_TRANSLATE_NOOP("Errors", "tên tệp quá dài")
OS_ERROR = QT_TRANSLATE_NOOP("Errors", "lỗi hệ điều hành khi ghi tệp")
