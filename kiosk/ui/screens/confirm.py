"""Confirm the details (masked) and ask for consent under the Personal Data Protection Law
(91/2025/QH15, in force from 1 January 2026, with Decree 356/2025/NĐ-CP)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QHBoxLayout, QVBoxLayout

from kiosk.services.identity import CitizenIdentity
from kiosk.services.identity.model import SOURCE_QR
from kiosk.ui.screens.base import Screen, button, label, panel
from kiosk.ui.screens.chip_panel import ChipPanel
from kiosk.ui.widgets.reflow import ACROSS, Reflow


class ConfirmScreen(Screen):
    """Shows who was read (ID masked, year of birth only); the citizen agrees, declines,
    or scans again. After a chip read, :attr:`chip` tells the volunteer the verdict and
    shows the chip's face; after a QR read, "Đọc chip để xác thực" reads the chip too."""

    consent_given = Signal()
    chip_requested = Signal()
    consent_declined = Signal()
    rescan_requested = Signal()

    def __init__(self, retention_days: int) -> None:
        super().__init__()
        self._retention_days = retention_days
        self._identity: CitizenIdentity | None = None
        self.title = label("title")
        details, details_layout = panel()
        # name and birth year on the left, ID number and sex on the right; one column of
        # four on a narrow screen
        columns = [QGridLayout(), QGridLayout()]
        for grid in columns:
            grid.setHorizontalSpacing(24)
            grid.setVerticalSpacing(10)
            grid.setColumnStretch(1, 1)
        self.captions = [label("muted", wrap=False) for _ in range(4)]
        self.values = [label("heading") for _ in range(4)]
        for index, (caption, value) in enumerate(zip(self.captions, self.values, strict=True)):
            value.setObjectName(f"detail_{index}")
            grid, row = columns[index % 2], index // 2
            grid.addWidget(caption, row, 0)
            grid.addWidget(value, row, 1)
        details_grid = QBoxLayout(ACROSS)
        details_grid.setSpacing(24)
        details_grid.addLayout(columns[0], 2)
        details_grid.addLayout(columns[1], 1)
        details_layout.addLayout(details_grid)
        self._reflow = Reflow(self, details_grid)
        self.chip = ChipPanel()
        self.verify_chip = button("primary", name="verify_chip")
        self.verify_chip.clicked.connect(self.chip_requested)
        self.verify_chip.hide()
        self._chip_available = False
        self.notice_title = label("heading")
        self.notice = label("notice")
        self.notice.setObjectName("consent_notice")
        self.agree = button("success", name="agree")
        self.decline = button(name="decline")
        self.rescan = button(name="rescan")
        self.agree.clicked.connect(self.consent_given)
        self.decline.clicked.connect(self.consent_declined)
        self.rescan.clicked.connect(self.rescan_requested)
        actions = QHBoxLayout()
        actions.setSpacing(16)
        actions.addWidget(self.rescan, 1)
        actions.addWidget(self.decline, 2)
        actions.addWidget(self.agree, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(16)
        layout.addWidget(self.title)
        layout.addWidget(details)
        layout.addWidget(self.chip)
        layout.addWidget(self.verify_chip)
        layout.addWidget(self.notice_title)
        # The whole notice, never a box that scrolls on its own: the page scrolls (the shell's
        # scroll page), so the answers come after the text, which is read through first.
        layout.addWidget(self.notice)
        layout.addStretch(1)
        layout.addLayout(actions)
        self.retranslate()

    def show_identity(self, identity: CitizenIdentity) -> None:
        """Show the citizen's details, the ID number masked (a chip read's verdict too)."""
        self._identity = identity
        self.chip.clear()
        self.chip.show_read(identity.verification)
        self._show_verify_button()
        self.retranslate()

    def set_chip_available(self, available: bool) -> None:
        """Whether a chip reader is there to read a card whose QR was read."""
        self._chip_available = available
        self._show_verify_button()

    def _show_verify_button(self) -> None:
        identity = self._identity
        self.verify_chip.setVisible(
            self._chip_available and identity is not None and identity.source == SOURCE_QR
        )

    def clear(self) -> None:
        self._identity = None
        self.chip.clear()
        self.verify_chip.hide()
        for value in self.values:
            value.clear()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Thông tin trên thẻ có đúng không?"))
        captions = (
            self.tr("Họ và tên"),
            self.tr("Số định danh"),
            self.tr("Năm sinh"),
            self.tr("Giới tính"),
        )
        for caption, text in zip(self.captions, captions, strict=True):
            caption.setText(text)
        identity = self._identity
        if identity is not None:
            gender = self.tr("Nam") if identity.gender == "Nam" else self.tr("Nữ")
            for value, text in zip(
                self.values,
                (identity.full_name, identity.masked_id, str(identity.birth_year), gender),
                strict=True,
            ):
                value.setText(text)
        self.notice_title.setText(self.tr("Đồng ý cho quầy ghi lại lượt hỗ trợ"))
        notice = self.tr(
            "Quầy lưu họ tên (mã hóa), số định danh đã che, năm sinh, giới tính và việc "
            "đã làm, để thống kê và hỗ trợ {you} lần sau. Không lưu ảnh, mật khẩu, mã OTP. "
            "Tự xóa sau {days} ngày. {You} có quyền xem, sửa, rút đồng ý, yêu cầu xóa "
            "(Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15). Không đồng ý: {you} vẫn được "
            "hỗ trợ, quầy không lưu thông tin cá nhân."
        )
        self.notice.setText(self.addressed(notice).format(days=self._retention_days))
        self.agree.setText(self.tr("Đúng, tôi đồng ý"))
        self.decline.setText(self.tr("Không đồng ý lưu"))
        self.rescan.setText(self.tr("Quét lại"))
        self.verify_chip.setText(self.tr("Đọc chip để xác thực"))
        self.chip.retranslate()

    def speech_text(self) -> str:
        """The title, the details to check (what the citizen is asked to confirm), the notice."""
        details = ". ".join(
            f"{caption.text()}: {value.text()}"
            for caption, value in zip(self.captions, self.values, strict=True)
            if value.text()
        )
        return f"{self.title.text()} {details}. {self.notice_title.text()}. {self.notice.text()}"
