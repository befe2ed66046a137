"""Paints an SVG picture scaled to fit, keeping its aspect ratio."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QWidget


class SvgView(QWidget):
    """Shows one SVG file; an unreadable file shows nothing (and is logged by Qt)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._renderer = QSvgRenderer(self)
        self.path: Path | None = None

    def load(self, path: Path | None) -> None:
        """Show ``path`` (``None``: show nothing)."""
        self.path = path
        if path is None:
            self._renderer.load(b"")
        else:
            self._renderer.load(str(path))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, 360)

    def paintEvent(self, _event: QPaintEvent) -> None:
        if self.path is None or not self._renderer.isValid():
            return
        view = self._renderer.viewBoxF()
        if view.isEmpty():
            return
        scale = min(self.width() / view.width(), self.height() / view.height())
        width, height = view.width() * scale, view.height() * scale
        target = QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._renderer.render(painter, target)
