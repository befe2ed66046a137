"""Managing helper accounts (admins only): list, add, reset a PIN, stop or restart an account.

Four pages of one screen: the list; the new helper's name, username, role and kind; the
on-screen Vietnamese keyboard for typing a name; the new PIN typed twice on the keypad.
The screen checks only what it can see (both PINs equal); the controller asks
:class:`~kiosk.services.people.helpers.HelperAccounts`, which checks the rest and audits.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.clock import LOCAL_TZ
from kiosk.domain.values import HelperInfo
from kiosk.ui.screens.base import Screen, button, label, row_list
from kiosk.ui.widgets.button_group import uncheck_all
from kiosk.ui.widgets.choice_button import ChoiceButton
from kiosk.ui.widgets.numeric_keypad import NumericKeypad
from kiosk.ui.widgets.vietnamese_keyboard import VietnameseKeyboard

LIST, FORM, KEYBOARD, PIN = range(4)
NAME_MAX, USERNAME_MAX = 80, 40


def suggest_username(full_name: str) -> str:
    """``Nguyễn Thị Lan`` → ``lannt``: the given name, then the initials, without marks."""
    plain = unicodedata.normalize("NFD", full_name.replace("đ", "d").replace("Đ", "D"))
    words = "".join(c for c in plain if not unicodedata.combining(c)).lower().split()
    words = ["".join(c for c in w if c.isascii() and c.isalnum()) for w in words]
    words = [w for w in words if w]
    if not words:
        return ""
    return (words[-1] + "".join(w[0] for w in words[:-1]))[:USERNAME_MAX]


def _choices(names: Sequence[str], parent: QObject) -> tuple[dict[str, ChoiceButton], QButtonGroup]:
    group = QButtonGroup(parent)
    buttons = {}
    for name in names:
        widget = ChoiceButton()
        widget.setObjectName(name)
        group.addButton(widget)
        buttons[name] = widget
    return buttons, group


class HelpersAdminScreen(Screen):
    """Emits intents; :meth:`show_helpers` and :meth:`show_error` show their results."""

    add_requested = Signal(str, str, str, str, str)  # username, full name, PIN, kind, role
    reset_pin_requested = Signal(str, str)  # username, PIN
    active_requested = Signal(str, bool)  # username, active
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._me = ""
        self._now: datetime | None = None
        self._pin_for = ""  # "" while adding; a username while resetting their PIN
        self.helpers: list[HelperInfo] = []
        self.rows: dict[str, ChoiceButton] = {}
        self._rows = QButtonGroup(self)
        self.pages = QStackedWidget()
        for page in (self._list_page(), self._form_page(), self._keyboard_page(), self._pin_page()):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.retranslate()

    # -- pages -------------------------------------------------------------------------------

    @staticmethod
    def _page(*parts: QWidget | QHBoxLayout | QGridLayout, stretch_at: int = -1) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(40, 16, 40, 20)
        layout.setSpacing(12)
        for index, part in enumerate(parts):
            stretch = 1 if index == stretch_at else 0
            if isinstance(part, QWidget):
                layout.addWidget(part, stretch)
            else:
                layout.addLayout(part, stretch)
        return page

    @staticmethod
    def _row(*widgets: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(16)
        for widget in widgets:
            row.addWidget(widget)
        return row

    def _list_page(self) -> QWidget:
        self.list_title = label("title")
        scroll, self.rows_layout = row_list()
        self.done = label("notice")
        self.done.setObjectName("admin_done")
        self.done.hide()
        self.list_message = label("error")
        self.reset = button(name="reset_pin")
        self.toggle_active = button(name="toggle_active")
        self.add = button("primary", name="add_helper")
        self.back = button(name="admin_back")
        self.reset.clicked.connect(self._start_reset)
        self.toggle_active.clicked.connect(self._toggle_active)
        self.add.clicked.connect(self._start_add)
        self.back.clicked.connect(self.back_requested)
        actions = self._row(self.back, self.reset, self.toggle_active, self.add)
        return self._page(
            self.list_title, scroll, self.done, self.list_message, actions, stretch_at=1
        )

    def _field(self, name: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.installEventFilter(self)
        return field

    def _form_page(self) -> QWidget:
        self.form_title = label("title")
        self.name_caption = label("heading")
        self.name_field = self._field("new_full_name")
        self.name_field.setMaxLength(NAME_MAX)
        self.username_caption = label("heading")
        self.username_field = self._field("new_username")
        self.username_field.setMaxLength(USERNAME_MAX)
        self.role_caption = label("heading")
        self.roles, self._role_group = _choices(("role_helper", "role_admin"), self)
        self.kind_caption = label("heading")
        self.kinds, self._kind_group = _choices(("kind_volunteer", "kind_staff"), self)
        for widget in (*self.roles.values(), *self.kinds.values()):
            widget.toggled.connect(self._refresh_form)
        self.name_field.textChanged.connect(self._refresh_form)
        self.username_field.textChanged.connect(self._refresh_form)
        self.form_message = label("error")
        self.form_cancel = button(name="form_cancel")
        self.form_next = button("primary", name="form_next")
        self.form_cancel.clicked.connect(self.show_list)
        self.form_next.clicked.connect(self._form_done)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(8)
        grid.addWidget(self.name_caption, 0, 0)
        grid.addWidget(self.username_caption, 0, 1)
        grid.addWidget(self.name_field, 1, 0)
        grid.addWidget(self.username_field, 1, 1)
        grid.addWidget(self.role_caption, 2, 0)
        grid.addWidget(self.kind_caption, 2, 1)
        roles = QHBoxLayout()
        kinds = QHBoxLayout()
        for box, widgets in ((roles, self.roles), (kinds, self.kinds)):
            box.setSpacing(10)
            for widget in widgets.values():
                box.addWidget(widget)
        grid.addLayout(roles, 3, 0)
        grid.addLayout(kinds, 3, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        actions = self._row(self.form_cancel, self.form_next)
        return self._page(self.form_title, grid, self.form_message, actions, stretch_at=1)

    def _keyboard_page(self) -> QWidget:
        self.typing_caption = label("heading")
        self.typing = QLineEdit()
        self.typing.setObjectName("typing_field")
        self.typing_hint = label("muted")
        self.keyboard = VietnameseKeyboard()
        self.keyboard.bind(self.typing)
        self.keyboard.submitted.connect(self._typing_done)
        self._typing_into: QLineEdit | None = None
        self._username_rule = QRegularExpressionValidator(
            QRegularExpression(r"[a-z0-9._-]{0,40}"), self
        )
        self._any_text = QRegularExpressionValidator(QRegularExpression(r".*"), self)
        page = self._page(self.typing_caption, self.typing, self.typing_hint, self.keyboard)
        layout = page.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.setStretchFactor(self.keyboard, 1)
        return page

    def _pin_page(self) -> QWidget:
        self.pin_title = label("title")
        self.pin_captions = [label("heading"), label("heading")]
        self.pin_fields = [self._field("new_pin"), self._field("new_pin_again")]
        fields = QVBoxLayout()
        fields.setSpacing(8)
        for caption, field in zip(self.pin_captions, self.pin_fields, strict=True):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setMaxLength(8)
            field.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,8}"), self))
            field.textChanged.connect(self._refresh_pin)
            fields.addWidget(caption)
            fields.addWidget(field)
        self.pin_message = label("error")
        self.pin_message.setObjectName("pin_message")
        fields.addWidget(self.pin_message)
        fields.addStretch(1)
        self.keypad = NumericKeypad()
        self.pin_cancel = button(name="pin_cancel")
        self.pin_save = button("primary", name="pin_save")
        self.pin_cancel.clicked.connect(self._pin_back)
        self.pin_save.clicked.connect(self._pin_done)
        body = QHBoxLayout()
        body.setSpacing(40)
        body.addLayout(fields, 1)
        body.addWidget(self.keypad, 1)
        actions = self._row(self.pin_cancel, self.pin_save)
        return self._page(self.pin_title, body, actions, stretch_at=1)

    # -- list --------------------------------------------------------------------------------

    def show_helpers(self, helpers: Sequence[HelperInfo], *, me: str, now: datetime) -> None:
        """List every account (``me``, the admin at the kiosk, cannot stop their own)."""
        selected = self.chosen()
        self._me, self._now = me, now
        self._set_rows(helpers)
        if selected in self.rows:
            self.rows[selected].setChecked(True)
        self.retranslate()

    def _set_rows(self, helpers: Sequence[HelperInfo]) -> None:
        for row in self.rows.values():
            self._rows.removeButton(row)
            self.rows_layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.rows = {}
        self.helpers = list(helpers)
        for helper in self.helpers:
            row = ChoiceButton()
            row.setObjectName(f"account_{helper.username}")
            row.toggled.connect(self._refresh_list)
            self._rows.addButton(row)
            self.rows_layout.insertWidget(self.rows_layout.count() - 1, row)
            self.rows[helper.username] = row
        self._refresh_list()

    def chosen(self) -> str | None:
        """The username of the selected account."""
        return next((u for u, row in self.rows.items() if row.isChecked()), None)

    def _chosen_helper(self) -> HelperInfo | None:
        username = self.chosen()
        return next((h for h in self.helpers if h.username == username), None)

    def show_list(self, done: str = "") -> None:
        """Back to the list, with ``done`` (what just succeeded) in a notice."""
        self.done.setText(done)
        self.done.setVisible(bool(done))
        self.list_message.clear()
        self.pages.setCurrentIndex(LIST)

    def show_error(self, text: str) -> None:
        """A refusal on the page in use (the PIN fields are wiped)."""
        page = self.pages.currentIndex()
        if page == PIN:
            for field in self.pin_fields:
                field.clear()
            self._bind_keypad(self.pin_fields[0])
        target = {FORM: self.form_message, PIN: self.pin_message}.get(page, self.list_message)
        target.setText(text)

    def _refresh_list(self) -> None:
        helper = self._chosen_helper()
        self.reset.setEnabled(helper is not None and helper.active)
        self.toggle_active.setEnabled(helper is not None and helper.username != self._me)
        self.toggle_active.setText(
            self.tr("Cho hoạt động lại")
            if helper is not None and not helper.active
            else self.tr("Ngừng hoạt động")
        )
        self.list_message.clear()

    def _toggle_active(self) -> None:
        helper = self._chosen_helper()
        if helper is not None and helper.username != self._me:
            self.active_requested.emit(helper.username, not helper.active)

    # -- adding and PINs ---------------------------------------------------------------------

    def _start_add(self) -> None:
        self._pin_for = ""
        for field in (self.name_field, self.username_field):
            field.clear()
        uncheck_all(self._role_group)
        uncheck_all(self._kind_group)
        self.roles["role_helper"].setChecked(True)
        self.kinds["kind_volunteer"].setChecked(True)
        self.form_message.clear()
        self.pages.setCurrentIndex(FORM)

    def _refresh_form(self) -> None:
        ready = bool(self.name_field.text().strip() and self.username_field.text().strip())
        self.form_next.setEnabled(ready)
        self.form_message.clear()

    def _form_done(self) -> None:
        self._open_pin_page()

    def _start_reset(self) -> None:
        helper = self._chosen_helper()
        if helper is not None:
            self._pin_for = helper.username
            self._open_pin_page()

    def _open_pin_page(self) -> None:
        for field in self.pin_fields:
            field.clear()
        self.pin_message.clear()
        self._bind_keypad(self.pin_fields[0])
        self.retranslate()
        self.pages.setCurrentIndex(PIN)

    def _bind_keypad(self, field: QLineEdit) -> None:
        self.keypad.bind(field)
        field.setFocus()

    def _refresh_pin(self) -> None:
        first, again = (field.text() for field in self.pin_fields)
        self.pin_save.setEnabled(len(first) >= 4 and len(again) >= 4)
        if self.keypad.target is self.pin_fields[0] and len(first) == 8:
            self._bind_keypad(self.pin_fields[1])  # a full PIN: on to typing it again

    def _pin_back(self) -> None:
        if self._pin_for:
            self.show_list()
        else:  # adding: back to the name and role, which are kept
            self.pages.setCurrentIndex(FORM)

    def _pin_done(self) -> None:
        first, again = (field.text() for field in self.pin_fields)
        if first != again:
            self.show_error(self.tr("Hai lần nhập mã PIN không khớp. Hãy nhập lại."))
            return
        if self._pin_for:
            self.reset_pin_requested.emit(self._pin_for, first)
            return
        role = "admin" if self.roles["role_admin"].isChecked() else "helper"
        kind = "staff" if self.kinds["kind_staff"].isChecked() else "volunteer"
        name = " ".join(self.name_field.text().split())
        self.add_requested.emit(self.username_field.text().strip(), name, first, kind, role)

    # -- typing ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Touching a text field opens the keyboard; touching a PIN field binds the keypad."""
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(watched, QLineEdit):
            if watched in self.pin_fields:
                self._bind_keypad(watched)
                return False
            if watched in (self.name_field, self.username_field):
                self.open_keyboard(watched)
                return True
        return super().eventFilter(watched, event)

    def open_keyboard(self, field: QLineEdit) -> None:
        """Type into ``field`` on the full-width keyboard page."""
        self._typing_into = field
        username = field is self.username_field
        self.typing.setValidator(self._username_rule if username else self._any_text)
        self.typing.setMaxLength(field.maxLength())
        self.typing.setText(field.text())
        self.retranslate()
        self.pages.setCurrentIndex(KEYBOARD)
        self.typing.setFocus()

    def _typing_done(self) -> None:
        field = self._typing_into
        if field is not None:
            field.setText(" ".join(self.typing.text().split()))
            if field is self.name_field and not self.username_field.text():
                self.username_field.setText(suggest_username(field.text()))
        self.pages.setCurrentIndex(FORM)

    def clear(self) -> None:
        for field in (self.name_field, self.username_field, self.typing, *self.pin_fields):
            field.clear()
        self._me, self._now = "", None
        self._set_rows([])
        self.show_list()

    # -- texts -------------------------------------------------------------------------------

    def _describe(self, helper: HelperInfo) -> str:
        kind = self.tr("Cán bộ") if helper.kind == "staff" else self.tr("Tình nguyện viên")
        parts = [helper.full_name, helper.username, kind]
        if helper.is_admin:
            parts.append(self.tr("quản trị viên"))
        if not helper.active:
            parts.append(self.tr("đã ngừng hoạt động"))
        elif helper.locked_until and self._now and helper.locked_until > self._now:
            until = helper.locked_until.astimezone(LOCAL_TZ).strftime("%H:%M")
            parts.append(self.tr("đang khoá đến {time}").format(time=until))
        return " · ".join(parts)

    def retranslate(self) -> None:
        self.list_title.setText(self.tr("Tài khoản tình nguyện viên và cán bộ"))
        for helper in self.helpers:
            self.rows[helper.username].setText(self._describe(helper))
        self.reset.setText(self.tr("Đặt lại PIN"))
        self.add.setText(self.tr("Thêm người"))
        self.back.setText(self.tr("Quay lại"))
        self._refresh_list()
        self.form_title.setText(self.tr("Thêm tình nguyện viên hoặc cán bộ"))
        self.name_caption.setText(self.tr("Họ và tên (chạm để gõ)"))
        self.username_caption.setText(self.tr("Tên đăng nhập (chạm để sửa)"))
        self.role_caption.setText(self.tr("Quyền (quản trị viên quản lý tài khoản, chốt sổ)"))
        self.roles["role_helper"].setText(self.tr("Hỗ trợ người dân"))
        self.roles["role_admin"].setText(self.tr("Quản trị viên"))
        self.kind_caption.setText(self.tr("Là"))
        self.kinds["kind_volunteer"].setText(self.tr("Tình nguyện viên"))
        self.kinds["kind_staff"].setText(self.tr("Cán bộ"))
        self.form_cancel.setText(self.tr("Huỷ"))
        self.form_next.setText(self.tr("Tiếp: đặt mã PIN"))
        username = self._typing_into is self.username_field
        self.typing_caption.setText(self.tr("Tên đăng nhập") if username else self.tr("Họ và tên"))
        self.typing_hint.setText(
            self.tr("Chữ thường không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang.")
            if username
            else self.tr("Gõ dấu kiểu Telex: aa → â, dd → đ, s sắc, f huyền, r hỏi, x ngã, j nặng.")
        )
        name = self._pin_for or self.name_field.text()
        self.pin_title.setText(self.tr("Mã PIN mới cho {name}").format(name=name))
        self.pin_captions[0].setText(self.tr("Mã PIN (4–8 chữ số)"))
        self.pin_captions[1].setText(self.tr("Nhập lại mã PIN"))
        self.pin_cancel.setText(self.tr("Huỷ") if self._pin_for else self.tr("Quay lại"))
        self.pin_save.setText(self.tr("Lưu"))
        self._refresh_pin()

    def speech_text(self) -> str:
        current = self.pages.currentWidget()
        titles = current.findChildren(QLabel) if current is not None else []
        return titles[0].text() if titles else ""
