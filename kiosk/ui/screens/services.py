"""Choose the services the citizen needs today (one or several)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.domain.catalogue import Catalogue
from kiosk.ui.screens.base import Screen, button, label, scrolled
from kiosk.ui.theme import BODY_PT
from kiosk.ui.widgets.choice_button import ChoiceButton

COLUMNS = 3  # tiles across at least
MAX_COLUMNS = 4  # across a 1080p screen at normal text size: all 18 services without scrolling
TILE_MIN_PX = 440  # a tile's width at normal text size, below which fewer go across


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
        grid = self._grid = QGridLayout(grid_host)
        grid.setSpacing(14)
        grid.setContentsMargins(0, 0, 8, 0)
        for service in catalogue.services:
            tile = ChoiceButton()
            tile.setObjectName(f"service_{service.code}")
            tile.toggled.connect(self._update_continue)
            self.tiles[service.code] = tile
        self.columns = 0
        self._place_tiles(COLUMNS)
        scroll = scrolled(grid_host)
        # The tiles scroll here, not the page: asking for their full height (Qt's hint for a
        # scroll area) would let the page scroll "Tiếp tục" below the window.
        scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
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

    def _place_tiles(self, columns: int) -> None:
        """The tiles in rows of ``columns``, in catalogue order."""
        if columns == self.columns:
            return
        self.columns = columns
        for tile in self.tiles.values():
            self._grid.removeWidget(tile)
        for column in range(MAX_COLUMNS):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        for index, tile in enumerate(self.tiles.values()):
            self._grid.addWidget(tile, index // columns, index % columns)

    def _tiles_across(self) -> int:
        """As many tiles across as fit at the chosen text size (the hint's size tells it),
        :data:`COLUMNS` at least, :data:`MAX_COLUMNS` at most."""
        scale = max(1.0, self.hint.font().pointSizeF() / BODY_PT)
        return max(COLUMNS, min(MAX_COLUMNS, self.width() // round(TILE_MIN_PX * scale)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._place_tiles(self._tiles_across())
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.StyleChange:  # another text size
            self._place_tiles(self._tiles_across())
        super().changeEvent(event)

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
