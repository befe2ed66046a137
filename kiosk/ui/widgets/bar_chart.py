"""Horizontal bars with their labels and values, painted with QPainter in the theme's colours.

Each row is a label (wrapped, left), a bar scaled to the chart's maximum, the value text
after the bar, and optionally a marker line (a target). The colours and the text size
follow the window's :class:`~kiosk.ui.theme.Theme`, read again whenever its style changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.ui.theme import BODY_PT, Theme

BAR_HEIGHT = 34
ROW_GAP = 14
LABEL_SHARE = 0.42  # of the width, for the labels
LABEL_GAP = 12  # between a label and its bar when stacked (the target marker overhangs)
VALUE_GAP = 12
MIN_BAR_SHARE = 0.3  # below this share of the width for the bars, labels go above them


@dataclass(frozen=True)
class Bar:
    """One row: ``value`` on the chart's scale, ``text`` as shown after the bar."""

    label: str
    value: float
    text: str
    marker: float | None = None  # e.g. the target, on the same scale as ``value``
    reached: bool = False  # drawn in the "success" colour (a target met)


def _theme_of(widget: QWidget) -> Theme:
    theme = getattr(widget.window(), "theme", None)
    return theme if isinstance(theme, Theme) else Theme()


class BarChart(QWidget):
    """A list of :class:`Bar` rows; its height grows with its rows and their labels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: tuple[Bar, ...] = ()
        self._maximum = 0.0
        self._empty_text = ""
        self._theme = Theme()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._apply_theme()

    # -- data --------------------------------------------------------------------------------

    def set_bars(self, bars: Sequence[Bar], maximum: float | None = None) -> None:
        """Show ``bars``; the scale runs to ``maximum`` (default: the largest value)."""
        self._bars = tuple(bars)
        largest = max((max(b.value, b.marker or 0) for b in self._bars), default=0.0)
        self._maximum = float(maximum if maximum is not None else largest)
        self.setAccessibleDescription("; ".join(f"{b.label}: {b.text}" for b in self._bars))
        self.updateGeometry()
        self.update()

    def set_empty_text(self, text: str) -> None:
        """What the chart says when it has no rows."""
        self._empty_text = text
        self.updateGeometry()
        self.update()

    @property
    def bars(self) -> tuple[Bar, ...]:
        """The rows shown."""
        return self._bars

    # -- geometry ----------------------------------------------------------------------------

    def _font(self, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPointSize(self._theme.pt(BODY_PT))
        font.setBold(bold)
        return font

    def _text_width(self) -> int:
        metrics = QFontMetrics(self._font(bold=True))
        return max((metrics.horizontalAdvance(b.text) for b in self._bars), default=0) + 4

    def _stacked(self, width: int) -> bool:
        """Labels above their bars when a label column would leave the bars too little room."""
        side_label = max(120, int(width * LABEL_SHARE))
        return width - side_label - VALUE_GAP - self._text_width() < width * MIN_BAR_SHARE

    def _label_width(self, width: int) -> int:
        return width if self._stacked(width) else max(120, int(width * LABEL_SHARE))

    def _label_heights(self, width: int) -> list[int]:
        metrics = QFontMetrics(self._font())
        label_width = self._label_width(width) - VALUE_GAP
        return [
            metrics.boundingRect(
                QRect(0, 0, label_width, 10_000), Qt.TextFlag.TextWordWrap, bar.label
            ).height()
            for bar in self._bars
        ]

    def _row_heights(self, width: int) -> list[int]:
        if self._stacked(width):
            return [text + LABEL_GAP + BAR_HEIGHT for text in self._label_heights(width)]
        return [max(BAR_HEIGHT + 8, text) for text in self._label_heights(width)]

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if not self._bars:
            return QFontMetrics(self._font()).height() * 2 if self._empty_text else 0
        heights = self._row_heights(width)
        return sum(heights) + ROW_GAP * (len(heights) - 1)

    def sizeHint(self) -> QSize:
        width = max(self.width(), 600)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(320, self.heightForWidth(max(self.width(), 320)))

    def resizeEvent(self, event: object) -> None:
        self.setMinimumHeight(self.heightForWidth(self.width()))

    # -- theme -------------------------------------------------------------------------------

    def _apply_theme(self) -> None:
        self._theme = _theme_of(self)
        self.setMinimumHeight(self.heightForWidth(max(self.width(), 320)))
        self.updateGeometry()
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.ParentChange):
            self._apply_theme()
        super().changeEvent(event)

    def showEvent(self, event: object) -> None:
        self._apply_theme()

    # -- painting ----------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        palette = self._theme.palette
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self._bars:
            painter.setFont(self._font())
            painter.setPen(QColor(palette.muted_text))
            painter.drawText(self.rect(), Qt.TextFlag.TextWordWrap, self._empty_text)
            painter.end()
            return
        width = self.width()
        stacked = self._stacked(width)
        widest_text = self._text_width()
        bar_left = 0 if stacked else self._label_width(width)
        bar_room = max(40, width - bar_left - VALUE_GAP - widest_text)
        scale = bar_room / self._maximum if self._maximum > 0 else 0.0
        labels = self._label_heights(width)
        y = 0
        for bar, label_height, height in zip(
            self._bars, labels, self._row_heights(width), strict=True
        ):
            if stacked:
                label_box = QRect(0, y, width, label_height)
                top = y + label_height + LABEL_GAP
            else:
                label_box = QRect(0, y, bar_left - VALUE_GAP, height)
                top = y + (height - BAR_HEIGHT) // 2
            self._paint_row(
                painter,
                bar,
                label_box,
                QRectF(bar_left, top, bar_room, BAR_HEIGHT),
                scale,
                widest_text,
            )
            y += height + ROW_GAP
        painter.end()

    def _paint_row(
        self,
        painter: QPainter,
        bar: Bar,
        label_box: QRect,
        track: QRectF,
        scale: float,
        text_width: int,
    ) -> None:
        palette = self._theme.palette
        painter.setFont(self._font())
        painter.setPen(QColor(palette.text))
        painter.drawText(
            label_box, Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignVCenter, bar.label
        )
        painter.setPen(QPen(QColor(palette.border), 1))
        painter.setBrush(QColor(palette.panel))
        painter.drawRoundedRect(track, 6, 6)
        length = max(0.0, min(bar.value, self._maximum) * scale)
        if length > 0:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(palette.success if bar.reached else palette.primary))
            painter.drawRoundedRect(QRectF(track.left(), track.top(), length, track.height()), 6, 6)
        if bar.marker is not None and scale > 0:
            x = int(track.left() + min(bar.marker, self._maximum) * scale)
            # A dark line in a light halo reads on the filled bar and on the empty track alike.
            for colour, thickness in ((palette.window, 10), (palette.text, 4)):
                painter.setPen(QPen(QColor(colour), thickness))
                painter.drawLine(x, int(track.top()) - 6, x, int(track.bottom()) + 6)
        painter.setFont(self._font(bold=True))
        painter.setPen(QColor(palette.text))
        text_box = QRectF(
            track.right() + VALUE_GAP, track.top() - 8, text_width, track.height() + 16
        )
        painter.drawText(
            text_box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, bar.text
        )
