"""Webcam capture path end to end with a camera that plays image files (pytest-qt)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import cv2
import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from kiosk.services.identity import CitizenIdentity
from kiosk.services.identity.consensus import Consensus
from kiosk.services.identity.scanning import build_scanner
from kiosk.ui.scan_worker import ScanController, ScanWorker, frame_to_qimage
from kiosk.ui.widgets.camera_preview import CameraPreview
from tests.fakes import ImageFileCamera

DATA = Path(__file__).parent / "data" / "qr"
CARD, MIRRORED, VIETQR = DATA / "card-ok.jpg", DATA / "card-mirrored.jpg", DATA / "vietqr.jpg"


def expected_id(image: Path) -> str:
    return image.with_suffix(".txt").read_text(encoding="utf-8").split("|")[0]


@pytest.fixture
def start_worker(qtbot: QtBot) -> Iterator:  # type: ignore[type-arg]
    controllers: list[ScanController] = []

    def start(camera: ImageFileCamera) -> ScanController:
        worker = ScanWorker(camera, build_scanner(), reconnect_seconds=0.05)
        controller = ScanController(worker)
        controllers.append(controller)
        controller.start()
        return controller

    yield start
    for controller in controllers:
        assert controller.stop(), "the scan thread did not stop"


def test_consensus_needs_two_equal_reads_in_a_row() -> None:
    consensus = Consensus(2)
    assert consensus.offer(b"A") is None
    assert consensus.offer(b"B") is None
    assert consensus.offer(None) is None  # a frame without a code does not break the streak
    assert consensus.offer(b"B") == b"B"
    assert consensus.offer(b"B") is None  # the same card is accepted once
    consensus.reset()
    assert [consensus.offer(b"B"), consensus.offer(b"B")] == [None, b"B"]


@pytest.mark.parametrize("image", [CARD, MIRRORED], ids=["card", "mirrored"])
def test_card_in_front_of_the_camera_is_read(start_worker, qtbot: QtBot, image: Path) -> None:  # type: ignore[no-untyped-def]
    worker = start_worker(ImageFileCamera([image]))
    with qtbot.waitSignal(worker.identity_read, timeout=10_000) as blocker:
        pass
    identity = blocker.args[0]
    assert isinstance(identity, CitizenIdentity)
    assert identity.id_number == expected_id(image)


def test_a_bank_qr_is_rejected_with_a_message(start_worker, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    worker = start_worker(ImageFileCamera([VIETQR]))
    with qtbot.waitSignal(worker.scan_rejected, timeout=10_000) as blocker:
        pass
    assert "ngân hàng" in blocker.args[0] or "thanh toán" in blocker.args[0]


def test_unplugged_camera_is_reported_and_reconnected(start_worker, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    camera = ImageFileCamera([CARD], unplug_after=1, stay_unplugged=2)
    worker = start_worker(camera)
    statuses: list[tuple[bool, str]] = []
    worker.camera_status.connect(lambda ok, message: statuses.append((ok, message)))
    with qtbot.waitSignal(worker.identity_read, timeout=15_000):
        pass
    lost = [message for ok, message in statuses if not ok]
    assert any("Mất tín hiệu camera" in m for m in lost)
    assert any("Không mở được camera" in m for m in lost)
    assert statuses[-1][0] is True
    assert camera.opens >= 4


def test_busy_camera_at_start_then_frames_reach_the_preview(start_worker, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    preview = CameraPreview()
    qtbot.addWidget(preview)
    worker = start_worker(ImageFileCamera([CARD], fail_first_opens=2))
    worker.frame_ready.connect(preview.show_frame)
    worker.camera_status.connect(preview.set_camera_status)
    worker.identity_read.connect(preview.confirm)
    with qtbot.waitSignal(worker.frame_ready, timeout=10_000) as blocker:
        pass
    image, card = blocker.args[0], cv2.imread(str(CARD))
    assert card is not None
    assert isinstance(image, QImage) and image.width() == card.shape[1]
    qtbot.waitUntil(lambda: not preview._image.isNull(), timeout=5_000)


def test_frame_to_qimage_copies_the_buffer() -> None:
    import numpy as np

    frame = np.zeros((4, 6, 3), dtype=np.uint8)
    image = frame_to_qimage(frame)
    frame[:] = 255
    assert image.pixelColor(0, 0).red() == 0 and image.width() == 6
