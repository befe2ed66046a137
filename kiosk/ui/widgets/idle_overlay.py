"""The idle countdown: "are you still there?" over the whole window, then a wipe."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.text.address import NEUTRAL, FormOfAddress
from kiosk.ui.theme import set_kind, set_role

CARD_WIDTH_PX = 820


class IdleOverlay(QWidget):
    """Covers its parent; counts down and emits :attr:`expired` unless someone taps."""

    still_here = Signal()
    expired = Signal()

    def __init__(self, parent: QWidget, countdown_s: int) -> None:
        super().__init__(parent)
        self._host = parent
        self.setObjectName("idle_overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._countdown_s = countdown_s
        self.remaining = countdown_s
        self._address = NEUTRAL
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)

        card = QFrame(self)
        card.setObjectName("idle_card")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(48, 40, 48, 40)
        layout.setSpacing(24)
        self.question = QLabel()
        set_role(self.question, "title")
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.question.setWordWrap(True)
        self.countdown = QLabel()
        set_role(self.countdown, "body")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown.setWordWrap(True)
        self.stay = QPushButton()
        self.stay.setObjectName("idle_stay")
        set_kind(self.stay, "primary")
        self.stay.clicked.connect(self._stay)
        layout.addWidget(self.question)
        layout.addWidget(self.countdown)
        layout.addWidget(self.stay)
        # No alignment flag on the card: a layout that aligns a widget gives it its size
        # hint's height, not the height its wrapped text needs at its width (the question
        # was cut). The card's width follows the window instead (_fit_card).
        self._card = card
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        parent.installEventFilter(self)
        self.hide()
        self.retranslate()

    def _fit_to_host(self) -> None:
        """Cover the host; the card is as wide as reads well, and never wider than it."""
        self.setGeometry(self._host.rect())
        self._card.setFixedWidth(max(320, min(CARD_WIDTH_PX, self._host.width() - 48)))

    def set_address(self, form: FormOfAddress) -> None:
        """Ask the citizen with ``form`` (ông, bà, anh, chị, quý khách)."""
        self._address = form
        self.retranslate()

    def set_tick_ms(self, milliseconds: int) -> None:
        """Length of one countdown "second" (tests shorten it)."""
        self._timer.setInterval(milliseconds)

    def start(self) -> None:
        """Show the overlay and start counting down."""
        self.remaining = self._countdown_s
        self._fit_to_host()
        self.retranslate()
        self.show()
        self.raise_()
        self._timer.start()

    def cancel(self) -> None:
        """Hide without emitting anything."""
        self._timer.stop()
        self.hide()

    @property
    def counting(self) -> bool:
        """Whether the countdown runs."""
        return self._timer.isActive()

    def _stay(self) -> None:
        self.cancel()
        self.still_here.emit()

    def _tick(self) -> None:
        self.remaining -= 1
        if self.remaining <= 0:
            self.cancel()
            self.expired.emit()
        else:
            self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the current language."""
        self.question.setText(self._address.fill(self.tr("{You} còn đang dùng máy không?")))
        self.countdown.setText(
            self.tr(
                "Để bảo vệ thông tin cá nhân, màn hình sẽ tự xóa và quay về đầu sau {n} giây."
            ).format(n=self.remaining)
        )
        self.stay.setText(self.tr("Tôi vẫn đang dùng"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._host and event.type() == QEvent.Type.Resize:
            self._fit_to_host()
        return False
