"""One visit as a row of helper home's list: time, receipt, services, masked ID, status.

The list shows only what a helper needs to find a visit again, never a name.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QLayout, QPushButton, QSizePolicy, QSpacerItem

from kiosk.domain.catalogue import Catalogue
from kiosk.domain.clock import LOCAL_TZ
from kiosk.domain.values import TransactionRecord
from kiosk.errors import QT_TRANSLATE_NOOP
from kiosk.ui.screens.base import label
from kiosk.ui.theme import TOUCH_MIN_PX, restyle, set_kind

CONTEXT = "helper_home"
# Short names for the list (the catalogue's names are made for citizens, and long).
SHORT_NAMES = {
    "portal_account": QT_TRANSLATE_NOOP("helper_home", "TK Dịch vụ công"),
    "vneid_level1": QT_TRANSLATE_NOOP("helper_home", "VNeID mức 1"),
    "vneid_level2": QT_TRANSLATE_NOOP("helper_home", "VNeID mức 2"),
    "signature_vnpt_smartca": QT_TRANSLATE_NOOP("helper_home", "Chữ ký số SmartCA"),
    "signature_viettel_mysign": QT_TRANSLATE_NOOP("helper_home", "Chữ ký số MySign"),
    "signature_other": QT_TRANSLATE_NOOP("helper_home", "Chữ ký số"),
    "online_filing": QT_TRANSLATE_NOOP("helper_home", "Nộp hồ sơ"),
    "online_payment": QT_TRANSLATE_NOOP("helper_home", "Thanh toán"),
    "vssid": QT_TRANSLATE_NOOP("helper_home", "VssID"),
    "e_health_book": QT_TRANSLATE_NOOP("helper_home", "Sổ sức khỏe"),
    "cashless_account": QT_TRANSLATE_NOOP("helper_home", "TK không tiền mặt"),
    "other": QT_TRANSLATE_NOOP("helper_home", "Hỗ trợ khác"),
}
# Offered as the reason of a correction; stored in Vietnamese whatever the screen's language.
STATUS_TEXT = {
    "open": QT_TRANSLATE_NOOP("helper_home", "chưa xong"),
    "finished": QT_TRANSLATE_NOOP("helper_home", "xong"),
    "corrected": QT_TRANSLATE_NOOP("helper_home", "đã điều chỉnh"),
    "correction": QT_TRANSLATE_NOOP("helper_home", "bản điều chỉnh"),
    "abandoned": QT_TRANSLATE_NOOP("helper_home", "bỏ dở"),
}


def status_of(record: TransactionRecord) -> str:
    """``open``, ``finished``, ``corrected`` (a later entry corrects it), ``correction``
    (it corrects another) or ``abandoned`` (left open when the day was closed)."""
    if record.corrects_id is not None:
        return "correction"
    if record.status == "finished" and record.corrections:
        return "corrected"
    return record.status if record.status in STATUS_TEXT else "open"


def short_name(catalogue: Catalogue, code: str, language: str) -> str:
    """The service's short name for lists (its catalogue name when it has none)."""
    if code in SHORT_NAMES:
        return QCoreApplication.translate(CONTEXT, SHORT_NAMES[code])
    return catalogue.label("services", code, language)


class TransactionRow(QPushButton):
    """One visit as a big checkable row: time, receipt, services, masked ID, status.

    Styled as a choice, but without :class:`ChoiceButton`'s Python size hints: a day of
    thousands of visits is laid out by Qt alone, so the list never holds the window up.
    """

    def __init__(self, record: TransactionRecord) -> None:
        super().__init__()
        set_kind(self, "choice")
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.record = record
        self.setObjectName(f"row_{record.id}")
        # time and receipt number never wrap; the words wrap rather than being cut
        self.cells = [label("body", wrap=index in (2, 3, 4)) for index in range(5)]
        grid = QGridLayout(self)  # its minimum size is the row's: no Python size hint
        # (a button's own minimum ignores its layout: without this the receipt number was cut)
        grid.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        grid.setContentsMargins(20, 12, 20, 12)
        grid.setHorizontalSpacing(20)
        grid.setVerticalSpacing(2)
        self.time, self.receipt, self.services, self.status, self.citizen = self.cells
        grid.addWidget(self.time, 0, 0)
        grid.addWidget(self.receipt, 0, 1)
        grid.addWidget(self.services, 1, 1)
        grid.addWidget(self.status, 0, 2)
        grid.addWidget(self.citizen, 1, 2)
        # at least a finger's height, whatever the text size
        grid.addItem(QSpacerItem(0, TOUCH_MIN_PX - 24), 0, 3, 2, 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnMinimumWidth(2, 220)
        for cell in self.cells:
            cell.setObjectName("choice_caption")  # styled like a choice's caption, checked too
            cell.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.services.setMinimumWidth(0)
        self.time.setMinimumWidth(96)
        self.toggled.connect(self._show_checked)

    def set_texts(self, services: str, status: str, anonymous: str) -> None:
        """Fill the cells (the captions come from the screen, in its language)."""
        record = self.record
        self.time.setText(record.started_at.astimezone(LOCAL_TZ).strftime("%H:%M"))
        self.receipt.setText(record.receipt_no or "—")
        self.services.setText(services)
        self.services.setToolTip(services)
        self.status.setText(status)
        self.citizen.setText(record.citizen_id_masked or anonymous)

    def _show_checked(self, checked: bool) -> None:
        for cell in self.cells:
            cell.setProperty("checked", checked)
            restyle(cell)
