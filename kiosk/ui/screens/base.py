"""What every screen shares: retranslation, wiping, read-aloud text and small builders."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.text.address import NEUTRAL, FormOfAddress
from kiosk.ui.theme import set_kind, set_role
from kiosk.ui.widgets.kinetic import make_kinetic
from kiosk.ui.widgets.reflow import ACROSS, Reflow


class Screen(QWidget):
    """A full page of the kiosk.

    Subclasses build their widgets once, set every text in :meth:`retranslate` (called
    again when the language changes) and forget personal data in :meth:`clear`. A text
    that speaks to the citizen goes through :meth:`addressed`, so it says ông, bà, anh, chị
    or quý khách as the visit's card says (:mod:`kiosk.text.address`).
    """

    #: whether the screen can show personal data (the idle time-out wipes such screens)
    personal = True
    #: what the screen shows changed in place (another step, another page): a tap that was
    #: meant for what was there before is ignored for a moment (:mod:`kiosk.ui.tap_guard`)
    content_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("screen", True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._address = NEUTRAL

    def set_address(self, form: FormOfAddress) -> None:
        """Address the citizen with ``form`` from now on."""
        if form != self._address:
            self._address = form
            self.retranslate()

    def addressed(self, text: str) -> str:
        """``text`` (translated) with its ``{you}``/``{You}`` tokens filled in."""
        return self._address.fill(text)

    def retranslate(self) -> None:
        """Set every visible text in the current language."""

    def clear(self) -> None:
        """Forget any personal data shown (idle time-out, end of a visit)."""

    def speech_text(self) -> str:
        """What "Đọc to" reads on this screen."""
        return ""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def label(role: str = "body", *, wrap: bool = True, centred: bool = False) -> QLabel:
    """A label styled by its role."""
    widget = QLabel()
    set_role(widget, role)
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if centred:
        widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return widget


def button(kind: str = "plain", *, name: str = "", checkable: bool = False) -> QPushButton:
    """A large touch button styled by its kind (plain, primary, success, danger, choice)."""
    widget = QPushButton()
    set_kind(widget, kind)
    if name:
        widget.setObjectName(name)
    widget.setCheckable(checkable)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return widget


def panel() -> tuple[QFrame, QVBoxLayout]:
    """A framed panel and its layout."""
    frame = QFrame()
    set_role(frame, "panel")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(28, 24, 28, 24)
    layout.setSpacing(14)
    return frame, layout


def scrolled(content: QWidget) -> QScrollArea:
    """``content`` in a scroll area that resizes it to the visible width; a swipe scrolls it."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(content)
    make_kinetic(area)
    return area


def row_list() -> tuple[QScrollArea, QVBoxLayout]:
    """A scrolling column of rows (visits, accounts): the area and the layout to fill.

    The layout ends with a stretch; insert rows before it.
    """
    host = QWidget()
    host.setProperty("screen", True)
    rows = QVBoxLayout(host)
    rows.setContentsMargins(0, 0, 8, 0)
    rows.setSpacing(10)
    rows.addStretch(1)
    return scrolled(host), rows


def row_of(*widgets: QWidget) -> QHBoxLayout:
    """``widgets`` side by side."""
    row = QHBoxLayout()
    row.setSpacing(16)
    for widget in widgets:
        row.addWidget(widget)
    return row


def rows_that_fit(screen: QWidget, *rows: tuple[QWidget, ...]) -> QBoxLayout:
    """``rows`` of buttons side by side on a wide ``screen``, one under another where they
    do not fit across (a portrait kiosk, the largest text); the last button stays last."""
    layout = QBoxLayout(ACROSS)
    layout.setSpacing(16)
    for widgets in rows:
        layout.addLayout(row_of(*widgets))
    Reflow(screen, layout)  # a child of the screen: it lives as long as the screen
    return layout
