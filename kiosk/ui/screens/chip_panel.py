"""The confirm screen's part for the volunteer after a chip read: the verdict of passive
authentication in plain words, what differs from the QR, and DG2's face to compare with
the person at the counter. The face lives in this widget only: never stored, never sent,
gone with :meth:`ChipPanel.clear` (every visit's end, the idle wipe, "Quét lại")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage, QImageReader, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from kiosk.services.chip.active_auth import WORDS as CHIP_CHECK_WORDS
from kiosk.services.chip.active_auth import ChipCheck
from kiosk.services.chip.face import decode_face
from kiosk.services.chip.passive_auth import WORDS, Outcome
from kiosk.ui.i18n import translate_message
from kiosk.ui.screens.base import label
from kiosk.ui.theme import restyle, set_role

FACE_HEIGHT = 200


def face_image(kind: str, data: bytes) -> QImage | None:
    """DG2's image as a QImage: Qt's own decoder when it has one for ``kind`` (JPEG; JPEG
    2000 only with a jp2 image plugin), else Pillow or OpenCV; ``None`` when none reads it."""
    formats = {bytes(name.data()).decode() for name in QImageReader.supportedImageFormats()}
    if kind == "jpeg" or kind in formats:
        image = QImage.fromData(data)
        if not image.isNull():
            return image
    pixels = decode_face(data)
    if pixels is None:
        return None
    image = QImage(
        pixels.rgb, pixels.width, pixels.height, 3 * pixels.width, QImage.Format.Format_RGB888
    )
    return image.copy()  # the bytes object goes away with ``pixels``


def verdict_words(verification: str) -> str:
    """The passive authentication's outcome (an :class:`Outcome` value) in plain words."""
    try:
        return translate_message(WORDS[Outcome(verification)])
    except ValueError:
        return ""


class ChipPanel(QFrame):
    """Shown for a chip read (or a disagreement with the QR); hidden otherwise."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("chip_panel")
        set_role(self, "panel")
        self.caption = label("muted")
        self.verdict = label("heading")
        self.verdict.setObjectName("chip_verdict")
        self.chip_check = label("body")
        self.chip_check.setObjectName("chip_check")
        self.chip_check.hide()
        self.note = label("error")
        self.note.setObjectName("chip_note")
        self.note.hide()
        self.face = QLabel()
        self.face.setObjectName("chip_face")
        self.face.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.face.setFixedHeight(FACE_HEIGHT)
        self.face.setMinimumWidth(FACE_HEIGHT * 3 // 4)
        self.face.hide()
        text = QVBoxLayout()
        text.setSpacing(8)
        text.addWidget(self.caption)
        text.addWidget(self.verdict)
        text.addWidget(self.chip_check)
        text.addWidget(self.note)
        text.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        layout.setSpacing(20)
        layout.addWidget(self.face)
        layout.addLayout(text, 1)
        self._verification = ""
        self._chip_check = ChipCheck.ABSENT
        self.hide()

    def show_read(
        self, verification: str, note: str = "", chip_check: ChipCheck = ChipCheck.ABSENT
    ) -> None:
        """The verdict (``""``: not a chip read), active authentication's (said only when
        the chip offers it) and what differs from the QR."""
        self._verification = verification
        self._chip_check = chip_check
        restyle(set_role(self.chip_check, "error" if chip_check is ChipCheck.FAILED else "body"))
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.retranslate()
        self.setVisible(bool(verification or note))

    def show_face(self, kind: str, data: bytes) -> None:
        """DG2's face, or a line saying it cannot be shown on this machine."""
        image = face_image(kind, data)
        if image is None:
            self.face.setPixmap(QPixmap())
            self.face.setText(
                QCoreApplication.translate(
                    "ChipPanel", "Không hiển thị được ảnh trong chip trên máy này."
                )
            )
            self.face.setWordWrap(True)
        else:
            pixmap = QPixmap.fromImage(image).scaledToHeight(
                FACE_HEIGHT, Qt.TransformationMode.SmoothTransformation
            )
            self.face.setPixmap(pixmap)
        self.face.show()

    def clear(self) -> None:
        """Forget the face and the verdict."""
        self.face.clear()
        self.face.hide()
        self.note.clear()
        self._verification = ""
        self._chip_check = ChipCheck.ABSENT
        self.chip_check.hide()
        self.hide()

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.caption.setText(
            QCoreApplication.translate(
                "ChipPanel", "Cho cán bộ hỗ trợ: kết quả đọc chip (ảnh chỉ để đối chiếu, không lưu)"
            )
        )
        self.verdict.setText(verdict_words(self._verification) if self._verification else "")
        self.verdict.setVisible(bool(self._verification))
        shown = self._chip_check is not ChipCheck.ABSENT
        self.chip_check.setText(
            translate_message(CHIP_CHECK_WORDS[self._chip_check]) if shown else ""
        )
        self.chip_check.setVisible(shown)
