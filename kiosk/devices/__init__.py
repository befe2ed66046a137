"""Hardware and native libraries behind small interfaces; no Qt here, no settings.

QR decoding: :mod:`.qr_decoders` (one interface, zxing-cpp / zbar / OpenCV behind it, each
imported lazily), :mod:`.qr_cascade` (the retries, chosen by measurement) and
:mod:`.images` (image files and camera frames to greyscale). Capture: :mod:`.camera`,
:mod:`.serial_scanner`. Output: :mod:`.printers` (one interface, one file per route: CUPS,
Qt print support, ESC/POS) and :mod:`.speech` (espeak-ng).

A device takes plain values (a queue name, a target, a rate); :mod:`kiosk.app` reads the
settings and builds the printer and the speaker.
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
