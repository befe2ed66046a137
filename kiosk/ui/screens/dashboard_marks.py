"""The dashboard's "steps marked out of date" section: the volunteers' newest notes."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.domain.catalogue import Catalogue
from kiosk.domain.clock import format_day, local_day
from kiosk.services.guides.marks import StepMark
from kiosk.ui.screens.base import label

MARKS_SHOWN = 5  # the newest; `kiosk guides marks --out FILE.csv` exports them all


class MarksSection(QWidget):
    """A heading and one line a mark: day, service, step and note."""

    def __init__(self, catalogue: Catalogue) -> None:
        super().__init__()
        self._catalogue = catalogue
        self._language = "vi"
        self._marks: tuple[StepMark, ...] = ()
        self.title = label("heading")
        self.lines = label("body")
        self.lines.setObjectName("guide_marks")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.lines)
        self.retranslate()

    def show_marks(self, marks: tuple[StepMark, ...], language: str) -> None:
        """Show ``marks`` (newest first) with service names in ``language``."""
        self._marks = marks[:MARKS_SHOWN]
        self._language = language
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text in the current language."""
        self.title.setText(self.tr("Bước hướng dẫn được báo đã cũ"))
        if not self._marks:
            self.lines.setText(self.tr("Chưa có bước nào bị báo."))
            return
        rows = [
            self.tr("{day} · {service}, bước {n}: {note}").format(
                day=format_day(local_day(mark.recorded_at)),
                service=self._catalogue.label("services", mark.service_code, self._language),
                n=mark.step_number,
                note=mark.note,
            )
            for mark in self._marks
        ]
        self.lines.setText("\n".join(rows))
