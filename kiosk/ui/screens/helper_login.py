"""Helper sign-in: tap your name, type your PIN on the keypad, "Đăng nhập".

The same screen asks for an admin's PIN (mode ``ADMIN``, or ``EXIT_KIOSK`` before leaving
kiosk mode): its title says so, and the controller refuses anyone else.
Every refusal (wrong PIN, tries left, locked until…) is red text on the screen, never a
dialog.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.values import HelperInfo
from kiosk.ui.screens.base import Screen, button, label, scrolled
from kiosk.ui.widgets.choice_button import ChoiceButton
from kiosk.ui.widgets.numeric_keypad import NumericKeypad

PIN_MIN, PIN_MAX = 4, 8
SIGN_IN, ADMIN, EXIT_KIOSK = "sign_in", "admin", "exit"
NAME_COLUMNS = 2


class HelperLoginScreen(Screen):
    """Emits :attr:`sign_in_requested` (username, PIN) or :attr:`cancelled`."""

    sign_in_requested = Signal(str, str)
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.mode = SIGN_IN
        self.loading = False  # the names are being read
        self.checking = False  # the PIN is being checked
        self.name_buttons: dict[str, ChoiceButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.title = label("title")
        self.title.setObjectName("login_title")
        self.hint = label("muted")
        self.names_host = QWidget()
        self.names_host.setProperty("screen", True)
        self.names = QGridLayout()
        self.names.setSpacing(12)
        host_layout = QVBoxLayout(self.names_host)
        host_layout.setContentsMargins(0, 0, 8, 0)
        host_layout.addLayout(self.names)
        host_layout.addStretch(1)
        scroll = scrolled(self.names_host)
        self.no_helpers = label("notice")
        self.no_helpers.setObjectName("no_helpers")
        self.no_helpers.hide()
        self.pin = QLineEdit()
        self.pin.setObjectName("pin_field")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(PIN_MAX)
        self.pin.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,8}"), self))
        self.pin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin.textChanged.connect(self._refresh)
        self.pin.returnPressed.connect(self._submit)
        self.keypad = NumericKeypad()
        self.keypad.bind(self.pin)
        self.message = label("error")
        self.message.setObjectName("login_message")
        self.status = label("muted")  # loading the names, checking the PIN
        self.status.setObjectName("login_status")
        self.status.hide()
        self.back = button(name="login_cancel")
        self.back.clicked.connect(self.cancelled)
        self.sign_in = button("primary", name="login_submit")
        self.sign_in.clicked.connect(self._submit)

        left = QVBoxLayout()
        left.setSpacing(12)
        left.addWidget(self.title)
        left.addWidget(self.hint)
        left.addWidget(self.no_helpers)
        left.addWidget(scroll, 1)
        left.addWidget(self.status)
        left.addWidget(self.message)
        left.addWidget(self.back)
        right = QVBoxLayout()
        right.setSpacing(12)
        right.addWidget(self.pin)
        right.addWidget(self.keypad, 1)
        right.addWidget(self.sign_in)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(40, 16, 40, 16)
        layout.setSpacing(40)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        self.retranslate()

    # -- state -------------------------------------------------------------------------------

    @property
    def admin_only(self) -> bool:
        """Whether only an admin may pass (the controller refuses anyone else)."""
        return self.mode != SIGN_IN

    def open(self, helpers: Sequence[HelperInfo], mode: str = SIGN_IN) -> None:
        """Start afresh with a button per helper; ``mode`` says why the PIN is asked."""
        self.show_loading(mode)
        self.show_helpers(helpers)

    def show_loading(self, mode: str = SIGN_IN) -> None:
        """Start afresh for ``mode``, while the names are read."""
        self.clear()
        self.mode = mode
        self.loading = True
        self.no_helpers.hide()  # until the names are read: maybe there are some
        self.retranslate()

    def show_helpers(self, helpers: Sequence[HelperInfo]) -> None:
        """A button per helper, in place of the loading state (only the admins when an
        admin's PIN is asked for: leaving kiosk mode, an admin's power)."""
        self._remove_names()
        self.loading = False
        if self.admin_only:
            helpers = [helper for helper in helpers if helper.is_admin]
        names = Counter(helper.full_name for helper in helpers)
        for helper in helpers:
            # Two helpers with the same name are told apart by their usernames.
            text = helper.full_name
            if names[helper.full_name] > 1:
                text = f"{helper.full_name} ({helper.username})"
            widget = ChoiceButton(text)
            widget.setObjectName(f"helper_{helper.username}")
            widget.setProperty("username", helper.username)
            widget.toggled.connect(self._name_chosen)
            self._group.addButton(widget)
            index = len(self.name_buttons)
            self.names.addWidget(widget, index // NAME_COLUMNS, index % NAME_COLUMNS)
            self.name_buttons[helper.username] = widget
        self.no_helpers.setVisible(not helpers)
        if len(helpers) == 1:  # one account: no need to tap the name
            next(iter(self.name_buttons.values())).setChecked(True)
        self.retranslate()

    def set_checking(self, checking: bool) -> None:
        """While the PIN is checked: say so, and no second "Đăng nhập"."""
        self.checking = checking
        if checking:
            self.message.clear()
        self.retranslate()
        self._refresh()

    def chosen(self) -> str | None:
        """The username whose name is selected."""
        for username, widget in self.name_buttons.items():
            if widget.isChecked():
                return username
        return None

    def show_error(self, text: str) -> None:
        """A refusal in red under the names; the PIN is wiped for the next try."""
        self.message.setText(text)
        self.pin.clear()

    def clear(self) -> None:
        self._remove_names()
        self.loading = self.checking = False
        self.pin.clear()
        self.message.clear()
        self.retranslate()
        self._refresh()

    def _remove_names(self) -> None:
        for widget in self.name_buttons.values():
            self._group.removeButton(widget)
            self.names.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self.name_buttons = {}

    def _name_chosen(self, checked: bool) -> None:
        if checked:
            self.message.clear()
            self.pin.clear()
            self.pin.setFocus()
        self._refresh()

    def _refresh(self) -> None:
        ready = self.chosen() is not None and len(self.pin.text()) >= PIN_MIN
        self.sign_in.setEnabled(ready and not self.checking)

    def _submit(self) -> None:
        username = self.chosen()
        if username is None or len(self.pin.text()) < PIN_MIN or self.checking:
            return
        self.sign_in_requested.emit(username, self.pin.text())

    # -- texts -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        if self.mode == EXIT_KIOSK:
            self.title.setText(self.tr("Thoát chế độ kiosk"))
            self.hint.setText(
                self.tr(
                    "Chỉ quản trị viên được thoát. Quản trị viên chạm vào tên mình rồi nhập mã PIN."
                )
            )
        elif self.mode == ADMIN:
            self.title.setText(self.tr("Cần quản trị viên xác nhận"))
            self.hint.setText(
                self.tr("Quản trị viên chạm vào tên mình rồi nhập mã PIN (4–8 chữ số).")
            )
        else:
            self.title.setText(self.tr("Tình nguyện viên đăng nhập"))
            self.hint.setText(
                self.tr("Chạm vào tên của bạn, rồi nhập mã PIN (4–8 chữ số) bên phải.")
            )
        self.no_helpers.setText(
            self.tr(
                "Chưa có tài khoản nào. Cán bộ CNTT tạo tài khoản quản trị đầu tiên bằng lệnh: "
                'kiosk helper add <tên đăng nhập> --name "Họ tên" --role admin'
            )
        )
        self.pin.setAccessibleName(self.tr("Mã PIN"))
        self.status.setText(
            self.tr("Đang tải danh sách tài khoản…")
            if self.loading
            else self.tr("Đang kiểm tra mã PIN…")
            if self.checking
            else ""
        )
        self.status.setVisible(self.loading or self.checking)
        self.back.setText(self.tr("Quay lại"))
        self.sign_in.setText(self.tr("Đăng nhập") if self.mode == SIGN_IN else self.tr("Xác nhận"))

    def speech_text(self) -> str:
        return f"{self.title.text()}. {self.hint.text()}"
