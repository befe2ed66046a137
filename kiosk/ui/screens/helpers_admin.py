"""Managing helper accounts (admins only): list, add, reset a PIN, stop or restart an account.

Four pages of one screen: the list; the new helper's name, username, role and kind; the
on-screen Vietnamese keyboard for typing a name; the new PIN typed twice on the keypad.
The screen checks only what it can see (both PINs equal); the controller asks
:class:`~kiosk.services.people.helpers.HelperAccounts`, which checks the rest and audits.
"""

from __future__ import annotations

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
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.clock import LOCAL_TZ
from kiosk.domain.values import HelperInfo
from kiosk.ui.screens.admin_parts import USERNAME_MAX, choices, page_of, suggest_username
from kiosk.ui.screens.base import Screen, button, label, row_list, row_of, rows_that_fit
from kiosk.ui.screens.new_pin_page import NewPinPage
from kiosk.ui.widgets.button_group import uncheck_all
from kiosk.ui.widgets.choice_button import ChoiceButton
from kiosk.ui.widgets.page_stack import PageStack
from kiosk.ui.widgets.vietnamese_keyboard import VietnameseKeyboard

LIST, FORM, KEYBOARD, PIN = range(4)
NAME_MAX = 80


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
        self._busy = False
        self.helpers: list[HelperInfo] = []
        self.rows: dict[str, ChoiceButton] = {}
        self._rows = QButtonGroup(self)
        self.pages = PageStack()  # as wide as the page on show
        self.pages.currentChanged.connect(self.content_changed)
        for page in (self._list_page(), self._form_page(), self._keyboard_page(), self._pin_page()):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.retranslate()

    # -- pages -------------------------------------------------------------------------------

    def _list_page(self) -> QWidget:
        self.list_title = label("title")
        scroll, self.rows_layout = row_list()
        self.done = label("notice")
        self.done.setObjectName("admin_done")
        self.done.hide()
        self.list_message = label("error")
        self.loading_note = label("muted")  # the accounts are being read
        self.loading_note.setObjectName("accounts_loading")
        self.loading_note.hide()
        self.busy_note = label("muted")  # a change is being saved
        self.busy_note.setObjectName("accounts_busy")
        self.busy_note.hide()
        self.reset = button(name="reset_pin")
        self.toggle_active = button(name="toggle_active")
        self.add = button("primary", name="add_helper")
        self.back = button(name="admin_back")
        self.reset.clicked.connect(self._start_reset)
        self.toggle_active.clicked.connect(self._toggle_active)
        self.add.clicked.connect(self._start_add)
        self.back.clicked.connect(self.back_requested)
        actions = rows_that_fit(self, (self.back, self.reset), (self.toggle_active, self.add))
        return page_of(
            self.list_title,
            self.loading_note,
            scroll,
            self.done,
            self.busy_note,
            self.list_message,
            actions,
            stretch_at=2,
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
        self.roles, self._role_group = choices(("role_helper", "role_admin"), self)
        self.kind_caption = label("heading")
        self.kinds, self._kind_group = choices(("kind_volunteer", "kind_staff"), self)
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
        actions = row_of(self.form_cancel, self.form_next)
        return page_of(self.form_title, grid, self.form_message, actions, stretch_at=1)

    def _keyboard_page(self) -> QWidget:
        self.typing_caption = label("heading")
        self.typing = QLineEdit()
        self.typing.setObjectName("typing_field")
        self.typing_hint = label("muted")
        self.keyboard = VietnameseKeyboard()
        self.keyboard.bind(self.typing)
        self.keyboard.submitted.connect(self._typing_done)
        self.keyboard.method_changed.connect(self.retranslate)  # the hint follows the method
        self._typing_into: QLineEdit | None = None
        self._username_rule = QRegularExpressionValidator(
            QRegularExpression(r"[a-z0-9._-]{0,40}"), self
        )
        self._any_text = QRegularExpressionValidator(QRegularExpression(r".*"), self)
        page = page_of(self.typing_caption, self.typing, self.typing_hint, self.keyboard)
        layout = page.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.setStretchFactor(self.keyboard, 1)
        return page

    def _pin_page(self) -> QWidget:
        self.pin_page = NewPinPage()
        self.pin_page.entered.connect(self._pin_done)
        self.pin_page.cancelled.connect(self._pin_back)
        page = self.pin_page  # its parts, as the screen's (tests and screenshots reach them)
        self.pin_title, self.pin_captions, self.pin_fields = page.title, page.captions, page.fields
        self.pin_message, self.keypad = page.message, page.keypad
        self.pin_cancel, self.pin_save = page.cancel, page.save
        return page

    # -- list --------------------------------------------------------------------------------

    def show_loading(self) -> None:
        """The list page, empty, while the accounts are read."""
        self._set_rows([])
        self.loading_note.show()
        self.show_list()

    def set_busy(self, busy: bool) -> None:
        """While a change is saved (a PIN hashed): say so, and no second tap."""
        self._busy = busy
        self.busy_note.setVisible(busy)
        self.pin_page.set_busy(busy)
        self.form_next.setEnabled(not busy and self._form_ready())
        self._refresh_list()

    def show_helpers(self, helpers: Sequence[HelperInfo], *, me: str, now: datetime) -> None:
        """List every account (``me``, the admin at the kiosk, cannot stop their own)."""
        self.loading_note.hide()
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
            self.pin_page.show_error(text)
            return
        (self.form_message if page == FORM else self.list_message).setText(text)

    def _refresh_list(self) -> None:
        helper = self._chosen_helper()
        idle = not self._busy
        self.reset.setEnabled(idle and helper is not None and helper.active)
        self.toggle_active.setEnabled(idle and helper is not None and helper.username != self._me)
        self.add.setEnabled(idle)
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

    def _form_ready(self) -> bool:
        return bool(self.name_field.text().strip() and self.username_field.text().strip())

    def _refresh_form(self) -> None:
        self.form_next.setEnabled(self._form_ready() and not self._busy)
        self.form_message.clear()

    def _form_done(self) -> None:
        self._open_pin_page()

    def _start_reset(self) -> None:
        helper = self._chosen_helper()
        if helper is not None:
            self._pin_for = helper.username
            self._open_pin_page()

    def _open_pin_page(self) -> None:
        self.pin_page.start(self._pin_for or self.name_field.text(), adding=not self._pin_for)
        self.pages.setCurrentIndex(PIN)

    def _pin_back(self) -> None:
        if self._pin_for:
            self.show_list()
        else:  # adding: back to the name and role, which are kept
            self.pages.setCurrentIndex(FORM)

    def _pin_done(self, pin: str) -> None:
        if self._pin_for:
            self.reset_pin_requested.emit(self._pin_for, pin)
            return
        role = "admin" if self.roles["role_admin"].isChecked() else "helper"
        kind = "staff" if self.kinds["kind_staff"].isChecked() else "volunteer"
        name = " ".join(self.name_field.text().split())
        self.add_requested.emit(self.username_field.text().strip(), name, pin, kind, role)

    # -- typing ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Touching the name or username field opens the keyboard."""
        pressed = event.type() == QEvent.Type.MouseButtonPress
        if pressed and isinstance(watched, QLineEdit) and watched in self._typed_fields():
            self.open_keyboard(watched)
            return True
        return super().eventFilter(watched, event)

    def _typed_fields(self) -> tuple[QLineEdit, ...]:
        return (self.name_field, self.username_field)

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
        for field in (self.name_field, self.username_field, self.typing):
            field.clear()
        self.pin_page.clear()
        self.set_busy(False)
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
            parts.append(self.tr("đang khóa đến {time}").format(time=until))
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
        self.form_cancel.setText(self.tr("Hủy"))
        self.form_next.setText(self.tr("Tiếp: đặt mã PIN"))
        username = self._typing_into is self.username_field
        self.typing_caption.setText(self.tr("Tên đăng nhập") if username else self.tr("Họ và tên"))
        self.typing_hint.setText(
            self.tr("Chữ thường không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang.")
            if username
            else self.keyboard.hint()
        )
        self.loading_note.setText(self.tr("Đang tải danh sách tài khoản…"))
        self.busy_note.setText(self.tr("Đang lưu…"))

    def speech_text(self) -> str:
        current = self.pages.currentWidget()
        titles = current.findChildren(QLabel) if current is not None else []
        return titles[0].text() if titles else ""
