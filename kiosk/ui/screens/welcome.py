"""Welcome: who we are, today's date, one big button to begin."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout

from kiosk.ui.screens.base import Screen, button, label


class WelcomeScreen(Screen):
    """The resting screen; holds no personal data."""

    personal = False
    start_requested = Signal()

    def __init__(self, centre_name: str, counter_line: str) -> None:
        super().__init__()
        self._centre_name = centre_name
        self._counter_line = counter_line
        self._day = ""
        self.closed = False  # the counter's day is closed: no visit can be recorded today
        self.greeting = label("title", centred=True)
        self.purpose = label("heading", centred=True)
        self.centre = label("body", centred=True)
        self.date = label("muted", centred=True)
        self.instructions = label("body", centred=True)
        self.closed_notice = label("notice", centred=True)
        self.closed_notice.setObjectName("closed_notice")
        self.closed_notice.hide()
        self.start = button("primary", name="start")
        self.start.setMinimumHeight(140)
        self.start.clicked.connect(self.start_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 32, 80, 48)
        layout.setSpacing(20)
        layout.addStretch(2)
        for widget in (self.greeting, self.purpose, self.centre, self.date):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.instructions)
        layout.addWidget(self.closed_notice)
        layout.addWidget(self.start, 0, Qt.AlignmentFlag.AlignHCenter)
        self.start.setMinimumWidth(560)
        layout.addStretch(2)
        self.retranslate()

    def set_day(self, day_text: str) -> None:
        """Show today's date (dd/mm/yyyy)."""
        self._day = day_text
        self.retranslate()

    def set_closed(self, closed: bool) -> None:
        """The counter closed its day: say so before anything is entered, and no "Bắt đầu"
        (a visit could not be recorded on a closed day)."""
        self.closed = closed
        self.closed_notice.setVisible(closed)
        self.instructions.setVisible(not closed)
        self.start.setVisible(not closed)
        self.retranslate()

    def retranslate(self) -> None:
        self.greeting.setText(self.tr("Xin chào!"))
        self.purpose.setText(self.tr("Quầy hỗ trợ dịch vụ công trực tuyến"))
        self.centre.setText(f"{self._centre_name}\n{self._counter_line}")
        self.date.setText(self.tr("Hôm nay: {day}").format(day=self._day) if self._day else "")
        self.instructions.setText(
            self.addressed(
                self.tr(
                    "{You} cần làm tài khoản, cài VNeID, chữ ký số hay nộp hồ sơ trực tuyến? "
                    "Tình nguyện viên sẽ giúp {you} từng bước."
                )
            )
        )
        self.start.setText(self.tr("Bắt đầu"))
        self.closed_notice.setText(
            self.addressed(
                self.tr(
                    "Quầy đã chốt sổ hôm nay, không nhận thêm lượt hỗ trợ. Mời {you} quay lại "
                    "vào ngày làm việc tiếp theo, hoặc hỏi cán bộ tại Bộ phận Một cửa."
                )
            )
        )

    def speech_text(self) -> str:
        if self.closed:
            return " ".join((self.greeting.text(), self.closed_notice.text()))
        return " ".join((self.greeting.text(), self.instructions.text(), self.start.text()))
