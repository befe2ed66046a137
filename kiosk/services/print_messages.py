"""What the print queue says when it refuses, marked for Qt's translation."""

from __future__ import annotations

from kiosk.errors import QT_TRANSLATE_NOOP

NOT_A_RECEIPT = QT_TRANSLATE_NOOP(
    "printers", "Biên nhận không phải tệp PDF hoặc ảnh PNG nên không đưa vào hàng in được."
)
NEGATIVE_KEEP_DAYS = QT_TRANSLATE_NOOP("printers", "Số ngày giữ lệnh in đã in không được âm.")
NO_SUCH_JOB = QT_TRANSLATE_NOOP("printers", "Không có lệnh in số {job_id}.")
