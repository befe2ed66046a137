"""The end of a visit: thanks, the receipt number, and whether the receipt printed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from kiosk.ui.screens.base import Screen, button, label, panel


class DoneScreen(Screen):
    """Shows the finished visit; "Về màn hình chính" (or the idle time-out) ends it."""

    home_requested = Signal()
    reprint_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._receipt_no = ""
        self._print_state = ""
        self.title = label("title", centred=True)
        box, box_layout = panel()
        self.receipt_caption = label("muted", centred=True)
        self.receipt = label("big_number", centred=True)
        self.receipt.setObjectName("receipt_no")
        box_layout.addWidget(self.receipt_caption)
        box_layout.addWidget(self.receipt)
        self.print_status = label("body", centred=True)
        self.print_status.setObjectName("print_status")
        self.advice = label("muted", centred=True)
        self.reprint = button(name="reprint")
        self.reprint.clicked.connect(self.reprint_requested)
        self.home = button("primary", name="home")
        self.home.clicked.connect(self.home_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 16, 48, 16)
        layout.setSpacing(12)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(box)
        layout.addWidget(self.print_status)
        layout.addWidget(self.advice)
        layout.addStretch(1)
        actions = QHBoxLayout()
        actions.setSpacing(16)
        actions.addWidget(self.reprint, 1)
        actions.addWidget(self.home, 2)
        layout.addLayout(actions)
        self.retranslate()

    def show_receipt(self, receipt_no: str) -> None:
        """Show the receipt number of the finished visit."""
        self._receipt_no = receipt_no
        self._print_state = "queued"
        self.retranslate()

    def show_print_result(self, printed: bool) -> None:
        """Say whether the receipt came out, in words for the citizen (the cause is for the
        volunteer: the top bar has it)."""
        self._print_state = "printed" if printed else "failed"
        self.print_status.setProperty("role", "body" if printed else "notice")
        self.retranslate()
        self.print_status.style().unpolish(self.print_status)
        self.print_status.style().polish(self.print_status)

    def clear(self) -> None:
        self._receipt_no = ""
        self._print_state = ""
        self.receipt.clear()
        self.print_status.clear()

    def retranslate(self) -> None:
        self.title.setText(self.addressed(self.tr("Cảm ơn {you}! Đã xong.")))
        self.receipt_caption.setText(self.tr("Số biên nhận"))
        self.receipt.setText(self._receipt_no)
        states = {
            "queued": self.tr("Đang in biên nhận…"),
            "printed": self.tr("Biên nhận đã in xong. {You} nhớ cầm theo."),
            "failed": self.tr(
                "Biên nhận sẽ được in khi máy in sẵn sàng; tình nguyện viên sẽ đưa cho {you}."
            ),
        }
        self.print_status.setText(self.addressed(states.get(self._print_state, "")))
        self.advice.setText(
            self.addressed(
                self.tr("Biên nhận ghi các bước tiếp theo và mã hồ sơ để {you} tra cứu tại nhà.")
            )
        )
        self.reprint.setText(self.tr("In lại biên nhận"))
        self.home.setText(self.tr("Về màn hình chính"))

    def speech_text(self) -> str:
        return f"{self.title.text()} {self.print_status.text()} {self.advice.text()}"
