"""A big on-screen keyboard that types Vietnamese by Telex or VNI, for names and addresses."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from kiosk.text.vietnamese_input import Method, edit_for_key
from kiosk.ui.widgets.touch_key import TouchKey

KEY_HEIGHT = 76  # at least 72 px: a fingertip on a 21.5" 1080p panel, with room to spare
KEY_MIN_WIDTH = 48
NO_BREAK_ARROW = "\u00a0→\u00a0"
SHIFT, CAPS, SPACE, BACKSPACE, METHOD, DONE = (
    "shift",
    "caps",
    "space",
    "backspace",
    "method",
    "done",
)
UNITS = 24  # a letter key is two units wide; rows are laid out on this grid
# (key, first unit, width in units) per row
ROWS: tuple[tuple[tuple[str, int, int], ...], ...] = (
    (*((d, 2 * i, 2) for i, d in enumerate("1234567890")), (BACKSPACE, 20, 4)),
    (*((c, 2 * i, 2) for i, c in enumerate("qwertyuiop")), ("-", 20, 2), ("/", 22, 2)),
    (*((c, 1 + 2 * i, 2) for i, c in enumerate("asdfghjkl")), (DONE, 19, 5)),
    (
        (SHIFT, 0, 4),
        *((c, 4 + 2 * i, 2) for i, c in enumerate("zxcvbnm")),
        (",", 18, 2),
        (".", 20, 2),
        ("'", 22, 2),
    ),
)
# The bottom row, as (key, width in units): a row of its own across the whole grid, so that
# a long label there ("Kiểu gõ: Telex" at the largest text) widens no letter key above it.
BOTTOM_ROW = ((CAPS, 5), (METHOD, 6), (SPACE, 13))
SPACING = 6  # between keys: at the largest text a portrait kiosk's 1080 px are just enough
ROW_SPACING = 8
WORD_KEYS = frozenset([SHIFT, CAPS, SPACE, BACKSPACE, METHOD, DONE])


class VietnameseKeyboard(QWidget):
    """Types into the :class:`QLineEdit` it is bound to, turning Telex or VNI into Vietnamese.

    Each key rewrites the word before the field's cursor through
    :func:`kiosk.text.vietnamese_input.edit_for_key`, so "Nguyeenx" shows "Nguyễn". The
    field's ``maxLength`` and validator still apply: a key whose result the field would refuse
    does nothing. Keys never take the keyboard focus, so the field keeps its cursor. "⇧" makes
    the next letter a capital, "⇪" all of them; the method key switches Telex ⇄ VNI; "Xong"
    emits :attr:`submitted`. The window's theme (:mod:`kiosk.ui.theme`) gives the keys their
    colours and font size; :meth:`hint` says how the current method types the marks.
    """

    method_changed = Signal(str)  # the new Method's value: "telex" or "vni"
    submitted = Signal()
    target_changed = Signal(object)  # the newly bound QLineEdit, or None

    def __init__(self, parent: QWidget | None = None, *, method: Method = Method.TELEX) -> None:
        super().__init__(parent)
        self._target: QLineEdit | None = None
        self._method = Method(method)
        self._shift = False
        self._caps = False
        self._keys: dict[str, TouchKey] = {}
        self._grid = grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(SPACING)
        grid.setVerticalSpacing(ROW_SPACING)
        for column in range(UNITS):
            grid.setColumnStretch(column, 1)
        for row, keys in enumerate(ROWS):
            for key, column, width in keys:
                grid.addWidget(self._make_key(key), row, column, 1, width)
        bottom = QHBoxLayout()
        bottom.setSpacing(SPACING)
        for key, width in BOTTOM_ROW:
            bottom.addWidget(self._make_key(key), width)
        grid.addLayout(bottom, len(ROWS), 0, 1, UNITS)  # all the units: it widens them alike
        self.retranslate()
        self._fit_columns()
        self._refresh()

    def _make_key(self, key: str) -> TouchKey:
        word = key in WORD_KEYS  # a word key widens itself to its label
        button = TouchKey(key, self, min_width=0, min_height=KEY_HEIGHT, word=word, fit=word)
        if not word:
            button.needs_changed.connect(self._fit_columns)
        if key in (SHIFT, CAPS):
            button.setCheckable(True)
        button.clicked.connect(lambda _checked=False, k=key: self.press(k))
        self._keys[key] = button
        return button

    def retranslate(self) -> None:
        """Set every label in the current language (again on a language change)."""
        keys = self._keys
        self._label(BACKSPACE, self.tr("⌫ Xóa"))
        keys[BACKSPACE].setAccessibleName(self.tr("Xóa một chữ"))
        self._label(SHIFT, self.tr("⇧ Chữ hoa"))
        keys[SHIFT].setAccessibleName(self.tr("Viết hoa chữ tiếp theo"))
        self._label(CAPS, self.tr("⇪ VIẾT HOA"))
        keys[CAPS].setAccessibleName(self.tr("Viết hoa tất cả các chữ"))
        self._label(SPACE, self.tr("Dấu cách"))
        self._label(DONE, self.tr("Xong"))
        keys[DONE].setAccessibleName(self.tr("Xong, đóng bàn phím"))
        name = "Telex" if self._method == Method.TELEX else "VNI"
        self._label(METHOD, self.tr("Kiểu gõ: {method}").format(method=name))
        keys[METHOD].setAccessibleName(self.tr("Đổi kiểu gõ Telex hoặc VNI"))
        keys["-"].setAccessibleName(self.tr("Gạch ngang"))
        keys["/"].setAccessibleName(self.tr("Gạch chéo"))
        keys[","].setAccessibleName(self.tr("Dấu phẩy"))
        keys["."].setAccessibleName(self.tr("Dấu chấm"))
        keys["'"].setAccessibleName(self.tr("Dấu nháy"))

    def hint(self) -> str:
        """How the current method types Vietnamese letters and tones, in the current language:
        every rule of :mod:`kiosk.text.vietnamese_input`, for the line under the field."""
        if self._method == Method.VNI:
            text = self.tr(
                "Gõ dấu kiểu VNI: a6 → â, e6 → ê, o6 → ô, o7 → ơ, u7 → ư, a8 → ă, d9 → đ; "
                "1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng, 0 xóa dấu."
            )
        else:
            text = self.tr(
                "Gõ dấu kiểu Telex: aa → â, aw → ă, ee → ê, oo → ô, ow → ơ, uw hoặc w → ư, "
                "dd → đ; s sắc, f huyền, r hỏi, x ngã, j nặng, z xóa dấu."
            )
        return text.replace(" → ", NO_BREAK_ARROW)  # a line never ends between "d9" and "đ"

    def _label(self, key: str, text: str) -> None:
        """Label a word key (the columns widen so that no language clips its label)."""
        self._keys[key].set_label(text)

    def _fit_columns(self) -> None:
        """Give every grid unit the same minimum width, enough for the widest letter, digit
        or sign: those keys (two units each) stay the same width at any text size."""
        needed = max(
            KEY_MIN_WIDTH,
            *(
                key.needed_width(case)  # both cases: the keys keep their width under "⇧"
                for name, key in self._keys.items()
                if name not in WORD_KEYS
                for case in (name, name.upper())
            ),
        )
        unit = -(-(needed - SPACING) // 2)  # two units and the spacing between them
        if self._grid.columnMinimumWidth(0) != unit:
            for column in range(UNITS):
                self._grid.setColumnMinimumWidth(column, unit)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def target(self) -> QLineEdit | None:
        """The field the keyboard types into, or ``None``."""
        return self._target

    @property
    def method(self) -> Method:
        """Telex or VNI."""
        return self._method

    @property
    def uppercase(self) -> bool:
        """Whether the next letter comes out as a capital."""
        return self._shift or self._caps

    def bind(self, field: QLineEdit | None) -> None:
        """Type into ``field`` from now on (``None``: keys do nothing and look disabled)."""
        if field is self._target:
            return
        self._target = field
        self._refresh()
        self.target_changed.emit(field)

    def set_method(self, method: Method) -> None:
        """Switch to Telex or VNI; emits :attr:`method_changed` if that is a change."""
        method = Method(method)
        if method == self._method:
            return
        self._method = method
        self.retranslate()
        self.method_changed.emit(method.value)

    def key(self, key: str) -> QPushButton:
        """The button for ``key``: a letter, digit or sign, or SHIFT, CAPS, SPACE…"""
        return self._keys[key]

    def press(self, key: str) -> None:
        """Do what pressing ``key`` does."""
        if key == METHOD:
            self.set_method(Method.VNI if self._method == Method.TELEX else Method.TELEX)
            return
        field = self._target
        if field is None:
            return
        if key == SHIFT:
            self._shift = not self._shift
        elif key == CAPS:
            self._caps = not self._caps
            self._shift = False
        elif key == BACKSPACE:
            field.backspace()
        elif key == DONE:
            self.submitted.emit()
        else:
            char = " " if key == SPACE else key
            self._type(field, char.upper() if self.uppercase else char)
            if char.isalpha():
                self._shift = False
        self._refresh()

    def _type(self, field: QLineEdit, char: str) -> None:
        if field.hasSelectedText():  # the key replaces the selection, as on a real keyboard
            field.insert(char)
            return
        text, cursor = field.text(), field.cursorPosition()
        edit = edit_for_key(text, cursor, char, self._method)
        if not _accepts(field, edit.apply(text), edit.cursor):
            return
        # Replace the word through the selection so that the field's undo and textEdited work.
        field.setSelection(edit.start, edit.end - edit.start)
        field.insert(edit.replacement)

    def _refresh(self) -> None:
        # Touch only what changed: a key press should not restyle fifty buttons.
        bound = self._target is not None
        upper = self.uppercase
        for key, button in self._keys.items():
            if button.isEnabled() != (bound or key == METHOD):
                button.setEnabled(bound or key == METHOD)
            if len(key) == 1 and key.isalpha():
                button.set_label(key.upper() if upper else key)
        for key, on in ((SHIFT, self._shift), (CAPS, self._caps)):
            if self._keys[key].isChecked() != on:
                self._keys[key].setChecked(on)


def _accepts(field: QLineEdit, text: str, cursor: int) -> bool:
    """Whether ``field`` would take ``text``: within its maximum length and not refused by
    its validator (an intermediate state, such as a half-typed date, is fine)."""
    if len(text) > field.maxLength():
        return False
    validator = field.validator()
    if validator is None:
        return True
    result = validator.validate(text, cursor)  # PySide6 gives (state, text, cursor)
    state = result[0] if isinstance(result, tuple) else result
    return bool(state != QValidator.State.Invalid)
