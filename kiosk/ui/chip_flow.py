"""Reading the card's chip within a visit: the key page, the read, the confirm screen.

Two ways in. Without a QR read, "Đọc chip trên thẻ" on the scan screen opens the key page
and the volunteer types the number, birth date and expiry printed on the card. After a QR
read, "Đọc chip để xác thực" on the confirm screen opens it with the number and birth date
from the QR and, when the law fixes it (:mod:`kiosk.services.chip.expiry`), the expiry: the
volunteer then only puts the card on the reader. The chip's identity goes to the visit as
the QR's does (:meth:`CitizenFlow.take_identity`); after both, the two are reconciled
(:func:`~kiosk.services.identity.from_chip.reconcile`) and what differs is said in words.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject

from kiosk.domain.clock import Clock, local_day
from kiosk.errors import QT_TRANSLATE_NOOP, InputError
from kiosk.services.chip.card_read import ChipResult
from kiosk.services.chip.key_fields import KeyFields, access_key, key_fields_from
from kiosk.services.identity import CitizenIdentity, IdentityError, IdentityField
from kiosk.services.identity.from_chip import identity_from_chip, reconcile
from kiosk.services.identity.model import SOURCE_QR
from kiosk.settings import Settings
from kiosk.ui.chip_worker import ABSENT, WRONG_KEY, ChipWorker
from kiosk.ui.citizen_screens import CitizenScreens
from kiosk.ui.i18n import translate_error, translate_message
from kiosk.ui.scan_hub import ScanHub
from kiosk.ui.shell import KioskShell

log = logging.getLogger(__name__)

NO_READER_LINE = QT_TRANSLATE_NOOP("chip", "Chưa có đầu đọc chip: quét mã QR hoặc nhập tay.")
MRZ_HINT = QT_TRANSLATE_NOOP(
    "chip",
    "Nếu ngày sinh và ngày hết hạn đã đúng, hãy nhập số giấy tờ in trên dòng mã MRZ ở mặt "
    "sau thẻ (9 số ngay sau chữ IDVNM).",
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChipFlow", text)


class ChipFlow(QObject):
    """Connects the chip source of the :class:`ScanHub` to the scan and confirm screens."""

    def __init__(
        self,
        settings: Settings,
        clock: Clock,
        shell: KioskShell,
        screens: CitizenScreens,
        scan_hub: ScanHub,
        *,
        take_identity: Callable[[CitizenIdentity], None],
        identity: Callable[[], CitizenIdentity | None],
    ) -> None:
        super().__init__()
        self._clock = clock
        self._shell = shell
        self._screens = screens
        self._hub = scan_hub
        self._take_identity = take_identity
        self._identity = identity
        self._qr: CitizenIdentity | None = None  # the QR read being checked against the chip
        store = settings.csca_store_path
        scan_hub.set_chip_source(lambda: ChipWorker(store))
        scan_hub.chip_status.connect(self._status)
        scan_hub.chip_read.connect(self._read)
        scan_hub.chip_failed.connect(self._failed)
        key_page = screens.scan.key_page
        screens.scan.chip_requested.connect(self.open_key_page)
        screens.confirm.chip_requested.connect(self.verify_qr)
        key_page.read_requested.connect(self.use_key)
        key_page.back_requested.connect(self._back)

    def forget(self) -> None:
        """The visit ended: no key, no QR read kept."""
        self._qr = None
        self._hub.forget_key()

    def _status(self, state: str, message: str) -> None:
        available = state != ABSENT
        if not available and message:
            log.info("chip reader: %s", message)  # the reason is for the log and the doctor
        text = translate_message(message if available else NO_READER_LINE)
        self._screens.scan.set_chip_status(available, text)
        self._screens.confirm.set_chip_available(available)

    def open_key_page(self) -> None:
        """No QR: the volunteer types the three fields."""
        self._qr = None
        self._screens.scan.show_key_page(KeyFields())

    def verify_qr(self) -> None:
        """Read the chip of the card whose QR was just read, with what the QR gave."""
        identity = self._identity()
        if identity is None or identity.source != SOURCE_QR:
            return
        if self._shell.current_screen is not self._screens.confirm:
            return
        self._qr = identity
        fields = key_fields_from(identity.id_number, identity.birth_date, identity.issue_date)
        self._screens.scan.show_key_page(fields)
        self._shell.show_screen(self._screens.scan)
        self._hub.start(chip_only=True)  # the camera stays off: the QR is read already
        if fields.complete:
            self.use_key(fields.number, fields.birth, fields.expiry)

    def use_key(self, number: str, birth: str, expiry: str) -> None:
        """Read the card on the reader with these fields (said on the page when wrong)."""
        page = self._screens.scan.key_page
        try:
            key = access_key(number, birth, expiry)
        except InputError as exc:
            page.show_error(translate_error(exc))
            return
        page.show_error("")
        self._hub.set_chip_key(key)
        if not self._hub.running:
            self._hub.start(chip_only=True)

    def _back(self) -> None:
        self._hub.forget_key()
        qr, self._qr = self._qr, None
        self._screens.scan.show_scan_page()
        if qr is not None:  # back to the QR's details, as they were
            self._hub.stop()
            self._shell.show_screen(self._screens.confirm)

    def _read(self, result: ChipResult) -> None:
        scan = self._screens.scan
        if self._shell.current_screen is not scan:
            log.info("a chip read came after the scan screen was left: ignored")
            return
        try:
            chip = identity_from_chip(
                result.personal, result.verification.outcome.value, local_day(self._clock.now())
            )
        except IdentityError as exc:
            log.warning("chip identity refused: %s", exc.detail)
            scan.key_page.show_error(translate_error(exc))
            return
        qr, self._qr = self._qr, None
        reconciled = reconcile(qr, chip)
        self._hub.forget_key()
        self._take_identity(reconciled.identity)
        panel = self._screens.confirm.chip
        note = self._note(reconciled.differing, reconciled.chip_won)
        panel.show_read(result.verification.outcome.value, note, result.chip_check)
        if result.face is not None:
            panel.show_face(*result.face)

    def _note(self, differing: tuple[IdentityField, ...], chip_won: bool) -> str:
        if not differing:
            return ""
        names = {
            IdentityField.ID_NUMBER: _tr("số định danh"),
            IdentityField.FULL_NAME: _tr("họ và tên"),
            IdentityField.BIRTH_DATE: _tr("ngày sinh"),
            IdentityField.GENDER: _tr("giới tính"),
        }
        fields = ", ".join(names[field] for field in differing)
        if chip_won:
            return _tr(
                "Chip và mã QR khác nhau ở: {fields}. Màn hình dùng thông tin trong chip vì "
                "chip đã được xác thực; hãy hỏi lại người dân cho chắc."
            ).format(fields=fields)
        return _tr(
            "Chip và mã QR khác nhau ở: {fields}, và chip chưa xác thực được. Màn hình giữ "
            "thông tin mã QR; hãy đối chiếu thẻ và ảnh, nếu không đúng người thì chọn «Quét lại»."
        ).format(fields=fields)

    def _failed(self, kind: str, message: str) -> None:
        page = self._screens.scan.key_page
        text = translate_message(message)
        if kind == WRONG_KEY:
            page.ask_number(f"{text} {translate_message(MRZ_HINT)}")
        else:
            page.show_error(text)
