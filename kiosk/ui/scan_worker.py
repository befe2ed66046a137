"""Camera capture and QR decoding on a worker thread; results reach widgets by signal only.

The loop reads a frame, shows it, decodes it quickly (a first look that costs about one
zxing-cpp read, then the cascade's fast effort only when a code seems present: see
:mod:`kiosk.devices.qr_presence`), and accepts a payload only when
:class:`~kiosk.services.identity.consensus.Consensus` has seen it twice in a row. An
unplugged or busy camera is reported once and retried every few seconds.
"""

from __future__ import annotations

import logging
import time

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtGui import QImage

from kiosk.devices.camera import CAMERA_LOST, FrameSource
from kiosk.services.identity.consensus import Consensus
from kiosk.services.identity.scanning import Scanner
from kiosk.ui.device_worker import DeviceWorker
from kiosk.ui.worker_thread import WorkerOwner

log = logging.getLogger(__name__)

PREVIEW_INTERVAL_S = 1 / 25  # preview frames per second, whatever the camera delivers


def frame_to_qimage(frame: np.ndarray) -> QImage:
    """A deep copy of a BGR (or grey) numpy frame as a QImage, safe to send across threads."""
    frame = np.ascontiguousarray(frame)
    height, width = frame.shape[:2]
    if frame.ndim == 2:
        image = QImage(frame.data, width, height, frame.strides[0], QImage.Format.Format_Grayscale8)
    else:
        image = QImage(frame.data, width, height, frame.strides[0], QImage.Format.Format_BGR888)
    return image.copy()  # the numpy buffer is reused by the next frame


class ScanWorker(DeviceWorker):
    """Runs the camera's capture loop; lives on its own QThread."""

    frame_ready = Signal(QImage)
    lost_message = CAMERA_LOST

    def __init__(
        self,
        source: FrameSource,
        scanner: Scanner,
        *,
        reconnect_seconds: float = 2.0,
        required_reads: int = 2,
    ) -> None:
        super().__init__(source, reconnect_seconds=reconnect_seconds)
        self._source = source
        self._scanner = scanner
        self._consensus = Consensus(required_reads)
        self._last_preview = 0.0

    def _read_until_lost(self) -> None:
        while not self.stopping:
            frame = self._source.read()
            if frame is None:
                log.warning("camera %s stopped delivering frames", self._source.name)
                self.camera_status.emit(False, CAMERA_LOST)
                return
            now = time.monotonic()
            if now - self._last_preview >= PREVIEW_INTERVAL_S:  # never flood the GUI's queue
                self._last_preview = now
                self.frame_ready.emit(frame_to_qimage(frame))
            self._decode(frame)

    def _decode(self, frame: np.ndarray) -> None:
        result = self._scanner.scan_frame(frame)
        if self._consensus.offer(result.payload) is not None:
            self._report(result)

    def reset(self) -> None:
        """Let the same card be accepted again (a new citizen, or a rescan)."""
        self._consensus.reset()


class ScanController(WorkerOwner):
    """Owns a scan worker's thread (see :class:`~kiosk.ui.worker_thread.WorkerOwner`).

    Lives on the GUI thread and re-emits the worker's signals, so widgets connect here and
    every slot runs on the GUI thread (queued across the thread boundary).
    """

    frame_ready = Signal(QImage)
    identity_read = Signal(object)
    scan_rejected = Signal(str)
    camera_status = Signal(bool, str)

    worker: DeviceWorker

    def __init__(self, worker: DeviceWorker) -> None:
        super().__init__(worker, name="scan-worker", stop_timeout_ms=5_000)
        if isinstance(worker, ScanWorker):  # a serial scanner has no picture to show
            worker.frame_ready.connect(self.frame_ready)
        worker.identity_read.connect(self.identity_read)
        worker.scan_rejected.connect(self.scan_rejected)
        worker.camera_status.connect(self.camera_status)
