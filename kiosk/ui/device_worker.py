"""The read loop shared by the camera and the serial scanner, run on a worker thread.

Open the device, read until it is lost, close, wait, reopen — until asked to stop. A
device that cannot be opened is reported once per attempt; results travel by signal only.
The thread is owned by a :class:`~kiosk.ui.scan_worker.ScanController`.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import Signal

from kiosk.errors import KioskError
from kiosk.services.identity.scanning import ScanResult
from kiosk.ui.worker_thread import LoopWorker

log = logging.getLogger(__name__)


class Device(Protocol):
    """What the loop needs of a camera or a scanner."""

    name: str

    def open(self) -> None:
        """Start; raise a :class:`KioskError` with a Vietnamese message when impossible."""
        ...

    def close(self) -> None:
        """Release (safe to call twice)."""
        ...


class DeviceWorker(LoopWorker):
    """Base of the scan workers; subclasses implement :meth:`_read_until_lost`."""

    identity_read = Signal(object)  # CitizenIdentity
    scan_rejected = Signal(str)  # Vietnamese reason: not an ID card, invalid date…
    camera_status = Signal(bool, str)  # device working?, message to show when not

    lost_message = ""  # shown if the loop itself crashes

    def __init__(self, device: Device, *, reconnect_seconds: float) -> None:
        super().__init__()
        self._device = device
        self._reconnect_seconds = reconnect_seconds

    def reset(self) -> None:
        """Forget what was read so far (a new citizen steps up); nothing by default."""

    def step(self) -> float:
        """Open, read until lost, close; reopen after a pause."""
        if self._open():
            self._read_until_lost()
            self._device.close()
        return self._reconnect_seconds

    def crashed(self) -> None:
        log.error("scan worker for %s stopped", self._device.name)
        self.camera_status.emit(False, self.lost_message)

    def cleanup(self) -> None:
        self._device.close()

    def _open(self) -> bool:
        try:
            self._device.open()
        except KioskError as exc:
            log.warning("device %s unavailable: %s", self._device.name, exc.detail)
            self.camera_status.emit(False, exc.message)
            return False
        self.camera_status.emit(True, "")
        return True

    def _read_until_lost(self) -> None:
        raise NotImplementedError

    def _report(self, result: ScanResult) -> None:
        """Emit an accepted scan: the identity, or why the code is not a valid ID card."""
        if result.identity is not None:
            self.identity_read.emit(result.identity)
        elif result.error is not None:
            self.scan_rejected.emit(result.error.message)
