"""Choose the services the citizen needs today (one or several)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.catalogue import Catalogue
from kiosk.ui.screens.base import Screen, button, label, scrolled
from kiosk.ui.widgets.choice_button import ChoiceButton

COLUMNS = 3  # all twelve services fit without scrolling at 1080p


class ServicesScreen(Screen):
    """A tile per catalogue service; "Tiếp tục" once at least one is chosen."""

    services_chosen = Signal(list)
    back_requested = Signal()

    def __init__(self, catalogue: Catalogue, language: str = "vi") -> None:
        super().__init__()
        self._catalogue = catalogue
        self._language = language
        self._done: frozenset[str] = frozenset()
        self.title = label("title")
        self.hint = label("muted")
        self.tiles: dict[str, ChoiceButton] = {}
        grid_host = QWidget()
        grid_host.setProperty("screen", True)
        grid = QGridLayout(grid_host)
        grid.setSpacing(14)
        grid.setContentsMargins(0, 0, 8, 0)
        for index, service in enumerate(catalogue.services):
            tile = ChoiceButton()
            tile.setObjectName(f"service_{service.code}")
            tile.toggled.connect(self._update_continue)
            self.tiles[service.code] = tile
            grid.addWidget(tile, index // COLUMNS, index % COLUMNS)
        for column in range(COLUMNS):
            grid.setColumnStretch(column, 1)
        scroll = scrolled(grid_host)
        self.back = button(name="back")
        self.proceed = button("primary", name="continue")
        self.back.clicked.connect(self.back_requested)
        self.proceed.clicked.connect(self._emit_chosen)
        actions = QHBoxLayout()
        actions.addWidget(self.back, 1)
        actions.addWidget(self.proceed, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 20, 40, 20)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(scroll, 1)
        layout.addLayout(actions)
        self.retranslate()
        self._update_continue()

    def set_language(self, language: str) -> None:
        """Show service names in ``language`` (they come from the catalogue, not Qt)."""
        self._language = language
        self.retranslate()

    def chosen(self) -> list[str]:
        """Codes of the chosen services, in catalogue order."""
        return [code for code, tile in self.tiles.items() if tile.isChecked()]

    def show_chosen(self, chosen: Sequence[str], done: Sequence[str] = ()) -> None:
        """Tick the visit's services; those whose outcome is recorded stay ticked (locked)."""
        self._done = frozenset(done)
        for code, tile in self.tiles.items():
            tile.setChecked(code in chosen or code in self._done)
            tile.setEnabled(code not in self._done)
        self.retranslate()

    def clear(self) -> None:
        self.show_chosen(())

    def _update_continue(self) -> None:
        self.proceed.setEnabled(bool(self.chosen()))

    def _emit_chosen(self) -> None:
        if self.chosen():
            self.services_chosen.emit(self.chosen())

    def retranslate(self) -> None:
        self.title.setText(self.addressed(self.tr("Hôm nay {you} cần hỗ trợ việc gì?")))
        self.hint.setText(self.tr("Chạm để chọn một hoặc nhiều việc, rồi chạm Tiếp tục."))
        for service in self._catalogue.services:
            name = service.name(self._language)
            if service.code in self._done:
                name = self.tr("%1 (đã xong)").replace("%1", name)
            self.tiles[service.code].setText(name)
        self.back.setText(self.tr("Quay lại"))
        self.proceed.setText(self.tr("Tiếp tục"))

    def speech_text(self) -> str:
        return f"{self.title.text()} {self.hint.text()}"
