"""Scan the ID card: the live camera picture, what to do, and the ways around a scan; or
read its chip (the key-entry page, :mod:`kiosk.ui.screens.chip_key`)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFrame, QHBoxLayout, QStackedLayout, QVBoxLayout, QWidget

from kiosk.services.chip.key_fields import KeyFields
from kiosk.ui.screens.base import Screen, button, label, scrolled
from kiosk.ui.screens.chip_key import ChipKeyPage
from kiosk.ui.widgets.camera_preview import CameraPreview


class ScanScreen(Screen):
    """Shows the camera and any rejection; emits where the citizen wants to go instead."""

    # frames are never kept; a read card moves on to the confirm screen. The chip's key page
    # holds a number and dates while typed: ``clear`` (every visit's end) wipes it.
    personal = False
    chip_requested = Signal()  # "Đọc chip trên thẻ"
    manual_requested = Signal()
    anonymous_requested = Signal()
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._rejection = ""  # why the last code was refused, shown until the next read
        self.preview = CameraPreview()
        self.preview.setMinimumSize(480, 320)
        self.title = label("title")
        self.steps = label("body")
        self.message = label("error")
        self.message.setObjectName("scan_message")
        self.message.hide()
        self.chip_status = label("muted")
        self.chip_status.setObjectName("scan_chip_status")
        self.chip_status.hide()
        self.chip = button("primary", name="chip")
        self.chip.hide()  # until a chip reader is found
        self.chip.clicked.connect(self.chip_requested)
        self.manual = button("primary", name="manual")
        self.anonymous = button(name="anonymous")
        self.back = button(name="back")
        self.manual.clicked.connect(self.manual_requested)
        self.anonymous.clicked.connect(self.anonymous_requested)
        self.back.clicked.connect(self.back_requested)
        # What to read scrolls when it does not fit (large text on a 768 px screen); the
        # three buttons stay on screen below it.
        reading = QWidget()
        reading.setProperty("screen", True)
        reading_layout = QVBoxLayout(reading)
        reading_layout.setContentsMargins(0, 0, 0, 0)
        reading_layout.setSpacing(18)
        reading_layout.addWidget(self.title)
        reading_layout.addWidget(self.steps)
        reading_layout.addWidget(self.message)
        reading_layout.addWidget(self.chip_status)
        reading_layout.addStretch(1)
        self.reading = scrolled(reading)
        self.reading.setFrameShape(QFrame.Shape.NoFrame)
        side = QVBoxLayout()
        side.setSpacing(18)
        side.addWidget(self.reading, 1)
        side.addWidget(self.chip)
        side.addWidget(self.manual)
        side.addWidget(self.anonymous)
        side.addWidget(self.back)
        qr_page = QWidget()
        layout = QHBoxLayout(qr_page)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(32)
        # Half and half: at 1366x768 a 3:2 split left the instructions a column so narrow
        # that they no longer fitted between the title and the buttons.
        layout.addWidget(self.preview, 1)
        layout.addLayout(side, 1)
        self.key_page = ChipKeyPage()
        self.pages = QStackedLayout(self)
        self.pages.addWidget(qr_page)
        self.pages.addWidget(self.key_page)
        self._chip_text = ""
        self.retranslate()

    def show_frame(self, image: QImage) -> None:
        """Show one camera frame."""
        self.preview.show_frame(image)

    def show_rejection(self, text: str) -> None:
        """Say why the last code was not accepted; it stays until the next code read or the
        screen is left (a camera retry does not wipe it: the volunteer must see it)."""
        self._rejection = text
        self._show(text)

    def set_camera_status(self, working: bool, message: str) -> None:
        """Reflect a camera that was lost or came back (under a rejection, if one is shown:
        the preview says the camera's state on its own)."""
        self.preview.set_camera_status(working, message)
        if not self._rejection:
            self._show("" if working else message)

    def set_chip_status(self, available: bool, text: str) -> None:
        """The chip reader's state: the button shows while a reader is there; ``text`` is
        said under the steps and on the key page."""
        self.chip.setVisible(available)
        self._chip_text = text
        self.chip_status.setText(text)
        self.chip_status.setVisible(bool(text))
        self.key_page.show_status(text)

    def show_key_page(self, fields: KeyFields) -> None:
        """The chip's key page, with what is known of the key filled in."""
        self.key_page.fill(fields)
        self.key_page.show_status(self._chip_text)
        self.pages.setCurrentWidget(self.key_page)
        self.content_changed.emit()

    def show_scan_page(self) -> None:
        """Back to the camera and the ways around a scan."""
        self.pages.setCurrentIndex(0)
        self.content_changed.emit()

    @property
    def on_key_page(self) -> bool:
        """Whether the chip's key page is up."""
        return self.pages.currentWidget() is self.key_page

    def clear(self) -> None:
        self._rejection = ""
        self._show("")
        self.key_page.clear()
        self.pages.setCurrentIndex(0)

    def _show(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Quét mã QR trên thẻ căn cước"))
        self.steps.setText(
            self.tr(
                "1. Cầm thẻ, mặt có mã QR hướng vào camera.\n"
                "2. Đưa mã QR vào giữa khung vàng, giữ yên.\n"
                "3. Khung chuyển xanh là đã đọc xong."
            )
        )
        self.chip.setText(self.tr("Đọc chip trên thẻ"))
        self.manual.setText(self.tr("Nhập tay thông tin thẻ"))
        self.anonymous.setText(self.tr("Hỗ trợ không cần thẻ"))
        self.back.setText(self.tr("Quay lại"))

    def speech_text(self) -> str:
        if self.on_key_page:
            return f"{self.key_page.heading.text()}. {self.key_page.status.text()}"
        return f"{self.title.text()}. {self.steps.text()}"
