"""Fakes of hardware edges, in one place. The logic under test is always the real one."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import cv2
import numpy as np

from kiosk.devices.camera import CAMERA_NOT_FOUND, CameraUnavailableError, FrameSource
from kiosk.devices.printers import DocumentFormat, PrintDocument, Printer, PrinterUnavailableError


class ImageFileCamera:
    """A camera that plays image files in a loop, as BGR frames like OpenCV's.

    ``unplug_after`` frames into the first session it stops delivering (``read`` → None),
    and refuses ``open`` ``stay_unplugged`` times before it "is plugged back in".
    ``fail_first_opens`` makes the first opens fail, like a camera busy in another app.
    """

    def __init__(
        self,
        images: Sequence[Path],
        *,
        unplug_after: int | None = None,
        stay_unplugged: int = 0,
        fail_first_opens: int = 0,
    ) -> None:
        self.name = "fake:" + ",".join(p.name for p in images)
        self._frames = [self._load(p) for p in images]
        self._unplug_after = unplug_after
        self._stay_unplugged = stay_unplugged
        self._failing_opens = fail_first_opens
        self._served = 0
        self.opens = 0
        self.is_open = False

    @staticmethod
    def _load(path: Path) -> np.ndarray:
        frame = cv2.imread(str(path), cv2.IMREAD_COLOR)
        assert frame is not None, path
        return frame

    def open(self) -> None:
        """Open, unless the fake is set to fail this time."""
        self.opens += 1
        if self._failing_opens > 0:
            self._failing_opens -= 1
            raise CameraUnavailableError(CAMERA_NOT_FOUND, detail="fake camera busy")
        self.is_open = True

    def read(self) -> np.ndarray | None:
        """The next image, or ``None`` once unplugged."""
        if not self.is_open:
            return None
        if self._unplug_after is not None and self._served >= self._unplug_after:
            self._unplug_after = None
            self._failing_opens = self._stay_unplugged
            return None
        frame = self._frames[self._served % len(self._frames)]
        self._served += 1
        return frame.copy()

    def close(self) -> None:
        """Close (idempotent)."""
        self.is_open = False


class FolderPrinter:
    """A printer that "prints" each document into a folder, or is switched off.

    While ``on`` is false it raises :class:`PrinterUnavailableError` like an unplugged
    printer, so the real queue keeps the job and retries.
    """

    def __init__(self, folder: Path, formats: tuple[DocumentFormat, ...] = ("pdf",)) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.on = True
        self._formats = formats

    @property
    def name(self) -> str:
        """Its name."""
        return "folder"

    @property
    def formats(self) -> tuple[DocumentFormat, ...]:
        """What it prints."""
        return self._formats

    def print_document(self, document: PrintDocument) -> None:
        """Write the document as ``<title>-<n>.<format>``, or refuse while off."""
        if not self.on:
            raise PrinterUnavailableError("Máy in đang tắt.", detail="fake printer off")
        count = len(self.printed())
        target = self.folder / f"{document.title}-{count}.{document.format}"
        partial = target.with_name(f".{target.name}.part")
        partial.write_bytes(document.data)
        partial.replace(target)  # whole or absent: the test thread reads while this one prints

    def printed(self) -> list[Path]:
        """Files printed so far (whole ones), oldest first."""
        done = [p for p in self.folder.iterdir() if not p.name.startswith(".")]
        return sorted(done, key=lambda p: p.stat().st_mtime_ns)


if TYPE_CHECKING:  # mypy checks that the fakes satisfy the real interfaces
    _camera: FrameSource = ImageFileCamera([])
    _printer: Printer = FolderPrinter(Path())
