"""Live camera preview with a framing guide that tells the citizen where to hold the card."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt, QTimer, Slot
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

GUIDE_SHARE = 0.42  # side of the guide square as a share of the preview's height
IDLE, CONFIRMED, PROBLEM = QColor("#FFD400"), QColor("#00C853"), QColor("#FF5252")


class CameraPreview(QWidget):
    """Paints the newest frame mirrored like a mirror, and a square guide with corner marks.

    The guide turns green for a moment when a card is read, red while the camera is lost.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image = QImage()
        self._colour = IDLE
        self._message = self.tr("Đưa mã QR trên thẻ căn cước vào khung vàng")
        self._calm = QTimer(self, singleShot=True, interval=1500)
        self._calm.timeout.connect(self._back_to_idle)
        self.setMinimumSize(320, 240)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    @Slot(QImage)
    def show_frame(self, image: QImage) -> None:
        """Show a new frame."""
        self._image = image
        self.update()

    @Slot(object)
    def confirm(self, _identity: object = None) -> None:
        """Flash the guide green: the card was read."""
        self._colour = CONFIRMED
        self._message = self.tr("Đã đọc được thẻ")
        self._calm.start()
        self.update()

    @Slot(bool, str)
    def set_camera_status(self, working: bool, message: str) -> None:
        """Show the camera problem over the preview, or clear it."""
        self._colour = IDLE if working else PROBLEM
        if not working:
            self._message = message
            self._image = QImage()
        else:
            self._back_to_idle()
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._colour == IDLE:
            self._back_to_idle()
        super().changeEvent(event)

    def _back_to_idle(self) -> None:
        self._colour = IDLE
        self._message = self.tr("Đưa mã QR trên thẻ căn cước vào khung vàng")
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#101010"))
        if not self._image.isNull():
            scaled = self._image.flipped(Qt.Orientation.Horizontal).scaled(
                self.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            painter.drawImage(
                (self.width() - scaled.width()) // 2, (self.height() - scaled.height()) // 2, scaled
            )
        side = self.height() * GUIDE_SHARE
        guide = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        self._draw_corners(painter, guide)
        self._draw_message(painter, guide)
        painter.end()

    def _draw_corners(self, painter: QPainter, guide: QRectF) -> None:
        width = max(6.0, guide.width() / 40)
        for colour, pen_width in ((QColor(0, 0, 0, 200), width * 2), (self._colour, width)):
            pen = QPen(colour, pen_width)  # a dark outline first, so the guide shows on white
            pen.setCapStyle(Qt.PenCapStyle.SquareCap)
            painter.setPen(pen)
            self._draw_arms(painter, guide)

    @staticmethod
    def _draw_arms(painter: QPainter, guide: QRectF) -> None:
        arm = guide.width() / 4
        for x, y, dx, dy in (
            (guide.left(), guide.top(), 1, 1),
            (guide.right(), guide.top(), -1, 1),
            (guide.left(), guide.bottom(), 1, -1),
            (guide.right(), guide.bottom(), -1, -1),
        ):
            painter.drawLine(int(x), int(y), int(x + dx * arm), int(y))
            painter.drawLine(int(x), int(y), int(x), int(y + dy * arm))

    def _draw_message(self, painter: QPainter, guide: QRectF) -> None:
        font = QFont(self.font())
        font.setPointSize(max(16, int(self.height() / 28)))
        font.setBold(True)
        painter.setFont(font)
        height = painter.fontMetrics().height() * 2.2
        band = QRectF(0, min(guide.bottom() + 16, self.height() - height), self.width(), height)
        painter.fillRect(band, QColor(0, 0, 0, 190))  # readable over any frame
        painter.setPen(QColor("#FFFFFF"))
        painter.drawText(
            band, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._message
        )
