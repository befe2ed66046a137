"""Every ID source of the counter behind one object: the webcam, a COM-port scanner, a
keyboard-wedge scanner and a PC/SC chip reader. Devices run only while the scan screen is up."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from kiosk.domain.clock import Clock, local_day
from kiosk.errors import KioskError
from kiosk.services.chip.bac import AccessKey
from kiosk.services.identity.scanning import choose
from kiosk.services.identity.wedge import refuse_if_garbled
from kiosk.ui.chip_worker import ChipController, ChipWorker
from kiosk.ui.device_worker import DeviceWorker
from kiosk.ui.scan_worker import ScanController

log = logging.getLogger(__name__)

WorkerFactory = Callable[[], DeviceWorker]
ChipFactory = Callable[[], ChipWorker]


class ScanHub(QObject):
    """Starts and stops the scan workers; re-emits what they read on the GUI thread.

    A factory that raises :class:`KioskError` (no QR decoder, no camera driver) is
    reported through :attr:`camera_status` and the other sources keep working.
    """

    frame_ready = Signal(QImage)
    identity_read = Signal(object)
    scan_rejected = Signal(str)
    camera_status = Signal(bool, str)
    scanned_mid_visit = Signal()  # a card was scanned while no scan was asked for
    chip_status = Signal(str, str)  # the chip reader's state and message (chip_worker)
    chip_read = Signal(object)  # ChipResult
    chip_failed = Signal(str, str)  # kind, message

    def __init__(self, factories: Sequence[WorkerFactory], clock: Clock) -> None:
        super().__init__()
        self._factories = tuple(factories)
        self._clock = clock
        self._controllers: list[ScanController] = []
        self._chip_factory: ChipFactory | None = None
        self._chip: ChipController | None = None
        self._chip_key: AccessKey | None = None
        self.wedge_enabled = False

    @property
    def has_chip_source(self) -> bool:
        """Whether a chip reader source is set (it may still find no reader)."""
        return self._chip_factory is not None

    def set_chip_source(self, factory: ChipFactory | None) -> None:
        """Watch a chip reader too while the scan screen is up (``None``: no more)."""
        self._chip_factory = factory

    def set_chip_key(self, key: AccessKey | None) -> None:
        """The BAC key for the next chip read (kept until changed or :meth:`forget_key`)."""
        self._chip_key = key
        if self._chip is not None:
            self._chip.worker.set_key(key)

    def forget_key(self) -> None:
        """Drop the BAC key (a new citizen, a visit ended)."""
        self.set_chip_key(None)

    @property
    def running(self) -> bool:
        """Whether the devices are capturing."""
        return bool(self._controllers) or self.wedge_enabled or self._chip is not None

    def start(self, *, chip_only: bool = False) -> None:
        """Open every source (a new worker each time: a stopped worker is not restarted);
        ``chip_only``: the chip reader alone (reading a card whose QR was just read)."""
        if self.running:
            return
        self._start_chip()
        if chip_only:
            return
        self.wedge_enabled = True
        for factory in self._factories:
            try:
                worker = factory()
            except KioskError as exc:
                log.error("scan source unavailable: %s", exc.detail)
                self.camera_status.emit(False, exc.message)
                continue
            controller = ScanController(worker)
            controller.frame_ready.connect(self.frame_ready)
            controller.identity_read.connect(self.identity_read)
            controller.scan_rejected.connect(self.scan_rejected)
            controller.camera_status.connect(self.camera_status)
            self._controllers.append(controller)
            controller.start()

    def _start_chip(self) -> None:
        if self._chip_factory is None:
            return
        worker = self._chip_factory()
        worker.set_key(self._chip_key)
        self._chip = ChipController(worker)
        self._chip.status.connect(self.chip_status)
        self._chip.card_read.connect(self.chip_read)
        self._chip.read_failed.connect(self.chip_failed)
        self._chip.start()

    def stop(self) -> None:
        """Close every source and wait for the threads."""
        self.wedge_enabled = False
        controllers, self._controllers = self._controllers, []
        for controller in controllers:
            if not controller.stop():
                log.error("a scan worker did not stop in time")
            controller.deleteLater()
        chip, self._chip = self._chip, None
        if chip is not None:
            if not chip.stop():
                log.error("the chip worker did not stop in time")
            chip.deleteLater()

    def take_wedge_payload(self, text: str) -> None:
        """A keyboard-wedge scanner typed a burst: treat it like a QR read."""
        if not self.wedge_enabled:
            log.info("a wedge scan (%d characters) came outside the scan screen", len(text))
            self.scanned_mid_visit.emit()
            return
        try:
            refuse_if_garbled(text)
        except KioskError as exc:
            self.scan_rejected.emit(exc.message)
            return
        result = choose([text.encode("utf-8")], local_day(self._clock.now()))
        if result.identity is not None:
            self.identity_read.emit(result.identity)
        elif result.error is not None:
            self.scan_rejected.emit(result.error.message)
