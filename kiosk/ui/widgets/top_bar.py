"""The bar on every screen: where you are, and the controls a citizen may need at any time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from kiosk.ui.theme import restyle
from kiosk.ui.widgets.reflow import ACROSS, Reflow

if TYPE_CHECKING:  # the sync services load SQLAlchemy: not before the first frame
    from kiosk.services.sync import SyncStatus

# The room the centre's name and the notes need beside the controls, or they go above them.
NOTES_MIN_PX = 520


class TopBar(QWidget):
    """Centre and counter, the helper on duty, read aloud, text size, contrast, language."""

    read_aloud = Signal()
    text_size = Signal()
    contrast_toggled = Signal(bool)
    language_toggled = Signal()
    helper_requested = Signal()

    def __init__(self, place: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("top_bar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.place = QLabel(place)
        self.place.setObjectName("place")
        self.place.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.place.setWordWrap(True)  # a long centre name takes two lines, never cut
        self.helper = QLabel()
        self.helper.setObjectName("helper_on_duty")
        self.sync_state = QLabel()  # only while the centre's database is away
        self.sync_state.setObjectName("sync_state")
        self.sync_state.hide()
        self.printer_state = QLabel()  # only while a receipt waits for the printer
        self.printer_state.setObjectName("printer_state")
        self.printer_state.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.printer_state.setWordWrap(True)
        self.printer_state.hide()
        self.read = self._button("read_aloud", self.read_aloud.emit)
        self.text_size_button = self._button("text_size", self.text_size.emit)
        self.contrast = self._button("contrast", lambda: None)
        self.contrast.setCheckable(True)
        self.contrast.toggled.connect(self.contrast_toggled)
        self.language = self._button("language", self.language_toggled.emit)
        self.helper_button = self._button("helper_mode", self.helper_requested.emit)
        notes = QHBoxLayout()
        notes.setSpacing(10)
        notes.addWidget(self.place, 1)
        notes.addWidget(self.sync_state)
        notes.addWidget(self.printer_state, 1)
        notes.addWidget(self.helper)
        controls = QHBoxLayout()
        controls.setSpacing(10)
        controls.addStretch(1)
        for widget in (
            self.read,
            self.text_size_button,
            self.contrast,
            self.language,
            self.helper_button,
        ):
            controls.addWidget(widget)
        # One row on a wide window; on a narrow one (a portrait kiosk, 1280 px with a long
        # centre name) the notes above the controls, so neither is cut.
        self._rows = QBoxLayout(ACROSS, self)
        self._rows.setContentsMargins(16, 8, 16, 8)
        self._rows.setSpacing(10)
        self._rows.addLayout(notes, 1)
        self._rows.addLayout(controls)
        self._reflow = Reflow(self, self._rows, margin=NOTES_MIN_PX)
        self._helper_name = ""
        self._sync: SyncStatus | None = None
        self._printer_problem = ""
        self.retranslate()

    def _button(self, name: str, slot: object) -> QPushButton:
        widget = QPushButton()
        widget.setObjectName(name)
        widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        widget.clicked.connect(slot)
        return widget

    def set_helper(self, name: str) -> None:
        """Show the helper on duty ("" for none)."""
        self._helper_name = name
        self.retranslate()

    def show_sync(self, status: SyncStatus | None) -> None:
        """A discreet note while visits wait for the centre's database; nothing when all is well."""
        self._sync = status
        self.retranslate()

    @property
    def calling(self) -> bool:
        """Whether the helper button is the flag that calls the volunteer."""
        return bool(self.helper_button.property("calling"))

    def show_call(self, on: bool) -> None:
        """Turn the helper button into the yellow flag that calls the volunteer, or back."""
        self.helper_button.setProperty("calling", on)
        self.helper_button.setProperty("blink", False)
        restyle(self.helper_button)
        self.retranslate()

    def blink_call(self) -> None:
        """Swap the flag's colours, so it catches an eye across the room."""
        if self.calling:
            self.helper_button.setProperty("blink", not self.helper_button.property("blink"))
            restyle(self.helper_button)

    def show_printer_problem(self, cause: str) -> None:
        """For the volunteer: why receipts wait for the printer ("" once one prints)."""
        self._printer_problem = cause
        self.retranslate()

    def _sync_text(self) -> str:
        """Offline, the key refused, a schema to update (this counter's or the centre's),
        another centre error and conflicts, each said apart."""
        status = self._sync
        if status is None:
            return ""
        from kiosk.services.sync import CENTRE_OUTDATED, COUNTER_OUTDATED, KEY_REFUSED

        n = status.pending
        parts = []
        if status.refusal == KEY_REFUSED:  # the network is fine: the key file is not
            parts.append(
                self.tr("Sai khóa bảo mật · {n} chờ gửi").format(n=n)
                if n
                else self.tr("Sai khóa bảo mật")
            )
        elif status.refusal == COUNTER_OUTDATED:  # the centre was upgraded, this counter not
            parts.append(
                self.tr("Cần cập nhật quầy này · {n} chờ gửi").format(n=n)
                if n
                else self.tr("Cần cập nhật quầy này")
            )
        elif status.refusal == CENTRE_OUTDATED:  # an administrator runs kiosk centre upgrade
            parts.append(
                self.tr("Cần cập nhật máy chủ trung tâm · {n} chờ gửi").format(n=n)
                if n
                else self.tr("Cần cập nhật máy chủ trung tâm")
            )
        elif status.refusal:
            parts.append(
                self.tr("Máy chủ báo lỗi · {n} chờ gửi").format(n=n)
                if n
                else self.tr("Máy chủ báo lỗi")
            )
        elif status.online is False:
            parts.append(
                self.tr("Ngoại tuyến · {n} chờ gửi").format(n=n) if n else self.tr("Ngoại tuyến")
            )
        if status.conflicts:  # refused one by one, whatever the link does now
            parts.append(self.tr("{n} mục chờ cán bộ xử lý").format(n=status.conflicts))
        return " · ".join(parts)

    def set_contrast(self, high: bool) -> None:
        """Reflect the contrast without emitting."""
        self.contrast.blockSignals(True)
        self.contrast.setChecked(high)
        self.contrast.blockSignals(False)

    def retranslate(self) -> None:
        """Set the texts in the current language."""
        self.read.setText(self.tr("Đọc to"))
        self.read.setAccessibleName(self.tr("Đọc to nội dung màn hình"))
        self.text_size_button.setText(self.tr("Cỡ chữ"))
        self.contrast.setText(self.tr("Tương phản"))
        # The language button names the other language in that language.
        self.language.setText(self.tr("English"))
        self.helper_button.setText(
            self.tr("Mời tình nguyện viên!") if self.calling else self.tr("Tình nguyện viên")
        )
        self.helper.setText(
            self.tr("TNV: {name}").format(name=self._helper_name) if self._helper_name else ""
        )
        sync_text = self._sync_text()
        self.sync_state.setText(sync_text)
        self.sync_state.setVisible(bool(sync_text))
        printer = self._printer_problem
        # the cause's first sentence: what to do next is the volunteer's, in the tooltip
        self.printer_state.setText(self.tr("Máy in: {cause}").format(cause=first_sentence(printer)))
        self.printer_state.setToolTip(printer)
        self.printer_state.setVisible(bool(printer))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def first_sentence(text: str) -> str:
    """``text`` up to the end of its first sentence (a full stop followed by a space)."""
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]
