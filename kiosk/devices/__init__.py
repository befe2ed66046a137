"""Hardware and native libraries behind small interfaces; no Qt here.

QR decoding: :mod:`.qr_decoders` (one interface, zxing-cpp / zbar / OpenCV behind it, each
imported lazily), :mod:`.qr_cascade` (the retries, chosen by measurement) and
:mod:`.images` (image files and camera frames to greyscale).
"""

from __future__ import annotations

from .images import ImageFileError, load_image, to_gray
from .qr_cascade import Effort, QrCascade, QrRead
from .qr_decoders import (
    DEFAULT_DECODERS,
    KNOWN_DECODERS,
    DecoderStatus,
    DecoderUnavailableError,
    QrDecoder,
    ScannerUnavailableError,
    available_decoders,
    create_decoder,
    load_decoders,
)

__all__ = [
    "DEFAULT_DECODERS",
    "KNOWN_DECODERS",
    "DecoderStatus",
    "DecoderUnavailableError",
    "Effort",
    "ImageFileError",
    "QrCascade",
    "QrDecoder",
    "QrRead",
    "ScannerUnavailableError",
    "available_decoders",
    "create_decoder",
    "load_decoders",
    "load_image",
    "to_gray",
]
