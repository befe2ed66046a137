"""What a person would see as broken on a screen: text cut off, controls off the window.

:func:`layout_problems` looks at every visible label and button of a window as it is laid
out now. A widget inside a scroll area counts as reachable (a swipe brings it into view)
when it lies inside the area's content; anything else must lie inside the window and
inside its parent (a layout squeezed below its minimum pushes children out of their
parent, where they are clipped or drawn over their neighbours). Scrolling sideways is a
problem too: nobody guesses that a list cut at the right goes on.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QLabel, QScrollBar, QWidget

TOLERANCE_PX = 1


def layout_problems(window: QWidget) -> list[str]:
    """Every cut text and every widget out of reach in ``window``, as readable lines."""
    problems: list[str] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or _inside_scroll_machinery(widget):
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            cut = _text_cut(widget)
            if cut:
                problems.append(f"{_name(widget)}: {cut}")
        if widget.width() <= 0 or widget.height() <= 0:
            continue
        if isinstance(widget, QAbstractScrollArea) and widget.horizontalScrollBar().maximum() > 0:
            problems.append(
                f"{_name(widget)}: wider than the screen (only a sideways swipe shows it all)"
            )
        where = _out_of_reach(window, widget)
        if where:
            problems.append(f"{_name(widget)}: {where}")
    return problems


def _text_cut(widget: QLabel | QAbstractButton) -> str:
    text = widget.text()
    if not text.strip():
        return ""
    if isinstance(widget, QLabel):
        if widget.pixmap() is not None and not widget.pixmap().isNull():
            return ""
        room = widget.contentsRect()
        if widget.wordWrap():
            needed = widget.heightForWidth(widget.width())
            if needed > widget.height() + TOLERANCE_PX:
                return f"wrapped text needs {needed} px of height, has {widget.height()}"
            return ""
        hint = widget.sizeHint()
        margin = widget.width() - room.width()
        if hint.width() - margin > room.width() + TOLERANCE_PX + 2 * widget.margin():
            return f"text needs {hint.width()} px of width, has {widget.width()}"
        if hint.height() > widget.height() + TOLERANCE_PX:
            return f"text needs {hint.height()} px of height, has {widget.height()}"
        return ""
    if widget.hasHeightForWidth() or not widget.text():
        return ""  # a button whose text is a wrapped label of its own (checked as a label)
    hint = widget.sizeHint()
    if hint.width() > widget.width() + TOLERANCE_PX:
        return f"button text needs {hint.width()} px of width, has {widget.width()}"
    if hint.height() > widget.height() + TOLERANCE_PX:
        return f"button text needs {hint.height()} px of height, has {widget.height()}"
    return ""


def _out_of_reach(window: QWidget, widget: QWidget) -> str:
    parent = widget.parentWidget()
    clipped_by_parent = parent is not None and not _is_viewport(parent)
    if parent is not None and clipped_by_parent and not _contains(parent.rect(), widget.geometry()):
        return f"lies outside its parent {_name(parent)} ({_rect(widget.geometry())})"
    area = _scroll_area_of(widget)
    if area is not None:
        content = area.widget() if hasattr(area, "widget") else None
        if isinstance(content, QWidget) and content is not widget:
            rect = QRect(widget.mapTo(content, QPoint(0, 0)), widget.size())
            if not _contains(content.rect(), rect):
                return f"outside the scrolling content ({_rect(rect)})"
        return ""
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    if not _contains(window.rect(), rect):
        return f"off the window ({_rect(rect)} in {_rect(window.rect())})"
    return ""


def _scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
            return grand
        parent = grand
    return None


def _is_viewport(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    return isinstance(parent, QAbstractScrollArea) and parent.viewport() is widget


def _inside_scroll_machinery(widget: QWidget) -> bool:
    """Scroll bars and their containers: Qt's own, shown and hidden as needed."""
    if isinstance(widget, QScrollBar) or _is_viewport(widget):
        return True
    return widget.objectName().startswith("qt_scrollarea")


def _contains(outer: QRect, inner: QRect) -> bool:
    grown = outer.adjusted(-TOLERANCE_PX, -TOLERANCE_PX, TOLERANCE_PX, TOLERANCE_PX)
    return grown.contains(inner)


def _rect(rect: QRect) -> str:
    return f"{rect.x()},{rect.y()} {rect.width()}x{rect.height()}"


def _name(widget: QWidget) -> str:
    path: list[str] = []
    node: QWidget | None = widget
    while node is not None and len(path) < 4:
        label = node.objectName() or type(node).__name__
        path.append(label)
        node = node.parentWidget()
    text = widget.text()[:40] if isinstance(widget, QLabel | QAbstractButton) else ""
    return "/".join(reversed(path)) + (f" “{text}”" if text else "")


_VIETNAMESE_LETTERS = frozenset("ăâđêôơưĂÂĐÊÔƠƯ")
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


def _is_vietnamese(text: str) -> bool:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text)
    return any(c in _VIETNAMESE_LETTERS for c in text) or any(c in _TONE_MARKS for c in decomposed)


def vietnamese_texts(window: QWidget, data: tuple[str, ...]) -> list[str]:
    """Every visible label, button or placeholder of ``window`` written in Vietnamese once
    the ``data`` shown as it is (a citizen's or helper's name, the centre's name, the
    language button's "Tiếng Việt") is taken out: what an English UI must not show."""
    from PySide6.QtWidgets import QLineEdit

    found: list[str] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts = [widget.text(), widget.toolTip()]
        elif isinstance(widget, QLineEdit):
            texts = [widget.placeholderText()]
        else:
            continue
        for text in texts:
            if "Telex" in text or "VNI" in text:
                continue  # a typing hint teaches the Vietnamese letters, in any language
            rest = text
            for value in data:
                rest = rest.replace(value, "")
            if _is_vietnamese(rest):
                found.append(f"{_name(widget)}: {text!r}")
    return found
