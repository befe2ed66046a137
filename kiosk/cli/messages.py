"""What the ``kiosk`` commands say when they refuse, marked for Qt's translation.

The terminal shows the Vietnamese; marking keeps one catalogue of every text a person meets
(and lets a screen that runs the same code show it in English).
"""

from __future__ import annotations

from kiosk.errors import QT_TRANSLATE_NOOP

RESTORE_CANCELLED = QT_TRANSLATE_NOOP("cli", "Đã hủy; không thay đổi gì.")
RESTORE_NEEDS_CONFIRMATION = QT_TRANSLATE_NOOP(
    "cli",
    "Khôi phục thay toàn bộ dữ liệu hiện tại nên cần xác nhận: chạy trong cửa sổ "
    "dòng lệnh, hoặc thêm --yes.",
)
CANNOT_WRITE_FILE = QT_TRANSLATE_NOOP("cli", "Không ghi được tệp {path}: {reason}.")
NO_CENTRE = QT_TRANSLATE_NOOP(
    "cli",
    "Quầy này chưa nối với cơ sở dữ liệu chung của trung tâm: hãy đặt "
    "database.central_url trong tệp cấu hình.",
)
CENTRE_OFFLINE = QT_TRANSLATE_NOOP(
    "cli",
    "Chưa gửi được: không kết nối được cơ sở dữ liệu của trung tâm. Quầy vẫn làm việc "
    "bình thường và sẽ tự gửi khi kết nối lại.",
)
CENTRE_KEY_REFUSED = QT_TRANSLATE_NOOP(
    "cli",
    "Chưa gửi được: máy chủ của trung tâm dùng khóa bảo mật khác với quầy này. Hãy chép "
    "đúng tệp khóa của trung tâm vào máy này rồi mở lại kiosk. Quầy vẫn làm việc bình "
    "thường; các lượt được giữ và sẽ gửi sau.",
)
UPDATE_COUNTER = QT_TRANSLATE_NOOP("cli", "Chưa gửi được: cần cập nhật quầy này.")
UPDATE_COUNTER_BECAUSE = QT_TRANSLATE_NOOP("cli", "Chưa gửi được: cần cập nhật quầy này. {reason}")
UPDATE_CENTRE = QT_TRANSLATE_NOOP("cli", "Chưa gửi được: cần cập nhật máy chủ trung tâm.")
UPDATE_CENTRE_BECAUSE = QT_TRANSLATE_NOOP(
    "cli", "Chưa gửi được: cần cập nhật máy chủ trung tâm. {reason}"
)
CENTRE_FAILED = QT_TRANSLATE_NOOP(
    "cli",
    "Chưa gửi được: máy chủ của trung tâm báo lỗi. Quầy vẫn làm việc bình thường; hãy "
    "báo cán bộ CNTT.",
)
EXPORT_RANGE_BACKWARDS = QT_TRANSLATE_NOOP(
    "cli", "Ngày kết thúc (--to) phải sau hoặc bằng ngày bắt đầu (--from)."
)
EXPORT_RANGE_TOO_LONG = QT_TRANSLATE_NOOP("cli", "Khoảng ngày xuất quá dài (tối đa 10 năm).")
NOT_AN_INTEGER = QT_TRANSLATE_NOOP("cli", "'{text}' không phải số nguyên")
NOT_POSITIVE = QT_TRANSLATE_NOOP("cli", "phải lớn hơn 0")
NEGATIVE = QT_TRANSLATE_NOOP("cli", "không được âm")
PINS_DIFFER = QT_TRANSLATE_NOOP("cli", "Hai lần nhập PIN không khớp.")
SETTINGS_FILE_EXISTS = QT_TRANSLATE_NOOP("cli", "Tệp cấu hình {path} đã có; không ghi đè.")
UNKNOWN_CENTRE_COMMAND = QT_TRANSLATE_NOOP("cli", "Không có lệnh 'kiosk centre {command}'.")
NO_CENTRE_URL = QT_TRANSLATE_NOOP(
    "cli",
    "Chưa biết cơ sở dữ liệu của trung tâm: đặt database.central_url trong tệp cấu "
    "hình hoặc thêm --url.",
)
CENTRE_UPGRADE_NEEDS_YES = QT_TRANSLATE_NOOP(
    "cli", "Cần xác nhận: thêm --yes để nâng cấp máy chủ trung tâm."
)
