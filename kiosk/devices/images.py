"""Image files and camera frames to 8-bit greyscale arrays for the QR decoders.

Files are read as bytes and decoded with ``cv2.imdecode``: ``cv2.imread`` cannot open a
path with Vietnamese letters on Windows. EXIF orientation is applied (phone photos).
"""

from __future__ import annotations

import stat
from pathlib import Path

import numpy as np

from kiosk.errors import QT_TRANSLATE_NOOP, InputError

from .qr_decoders import SCANNER_UNAVAILABLE, GrayImage, ScannerUnavailableError

MAX_FILE_BYTES = 100 * 1024 * 1024  # no photo of a card comes near this

NOT_AN_IMAGE = QT_TRANSLATE_NOOP(
    "devices", "Tệp {name} không phải ảnh, hoặc là ảnh hỏng hay định dạng không hỗ trợ."
)
NOT_A_FILE = QT_TRANSLATE_NOOP("devices", "{name} không phải tệp ảnh.")
TOO_LARGE = QT_TRANSLATE_NOOP("devices", "Tệp {name} quá lớn để là ảnh chụp thẻ.")
NO_SUCH_FILE = QT_TRANSLATE_NOOP("devices", "Không tìm thấy tệp {name}.")
A_FOLDER = QT_TRANSLATE_NOOP("devices", "{name} là thư mục, không phải tệp ảnh.")
UNREADABLE = QT_TRANSLATE_NOOP("devices", "Không đọc được tệp {name}.")


class ImageFileError(InputError):
    """A file that cannot be read as an image: missing, unreadable or not an image."""

    exit_code = 1


def load_image(path: Path) -> GrayImage:
    """The image file at ``path`` as greyscale; :class:`ImageFileError` says why not."""
    data = _read_bytes(path)
    try:
        import cv2
    except ImportError as exc:
        raise ScannerUnavailableError(
            SCANNER_UNAVAILABLE, detail=f"OpenCV cannot be imported: {exc}"
        ) from exc
    image = None
    if data:
        try:
            image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
        except cv2.error:  # a truncated or hostile file can make a codec raise
            image = None
    if image is None or image.size == 0:
        raise ImageFileError(
            NOT_AN_IMAGE.format(name=path.name),
            detail=f"{path}: not a decodable image ({len(data)} bytes)",
        )
    return np.asarray(image, np.uint8)


def _read_bytes(path: Path) -> bytes:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(info.st_mode):  # /dev/zero, a FIFO: reading would never end
            raise ImageFileError(
                NOT_A_FILE.format(name=str(path)),
                detail=f"{path}: not a regular file",
            )
        if info.st_size > MAX_FILE_BYTES:
            raise ImageFileError(
                TOO_LARGE.format(name=path.name),
                detail=f"{path}: larger than {MAX_FILE_BYTES} bytes",
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise ImageFileError(
            NO_SUCH_FILE.format(name=str(path)),
            detail=f"{path}: no such file",
        ) from None
    except IsADirectoryError:
        raise ImageFileError(
            A_FOLDER.format(name=str(path)),
            detail=f"{path}: is a directory",
        ) from None
    except OSError as exc:
        raise ImageFileError(
            UNREADABLE.format(name=str(path)),
            detail=f"{path}: {exc}",
        ) from None


def to_gray(image: np.ndarray) -> GrayImage:
    """A camera frame (BGR, BGRA or already greyscale, any 8-bit layout) as 2-D uint8."""
    if image.dtype != np.uint8:
        raise ValueError(f"expected an 8-bit image, got {image.dtype}")
    if image.ndim == 2:
        return image
    if image.ndim == 3 and image.shape[2] == 1:
        return image[:, :, 0]
    if image.ndim != 3 or image.shape[2] not in (3, 4):
        raise ValueError(f"expected a greyscale, BGR or BGRA image, got shape {image.shape}")
    try:
        import cv2
    except ImportError:  # the same weights as OpenCV's BGR2GRAY, without OpenCV
        weights = np.array([0.114, 0.587, 0.299], np.float32)
        return (image[:, :, :3] @ weights + 0.5).astype(np.uint8)
    code = cv2.COLOR_BGR2GRAY if image.shape[2] == 3 else cv2.COLOR_BGRA2GRAY
    return np.asarray(cv2.cvtColor(image, code), np.uint8)
