"""How satisfied was the citizen? One tap on a face, or skip."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from kiosk.ui.screens.base import Screen, button, label
from kiosk.ui.widgets.face_button import FaceButton


class RatingScreen(Screen):
    """Emits :attr:`rated` with 1–5, or ``None`` when skipped."""

    personal = False
    rated = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.title = label("title", centred=True)
        self.faces = [FaceButton(rating) for rating in range(1, 6)]
        row = QHBoxLayout()
        row.setSpacing(18)
        for face in self.faces:
            face.clicked.connect(lambda _checked=False, r=face.rating: self.rated.emit(r))
            row.addWidget(face)
        self.skip = button(name="rating_skip")
        self.skip.clicked.connect(lambda: self.rated.emit(None))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.setSpacing(24)
        layout.addWidget(self.title)
        layout.addLayout(row, 1)
        layout.addWidget(self.skip)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(
            self.addressed(self.tr("{You} có hài lòng với sự hỗ trợ hôm nay không?"))
        )
        captions = (
            self.tr("Rất không hài lòng"),
            self.tr("Không hài lòng"),
            self.tr("Bình thường"),
            self.tr("Hài lòng"),
            self.tr("Rất hài lòng"),
        )
        for face, caption in zip(self.faces, captions, strict=True):
            face.caption = caption
            face.setAccessibleName(caption)
            face.update()
        self.skip.setText(self.tr("Bỏ qua"))

    def speech_text(self) -> str:
        """The question, then the faces from left to right, then "Bỏ qua"."""
        faces = ", ".join(face.caption for face in self.faces)
        return f"{self.title.text()} {faces}. {self.skip.text()}."
