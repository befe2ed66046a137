"""Camera capture and QR decoding on a worker thread; results reach widgets by signal only.

The loop reads a frame, shows it, decodes it quickly (the cascade's fast effort), and
accepts a payload only when :class:`~kiosk.services.consensus.Consensus` has seen it twice
in a row. An unplugged or busy camera is reported once and retried every few seconds.
"""

from __future__ import annotations

import logging
import threading
import time

import numpy as np
from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtGui import QImage

from kiosk.devices.camera import CAMERA_LOST, CameraUnavailableError, FrameSource
from kiosk.services.consensus import Consensus
from kiosk.services.scanning import Scanner
from kiosk.ui.serial_worker import SerialScanWorker

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


class ScanWorker(QObject):
    """Runs the capture loop; lives on its own QThread."""

    frame_ready = Signal(QImage)
    identity_read = Signal(object)  # CitizenIdentity
    scan_rejected = Signal(str)  # Vietnamese reason: not an ID card, invalid date…
    camera_status = Signal(bool, str)  # working?, message to show when not
    finished = Signal()

    def __init__(
        self,
        source: FrameSource,
        scanner: Scanner,
        *,
        reconnect_seconds: float = 2.0,
        required_reads: int = 2,
    ) -> None:
        super().__init__()
        self._source = source
        self._scanner = scanner
        self._reconnect_seconds = reconnect_seconds
        self._consensus = Consensus(required_reads)
        self._stop = threading.Event()
        self._last_preview = 0.0

    def stop(self) -> None:
        """Ask the loop to end (thread-safe)."""
        self._stop.set()

    @Slot()
    def run(self) -> None:
        """Open, read, decode until stopped; reconnect when the camera goes away."""
        try:
            while not self._stop.is_set():
                if self._open():
                    self._capture_until_lost()
                    self._source.close()
                if not self._stop.is_set():
                    self._stop.wait(self._reconnect_seconds)
        except Exception:  # a bug must not kill the thread silently
            log.exception("scan worker crashed")
            self.camera_status.emit(False, CAMERA_LOST)
        finally:
            self._source.close()
            self.finished.emit()

    def _open(self) -> bool:
        try:
            self._source.open()
        except CameraUnavailableError as exc:
            log.warning("camera %s unavailable: %s", self._source.name, exc.detail)
            self.camera_status.emit(False, exc.message)
            return False
        self.camera_status.emit(True, "")
        return True

    def _capture_until_lost(self) -> None:
        while not self._stop.is_set():
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
        agreed = self._consensus.offer(result.payload)
        if agreed is None:
            return
        if result.identity is not None:
            self.identity_read.emit(result.identity)
        elif result.error is not None:
            self.scan_rejected.emit(result.error.message)

    def reset(self) -> None:
        """Let the same card be accepted again (a new citizen, or a rescan)."""
        self._consensus.reset()


class ScanController(QObject):
    """Owns the worker thread: start it, stop it and wait (never destroy a running QThread).

    Lives on the GUI thread and re-emits the worker's signals, so widgets connect here and
    every slot runs on the GUI thread (queued across the thread boundary).
    """

    frame_ready = Signal(QImage)
    identity_read = Signal(object)
    scan_rejected = Signal(str)
    camera_status = Signal(bool, str)

    def __init__(self, worker: ScanWorker | SerialScanWorker) -> None:
        super().__init__()
        self.worker = worker
        self._thread = QThread()
        self._thread.setObjectName("scan-worker")
        worker.moveToThread(self._thread)
        self._thread.started.connect(worker.run)
        worker.finished.connect(self._thread.quit)
        if isinstance(worker, ScanWorker):  # a serial scanner has no picture to show
            worker.frame_ready.connect(self.frame_ready)
        worker.identity_read.connect(self.identity_read)
        worker.scan_rejected.connect(self.scan_rejected)
        worker.camera_status.connect(self.camera_status)

    def start(self) -> None:
        """Start capturing."""
        self._thread.start()

    def stop(self, timeout_ms: int = 5000) -> bool:
        """Stop capturing and wait for the thread; ``False`` if it did not end in time."""
        self.worker.stop()
        if not self._thread.isRunning():
            return True
        self._thread.quit()
        return bool(self._thread.wait(timeout_ms))
