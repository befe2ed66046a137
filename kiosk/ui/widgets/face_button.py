"""A big face to tap for a satisfaction rating; drawn, so no emoji font is needed."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from kiosk.ui.theme import set_kind

# From very unhappy (1) to very happy (5): face colour, mouth curve (-1 frown .. 1 smile).
FACES = {
    1: ("#F28B82", -1.0),
    2: ("#F6AE7B", -0.5),
    3: ("#FDD663", 0.0),
    4: ("#A8DAB5", 0.5),
    5: ("#81C995", 1.0),
}


class FaceButton(QPushButton):
    """One rating from 1 to 5: a face over its caption."""

    def __init__(self, rating: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rating = rating
        self.setObjectName(f"rating_{rating}")
        set_kind(self, "plain")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.caption = ""

    def sizeHint(self) -> QSize:
        return QSize(200, 260)

    def minimumSizeHint(self) -> QSize:
        return QSize(150, 200)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)  # the themed button frame
        colour, curve = FACES[self.rating]
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_height = self.fontMetrics().height() * 2.4
        side = min(self.width() - 24, self.height() - text_height - 24, 320)
        top = (self.height() - side - text_height - 8) / 2  # face and caption centred
        face = QRectF((self.width() - side) / 2, top, side, side)
        painter.setPen(QPen(QColor("#111111"), max(3, side / 40)))
        painter.setBrush(QColor(colour))
        painter.drawEllipse(face)
        eye = side / 14
        painter.setBrush(QColor("#111111"))
        for x in (0.35, 0.65):
            painter.drawEllipse(QPointF(face.left() + side * x, face.top() + side * 0.38), eye, eye)
        mouth = QPainterPath()
        left = QPointF(face.left() + side * 0.28, face.top() + side * 0.66)
        right = QPointF(face.left() + side * 0.72, face.top() + side * 0.66)
        mouth.moveTo(left)
        control = QPointF(face.center().x(), left.y() + curve * side * 0.22)
        mouth.quadTo(control, right)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        pen = QPen(QColor("#111111"), max(4, side / 22))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawPath(mouth)
        painter.setPen(self.palette().buttonText().color())
        caption = QRectF(8, face.bottom() + 8, self.width() - 16, text_height)
        painter.drawText(
            caption, Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap, self.caption
        )
