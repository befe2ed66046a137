"""Hardware and native libraries behind small interfaces; no Qt here, no settings.

QR decoding: :mod:`.qr_decoders` (one interface, zxing-cpp / zbar / OpenCV behind it, each
imported lazily), :mod:`.qr_cascade` (the retries, chosen by measurement) and
:mod:`.images` (image files and camera frames to greyscale). Capture: :mod:`.camera`,
:mod:`.serial_scanner`. Output: :mod:`.printers` (one interface, one file per route: CUPS,
Qt print support, ESC/POS) and :mod:`.speech` (espeak-ng).

A device takes plain values (a queue name, a target, a rate); :mod:`kiosk.app` reads the
settings and builds the printer and the speaker.

The QR names below are loaded on first use (PEP 562): the settings check ``printing.device``
with :mod:`.printers.targets`, and that must not load numpy and the decoders on the way.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_HOMES = {
    "ImageFileError": "images",
    "load_image": "images",
    "to_gray": "images",
    "Effort": "qr_cascade",
    "QrCascade": "qr_cascade",
    "QrRead": "qr_cascade",
    "DEFAULT_DECODERS": "qr_decoders",
    "KNOWN_DECODERS": "qr_decoders",
    "DecoderStatus": "qr_decoders",
    "DecoderUnavailableError": "qr_decoders",
    "QrDecoder": "qr_decoders",
    "ScannerUnavailableError": "qr_decoders",
    "available_decoders": "qr_decoders",
    "create_decoder": "qr_decoders",
    "load_decoders": "qr_decoders",
}

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


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # once loaded, a plain module attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
