"""What the visit use cases say when they refuse, marked for Qt's translation.

The UI translates a message through :func:`kiosk.ui.i18n.translate_message`, which also
matches a template once its ``{fields}`` are filled in (so these are formatted here, in
Vietnamese, and still reach an English screen in English).
"""

from __future__ import annotations

from kiosk.errors import QT_TRANSLATE_NOOP

NO_SERVICE_CHOSEN = QT_TRANSLATE_NOOP("Errors", "Hãy chọn ít nhất một việc cần hỗ trợ.")
NO_SERVICE_YET = QT_TRANSLATE_NOOP("Errors", "Chưa chọn dịch vụ nào cho lượt hỗ trợ này.")
OUTCOMES_MISSING = QT_TRANSLATE_NOOP("Errors", "Chưa ghi kết quả cho: {names}.")
REASON_NEEDED = QT_TRANSLATE_NOOP("Errors", "Cần ghi lý do điều chỉnh.")
CORRECTION_EMPTY = QT_TRANSLATE_NOOP("Errors", "Điều chỉnh phải có ít nhất một kết quả dịch vụ.")
ONLY_FINISHED = QT_TRANSLATE_NOOP("Errors", "Chỉ điều chỉnh được lượt hỗ trợ đã hoàn tất.")
NO_SUCH_RECEIPT = QT_TRANSLATE_NOOP("Errors", "Không tìm thấy biên nhận số {receipt_no}.")
NO_SUCH_VISIT = QT_TRANSLATE_NOOP("Errors", "Không tìm thấy lượt hỗ trợ này.")
VISIT_ENDED = QT_TRANSLATE_NOOP(
    "Errors", "Lượt hỗ trợ này đã kết thúc; muốn thay đổi hãy tạo một bản điều chỉnh."
)
DAY_CLOSED = QT_TRANSLATE_NOOP(
    "Errors",
    "Ngày {day} đã chốt sổ; không thể thay đổi. "
    "Hãy ghi một bản điều chỉnh vào ngày làm việc hiện tại.",
)
VISIT_STARTED = QT_TRANSLATE_NOOP("Errors", "Lượt hỗ trợ đã bắt đầu; không thể đổi người dân.")
NO_CARD_FOR_CONSENT = QT_TRANSLATE_NOOP("Errors", "Chưa có thông tin thẻ để ghi nhận sự đồng ý.")
NOT_STARTED = QT_TRANSLATE_NOOP("Errors", "Chưa bắt đầu lượt hỗ trợ.")
CANNOT_RESUME = QT_TRANSLATE_NOOP("Errors", "Lượt hỗ trợ này đã kết thúc, không thể tiếp tục.")
