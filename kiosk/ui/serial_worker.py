"""A handheld scanner in USB-COM mode, read on a worker thread; results by signal only.

Each scan is a deliberate trigger pull, so a payload is interpreted at once (no
two-read consensus as with the camera). An unplugged or busy port is reported once and
retried every few seconds.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.devices.serial_scanner import SCANNER_LOST, ScannerUnavailableError, SerialScanner
from kiosk.services.clock import Clock, local_day
from kiosk.services.scanning import choose

log = logging.getLogger(__name__)

POLL_SECONDS = 0.25  # how often the loop looks at its stop flag while waiting for a scan


class SerialScanWorker(QObject):
    """Runs the serial read loop; lives on its own QThread (see ``ScanController``)."""

    identity_read = Signal(object)  # CitizenIdentity
    scan_rejected = Signal(str)
    camera_status = Signal(bool, str)  # the device's status, named as for the camera
    finished = Signal()

    def __init__(
        self, scanner: SerialScanner, clock: Clock, *, reconnect_seconds: float = 2.0
    ) -> None:
        super().__init__()
        self._scanner = scanner
        self._clock = clock
        self._reconnect_seconds = reconnect_seconds
        self._stop = threading.Event()

    def stop(self) -> None:
        """Ask the loop to end (thread-safe)."""
        self._stop.set()

    def reset(self) -> None:
        """Nothing to forget: every trigger pull is a new scan."""

    @Slot()
    def run(self) -> None:
        """Open, read, interpret until stopped; reopen when the port goes away."""
        try:
            while not self._stop.is_set():
                if self._open():
                    self._read_until_lost()
                    self._scanner.close()
                if not self._stop.is_set():
                    self._stop.wait(self._reconnect_seconds)
        except Exception:  # a bug must not kill the thread silently
            log.exception("serial scan worker crashed")
            self.camera_status.emit(False, SCANNER_LOST)
        finally:
            self._scanner.close()
            self.finished.emit()

    def _open(self) -> bool:
        try:
            self._scanner.open()
        except ScannerUnavailableError as exc:
            log.warning("serial scanner %s unavailable: %s", self._scanner.name, exc.detail)
            self.camera_status.emit(False, exc.message)
            return False
        self.camera_status.emit(True, "")
        return True

    def _read_until_lost(self) -> None:
        while not self._stop.is_set():
            try:
                payload = self._scanner.read_payload(timeout_s=POLL_SECONDS)
            except ScannerUnavailableError as exc:
                log.warning("serial scanner %s lost: %s", self._scanner.name, exc.detail)
                self.camera_status.emit(False, exc.message)
                return
            if payload is None:
                continue
            result = choose([payload], local_day(self._clock.now()))
            if result.identity is not None:
                self.identity_read.emit(result.identity)
            elif result.error is not None:
                self.scan_rejected.emit(result.error.message)
