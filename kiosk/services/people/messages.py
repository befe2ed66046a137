"""What the helper accounts say when they refuse, marked for Qt's translation.

Formatted in Vietnamese; the UI translates a formatted message back through its template
(:func:`kiosk.ui.i18n.translate_message`), which needs the template marked at module level.
"""

from __future__ import annotations

from kiosk.errors import QT_TRANSLATE_NOOP

BAD_KIND = QT_TRANSLATE_NOOP(
    "Errors", "Loại người hỗ trợ phải là volunteer (tình nguyện viên) hoặc staff."
)
BAD_ROLE = QT_TRANSLATE_NOOP("Errors", "Vai trò phải là helper hoặc admin.")
USERNAME_TAKEN = QT_TRANSLATE_NOOP("Errors", "Tên đăng nhập '{username}' đã tồn tại.")
WRONG_PIN = QT_TRANSLATE_NOOP("Errors", "Mã PIN không đúng. Còn {left} lần thử.")
LOCKED = QT_TRANSLATE_NOOP(
    "Errors", "Tài khoản tạm khóa do nhập sai PIN nhiều lần; thử lại sau {time}."
)
UNKNOWN_HELPER = QT_TRANSLATE_NOOP(
    "Errors", "Không có người hỗ trợ với tên đăng nhập '{username}'."
)
