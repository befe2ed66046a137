"""Side by side on a wide screen, one under another on a narrow one.

A counter's landscape monitor has room for a row of buttons or two columns of details;
a portrait kiosk (1080 px wide), or the largest text at 1280 px, does not. Rather than
scroll sideways (nobody guesses that a row cut at the right goes on), a :class:`Reflow`
turns the row's layouts into columns when the screen gets narrower than they need.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractScrollArea, QBoxLayout, QWidget

ACROSS = QBoxLayout.Direction.LeftToRight
DOWN = QBoxLayout.Direction.TopToBottom


class Reflow(QObject):
    """Watches ``screen``'s width and sets each layout across or down.

    A layout goes down when ``screen`` is narrower than ``min_width`` (a width, or what a
    function gives now, for what a scroll area's content needs: its own minimum does not
    show it) or than the
    screen would need with the layout across, plus ``margin`` (room
    kept for something that can shrink, such as a name that wraps); it comes back across
    once it fits again; with ``down_when_portrait``, also whenever the screen is taller than
    wide (a picture beside a text leaves half a portrait kiosk empty). A screen inside a scroll
    area (every page of the kiosk is one) is as wide as its minimum when that is wider
    than the view: what counts then is the view's width.
    """

    def __init__(
        self,
        screen: QWidget,
        *layouts: QBoxLayout,
        min_width: int | Callable[[], int] = 0,
        margin: int = 0,
        down_when_portrait: bool = False,
    ) -> None:
        super().__init__(screen)
        self._screen = screen
        self._layouts = layouts
        self._min_width = min_width
        self._margin = margin
        self._down_when_portrait = down_when_portrait
        self._view: QWidget | None = None
        screen.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if "_screen" not in self.__dict__:
            # the garbage collector is clearing a screen that Qt still sends events to
            return False
        kind = event.type()
        if watched is self._screen and kind == QEvent.Type.ParentChange:
            self._watch_view()
        if kind in (
            QEvent.Type.Resize,
            QEvent.Type.StyleChange,  # another text size: the row needs another width
            QEvent.Type.LayoutRequest,
        ):
            self.arrange()
        return False

    def _watch_view(self) -> None:
        if self._view is not None:
            self._view.removeEventFilter(self)
        parent = self._screen.parentWidget()
        area = parent.parentWidget() if parent is not None else None
        is_view = isinstance(area, QAbstractScrollArea) and area.viewport() is parent
        self._view = parent if is_view else None
        if self._view is not None:
            self._view.installEventFilter(self)

    def arrange(self) -> None:
        """Set every layout across or down for the screen's present width."""
        shown = self._view if self._view is not None else self._screen
        width = shown.width()
        portrait = self._down_when_portrait and shown.height() > width
        screen_needs = self._screen.minimumSizeHint().width()
        for layout in self._layouts:
            needed = max(
                self._min_width() if callable(self._min_width) else self._min_width,
                screen_needs
                - layout.minimumSize().width()
                + self._needed_across(layout)
                + self._margin,
            )
            direction = ACROSS if width >= needed and not portrait else DOWN
            if layout.direction() != direction:
                layout.setDirection(direction)

    def _needed_across(self, layout: QBoxLayout) -> int:
        """The width ``layout`` needs across, whichever way it is set now."""
        items = (layout.itemAt(index) for index in range(layout.count()))
        shown = [item for item in items if item is not None and not item.isEmpty()]
        margins = layout.contentsMargins()
        return (
            sum(item.minimumSize().width() for item in shown)
            + max(0, len(shown) - 1) * max(0, layout.spacing())
            + margins.left()
            + margins.right()
        )
