"""Decoding DG2's face image when the GUI's own decoders cannot (JPEG 2000).

Qt reads JPEG but, as shipped in PySide6 wheels, not JPEG 2000 (no ``jp2`` among
``QImageReader.supportedImageFormats()``); Pillow built with OpenJPEG does, and so does
OpenCV. The image is decoded in memory for the volunteer's eyes and never written anywhere.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True, repr=False)
class Pixels:
    """A decoded image: 8-bit RGB rows, no padding."""

    width: int
    height: int
    rgb: bytes


def decode_face(data: bytes) -> Pixels | None:
    """``data`` (JPEG 2000 or JPEG) as RGB pixels through Pillow, else OpenCV; ``None``
    when neither decodes it (the confirm screen then says the photo cannot be shown)."""
    try:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as image:
            rgb = image.convert("RGB")
            return Pixels(rgb.width, rgb.height, rgb.tobytes())
    except Exception as exc:  # any decoder failure: try the next one
        log.info("Pillow cannot decode the chip's face image: %s", exc)
    try:
        import cv2
        import numpy as np

        bgr = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), cv2.IMREAD_COLOR)
    except Exception as exc:
        log.info("OpenCV cannot decode the chip's face image: %s", exc)
        return None
    if bgr is None:
        log.warning("no decoder here reads the chip's face image (%d bytes)", len(data))
        return None
    pixels = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
    return Pixels(int(pixels.shape[1]), int(pixels.shape[0]), pixels.tobytes())
