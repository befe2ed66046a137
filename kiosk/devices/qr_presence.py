"""The camera's cheap first look at a frame: a code read at once, a code to work on, or nothing.

Most camera frames hold no code (nobody at the counter, a hand, the back of a card), and
the full cascade spends 10 ms or more on each of them. :class:`LiveReader` looks first at
the cost of one zxing-cpp read and runs the cascade only on evidence that a code is there:

- zxing-cpp, the frame as it is (local-average binarizer): a code read here is the answer;
  a symbol it located but could not decode (``return_errors``) is evidence;
- zxing-cpp with the fixed-threshold binarizer (under a millisecond), for blurred and
  low-contrast codes: read, or located, the same way;
- a patch of code texture (:func:`code_texture`): the small codes (under 2.2 px a module)
  that no binarizer locates, and inverted ones, since both first looks skip inversion.

On the synthetic corpus (bench/CAMERA.md) this evidence was present on all but 2 of the 407
frames the cascade reads, and on 4 of 105 frames without a QR code. A frame it lets pass
unread costs the camera 33 ms, not the card: the next frame gets its own look. Files
(``Effort.THOROUGH``) and machines without zxing-cpp skip the look and get the whole cascade.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .images import to_gray
from .qr_cascade import DEADLINE_MS, Effort, QrCascade, QrRead
from .qr_decoders import ZXING, GrayImage

CELL = 8  # texture grid cell, pixels
EDGE_FLOOR = 12  # a gradient below this is never an edge (sensor noise)
MIN_DENSITY = 0.36  # mean share of edge pixels over the patch
MIN_FILL = 0.6  # share of its rotated bounding box the patch covers
MAX_ASPECT = 1.8  # a tilted square stays under this; text lines and pens do not
MIN_CELLS = 25  # 40x40 px: an ID card's code at 1.1 px a module
DOWNSCALE_ABOVE = 1600  # as ZxingDecoder: zxing-cpp's own downscaling only on large frames
GLANCE = "glance"  # QrRead.step of a code read by the first look


@dataclass(frozen=True)
class Glance:
    """What the first look found: payloads read, or whether a code seems to be there."""

    payloads: tuple[bytes, ...] = ()
    evidence: str = ""  # "located", "texture", or "" for an empty frame
    attempts: int = 0


def code_texture(gray: GrayImage) -> list[tuple[int, int, int, int]]:
    """Whether ``gray`` holds a square-ish patch of dense black/white edges (about 1 ms).

    A cheaper, stricter cousin of :func:`~kiosk.devices.qr_regions.find_code_regions`: a
    one-pass gradient, Otsu's level and the density from samples of it, a yes/no answer
    instead of ranked regions; the stricter fill keeps text, keyboards and fingerprints out.
    """
    cv2 = _cv2()
    height, width = gray.shape
    if min(height, width) < CELL * 6:
        return []
    kernel = np.ones((3, 3), np.uint8)
    # The diagonal neighbour's difference sees vertical and horizontal edges in one pass.
    gradient = cv2.absdiff(gray[1:, 1:], gray[:-1, :-1])
    level, _ = cv2.threshold(
        np.ascontiguousarray(gradient[::4, ::4]), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU
    )
    _, edges = cv2.threshold(gradient, max(level, EDGE_FLOOR), 255, cv2.THRESH_BINARY)
    # The edge density of each cell, from every other row and column (a quarter of the cost).
    step = CELL // 2
    rows, cols = (height - 1) // CELL * step, (width - 1) // CELL * step
    sample = np.ascontiguousarray(edges[: rows * 2 : 2, : cols * 2 : 2])
    density = cv2.resize(sample, (cols // step, rows // step), interpolation=cv2.INTER_AREA)
    mask = (density > 255 * 0.3).astype(np.uint8)
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, kernel)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    return [box for contour in contours if (box := _code_like(cv2, contour, density))]


def _code_like(cv2: Any, contour: Any, density: Any) -> tuple[int, int, int, int] | None:
    area = float(cv2.contourArea(contour))
    if area < MIN_CELLS:
        return None
    _, (w, h), _ = cv2.minAreaRect(contour)
    if min(w, h) == 0 or max(w, h) / min(w, h) > MAX_ASPECT or area / (w * h) < MIN_FILL:
        return None
    x, y, bw, bh = cv2.boundingRect(contour)
    if float(density[y : y + bh, x : x + bw].mean()) < 255 * MIN_DENSITY:
        return None
    return x * CELL, y * CELL, (x + bw) * CELL, (y + bh) * CELL


def _cv2() -> Any:
    import cv2

    return cv2


class LiveReader:
    """A :class:`QrCascade` behind the first look, for camera frames (``Effort.FAST``).

    Keeps no state between frames; like the cascade, one per worker thread.
    """

    def __init__(
        self, cascade: QrCascade, *, clock: Callable[[], float] = time.perf_counter
    ) -> None:
        self.cascade = cascade
        self._clock = clock
        self._zxing = _load_zxing() if any(d.name == ZXING for d in cascade.decoders) else None

    def read(
        self,
        image: np.ndarray,
        *,
        effort: Effort = Effort.FAST,
        deadline_ms: float | None = None,
    ) -> QrRead:
        """Read ``image``: the first look, then the cascade only if a code seems present."""
        if effort is not Effort.FAST or self._zxing is None:
            return self.cascade.read(image, effort=effort, deadline_ms=deadline_ms)
        start = self._clock()
        gray = to_gray(image)
        glance = self.glance(gray)
        elapsed = (self._clock() - start) * 1000.0
        if glance.payloads:
            return QrRead(glance.payloads, ZXING, GLANCE, elapsed, glance.attempts)
        if not glance.evidence:
            return QrRead((), elapsed_ms=elapsed, attempts=glance.attempts)
        budget = DEADLINE_MS[effort] if deadline_ms is None else deadline_ms
        left = None if budget is None else max(budget - elapsed, 0.0)
        read = self.cascade.read(gray, effort=effort, deadline_ms=left)
        return QrRead(
            read.payloads,
            read.decoder,
            read.step,
            elapsed + read.elapsed_ms,
            glance.attempts + read.attempts,
            read.timed_out,
        )

    def glance(self, gray: GrayImage) -> Glance:
        """The first look at a greyscale frame (see the module's docstring)."""
        assert self._zxing is not None
        zxing, options = self._zxing
        options = {**options, "try_downscale": max(gray.shape) > DOWNSCALE_ABOVE}
        image = np.ascontiguousarray(gray)
        located = False
        attempts = 0
        for binarizer in (zxing.Binarizer.LocalAverage, zxing.Binarizer.FixedThreshold):
            attempts += 1
            results = zxing.read_barcodes(image, binarizer=binarizer, **options)
            payloads = tuple(dict.fromkeys(bytes(r.bytes) for r in results if r.valid and r.bytes))
            if payloads:
                return Glance(payloads, attempts=attempts)
            located = located or bool(results)
        if located:
            return Glance(evidence="located", attempts=attempts)
        return Glance(evidence="texture" if code_texture(image) else "", attempts=attempts)


def _load_zxing() -> tuple[Any, dict[str, Any]] | None:
    try:
        import zxingcpp
    except ImportError:
        return None
    options = {
        "formats": zxingcpp.BarcodeFormat.QRCode,
        "try_rotate": False,
        "try_invert": False,  # inverted codes show as texture; inverting doubles the cost
        "text_mode": zxingcpp.TextMode.Plain,
        "return_errors": True,  # a located symbol that fails to decode is evidence
    }
    return zxingcpp, options
