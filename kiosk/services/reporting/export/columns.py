"""What an export holds: its columns, and the Vietnamese labels of codes and sheets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kiosk.services.reporting.definitions import FIGURE_LABELS as FIGURE_LABELS  # re-exported

Kind = Literal["text", "free", "date", "time", "int"]  # "free": typed by a person
FORMATS: tuple[str, ...] = ("csv", "xlsx")
MISSING = "—"  # a service without a value, among services with one
SEPARATOR = "; "  # between the values of a visit's services, or barriers
UNKNOWN_BARRIER = 999  # where a barrier code missing from the catalogue sorts
DATE_FORMAT, TIME_FORMAT = "DD/MM/YYYY", "HH:MM"


@dataclass(frozen=True)
class Column:
    """A column of the export: header, width in characters, kind of value."""

    header: str
    width: int
    kind: Kind = "text"
    private: bool = False  # only in unmasked exports


COLUMNS = (
    Column("Số biên nhận", 20),
    Column("Quầy", 8),
    Column("Ngày", 12, "date"),
    Column("Giờ bắt đầu", 12, "time"),
    Column("Giờ kết thúc", 12, "time"),
    Column("Trạng thái", 16),
    Column("Người hỗ trợ", 22),
    Column("Số định danh", 15),
    Column("Họ tên", 26, "free", private=True),
    Column("Năm sinh", 10, "int"),
    Column("Giới tính", 10),
    Column("Dịch vụ", 48),
    Column("Kết quả", 30),
    Column("Lý do", 36),
    Column("Mã hồ sơ", 22, "free"),
    Column("Thủ tục", 30, "free"),
    Column("Khó khăn gặp phải", 36),
    Column("Mức hài lòng", 13, "int"),
    Column("Nơi chuyển tiếp", 30),
    Column("Ngày hẹn lại", 13, "date"),
    Column("Điện thoại hẹn lại", 17),
    Column("Ghi chú", 36, "free", private=True),
    Column("Điều chỉnh cho", 20),
    Column("Lý do điều chỉnh", 36, "free", private=True),
    # last, so files read by position before it existed keep their columns
    Column("Gói hướng dẫn", 22),  # the guide pack in use at the visit (kiosk guides import)
)

STATUS_LABELS = {"open": "Đang thực hiện", "finished": "Đã hoàn tất", "abandoned": "Bỏ dở"}
IN_PROGRESS = "Đang thực hiện"
KIND_LABELS = {"volunteer": "Tình nguyện viên", "staff": "Cán bộ"}
SUMMARY_SHEET, DATA_SHEET = "Tổng hợp", "Giao dịch"


def visible_columns(*, unmasked: bool) -> list[Column]:
    """The columns of a masked export (no private ones) or of an unmasked one (all)."""
    return [c for c in COLUMNS if unmasked or not c.private]
