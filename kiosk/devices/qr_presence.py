"""The camera's cheap first look at a frame: a code read at once, a code to work on, or nothing.

Most camera frames hold no code (nobody at the counter, a hand, the back of a card), and
the full cascade spends 10 ms or more on each of them. :class:`LiveReader` looks first at
the cost of one zxing-cpp read and runs the cascade only on evidence that a code is there:

- zxing-cpp, the frame as it is (local-average binarizer): a code read here is the answer;
  a symbol it located but could not decode (``return_errors``) is evidence;
- zxing-cpp with the fixed-threshold binarizer (under a millisecond), for blurred and
  low-contrast codes: read, or located, the same way;
- a patch of code texture (:func:`code_texture`), for the small codes (under 2.2 px a
  module) that no binarizer locates and for inverted ones (the looks above skip inversion,
  which doubles their cost): each of the densest two patches is upscaled and read by
  zxing-cpp, inverted codes too. A code read there is the answer; a symbol located there is
  evidence. Text, keyboards and fingerprints make such patches too, and this read turns
  nearly all of them away for about a millisecond, where the cascade would spend ten.

The numbers are in bench/CAMERA.md: an empty frame costs about 1.2x one zxing-cpp read,
the cascade alone 5x; on the bench/qr corpus the live path reads as many codes as the
cascade alone (405 against 406; 196 and 196 on a held-out seed), more on a busy machine. A frame
with a code it lets pass costs the camera 33 ms, not the card: the next frame gets its own
look. Files (``Effort.THOROUGH``) and machines without zxing-cpp get the whole cascade.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from .images import to_gray
from .qr_cascade import Accept, Effort, QrCascade, QrRead
from .qr_decoders import ZXING, GrayImage

CELL = 8  # texture grid cell, pixels
EDGE_FLOOR = 12  # a gradient below this is never an edge (sensor noise)
MIN_DENSITY = 0.36  # mean share of edge pixels over the patch
MIN_FILL = 0.6  # share of its rotated bounding box the patch covers
MAX_ASPECT = 1.8  # a tilted square stays under this; text lines and pens do not
MIN_CELLS = 25  # 40x40 px: an ID card's code at 1.1 px a module
DOWNSCALE_ABOVE = 1600  # as ZxingDecoder: zxing-cpp's own downscaling only on large frames
MAX_PATCHES = 2  # code-like patches checked a frame, most come first
PATCH_PX = 300  # a patch is upscaled until its longer side is about this
GLANCE = "glance"  # QrRead.step of a code read by the first look in the frame…
PATCH = "glance-patch"  # … and in a code-like patch
Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels of the frame


@dataclass(frozen=True)
class Glance:
    """What the first look found: payloads read, or whether a code seems to be there."""

    payloads: tuple[bytes, ...] = ()
    evidence: str = ""  # "located" (the frame), "patch" (a code-like patch), "" (nothing)
    attempts: int = 0
    step: str = GLANCE  # where the payloads were read: the frame, or a patch


def code_texture(gray: GrayImage) -> list[Box]:
    """The square-ish patches of dense black/white edges in ``gray``, densest first (~1 ms).

    A cheaper, stricter cousin of :func:`~kiosk.devices.qr_regions.find_code_regions`: a
    one-pass gradient, Otsu's level and the density from samples of it; a stricter fill.
    """
    cv2 = _cv2()
    height, width = gray.shape
    if min(height, width) < CELL * 6:
        return []
    kernel = np.ones((3, 3), np.uint8)
    # The diagonal neighbour's difference sees vertical and horizontal edges in one pass;
    # every other row and column of it is enough for the density of 8 px cells.
    step = CELL // 2
    rows, cols = (height - 1) // CELL * step, (width - 1) // CELL * step
    gradient = cv2.absdiff(gray[1:, 1:], gray[:-1, :-1])
    sample = np.ascontiguousarray(gradient[: rows * 2 : 2, : cols * 2 : 2])
    level, _ = cv2.threshold(
        np.ascontiguousarray(sample[::2, ::2]), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU
    )
    _, edges = cv2.threshold(sample, max(level, EDGE_FLOOR), 255, cv2.THRESH_BINARY)
    density = cv2.resize(edges, (cols // step, rows // step), interpolation=cv2.INTER_AREA)
    mask = (density > 255 * 0.3).astype(np.uint8)
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, kernel)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    patches = [patch for contour in contours if (patch := _code_like(cv2, contour, density))]
    return [box for _, box in sorted(patches, reverse=True)]


def _code_like(cv2: Any, contour: Any, density: Any) -> tuple[float, Box] | None:
    """The patch's density and box (frame pixels), if it is dense, square and full enough."""
    area = float(cv2.contourArea(contour))
    if area < MIN_CELLS:
        return None
    _, (w, h), _ = cv2.minAreaRect(contour)
    if min(w, h) == 0 or max(w, h) / min(w, h) > MAX_ASPECT or area / (w * h) < MIN_FILL:
        return None
    x, y, bw, bh = cv2.boundingRect(contour)
    score = float(density[y : y + bh, x : x + bw].mean()) / 255
    if score < MIN_DENSITY:
        return None
    return score, (x * CELL, y * CELL, (x + bw) * CELL, (y + bh) * CELL)


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
        accept: Accept | None = None,
    ) -> QrRead:
        """Read ``image``: the first look, then the cascade only if a code seems present.

        ``accept`` is the cascade's: a code the look reads but ``accept`` refuses is
        evidence, and the answer only if the cascade reads no code it accepts.
        """
        if effort is not Effort.FAST or self._zxing is None:
            return self.cascade.read(image, effort=effort, deadline_ms=deadline_ms, accept=accept)
        start = self._clock()
        gray = to_gray(image)
        glance = self.glance(gray)
        elapsed = (self._clock() - start) * 1000.0
        if glance.payloads and (accept is None or any(map(accept, glance.payloads))):
            return QrRead(glance.payloads, ZXING, glance.step, elapsed, glance.attempts)
        if not glance.payloads and not glance.evidence:
            return QrRead((), elapsed_ms=elapsed, attempts=glance.attempts)
        # The cascade's own deadline, not what the look left of it: on a busy machine the
        # look must not cost the cascade a step it would have reached.
        read = self.cascade.read(gray, effort=effort, deadline_ms=deadline_ms, accept=accept)
        if glance.payloads and not (accept and any(map(accept, read.payloads))):
            read = replace(read, payloads=glance.payloads, decoder=ZXING, step=glance.step)
        return replace(
            read,
            elapsed_ms=elapsed + read.elapsed_ms,
            attempts=glance.attempts + read.attempts,
        )

    def glance(self, gray: GrayImage) -> Glance:
        """The first look at a greyscale frame (see the module's docstring)."""
        assert self._zxing is not None
        image = np.ascontiguousarray(gray)
        downscale = max(gray.shape) > DOWNSCALE_ABOVE
        located = False
        attempts = 0
        for binarizer in ("LocalAverage", "FixedThreshold"):
            attempts += 1
            payloads, found = self._zxing_read(image, binarizer, try_downscale=downscale)
            if payloads:
                return Glance(payloads, attempts=attempts)
            located = located or found
        if located:
            return Glance(evidence="located", attempts=attempts)
        for box in code_texture(image)[:MAX_PATCHES]:
            attempts += 1
            payloads, found = self._zxing_read(_patch(image, box), "LocalAverage", try_invert=True)
            if payloads:
                return Glance(payloads, step=PATCH, attempts=attempts)
            if found:
                return Glance(evidence="patch", attempts=attempts)
        return Glance(attempts=attempts)

    def _zxing_read(
        self, image: GrayImage, binarizer: str, **options: bool
    ) -> tuple[tuple[bytes, ...], bool]:
        """The payloads zxing-cpp reads in ``image``, and whether it located any symbol."""
        assert self._zxing is not None
        zxing, defaults = self._zxing
        results = zxing.read_barcodes(
            image, binarizer=getattr(zxing.Binarizer, binarizer), **{**defaults, **options}
        )
        payloads = tuple(dict.fromkeys(bytes(r.bytes) for r in results if r.valid and r.bytes))
        return payloads, bool(results)


def _patch(gray: GrayImage, box: Box) -> GrayImage:
    """The patch with a margin, upscaled towards :data:`PATCH_PX` and lightly sharpened."""
    cv2 = _cv2()
    x0, y0, x1, y1 = box
    side = max(x1 - x0, y1 - y0)
    pad = side // 4
    crop = gray[max(0, y0 - pad) : y1 + pad, max(0, x0 - pad) : x1 + pad]
    factor = min(4.0, max(1.0, PATCH_PX / side))
    up = cv2.resize(crop, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
    blurred = cv2.GaussianBlur(up, (0, 0), max(factor * 0.5, 1.0))
    return np.asarray(cv2.addWeighted(up, 2.0, blurred, -1.0, 0), np.uint8)


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
