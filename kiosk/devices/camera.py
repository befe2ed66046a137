"""Webcam frames through OpenCV, behind a small interface so tests can play image files.

No Qt here: the capture loop lives in :mod:`kiosk.ui.scan_worker`, on its own thread.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from kiosk.errors import QT_TRANSLATE_NOOP, KioskError

log = logging.getLogger(__name__)

FRAME_WIDTH, FRAME_HEIGHT = 1280, 720

CAMERA_NOT_FOUND = QT_TRANSLATE_NOOP(
    "camera",
    "Không mở được camera. Kiểm tra dây cắm USB hoặc ứng dụng khác đang dùng camera; "
    "vẫn có thể quét bằng máy quét cầm tay hoặc nhập tay.",
)
CAMERA_LOST = QT_TRANSLATE_NOOP(
    "camera", "Mất tín hiệu camera. Đang thử kết nối lại… Kiểm tra dây cắm USB."
)


class CameraUnavailableError(KioskError):
    """The camera cannot be opened (unplugged, busy, no permission)."""


class FrameSource(Protocol):
    """A source of BGR frames: a webcam, or image files in tests."""

    name: str

    def open(self) -> None:
        """Start capturing; raise :class:`CameraUnavailableError` when impossible."""
        ...

    def read(self) -> np.ndarray | None:
        """The next frame, or ``None`` when the device stopped delivering (unplugged)."""
        ...

    def close(self) -> None:
        """Release the device (safe to call twice)."""
        ...


def camera_source(device: str) -> int | str:
    """``"0"`` → index 0; anything else (``/dev/video2``, a URL) is passed as it is."""
    return int(device) if device.strip().isdigit() else device.strip()


class OpenCvCamera:
    """A webcam opened with OpenCV at 1280x720, leaving exposure and focus on automatic."""

    def __init__(self, device: str) -> None:
        self.name = device
        self._source = camera_source(device)
        self._capture: Any = None

    def open(self) -> None:
        """Open the device; raise :class:`CameraUnavailableError` with a Vietnamese message."""
        source = self._source
        if isinstance(source, str) and source.startswith("/dev/") and not Path(source).exists():
            raise CameraUnavailableError(CAMERA_NOT_FOUND, detail=f"{self._source} missing")
        try:
            import cv2
        except ImportError as exc:
            raise CameraUnavailableError(CAMERA_NOT_FOUND, detail=f"OpenCV: {exc}") from exc
        capture = cv2.VideoCapture(self._source)
        if not capture.isOpened():
            capture.release()
            raise CameraUnavailableError(CAMERA_NOT_FOUND, detail=f"cannot open {self.name}")
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, FRAME_WIDTH)
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, FRAME_HEIGHT)
        capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)  # the newest frame, not a stale queue
        capture.set(cv2.CAP_PROP_AUTOFOCUS, 1)
        capture.set(cv2.CAP_PROP_AUTO_EXPOSURE, 3)  # V4L2 "aperture priority": automatic
        self._capture = capture
        log.info("camera %s opened", self.name)

    def read(self) -> np.ndarray | None:
        """The next frame, or ``None`` if the device stopped answering."""
        if self._capture is None:
            return None
        ok, frame = self._capture.read()
        return frame if ok and frame is not None else None

    def close(self) -> None:
        """Release the device."""
        if self._capture is not None:
            self._capture.release()
            self._capture = None
