"""A handheld scanner in USB-COM mode, read on a worker thread; results by signal only.

Each scan is a deliberate trigger pull, so a payload is interpreted at once (no
two-read consensus as with the camera). An unplugged or busy port is reported once and
retried every few seconds.
"""

from __future__ import annotations

import logging

from kiosk.devices.serial_scanner import SCANNER_LOST, ScannerUnavailableError, SerialScanner
from kiosk.domain.clock import Clock, local_day
from kiosk.services.identity.scanning import choose
from kiosk.ui.device_worker import DeviceWorker

log = logging.getLogger(__name__)

POLL_SECONDS = 0.25  # how often the loop looks at its stop flag while waiting for a scan


class SerialScanWorker(DeviceWorker):
    """Runs the serial read loop; lives on its own QThread (see ``ScanController``)."""

    lost_message = SCANNER_LOST

    def __init__(
        self, scanner: SerialScanner, clock: Clock, *, reconnect_seconds: float = 2.0
    ) -> None:
        super().__init__(scanner, reconnect_seconds=reconnect_seconds)
        self._scanner = scanner
        self._clock = clock

    def _read_until_lost(self) -> None:
        while not self.stopping:
            try:
                payload = self._scanner.read_payload(timeout_s=POLL_SECONDS)
            except ScannerUnavailableError as exc:
                log.warning("serial scanner %s lost: %s", self._scanner.name, exc.detail)
                self.camera_status.emit(False, exc.message)
                return
            if payload is not None:
                self._report(choose([payload], local_day(self._clock.now())))
